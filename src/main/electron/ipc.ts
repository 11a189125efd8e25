/**
 * The main process's IPC surface: one `ipcMain.handle` channel per contract method, each of
 * which checks who is calling, parses the input with the contract's schema and only then
 * forwards it to the backend host. `ipcMain` is a parameter so tests can pass a fake.
 */
import { z } from 'zod';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { err, type Result } from '../../shared/result';
import { ipcChannel } from './security';

/** The part of Electron's `ipcMain` this module uses. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<Result<unknown>>): void;
}

/** What {@link registerIpc} needs from the rest of the shell. */
interface IpcOptions<E> {
  /** Sender validation (see `isTrustedIpcEvent`); false refuses the call before anything else. */
  isTrusted(event: E): boolean;
  /** Delivers a validated call to the backend host. */
  forward(method: MethodName, token: string | null, input: unknown): Promise<Result<unknown>>;
}

/**
 * What the preload sends on every channel. Session tokens are short opaque strings; the cap
 * keeps a hostile renderer from shipping megabytes through a field nobody parses.
 */
const Envelope = z.object({ token: z.string().min(1).max(512).nullable(), input: z.unknown() }).strict();

function validationError(error: z.ZodError): Result<unknown> {
  const issues = error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
  const summary = issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  return err('VALIDATION', `Masukan tidak valid: ${summary}`, { issues });
}

async function handleCall<E>(method: MethodName, options: IpcOptions<E>, event: E, args: unknown[]): Promise<Result<unknown>> {
  // Checked first and on its own: an untrusted caller learns nothing, not even whether its
  // input would have parsed.
  if (!options.isTrusted(event)) return err('FORBIDDEN', 'Permintaan ditolak: pengirim tidak dikenal.');
  if (args.length !== 1) return err('VALIDATION', 'Masukan tidak valid: format panggilan salah.');
  const envelope = Envelope.safeParse(args[0]);
  if (!envelope.success) return validationError(envelope.error);
  // Same rule as the backend's dispatcher: a method without input may be called with none.
  const parsed = contract[method].input.safeParse(envelope.data.input ?? {});
  if (!parsed.success) return validationError(parsed.error);
  try {
    return await options.forward(method, envelope.data.token, parsed.data);
  } catch (e) {
    // The host client answers Results itself; this only catches a bug in the plumbing, which
    // must still reach the UI as data, never as a rejected invoke.
    return err('INTERNAL', `Kesalahan internal: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Registers exactly one handler per method of `METHOD_NAMES` on channel `alur:<method>`, and
 * nothing else. Returns the channels registered.
 */
export function registerIpc<E>(ipcMain: IpcMainLike<E>, options: IpcOptions<E>): string[] {
  const channels: string[] = [];
  for (const method of METHOD_NAMES) {
    const channel = ipcChannel(method);
    ipcMain.handle(channel, (event, ...args) => handleCall(method, options, event, args));
    channels.push(channel);
  }
  return channels;
}
