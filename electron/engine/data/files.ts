// File access for the loaders: resolving dataset paths against the project folder, reading (and transparently
// gunzipping) files with errors that name the file, and finding the shipped built-in data.
import { existsSync, statSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { resolveProjectPath } from '../paths.js';
import { DataError, fileError } from './errors.js';

const gunzipAsync = promisify(gunzip);


export interface ResolvedPath {
  /** Absolute path on disk. */
  abs: string;
  /** How messages name it: relative to the project folder when inside it, else absolute. */
  display: string;
}

/** Resolves a dataset path field (relative to the project file's folder). `field` names it in errors. */
export function resolveDataPath(value: string | undefined, baseDir: string, field: string): ResolvedPath {
  if (!value) throw new DataError(`dataset.${field} is missing: give a path relative to the project file`);
  let abs: string;
  try {
    abs = resolveProjectPath(value, baseDir);
  } catch (e) {
    throw new DataError(`dataset.${field}: ${(e as Error).message}`);
  }
  return { abs, display: displayName(abs, baseDir) };
}

export function displayName(abs: string, baseDir: string): string {
  const rel = path.relative(baseDir, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

/** Reads a whole file; a missing or unreadable file names the resolved path. */
export async function readBytes(file: ResolvedPath): Promise<Buffer> {
  try {
    return await readFile(file.abs);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new DataError(`file not found: ${file.abs}`, file.display);
    if (err.code === 'EISDIR') throw new DataError(`${file.abs} is a folder, a file was expected`, file.display);
    throw new DataError(`cannot read ${file.abs}: ${err.message}`, file.display);
  }
}

/** Reads a file and gunzips it when it starts with the gzip magic bytes (so `.gz` is optional, never guessed). */
export async function readMaybeGzip(file: ResolvedPath): Promise<Buffer> {
  const bytes = await readBytes(file);
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return await gunzipAsync(bytes);
    } catch (e) {
      throw fileError(file.display, `not a valid gzip file (${(e as Error).message})`);
    }
  }
  return bytes;
}

/** Lists a folder; a missing folder names the resolved path. */
export async function listFolder(folder: ResolvedPath): Promise<{ name: string; isDir: boolean }[]> {
  try {
    const entries = await readdir(folder.abs, { withFileTypes: true });
    return entries.map((e) => ({
      name: e.name,
      // Follow symlinks: a class folder may well be a link to elsewhere.
      isDir: e.isDirectory() || (e.isSymbolicLink() && isDirSafe(path.join(folder.abs, e.name))),
    }));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new DataError(`folder not found: ${folder.abs}`, folder.display);
    if (err.code === 'ENOTDIR') throw new DataError(`${folder.abs} is a file, a folder of class sub-folders was expected`, folder.display);
    throw new DataError(`cannot read folder ${folder.abs}: ${err.message}`, folder.display);
  }
}

function isDirSafe(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

// ---- Built-in data ------------------------------------------------------------------------------------------------

const MARKER = path.join('templates', 'data', 'digits.csv.gz');

/** This module's folder, in ESM (tests, tsx) and in an esbuild CJS bundle (where import.meta.url is empty). */
function moduleDir(): string | undefined {
  try {
    const url = import.meta.url;
    if (url) return path.dirname(fileURLToPath(url));
  } catch {
    // import.meta is unavailable: fall through to __dirname.
  }
  return typeof __dirname === 'string' ? __dirname : undefined;
}

/**
 * Folders that may hold the shipped built-in data, best first. The code runs from source (electron/engine/data),
 * bundled into dist/…, or packaged inside Electron's resources, so one relative path is not enough.
 */
export function builtinDataCandidates(): string[] {
  const out: string[] = [];
  const env = process.env.LAYERLOOM_DATA_DIR;
  if (env) out.push(path.resolve(env));
  try {
    out.push(path.resolve(fileURLToPath(new URL('../../../templates/data/', import.meta.url))));
  } catch {
    // Bundled as CJS: import.meta.url is empty.
  }
  // Walk up from the module until a folder holding templates/data/digits.csv.gz (works from dist/ at any depth).
  let dir = moduleDir();
  while (dir) {
    out.push(path.join(dir, 'templates', 'data'));
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) out.push(path.join(resources, 'templates', 'data'), path.join(resources, 'app', 'templates', 'data'));
  return [...new Set(out)];
}

let cachedDir: string | undefined;

/** The folder with the built-in data files; LAYERLOOM_DATA_DIR wins when set. */
export function builtinDataDir(): string {
  const env = process.env.LAYERLOOM_DATA_DIR;
  if (env) return path.resolve(env); // explicit override: use it even if incomplete, so errors name it
  if (cachedDir) return cachedDir;
  const candidates = builtinDataCandidates();
  const found = candidates.find((dir) => existsSync(path.join(dir, 'digits.csv.gz')));
  if (!found) {
    throw new DataError(`the built-in datasets were not found (looked for ${MARKER} in ${candidates.join(', ')}); set LAYERLOOM_DATA_DIR to the folder holding digits.csv.gz and iris.csv`);
  }
  cachedDir = found;
  return found;
}

export function builtinFile(name: string): ResolvedPath {
  return { abs: path.join(builtinDataDir(), name), display: name };
}
