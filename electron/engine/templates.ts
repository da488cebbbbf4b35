// Template projects: plain project files in templates/. Instantiating one rewrites its relative paths (datasets,
// pretrained bases) so that they still point at the template's files from wherever the new project is saved.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TemplateInfo } from '../../shared/ipc/contract.js';
import { parseProjectText, type Project } from '../../shared/project.js';
import { RESOURCE_PREFIX, templatesDir } from './paths.js';

export const TEMPLATE_SUFFIX = '.layerloom.json';

export async function listTemplates(): Promise<(TemplateInfo & { file: string; project: Project })[]> {
  const dir = templatesDir();
  const files = (await readdir(dir)).filter((f) => f.endsWith(TEMPLATE_SUFFIX)).sort();
  const out: (TemplateInfo & { file: string; project: Project })[] = [];
  for (const file of files) {
    const parsed = parseProjectText(await readFile(path.join(dir, file), 'utf8'));
    if (!parsed.ok) throw new Error(`template ${file} is broken: ${parsed.errors[0]!.path}: ${parsed.errors[0]!.message}`);
    const p = parsed.project;
    out.push({
      id: file.slice(0, -TEMPLATE_SUFFIX.length), name: p.name, description: p.description,
      kind: p.training.kind, tags: p.tags ?? [], file: path.join(dir, file), project: p,
    });
  }
  const order = ['mlp-iris', 'cnn-digits', 'lstm-digits', 'lstm-sine', 'autoencoder-digits', 'gan-digits', 'transfer-digits'];
  return out.sort((a, b) => rank(order, a.id) - rank(order, b.id));
}

function rank(order: string[], id: string): number {
  const i = order.indexOf(id);
  return i < 0 ? order.length : i;
}

/** The template's project with relative file paths rebased from the templates folder to `destDir`. */
export async function instantiateTemplate(id: string, destDir?: string): Promise<Project> {
  const all = await listTemplates();
  const t = all.find((x) => x.id === id);
  if (!t) throw new Error(`no template '${id}': choose one of ${all.map((x) => x.id).join(', ')}`);
  return destDir ? rebasePaths(t.project, templatesDir(), destDir) : t.project;
}

/** Rewrites the project's relative file references from `fromDir` to be relative to `toDir`. */
export function rebasePaths(project: Project, fromDir: string, toDir: string): Project {
  const rebase = (p: string) => (path.isAbsolute(p) || p.startsWith(RESOURCE_PREFIX) ? p : path.relative(toDir, path.resolve(fromDir, p)).split(path.sep).join('/'));
  const copy = structuredClone(project);
  if (copy.dataset) {
    for (const key of ['path', 'images', 'labels', 'x', 'y'] as const) {
      const v = copy.dataset[key];
      if (typeof v === 'string' && v) copy.dataset[key] = rebase(v);
    }
  }
  for (const model of Object.values(copy.models)) {
    for (const node of model.nodes) {
      if (node.kind === 'PretrainedModel' && typeof node.params.path === 'string' && node.params.path) {
        node.params = { ...node.params, path: rebase(node.params.path) };
      }
    }
  }
  return copy;
}
