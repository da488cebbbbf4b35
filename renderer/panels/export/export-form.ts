// The export dialog's logic: which trained weights can be exported (runs that left an artifact), the default
// choices, the request sent to the host, and how the host's answer reads to the user.
import type { Request, Response } from '../../../shared/ipc/contract.js';
import type { Project } from '../../../shared/project.js';
import { formatBytes } from '../shared/format.js';
import type { RunRecord } from '../training/runs.js';

/** The engine fails a verification above this (electron/engine/export-project.ts VERIFY_TOLERANCE). */
export const VERIFY_TOLERANCE = 1e-4;
export const OPSETS = [13, 14, 15, 16, 17] as const;

export type Format = 'onnx' | 'tfjs';

/** `run:<id>` for a run's artifact, `untrained`, or `folder` (a path typed in). */
export type WeightsChoice = string;

export interface WeightsOption {
  value: WeightsChoice;
  label: string;
  out?: string;
}

export function weightsOptions(runs: readonly RunRecord[], numbers: Map<string, number>, describe: (r: RunRecord) => string): WeightsOption[] {
  const trained = runs.filter((r) => r.out && r.status !== 'error').map((r) => ({
    value: `run:${r.id}`, label: `Run ${numbers.get(r.id) ?? '?'}: ${describe(r)}`, out: r.out!,
  }));
  return [
    ...trained,
    { value: 'untrained', label: 'Untrained (freshly initialised weights)' },
    { value: 'folder', label: 'Another trained artifact folder…' },
  ];
}

export function defaultWeights(options: readonly WeightsOption[]): WeightsChoice {
  return options[0]?.value ?? 'untrained';
}

/** The artifact folder a choice stands for; undefined = untrained. */
export function weightsPath(choice: WeightsChoice, options: readonly WeightsOption[], folder: string): string | undefined {
  if (choice === 'untrained') return undefined;
  if (choice === 'folder') return folder.trim() || undefined;
  return options.find((o) => o.value === choice)?.out;
}

/** Models that can be exported: all of them; a GAN's generator first (what people usually want). */
export function exportableModels(project: Project): string[] {
  const names = Object.keys(project.models);
  return names.includes('generator') ? ['generator', ...names.filter((n) => n !== 'generator')] : names;
}

export interface ExportSettings {
  format: Format;
  weights: string | undefined;
  model: string;
  opset: number;
  verify: boolean;
  out: string;
}

export function onnxRequest(project: Project, projectPath: string | undefined, s: ExportSettings): Request<'export:onnx'> {
  return {
    project, ...(projectPath ? { projectPath } : {}), ...(s.weights ? { weights: s.weights } : {}),
    ...(Object.keys(project.models).length > 1 ? { model: s.model } : {}),
    opset: s.opset, verify: s.verify, ...(s.out.trim() ? { out: s.out.trim() } : {}),
  };
}

export function tfjsRequest(project: Project, projectPath: string | undefined, s: ExportSettings): Request<'export:tfjs'> {
  return {
    project, ...(projectPath ? { projectPath } : {}), ...(s.weights ? { weights: s.weights } : {}),
    ...(Object.keys(project.models).length > 1 ? { model: s.model } : {}),
    ...(s.out.trim() ? { out: s.out.trim() } : {}),
  };
}

export interface ExportOutcome {
  kind: 'ok' | 'warning' | 'error' | 'canceled';
  title: string;
  path?: string;
  lines: string[];
  verification?: { passed: boolean; maxAbsDiff: number };
}

export function describeOnnx(r: Response<'export:onnx'>, verify: boolean, untrained: boolean): ExportOutcome {
  if (r.canceled) return { kind: 'canceled', title: 'Export canceled', lines: [] };
  const lines = [`${formatBytes(r.bytes)} · inputs ${r.inputs.join(', ')} · outputs ${r.outputs.join(', ')}`];
  if (untrained) lines.push('These are untrained weights: train first for a useful model.');
  if (verify && r.maxAbsDiff !== undefined) {
    const passed = r.maxAbsDiff <= VERIFY_TOLERANCE;
    lines.push(passed
      ? `Verification passed: ONNX Runtime matches tfjs (max difference ${r.maxAbsDiff.toExponential(2)}, tolerance ${VERIFY_TOLERANCE}).`
      : `Verification failed: ONNX Runtime differs from tfjs by ${r.maxAbsDiff.toExponential(2)} (tolerance ${VERIFY_TOLERANCE}).`);
    return { kind: passed ? (untrained ? 'warning' : 'ok') : 'error', title: 'ONNX model exported', path: r.path, lines, verification: { passed, maxAbsDiff: r.maxAbsDiff } };
  }
  if (verify) lines.push('Not verified: the host did not report a comparison.');
  return { kind: untrained || verify ? 'warning' : 'ok', title: 'ONNX model exported', path: r.path, lines };
}

export function describeTfjs(r: Response<'export:tfjs'>, untrained: boolean): ExportOutcome {
  if (r.canceled) return { kind: 'canceled', title: 'Export canceled', lines: [] };
  return {
    kind: untrained ? 'warning' : 'ok', title: 'TensorFlow.js model exported', path: r.path,
    lines: ['model.json and its weights; load it with tf.loadLayersModel.', ...(untrained ? ['These are untrained weights: train first for a useful model.'] : [])],
  };
}

/** A failed export: verification failures read as such (the engine refuses the file then). */
export function describeFailure(message: string): ExportOutcome {
  const m = /verification failed: .*?by ([\d.e+-]+)/i.exec(message);
  if (m) {
    return {
      kind: 'error', title: 'Verification failed', lines: [message, 'The ONNX file was not written. Try another opset, or report the layer kinds of this model.'],
      verification: { passed: false, maxAbsDiff: Number(m[1]) },
    };
  }
  return { kind: 'error', title: 'Export failed', lines: [message] };
}
