// Types for electron-binary.mjs (imported by the Playwright electron project).
export declare function electronBinary(opts?: { download?: boolean }): { path?: string; why?: string };
