export const SERVER_OUT_DIR: string;
/** Every program the server ships: one file each in dist-server/ named after its source. */
export const SERVER_ENTRY_POINTS: string[];
/** Sources that end up in dist-server/. */
export const SERVER_SOURCES: string[];
/** Bundles every existing entry point into `outDir` (default dist-server/); returns the ones built. */
export function buildServer(options?: { outDir?: string; logLevel?: 'silent' | 'warning' | 'info' }): Promise<string[]>;
