/**
 * The names of the two file channels (save, print) beside the contract's. Their own module
 * because the sandboxed preload needs them and may load nothing that uses Node: `files.ts`,
 * which handles them in the main process, does.
 */
export const FILE_CHANNELS = { save: 'alur-file:save', print: 'alur-file:print' } as const;
