// The one implementation of every IPC contract channel, shared by the Electron main process and the web host.
// Each request is validated against the contract's zod schema before use, each project with parseProject (errors
// name the field's JSON path), files are written atomically, and nothing throws across the boundary: `dispatch`
// always answers with a Reply.
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { contract, type Channel, type Reply, type Response } from '../../shared/ipc/contract.js';
import { parseProject, parseProjectText, serializeProject, type Project } from '../../shared/project.js';
import { writeFileAtomic } from '../engine/model-io.js';
import { appRoot, appVersion } from '../engine/paths.js';
import { instantiateTemplate, listTemplates } from '../engine/templates.js';
import type { HostClient } from './client.js';
import type { HostContext } from './context.js';
import * as jobs from './engine-jobs.js';
import { HostError, projectError, toErrorReply } from './errors.js';
import { JsonFile, RecentFiles } from './user-data.js';

/** Same limit as the CLI: weights and data belong in separate files. */
export const MAX_PROJECT_BYTES = 16 * 1024 * 1024;
const MAX_LISTED = 5000;
export const PROJECT_SUFFIX = '.layerloom.json';

type Req<C extends Channel> = z.infer<(typeof contract)[C]['request']>;
type Impl = { [C in Channel]: (request: Req<C>, client: HostClient) => Promise<Response<C>> };

export interface Handlers {
  /** Validates and runs one request. `channel` and `request` are untrusted (straight from the wire). */
  dispatch(channel: unknown, request: unknown, client: HostClient): Promise<Reply>;
  recent: RecentFiles;
  /** Reads and parses a project file (also used by Electron for command-line, dropped and recent files). */
  openProject(file: string): Promise<{ path: string; project: Project }>;
}

export function createHandlers(ctx: HostContext): Handlers {
  const recent = new RecentFiles(ctx.userDataDir);
  const recovery = new JsonFile<{ savedAt?: string; project?: unknown }>(path.join(ctx.userDataDir, 'recovery.json'), () => ({}));

  const resolve = (p: string) => path.resolve(ctx.defaultDir, p === '~' || p.startsWith('~/') ? path.join(homedir(), p.slice(1)) : p);
  const baseDirOf = (projectPath?: string) => (projectPath ? path.dirname(resolve(projectPath)) : ctx.defaultDir);

  async function remember(file: string): Promise<void> {
    try {
      // Not `ctx.recentChanged?.(await …)`: optional call skips evaluating its arguments when absent.
      const paths = await recent.add(file);
      ctx.recentChanged?.(paths);
    } catch (e) {
      ctx.log(`could not update the recent files list: ${(e as Error).message}`);
    }
  }

  async function openProject(file: string): Promise<{ path: string; project: Project }> {
    const full = resolve(file);
    let text: string;
    try {
      const s = await stat(full);
      if (s.isDirectory()) throw new HostError(`${full}: is a folder, not a project file`);
      if (s.size > MAX_PROJECT_BYTES) throw new HostError(`${full}: ${(s.size / 1048576).toFixed(1)} MB is too large for a project file`);
      text = await readFile(full, 'utf8');
    } catch (e) {
      if (e instanceof HostError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new HostError(code === 'ENOENT' ? `${full}: no such file` : `${full}: cannot read (${code ?? (e as Error).message})`);
    }
    const parsed = parseProjectText(text);
    if (!parsed.ok) throw projectError(parsed.errors, full);
    return { path: full, project: parsed.project };
  }

  const impl: Impl = {
    'app:info': async () => ({
      version: appVersion(), host: ctx.kind, platform: process.platform, backends: availableBackends(), cwd: ctx.defaultDir,
    }),

    'project:open': async (req, client) => {
      const file = req.path ?? (await askOpen(ctx, client));
      if (!file) return { canceled: true };
      const opened = await openProject(file);
      await remember(opened.path);
      return { canceled: false, path: opened.path, project: opened.project };
    },

    'project:save': async (req, client) => {
      const project = parse(req.project);
      let file = req.path;
      if (!file) {
        if (!ctx.chooseSavePath) throw new HostError('the web host needs a path to save to');
        file = await ctx.chooseSavePath(client, 'project', path.join(ctx.defaultDir, `${slug(project.name)}${PROJECT_SUFFIX}`));
        if (!file) return { canceled: true };
        if (!file.endsWith('.json')) file += PROJECT_SUFFIX;
      }
      const full = resolve(file);
      await writeFileAtomic(full, serializeProject(project));
      await remember(full);
      return { canceled: false, path: full };
    },

    'project:recent': async () => {
      const paths = await recent.list();
      const exists = await Promise.all(paths.map((p) => stat(p).then((s) => s.isFile(), () => false)));
      return { paths: paths.filter((_, i) => exists[i]) };
    },

    'project:recover': async (req) => {
      if (req.clear) {
        await rm(recovery.file, { force: true });
        return {};
      }
      if (req.project !== undefined) {
        const project = parse(req.project);
        const savedAt = new Date().toISOString();
        await recovery.write({ savedAt, project });
        return { savedAt };
      }
      const stored = await recovery.read();
      // An unreadable copy is no copy: recovery must never stop the app from starting.
      if (stored.project === undefined || !parseProject(stored.project).ok) return {};
      return { project: stored.project, ...(typeof stored.savedAt === 'string' ? { savedAt: stored.savedAt } : {}) };
    },

    'files:list': async (req) => listFolder(resolve(req.dir ?? ctx.defaultDir)),

    'templates:list': async () => ({
      templates: (await listTemplates()).map(({ id, name, description, kind, tags }) => ({ id, name, description, kind, tags })),
    }),

    // Unsaved projects resolve relative paths against defaultDir, so the template's data paths are rebased to it.
    'templates:instantiate': async (req) => ({ project: await instantiateTemplate(req.id, ctx.defaultDir) }),

    'dataset:preview': async (req) => {
      const project = parse(req.project);
      if (!project.dataset) throw new HostError('the project has no dataset', { field: 'dataset' });
      return jobs.previewDataset(project.dataset, baseDirOf(req.projectPath), req.count ?? 8);
    },

    'train:start': async (req, client) => {
      const project = parse(req.project);
      const { options } = req;
      const out = options.out ? resolve(options.out) : defaultRunDir(project, req.projectPath && resolve(req.projectPath));
      let runId = '';
      const handle = ctx.startRun(
        { project, baseDir: baseDirOf(req.projectPath), backend: options.backend, epochs: options.epochs, seed: options.seed, out },
        (event) => client.send('train:event', { runId, event }),
      );
      runId = handle.id;
      client.runs.set(runId, handle);
      void handle.finished.then(() => client.runs.delete(runId));
      ctx.log(`training run ${runId} started for ${client.label} (out: ${out})`);
      return { runId };
    },

    'train:control': async (req, client) => {
      const run = client.runs.get(req.runId);
      return { ok: run ? run.control(req.action) : false };
    },

    'export:onnx': async (req, client) => {
      const project = parse(req.project);
      const baseDir = baseDirOf(req.projectPath);
      const out = await outputPath(ctx, client, req.out && resolve(req.out), 'onnx', path.join(baseDir, `${slug(project.name)}.onnx`));
      if (!out) return { canceled: true };
      const r = await jobs.exportOnnx(project, { baseDir, weights: req.weights && resolve(req.weights), model: req.model, output: req.output, opset: req.opset, verify: req.verify, out });
      return {
        canceled: false, path: r.path, bytes: r.bytes, ...(r.maxAbsDiff === undefined ? {} : { maxAbsDiff: r.maxAbsDiff }),
        inputs: r.inputs.map((i) => i.name), outputs: r.outputs.map((o) => o.name),
      };
    },

    'export:tfjs': async (req, client) => {
      const project = parse(req.project);
      const baseDir = baseDirOf(req.projectPath);
      const out = await outputPath(ctx, client, req.out && resolve(req.out), 'folder', path.join(baseDir, `${slug(project.name)}-tfjs`));
      if (!out) return { canceled: true };
      const r = await jobs.exportTfjs(project, { baseDir, weights: req.weights && resolve(req.weights), model: req.model, out });
      return { canceled: false, path: r.path };
    },

    // The engine resolves the path itself: relative to the project's folder, or a layerloom: resource.
    'pretrained:describe': async (req) => jobs.describePretrained(req.path, baseDirOf(req.projectPath), req.model, req.cutAt),

    'window:state': async (req, client) => {
      ctx.windowState?.(client, req);
      return {};
    },
  };

  async function dispatch(channel: unknown, request: unknown, client: HostClient): Promise<Reply> {
    if (typeof channel !== 'string' || !Object.hasOwn(contract, channel)) {
      return { error: `unknown channel ${JSON.stringify(channel)}` };
    }
    const c = channel as Channel;
    const parsed = contract[c].request.safeParse(request ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.map(String).join('.') || '(root)';
      return { error: `bad ${c} request: ${field}: ${issue.message}`, field };
    }
    try {
      const run = impl[c] as (r: unknown, client: HostClient) => Promise<unknown>;
      const response = await run(parsed.data, client);
      // Checked on the way out too, so a handler drifting from the contract fails here, loudly, not in the renderer.
      const checked = contract[c].response.safeParse(response);
      if (!checked.success) {
        ctx.log(`${c}: response does not match the contract: ${checked.error.issues[0]?.message}`);
        return { error: `${c}: the host produced an invalid response (a bug; see the host's log)` };
      }
      return { response: checked.data } as Reply;
    } catch (e) {
      if (!(e instanceof HostError)) ctx.log(`${c} failed: ${(e as Error)?.stack ?? String(e)}`);
      return toErrorReply(e);
    }
  }

  return { dispatch, recent, openProject };
}

function parse(raw: unknown): Project {
  const parsed = parseProject(raw);
  if (!parsed.ok) throw projectError(parsed.errors);
  return parsed.project;
}

async function askOpen(ctx: HostContext, client: HostClient): Promise<string | undefined> {
  if (!ctx.chooseOpenPath) throw new HostError('the web host needs a path to open (browse with files:list)');
  return ctx.chooseOpenPath(client);
}

/** The given output path, else the native dialog (Electron), else the default beside the project (web). */
async function outputPath(ctx: HostContext, client: HostClient, given: string | undefined, kind: 'onnx' | 'folder', fallback: string) {
  if (given) return given;
  if (ctx.chooseSavePath) return ctx.chooseSavePath(client, kind, fallback);
  return fallback;
}

async function listFolder(dir: string): Promise<Response<'files:list'>> {
  let dirents;
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new HostError(code === 'ENOENT' ? `${dir}: no such folder` : code === 'ENOTDIR' ? `${dir}: not a folder` : `${dir}: cannot list (${code})`);
  }
  const visible = dirents.filter((d) => !d.name.startsWith('.')).slice(0, MAX_LISTED);
  const entries = await Promise.all(visible.map(async (d) => {
    const full = path.join(dir, d.name);
    // A symbolic link counts as a folder when it points to one (a broken link is listed as a file).
    const isDir = d.isDirectory() || (d.isSymbolicLink() && (await stat(full).then((s) => s.isDirectory(), () => false)));
    return { name: d.name, path: full, dir: isDir };
  }));
  entries.sort((a, b) => Number(b.dir) - Number(a.dir) || a.name.localeCompare(b.name));
  const parent = path.dirname(dir);
  return { dir, parent: parent === dir ? null : parent, entries };
}

/** A file-name-safe form of a project name. */
export function slug(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'project';
}

/** Runs go to `runs/` beside a saved project, else to a temp folder. */
function defaultRunDir(project: Project, projectPath: string | undefined): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  if (projectPath) return path.join(path.dirname(projectPath), 'runs', `${path.basename(projectPath, PROJECT_SUFFIX).replace(/\.json$/, '')}-${stamp}`);
  return path.join(tmpdir(), 'layerloom-runs', `${slug(project.name)}-${stamp}`);
}


/** `tensorflow` is offered only where tfjs-node is installed (an optional dependency). */
function availableBackends(): string[] {
  try {
    createRequire(path.join(appRoot(), 'package.json')).resolve('@tensorflow/tfjs-node');
    return ['auto', 'tensorflow', 'wasm', 'cpu'];
  } catch {
    return ['auto', 'wasm', 'cpu'];
  }
}
