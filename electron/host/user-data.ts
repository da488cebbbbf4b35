// The host's own small state (recent files, the crash-recovery copy) lives in a user data folder:
// LAYERLOOM_USER_DATA, else the platform's config folder (~/.config/layerloom on Linux).
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../engine/model-io.js';

export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LAYERLOOM_USER_DATA) return path.resolve(env.LAYERLOOM_USER_DATA);
  if (process.platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'layerloom');
  if (process.platform === 'darwin') return path.join(homedir(), 'Library', 'Application Support', 'layerloom');
  return path.join(env.XDG_CONFIG_HOME || path.join(homedir(), '.config'), 'layerloom');
}

/** A JSON file in the user data folder. A missing or corrupt file reads as `fallback` (it is only a convenience). */
export class JsonFile<T> {
  constructor(readonly file: string, private readonly fallback: () => T) {}

  async read(): Promise<T> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as T;
    } catch {
      return this.fallback();
    }
  }

  async write(value: T): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(value, null, 2)}\n`);
  }
}

export const MAX_RECENT = 10;

/** Most recent first, no duplicates. Writes are serialised so two quick saves cannot lose an entry. */
export class RecentFiles {
  private readonly store: JsonFile<{ paths: string[] }>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dir: string) {
    this.store = new JsonFile(path.join(dir, 'recent.json'), () => ({ paths: [] }));
  }

  async list(): Promise<string[]> {
    const { paths } = await this.store.read();
    return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT) : [];
  }

  add(file: string): Promise<string[]> {
    return this.update((paths) => [file, ...paths.filter((p) => p !== file)]);
  }

  clear(): Promise<string[]> {
    return this.update(() => []);
  }

  remove(file: string): Promise<string[]> {
    return this.update((paths) => paths.filter((p) => p !== file));
  }

  private update(change: (paths: string[]) => string[]): Promise<string[]> {
    const next = this.queue.then(async () => {
      const paths = change(await this.list()).slice(0, MAX_RECENT);
      await this.store.write({ paths });
      return paths;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
