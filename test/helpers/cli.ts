// Runs the real `layerloom` bin as a user would.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const root = path.resolve(__dirname, '../..');
export const fixture = (name: string) => path.join(root, 'test/fixtures', name);

export function layerloom(args: string[], timeout = 60_000) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/layerloom.mjs'), ...args], { encoding: 'utf8', timeout, cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
