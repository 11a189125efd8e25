/**
 * The oldest workstation that may sync, stated by the server. A workstation's sync protocol
 * is what its events and reference data mean on the wire (today: events with their content
 * hash, signed acts checked on read). `alur server init` writes the oldest protocol the
 * server accepts into `alur.meta` (`min_protocol`, only ever raised); a workstation below it
 * is refused before it pushes anything, with a message naming both versions. A workstation
 * from before this check does not read `min_protocol`: it is kept out by the schema version
 * instead (SERVER_NEWER), which a server migration raises.
 */

/** This build's sync protocol. Raise it when what a pushed row means changes. */
export const SYNC_PROTOCOL = 1;

/** The oldest protocol a server initialised by this build accepts. */
export const MIN_SYNC_PROTOCOL = 1;

export const MIN_PROTOCOL_KEY = 'min_protocol';

/** The minimum to store: never lowered by an older build's `server init`. */
export function raisedMinimum(stored: string | undefined): string {
  const n = Number(stored);
  return String(Number.isInteger(n) && n > MIN_SYNC_PROTOCOL ? n : MIN_SYNC_PROTOCOL);
}

/** The server's minimum when it is above this build's protocol (refuse), else null. */
export function tooOld(stored: string | undefined, mine = SYNC_PROTOCOL): number | null {
  const n = Number(stored);
  return Number.isInteger(n) && n > mine ? n : null;
}
