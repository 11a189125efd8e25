/** Contract methods of signatures and documents (issue 6): keys, signing, sheets, letters, verification. */
// Add methods as `'area.verb': method<Result>()(inputSchema, access)` (see ../method.ts) and
// their handlers in src/main/backend/handlers/documents.ts.
export const documentMethods = {} as const;
