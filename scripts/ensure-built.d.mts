// Types for ensure-built.mjs (imported by the Playwright setup).
export declare const root: string;
export declare function buildReason(): string | undefined;
export declare function ensureBuilt(opts?: { quiet?: boolean; throwOnError?: boolean }): void;
