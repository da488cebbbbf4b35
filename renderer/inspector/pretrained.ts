// The logic behind the inspector's "Base model" section for PretrainedModel nodes (PretrainedSection.tsx): asking the
// host to describe a base model file, turning the answer into the params the node records, and how the choices and
// the summary read. Kept free of React so it can be tested on its own.
import type { HostApi, Response } from '../../shared/ipc/contract.js';
import type { Model } from '../../shared/project.js';
import { fullCount } from '../canvas/format.js';
import { setParam } from '../store/graph.js';
import { dirOf, relativeTo } from '../panels/dataset/FilePicker.js';

export type BaseDescription = Response<'pretrained:describe'>;
export type BaseLayer = BaseDescription['layers'][number];

export const PRETRAINED_KIND = 'PretrainedModel';

/** Params the section edits itself; the generic form leaves them out (the summary ones are filled for the user). */
export const SECTION_PARAMS: ReadonlySet<string> = new Set(['path', 'model', 'cutAt', 'inputShape', 'outputShape', 'paramCount']);

/** Files shipped with the app are named `layerloom:<path>`: kept as they are, wherever the project is saved. */
export const RESOURCE_PREFIX = 'layerloom:';

/** What the picker lists besides folders: a tfjs Layers model is a .json file (model.json) or a folder. */
export const MODEL_FILE = /\.json$/i;

/** Which base model a node uses: the three params that decide what `pretrained:describe` reads. */
export interface BaseChoice {
  path: string;
  model: string;
  cutAt: string;
}

export function choiceOf(params: Record<string, unknown>): BaseChoice {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { path: text(params.path), model: text(params.model), cutAt: text(params.cutAt) };
}

export const sameChoice = (a: BaseChoice, b: BaseChoice): boolean => a.path === b.path && a.model === b.model && a.cutAt === b.cutAt;

/**
 * The path to store for a file or folder chosen in the picker (absolute, from the host): relative to the project
 * file's folder when the project is saved (like the Dataset panel's paths), absolute while it is unsaved.
 */
export function storedPath(chosen: string, projectPath: string | null | undefined): string {
  if (chosen.startsWith(RESOURCE_PREFIX)) return chosen;
  return relativeTo(projectPath ? dirOf(projectPath) : undefined, chosen);
}

/** Where the picker starts: the folder of an absolute path already chosen, else the project's folder (or the host's). */
export function pickerStart(path: string, projectPath: string | null | undefined): string | undefined {
  const absolute = path.startsWith('/') || /^[a-z]:[\\/]/i.test(path);
  if (absolute) return dirOf(path);
  return projectPath ? dirOf(projectPath) : undefined;
}

/** The params one undoable change sets for a described base: the choice and the summary shape inference relies on. */
export function summaryPatch(choice: BaseChoice, d: BaseDescription): Record<string, unknown> {
  return {
    path: choice.path, model: choice.model, cutAt: choice.cutAt,
    inputShape: [...d.inputShape], outputShape: [...d.outputShape], paramCount: d.paramCount,
  };
}

/** With no base model: the choice cleared and no summary (validation then asks for a file). */
export function clearedPatch(choice: BaseChoice): Record<string, unknown> {
  return { path: '', model: choice.model, cutAt: choice.cutAt, inputShape: [], outputShape: [], paramCount: 0 };
}

/** Sets every param of `patch` on the node (unchanged values keep the model as it is). */
export function applyPatch(model: Model, nodeId: string, patch: Record<string, unknown>): Model {
  let next = model;
  for (const [name, value] of Object.entries(patch)) {
    const node = next.nodes.find((n) => n.id === nodeId);
    if (!node || sameJson(node.params[name], value)) continue;
    next = setParam(next, nodeId, name, value);
  }
  return next;
}

/** Whether the summary recorded in the node is the one the file gives. */
export function summaryMatches(params: Record<string, unknown>, d: BaseDescription): boolean {
  return sameJson(params.inputShape, d.inputShape) && sameJson(params.outputShape, d.outputShape) && params.paramCount === d.paramCount;
}

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** `[null, 1024]`: a layer's output shape as validation messages write it (batch first). */
export function batchShape(dims: readonly (number | null)[]): string {
  return `[${['null', ...dims.map((d) => (d === null || d < 0 ? 'null' : String(d)))].join(', ')}]`;
}

/** `8×8×1`: a recorded shape without the batch dimension; -1 (a size the base leaves open) as `?`. */
export function compactDims(dims: unknown): string | null {
  if (!Array.isArray(dims) || dims.length === 0 || !dims.every((d) => typeof d === 'number')) return null;
  return dims.map((d: number) => (d < 0 ? '?' : String(d))).join('×');
}

export interface CutOption {
  value: string;
  label: string;
}

export const MODEL_OUTPUT_LABEL = "(the model's output)";

/**
 * The "Cut at" choices: the base model's own output, then every layer it can be cut at ("flatten — Flatten →
 * [null, 1024]"). A stored cut the list does not have (not read yet, or not in this file) stays shown as it is.
 */
export function cutOptions(layers: readonly BaseLayer[] | null, current: string): CutOption[] {
  const options: CutOption[] = [{ value: '', label: MODEL_OUTPUT_LABEL }];
  for (const l of layers ?? []) options.push({ value: l.name, label: `${l.name} — ${l.className} → ${batchShape(l.outputShape)}` });
  if (current && !options.some((o) => o.value === current)) {
    options.push({ value: current, label: layers ? `${current} (not in this model)` : current });
  }
  return options;
}

/** "8×8×1 → 1024, 18,816 parameters, frozen"; null while no summary is recorded. */
export function summaryText(params: Record<string, unknown>): string | null {
  const input = compactDims(params.inputShape);
  const output = compactDims(params.outputShape);
  if (!input || !output) return null;
  const count = typeof params.paramCount === 'number' ? params.paramCount : 0;
  return `${input} → ${output}, ${fullCount(count)} parameter${count === 1 ? '' : 's'}, ${params.trainable === true ? 'trainable' : 'frozen'}`;
}

/** An error from describing the base, for the user: which path, and what is wrong with it. */
export function describeError(path: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return `Cannot read the base model '${path}': ${message}`;
}

export type DescribeResult =
  | { ok: true; choice: BaseChoice; description: BaseDescription; note?: string }
  | { ok: false; message: string };

/**
 * Asks the host to read the base model of `choice`. When the file reads but has no layer `cutAt` (another base was
 * chosen), the cut goes back to the model's own output and `note` says so.
 */
export async function describeBase(host: HostApi, choice: BaseChoice, projectPath: string | null | undefined): Promise<DescribeResult> {
  const request = (cutAt: string) => ({
    path: choice.path,
    ...(projectPath ? { projectPath } : {}),
    ...(choice.model ? { model: choice.model } : {}),
    ...(cutAt ? { cutAt } : {}),
  });
  try {
    return { ok: true, choice, description: await host.invoke('pretrained:describe', request(choice.cutAt)) };
  } catch (e) {
    if (!choice.cutAt) return { ok: false, message: describeError(choice.path, e) };
    // Does the file read without the cut? Then only the cut is wrong.
    try {
      const description = await host.invoke('pretrained:describe', request(''));
      if (description.layers.some((l) => l.name === choice.cutAt)) return { ok: false, message: describeError(choice.path, e) };
      return {
        ok: true, choice: { ...choice, cutAt: '' }, description,
        note: `This base model has no layer '${choice.cutAt}': the cut is back at the model's output.`,
      };
    } catch {
      return { ok: false, message: describeError(choice.path, e) };
    }
  }
}
