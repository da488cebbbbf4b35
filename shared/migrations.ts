// Project-file migrations: one step per format version, applied in order on open. Version 1 is the first; the chain
// exists from day one so that a future v2 only adds a step here (and old files keep opening).
export const CURRENT_VERSION = 1 as const;

type Step = (project: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n file into version n+1. */
const MIGRATIONS: Record<number, Step> = {};

export type MigrationResult = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

export function migrate(raw: Record<string, unknown>, steps: Record<number, Step> = MIGRATIONS, target: number = CURRENT_VERSION): MigrationResult {
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, message: `expected a positive integer format version, got ${JSON.stringify(version) ?? 'nothing'}` };
  }
  if (version > target) {
    return {
      ok: false,
      message: `this file is format version ${version}, newer than this Layerloom understands (${target}): update Layerloom to open it`,
    };
  }
  let value = raw;
  for (let v = version; v < target; v++) {
    const step = steps[v];
    if (!step) return { ok: false, message: `no migration from format version ${v}` };
    value = { ...step(structuredClone(value)), version: v + 1 };
  }
  return { ok: true, value };
}
