// Builds Layerloom once before any test when dist/ is missing or stale (a fresh clone on CI, or edited sources).
import { ensureBuilt } from '../scripts/ensure-built.mjs';

export default function globalSetup(): void {
  ensureBuilt({ throwOnError: true });
}
