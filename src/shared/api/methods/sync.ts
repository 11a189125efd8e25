/** Contract methods of LAN sync (issue 4): connection settings, status, sync now. */
// Add methods as `'area.verb': method<Result>()(inputSchema, access)` (see ../method.ts) and
// their handlers in src/main/backend/handlers/sync.ts.
export const syncMethods = {} as const;
