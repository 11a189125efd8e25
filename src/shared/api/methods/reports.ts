/** Contract methods of reports, dashboard and LAPOR! import (issue 7). */
// Add methods as `'area.verb': method<Result>()(inputSchema, access)` (see ../method.ts) and
// their handlers in src/main/backend/handlers/reports.ts.
export const reportMethods = {} as const;
