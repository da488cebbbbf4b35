// Opening a project never loses what can be kept: a file whose only problems are a few broken nodes or edges opens
// without them (and says which), while unknown layer kinds and bad params stay in the graph and show up as
// diagnostics. Only files that are not projects at all are refused, with the reason.
import { parseProject, type FieldError, type Project } from '../../shared/project.js';

export type ReadResult = { ok: true; project: Project; warnings: string[] } | { ok: false; message: string };

const ITEM = /^models\.([A-Za-z_][\w-]*)\.(nodes|edges)\[(\d+)\]/;

function describe(errors: FieldError[]): string {
  const shown = errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ');
  return errors.length > 3 ? `${shown} (and ${errors.length - 3} more)` : shown;
}

export function readProject(raw: unknown): ReadResult {
  const first = parseProject(raw);
  if (first.ok) return { ok: true, project: first.project, warnings: [] };
  // Only item-level problems inside models can be repaired by leaving the items out.
  if (!first.errors.every((e) => ITEM.test(e.path))) return { ok: false, message: describe(first.errors) };
  const copy = structuredClone(raw) as { models: Record<string, { nodes?: unknown[]; edges?: unknown[] }> };
  const warnings: string[] = [];
  const drop = new Map<string, Set<number>>();
  for (const e of first.errors) {
    const m = ITEM.exec(e.path)!;
    const key = `${m[1]}\u0000${m[2]}`;
    if (!drop.has(key)) drop.set(key, new Set());
    if (!drop.get(key)!.has(Number(m[3]))) {
      drop.get(key)!.add(Number(m[3]));
      warnings.push(`Left out ${m[2] === 'nodes' ? 'node' : 'edge'} #${Number(m[3]) + 1} of model '${m[1]}' (${e.path.replace(ITEM, '').replace(/^\./, '') || 'item'}: ${e.message})`);
    }
  }
  for (const [key, indices] of drop) {
    const [model, list] = key.split('\u0000') as [string, 'nodes' | 'edges'];
    const items = copy.models?.[model]?.[list];
    if (Array.isArray(items)) copy.models[model]![list] = items.filter((_, i) => !indices.has(i));
  }
  const second = parseProject(copy);
  if (!second.ok) return { ok: false, message: describe(first.errors) };
  return { ok: true, project: second.project, warnings };
}
