// Run history per project: every finished run's configuration, final metrics, per-epoch curve and artifact folder,
// kept in the renderer's storage (localStorage) under the project's path, newest first. Pure helpers plus a small
// storage adapter; comparing two runs lists what differed in their configuration and how they scored.
import type { Evaluation } from '../../../shared/events.js';
import type { Project } from '../../../shared/project.js';
import type { DashboardState, RunStatus } from './dashboard.js';

export const RUN_LIMIT = 20;
const STORAGE_PREFIX = 'layerloom.runs:';

export interface RunConfig {
  kind: string;
  optimizer: string;
  learningRate: number;
  schedule: string;
  loss: string;
  metrics: string[];
  epochs: number;
  batchSize: number;
  earlyStopping: string;
  seed: number;
  dataset: string;
  validationSplit: number;
}

export interface RunRecord {
  id: string;
  /** ms timestamps. */
  startedAt: number;
  finishedAt: number;
  status: Extract<RunStatus, 'done' | 'stopped' | 'error'>;
  backend: string | null;
  params: number;
  /** Epochs completed (a partial epoch cut by a stop counts). */
  epochsRun: number;
  seconds: number;
  config: RunConfig;
  metrics: Record<string, number>;
  /** Per-epoch curve: x (epoch) and the values per metric. */
  curve: { x: number[]; values: Record<string, (number | null)[]> };
  /** The artifact folder, when one was written (what the export dialog loads weights from). */
  out: string | null;
  evaluation: Pick<Evaluation, 'classNames' | 'confusion'> | null;
  error: string | null;
}

export function describeSchedule(training: Project['training']): string {
  const s = training.schedule;
  if (!s || s.type === 'constant') return 'constant';
  if (s.type === 'step') return `step ×${s.factor} every ${s.every}`;
  if (s.type === 'exponential') return `exponential ×${s.decay}/epoch`;
  return `cosine to ${s.minLearningRate}`;
}

export function describeDataset(dataset: Project['dataset']): string {
  if (!dataset) return 'none';
  const where = dataset.source === 'builtin' ? dataset.name ?? '?' : dataset.path ?? dataset.images ?? dataset.x ?? '?';
  const subset = dataset.classes?.length ? ` (classes ${dataset.classes.join(', ')})` : '';
  return `${dataset.source}: ${where}${subset}`;
}

export function runConfig(project: Project, epochs?: number): RunConfig {
  const t = project.training;
  return {
    kind: t.kind, optimizer: t.optimizer.type, learningRate: t.optimizer.learningRate, schedule: describeSchedule(t),
    loss: t.loss, metrics: [...t.metrics], epochs: epochs ?? t.epochs, batchSize: t.batchSize,
    earlyStopping: t.earlyStopping ? `${t.earlyStopping.monitor}, patience ${t.earlyStopping.patience}` : 'off',
    seed: t.seed, dataset: describeDataset(project.dataset), validationSplit: project.dataset?.validationSplit ?? 0,
  };
}

/** The record of a finished run; null while the run is still going. */
export function recordRun(id: string, state: DashboardState, config: RunConfig): RunRecord | null {
  if (state.status !== 'done' && state.status !== 'stopped' && state.status !== 'error') return null;
  const startedAt = state.startedAt ?? state.finishedAt ?? 0;
  const finishedAt = state.finishedAt ?? startedAt;
  return {
    id, startedAt, finishedAt, status: state.status, backend: state.backend, params: state.params,
    epochsRun: state.epochSeries.x.at(-1) ?? 0,
    seconds: Math.max(0, (finishedAt - startedAt - state.pausedMs) / 1000),
    config,
    metrics: state.final ?? state.lastEpoch,
    curve: { x: [...state.epochSeries.x], values: { ...state.epochSeries.values } },
    out: state.out,
    evaluation: config.kind === 'supervised' && state.evaluation ? { classNames: state.evaluation.classNames, confusion: state.evaluation.confusion } : null,
    error: state.error?.message ?? null,
  };
}

/** Adds a run at the front, replacing one with the same id, keeping at most `limit`. */
export function addRun(runs: readonly RunRecord[], run: RunRecord, limit = RUN_LIMIT): RunRecord[] {
  return [run, ...runs.filter((r) => r.id !== run.id)].slice(0, limit);
}

export function removeRun(runs: readonly RunRecord[], id: string): RunRecord[] {
  return runs.filter((r) => r.id !== id);
}

/** The newest run that left an artifact folder (default weights for export). */
export function latestArtifact(runs: readonly RunRecord[]): RunRecord | undefined {
  return runs.find((r) => r.out && r.status !== 'error');
}

/** 1-based run numbers in the order runs were made (oldest = Run 1), for labels like "Run 3". */
export function runNumbers(runs: readonly RunRecord[]): Map<string, number> {
  const ordered = [...runs].sort((a, b) => a.startedAt - b.startedAt);
  return new Map(ordered.map((r, i) => [r.id, i + 1]));
}

export interface CompareRow {
  label: string;
  a: string;
  b: string;
  differs: boolean;
  /** For metric rows: which run is better (lower loss/error, higher accuracy), if either. */
  better?: 'a' | 'b';
}

const CONFIG_LABELS: [keyof RunConfig, string][] = [
  ['kind', 'Training kind'], ['dataset', 'Dataset'], ['validationSplit', 'Validation split'], ['optimizer', 'Optimizer'],
  ['learningRate', 'Learning rate'], ['schedule', 'Schedule'], ['loss', 'Loss'], ['metrics', 'Metrics'], ['epochs', 'Epochs'],
  ['batchSize', 'Batch size'], ['earlyStopping', 'Early stopping'], ['seed', 'Seed'],
];

function show(v: unknown): string {
  if (Array.isArray(v)) return v.length ? v.join(', ') : 'none';
  return String(v);
}

export function higherIsBetter(metric: string): boolean {
  return /(^|_)acc(uracy)?$/.test(metric);
}

/** Rows for a side-by-side comparison: configuration (what differs first), then every metric either run has. */
export function compareRuns(a: RunRecord, b: RunRecord, format: (name: string, v: number | undefined) => string): CompareRow[] {
  const config = CONFIG_LABELS.map(([key, label]) => {
    const va = show(a.config[key]);
    const vb = show(b.config[key]);
    return { label, a: va, b: vb, differs: va !== vb };
  });
  const names = [...new Set([...Object.keys(a.metrics), ...Object.keys(b.metrics)])].sort((x, y) => metricOrder(x) - metricOrder(y) || x.localeCompare(y));
  const metrics = names.map((name): CompareRow => {
    const va = a.metrics[name];
    const vb = b.metrics[name];
    let better: 'a' | 'b' | undefined;
    if (va !== undefined && vb !== undefined && va !== vb) better = (va > vb) === higherIsBetter(name) ? 'a' : 'b';
    return { label: name, a: format(name, va), b: format(name, vb), differs: va !== vb, ...(better ? { better } : {}) };
  });
  const extra: CompareRow[] = [
    { label: 'Epochs run', a: String(round(a.epochsRun)), b: String(round(b.epochsRun)), differs: a.epochsRun !== b.epochsRun },
    { label: 'Status', a: a.status, b: b.status, differs: a.status !== b.status },
    { label: 'Backend', a: a.backend ?? '–', b: b.backend ?? '–', differs: a.backend !== b.backend },
  ];
  return [...metrics, ...extra, ...config];
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

function metricOrder(name: string): number {
  const base = name.replace(/^val_/, '');
  return (base === 'loss' ? 0 : 1) * 2 + (name.startsWith('val_') ? 0 : 1);
}

// ── Storage ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Where a project's runs are kept: its saved path, or its name while it is unsaved. */
export function storageKey(projectPath: string | null | undefined, projectName: string): string {
  return `${STORAGE_PREFIX}${projectPath ? `file:${projectPath}` : `unsaved:${projectName}`}`;
}

function isRecord(v: unknown): v is RunRecord {
  if (!v || typeof v !== 'object') return false;
  const r = v as Partial<RunRecord>;
  return typeof r.id === 'string' && typeof r.startedAt === 'number' && typeof r.status === 'string'
    && !!r.config && typeof r.config === 'object' && !!r.metrics && typeof r.metrics === 'object'
    && !!r.curve && Array.isArray(r.curve.x);
}

/** Stored runs, ignoring anything unreadable (storage is never a reason for the panel to fail). */
export function parseRuns(text: string | null): RunRecord[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter(isRecord) : [];
  } catch {
    return [];
  }
}

export function loadRuns(storage: KeyValueStorage | undefined, key: string): RunRecord[] {
  try {
    return parseRuns(storage?.getItem(key) ?? null);
  } catch {
    return [];
  }
}

export function saveRuns(storage: KeyValueStorage | undefined, key: string, runs: readonly RunRecord[]): void {
  try {
    if (runs.length === 0) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(runs));
  } catch {
    // Full or unavailable storage: the history then lasts for this session only.
  }
}
