/** Bundles `entries` (output name → source file) into `outdir`; see bundle-server.mjs. */
export function bundleServer(entries: Record<string, string>, outdir: string): Promise<void>;
