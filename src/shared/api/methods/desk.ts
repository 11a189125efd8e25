/** Contract methods of the complaint desk (issue 5): attachments, paper steps, acting officials, saved searches. */
// Add methods as `'area.verb': method<Result>()(inputSchema, access)` (see ../method.ts) and
// their handlers in src/main/backend/handlers/desk.ts.
export const deskMethods = {} as const;
