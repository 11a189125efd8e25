/**
 * Sealing over the host wire: the backend host asks, the main process (which alone may use
 * Electron's `safeStorage`) answers. Host -> main `{secret: {id, op, text}}` where op is
 * `probe` (is there an OS store? answered 'os' or 'file'), `seal` or `unseal`; main -> host
 * `{sealed: {id, ok, text}}`. Texts travel as strings (base64 for sealed bytes), which every
 * structured clone carries the same. Pure (no Electron at run time), so both ends are tested
 * with an in-memory port pair.
 */
import { z } from 'zod';
import type { PortLike } from './host-protocol';

/** What the main process does with `safeStorage` (see secrets.ts). */
export interface MainSealer {
  /** 'os' when an OS store seals here; 'file' when there is none (the host keeps a 0600 file). */
  probe(): Promise<'os' | 'file'>;
  seal(plain: string): Promise<string>;
  unseal(sealed: string): Promise<string>;
}

const SecretRequest = z
  .object({ secret: z.object({ id: z.number().int().positive(), op: z.enum(['probe', 'seal', 'unseal']), text: z.string().max(100_000) }).strict() })
  .strict();
const SecretReply = z.object({ sealed: z.object({ id: z.number().int().positive(), ok: z.boolean(), text: z.string() }).strict() }).strict();

/** Main side: answers the host's seal and unseal requests arriving on `port`. */
export function serveSealing(port: PortLike, sealer: MainSealer): void {
  port.on('message', ({ data }) => {
    const req = SecretRequest.safeParse(data);
    if (!req.success) return;
    const { id, op, text } = req.data.secret;
    const work = op === 'probe' ? sealer.probe() : op === 'seal' ? sealer.seal(text) : sealer.unseal(text);
    work.then(
      (out) => port.postMessage({ sealed: { id, ok: true, text: out } }),
      // The reason stays in the main process: a failure is all the host needs to know.
      () => port.postMessage({ sealed: { id, ok: false, text: '' } }),
    );
  });
}

/** Host side: a sealer whose work is done by the main process on the other end of `port`. */
export function sealerOverPort(port: PortLike): MainSealer {
  const pending = new Map<number, { resolve(text: string): void; reject(e: Error): void }>();
  let nextId = 1;
  port.on('message', ({ data }) => {
    const reply = SecretReply.safeParse(data);
    if (!reply.success) return;
    const { id, ok, text } = reply.data.sealed;
    const p = pending.get(id);
    pending.delete(id);
    if (ok) p?.resolve(text);
    else p?.reject(new Error('penyimpanan rahasia sistem operasi menolak permintaan'));
  });
  const ask = (op: 'probe' | 'seal' | 'unseal', text: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      port.postMessage({ secret: { id, op, text } });
    });
  return {
    probe: async () => ((await ask('probe', '')) === 'os' ? 'os' : 'file'),
    seal: (t) => ask('seal', t),
    unseal: (t) => ask('unseal', t),
  };
}
