/**
 * Acts this window is doing itself (a registration, an act on a case). The tasks they open
 * arrive as server events like anyone else's; a toast about one's own new case would only
 * cover the form, so the shell skips tasks of cases this window just acted on.
 */
const QUIET_MS = 10_000;
let inFlight = 0;
const recent = new Map<string, number>();

/** Wraps one own act: while it runs, and for a while on its case after, no "new task" toast. */
export async function ownAct<T>(run: () => Promise<T>, caseIdOf: (result: T) => string | null): Promise<T> {
  inFlight += 1;
  try {
    const r = await run();
    const id = caseIdOf(r);
    if (id) recent.set(id, Date.now() + QUIET_MS);
    return r;
  } finally {
    inFlight -= 1;
  }
}

/** True when a task of `caseId` comes from this window's own act. */
export function isOwnAct(caseId: string): boolean {
  if (inFlight > 0) return true;
  const until = recent.get(caseId);
  if (until === undefined) return false;
  if (until < Date.now()) {
    recent.delete(caseId);
    return false;
  }
  return true;
}
