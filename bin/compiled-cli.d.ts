// Types of bin/compiled-cli.js, for the TypeScript that imports it (the test setup, tests).
export declare const CACHE_DIR: string;
export declare function buildCompiledCli(outDir: string, files?: string[]): Promise<{ files: number; wallS: number }>;
export declare function compiledCli(): Promise<string>;
