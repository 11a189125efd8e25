/**
 * The wire between the main process and the backend host (a `utilityProcess`): both ends of a
 * MessagePort. The main side sends `{id, method, token, input}`; the host answers
 * `{id, result}` and pushes `{event}`. Pure (no Electron at run time) so both ends are tested
 * with an in-memory port pair.
 */
import { z } from 'zod';
import { METHOD_NAMES, type MethodName, type ServerEvent, type Transport } from '../../shared/api/contract';
import { ERROR_CODES, err, type Result } from '../../shared/result';

/**
 * What the host serves: the backend's `call` and `onEvent`, restated here so this file (loaded by
 * the main process too) does not depend on the backend; `backend-host.ts` passes the real one.
 */
interface ServedBackend {
  call(method: MethodName, token: string | null, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (e: ServerEvent) => void): () => void;
}

/** The part of Electron's `MessagePortMain` both ends use. */
export interface PortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** First message main -> host over `parentPort`, carrying the MessagePort as a transfer. */
const HostInit = z
  .object({
    type: z.literal('init'),
    dataDir: z.string().min(1),
    resourcesDir: z.string().min(1),
    appVersion: z.string().min(1),
    /** 'main': the main process seals secrets for the host (secret-wire.ts); absent: a 0600 file. */
    sealing: z.literal('main').optional(),
  })
  .strict();
export type HostInit = z.infer<typeof HostInit>;

/** Parses the host's start message; null when it is not one. */
export function parseHostInit(data: unknown): HostInit | null {
  const r = HostInit.safeParse(data);
  return r.success ? r.data : null;
}

/** Asks the host to close the database and exit. */
export const SHUTDOWN_MESSAGE = { type: 'shutdown' } as const;

const MethodNameSchema = z.enum(METHOD_NAMES);
const HostRequest = z
  .object({ id: z.number().int().positive(), method: MethodNameSchema, token: z.string().nullable(), input: z.unknown() })
  .strict();
const ResultShape = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() }) }),
]);
const HostReply = z.object({ id: z.number().int().positive(), result: ResultShape }).strict();
const ServerEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('cases.changed'), caseIds: z.array(z.string()) }),
  z.object({ type: z.literal('session.expired') }),
  z.object({
    type: z.literal('notice'),
    level: z.enum(['info', 'warning']),
    message: z.string(),
    caseId: z.string().nullable(),
  }),
]);
const HostEvent = z.object({ event: ServerEventSchema }).strict();

function isShutdown(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'type' in data && data.type === SHUTDOWN_MESSAGE.type;
}

function post(port: PortLike, id: number, result: Result<unknown>): void {
  try {
    port.postMessage({ id, result });
  } catch (e) {
    // A value the structured clone cannot copy must still answer the call, or the UI waits forever.
    port.postMessage({ id, result: err('INTERNAL', `Jawaban tidak dapat dikirim: ${e instanceof Error ? e.message : String(e)}`) });
  }
}

/**
 * Host side: answers calls arriving on `port` with `backend.call`, pushes backend events, and
 * runs `onShutdown` when main asks. Returns a function that stops the event relay.
 */
export function serveBackend(port: PortLike, backend: ServedBackend, onShutdown: () => void): () => void {
  const stopEvents = backend.onEvent((event) => port.postMessage({ event }));
  port.on('message', ({ data }) => {
    if (isShutdown(data)) {
      stopEvents();
      onShutdown();
      return;
    }
    const req = HostRequest.safeParse(data);
    if (!req.success) {
      // Only main writes to this port, so this is a bug; answer it if it can be answered.
      const id = typeof data === 'object' && data !== null && 'id' in data && typeof data.id === 'number' ? data.id : null;
      if (id !== null) post(port, id, err('VALIDATION', 'Pesan ke proses data tidak valid.'));
      return;
    }
    const { id, method, token, input } = req.data;
    backend.call(method, token, input).then(
      (result) => post(port, id, result),
      (e: unknown) => post(port, id, err('INTERNAL', `Kesalahan internal: ${e instanceof Error ? e.message : String(e)}`)),
    );
  });
  return stopEvents;
}

/** Main side of the wire. */
export interface HostClient {
  /** Sends one call; always resolves to a Result (an error Result when the host is gone). */
  call: Transport;
  /** Subscribes to backend events; returns the unsubscribe function. */
  onEvent(listener: (event: ServerEvent) => void): () => void;
  /** Answers every pending and future call with `message` (the host exited). */
  fail(message: string): void;
  /** Number of calls still waiting for an answer. */
  pendingCount(): number;
}

/** Main side: correlates answers to calls by id and fans events out to listeners. */
export function createHostClient(port: PortLike): HostClient {
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(event: ServerEvent) => void>();
  let nextId = 1;
  let failure: string | null = null;

  port.on('message', ({ data }) => {
    const reply = HostReply.safeParse(data);
    if (reply.success) {
      const resolve = pending.get(reply.data.id);
      pending.delete(reply.data.id);
      resolve?.(reply.data.result);
      return;
    }
    const pushed = HostEvent.safeParse(data);
    if (pushed.success) for (const l of listeners) l(pushed.data.event);
  });

  return {
    call(method: MethodName, token: string | null, input: unknown): Promise<Result<unknown>> {
      if (failure !== null) return Promise.resolve(err('INTERNAL', failure));
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        try {
          port.postMessage({ id, method, token, input });
        } catch (e) {
          pending.delete(id);
          resolve(err('INTERNAL', `Kesalahan internal: ${e instanceof Error ? e.message : String(e)}`));
        }
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    fail(message) {
      failure = message;
      for (const resolve of pending.values()) resolve(err('INTERNAL', message));
      pending.clear();
    },
    pendingCount: () => pending.size,
  };
}
