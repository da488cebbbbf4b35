// The training dashboard's state, derived from the engine's event stream (shared/events.ts) by one pure reducer:
// status, progress and ETA, the series per batch and per epoch that the charts draw, the latest sample images and
// the final evaluation. `now` (milliseconds) is passed in so the reducer stays pure and testable.
import type { Evaluation, SampleImage, TrainingEvent } from '../../../shared/events.js';

export type RunStatus =
  /** No run yet. */
  | 'idle'
  /** train:start sent, no start event yet (loading data, compiling). */
  | 'starting'
  | 'running'
  | 'paused'
  /** Stop requested (by the user or early stopping); the engine finishes the batch and writes the artifact. */
  | 'stopping'
  /** Finished all epochs. */
  | 'done'
  /** Finished early (stopped by the user or early stopping). */
  | 'stopped'
  | 'error';

export interface BatchSeries {
  /** Position in epochs: epoch + (batch + 1) / batches, so epoch points line up with the batch that ends them. */
  x: number[];
  /** One array per metric name, aligned with `x` (null where a batch did not report that metric). */
  values: Record<string, (number | null)[]>;
}

export interface EpochSeries {
  /** epoch + 1 (or the fraction reached when an epoch was cut short by a stop). */
  x: number[];
  values: Record<string, (number | null)[]>;
  seconds: number[];
  learningRate: (number | null)[];
}

export interface SampleSet {
  kind: 'gan' | 'reconstruction' | 'prediction';
  epoch?: number;
  images: SampleImage[];
}

export interface DashboardState {
  status: RunStatus;
  backend: string | null;
  params: number;
  samples: number;
  validationSamples: number;
  epochs: number;
  batchesPerEpoch: number;
  /** Last reported position (0-based epoch and batch). */
  epoch: number;
  batch: number;
  /** Batches finished over the run. */
  batchesDone: number;
  /** ms timestamps. */
  startedAt: number | null;
  /** Running time (without pauses, ms) when the first batch was reported: the ETA ignores data loading and compiling. */
  firstBatchMs: number | null;
  /** Running time (ms) at the latest batch. */
  lastBatchMs: number;
  batchesAtFirst: number;
  lastEventAt: number | null;
  finishedAt: number | null;
  pausedAt: number | null;
  /** Total time spent paused, ms. */
  pausedMs: number;
  /** Latest metrics of a batch and of an epoch. */
  lastBatch: Record<string, number>;
  lastEpoch: Record<string, number>;
  batchSeries: BatchSeries;
  epochSeries: EpochSeries;
  /** Latest image set per kind. */
  sampleSets: Partial<Record<SampleSet['kind'], SampleSet>>;
  /** Status detail from the engine (early stopping reason, …). */
  detail: string | null;
  final: Record<string, number> | null;
  out: string | null;
  evaluation: Evaluation | null;
  error: { message: string; node?: string } | null;
  /** Incremented on every change the charts should redraw for. */
  version: number;
}

/** Batch points kept per run; older points are thinned (every other one dropped) beyond it. */
export const MAX_BATCH_POINTS = 2000;

export function initialDashboard(): DashboardState {
  return {
    status: 'idle', backend: null, params: 0, samples: 0, validationSamples: 0, epochs: 0, batchesPerEpoch: 0,
    epoch: 0, batch: -1, batchesDone: 0,
    startedAt: null, firstBatchMs: null, lastBatchMs: 0, batchesAtFirst: 0, lastEventAt: null, finishedAt: null, pausedAt: null, pausedMs: 0,
    lastBatch: {}, lastEpoch: {},
    batchSeries: { x: [], values: {} },
    epochSeries: { x: [], values: {}, seconds: [], learningRate: [] },
    sampleSets: {}, detail: null, final: null, out: null, evaluation: null, error: null, version: 0,
  };
}

/** The state right after the user pressed Start: epochs known from the project until the engine says more. */
export function startingDashboard(now: number, epochs: number): DashboardState {
  return { ...initialDashboard(), status: 'starting', startedAt: now, epochs, version: 1 };
}

export function isActive(status: RunStatus): boolean {
  return status === 'starting' || status === 'running' || status === 'paused' || status === 'stopping';
}

/** Appends a point to aligned series: every known name gets a value (null when absent), new names are back-filled. */
function appendPoint(
  series: { x: number[]; values: Record<string, (number | null)[]> }, x: number, metrics: Record<string, number>,
): { x: number[]; values: Record<string, (number | null)[]> } {
  const n = series.x.length;
  const values: Record<string, (number | null)[]> = {};
  for (const [name, list] of Object.entries(series.values)) values[name] = [...list, finite(metrics[name])];
  for (const [name, v] of Object.entries(metrics)) {
    if (!(name in values)) values[name] = [...new Array<number | null>(n).fill(null), finite(v)];
  }
  return { x: [...series.x, x], values };
}

function finite(v: number | undefined): number | null {
  return v === undefined || !Number.isFinite(v) ? null : v;
}

/** Drops every other point of the older half so long runs keep a bounded, evenly thinned batch curve. */
export function thin(series: BatchSeries, max = MAX_BATCH_POINTS): BatchSeries {
  if (series.x.length <= max) return series;
  const half = Math.floor(series.x.length / 2);
  const keep = (i: number) => i >= half || i % 2 === 0;
  const x = series.x.filter((_, i) => keep(i));
  const values: Record<string, (number | null)[]> = {};
  for (const [name, list] of Object.entries(series.values)) values[name] = list.filter((_, i) => keep(i));
  return { x, values };
}

function resume(state: DashboardState, now: number): Pick<DashboardState, 'pausedAt' | 'pausedMs'> {
  return state.pausedAt === null ? { pausedAt: null, pausedMs: state.pausedMs } : { pausedAt: null, pausedMs: state.pausedMs + (now - state.pausedAt) };
}

export function reduceDashboard(state: DashboardState, event: TrainingEvent, now: number): DashboardState {
  const base = { ...state, lastEventAt: now, version: state.version + 1 };
  switch (event.event) {
    case 'start':
      return {
        ...base,
        status: state.status === 'stopping' ? 'stopping' : state.status === 'paused' ? 'paused' : 'running',
        backend: event.backend, params: event.params, samples: event.samples,
        validationSamples: event.validationSamples ?? 0,
        epochs: event.epochs ?? state.epochs, batchesPerEpoch: event.batchesPerEpoch ?? state.batchesPerEpoch,
        startedAt: state.startedAt ?? now,
      };
    case 'batch': {
      const batches = Math.max(1, event.batches);
      const done = event.epoch * batches + event.batch + 1;
      const lastBatchMs = elapsedMs(state, now);
      const firstBatchMs = state.firstBatchMs ?? lastBatchMs;
      const batchSeries = thin(appendPoint(state.batchSeries, event.epoch + (event.batch + 1) / batches, event.metrics));
      return {
        ...base,
        status: state.status === 'starting' ? 'running' : state.status,
        epoch: event.epoch, batch: event.batch, batchesPerEpoch: batches, batchesDone: done,
        firstBatchMs, lastBatchMs, batchesAtFirst: state.firstBatchMs === null ? done : state.batchesAtFirst,
        lastBatch: event.metrics, batchSeries,
      };
    }
    case 'epoch': {
      const lastX = state.batchSeries.x.at(-1);
      // A stop in the middle of an epoch still reports it (over the batches it ran): put it where the batches ended.
      const x = lastX !== undefined && lastX > event.epoch && lastX < event.epoch + 1 ? lastX : event.epoch + 1;
      const points = appendPoint({ x: state.epochSeries.x, values: state.epochSeries.values }, x, event.metrics);
      const batchesPerEpoch = state.batchesPerEpoch;
      return {
        ...base,
        status: state.status === 'starting' ? 'running' : state.status,
        epoch: event.epoch, epochs: event.epochs,
        batchesDone: batchesPerEpoch > 0 ? Math.max(state.batchesDone, Math.round(x * batchesPerEpoch)) : state.batchesDone,
        lastEpoch: event.metrics,
        epochSeries: {
          ...points,
          seconds: [...state.epochSeries.seconds, event.seconds],
          learningRate: [...state.epochSeries.learningRate, event.learningRate ?? null],
        },
      };
    }
    case 'sample':
      return { ...base, sampleSets: { ...state.sampleSets, [event.kind]: { kind: event.kind, epoch: event.epoch, images: event.images } } };
    case 'status':
      switch (event.state) {
        case 'paused':
          return { ...base, status: isActive(state.status) ? 'paused' : state.status, pausedAt: state.pausedAt ?? now };
        case 'running':
          return { ...base, ...resume(state, now), status: state.status === 'paused' ? 'running' : state.status };
        case 'stopping':
          return { ...base, ...resume(state, now), status: isActive(state.status) ? 'stopping' : state.status, detail: event.detail ?? state.detail };
        case 'checkpoint':
          return { ...base, detail: event.detail ?? 'checkpoint written' };
      }
      return base;
    case 'done': {
      const stopped = event.stopped ?? false;
      return {
        ...base, ...resume(state, now),
        status: stopped ? 'stopped' : 'done',
        final: event.metrics, out: event.out || null, evaluation: event.evaluation ?? null, finishedAt: now,
      };
    }
    case 'error':
      return { ...base, ...resume(state, now), status: 'error', error: { message: event.message, ...(event.node ? { node: event.node } : {}) }, finishedAt: now };
  }
}

/** The user asked to stop: shown at once, before the engine confirms. */
export function markStopping(state: DashboardState): DashboardState {
  return isActive(state.status) ? { ...state, status: 'stopping', version: state.version + 1 } : state;
}

/** The run ended without a done or error event (the host or its connection went away). */
export function markLost(state: DashboardState, message: string, now: number): DashboardState {
  if (!isActive(state.status)) return state;
  return { ...state, ...resume(state, now), status: 'error', error: { message }, finishedAt: now, version: state.version + 1 };
}

// ── Derived figures ─────────────────────────────────────────────────────────────────────────────────────────────

export function totalBatches(state: DashboardState): number {
  return state.epochs * state.batchesPerEpoch;
}

/** Progress over the whole run, 0–1 (1 once done). */
export function progress(state: DashboardState): number {
  if (state.status === 'done') return 1;
  const total = totalBatches(state);
  if (total <= 0) return 0;
  return Math.min(1, state.batchesDone / total);
}

/** Running time so far (or of the whole run), without pauses, in ms. */
export function elapsedMs(state: DashboardState, now: number): number {
  if (state.startedAt === null) return 0;
  const end = state.finishedAt ?? now;
  const paused = state.pausedMs + (state.pausedAt !== null && state.finishedAt === null ? end - state.pausedAt : 0);
  return Math.max(0, end - state.startedAt - paused);
}

/** Seconds left, estimated from the pace since the first batch; null when unknown (no pace yet, or not running). */
export function etaSeconds(state: DashboardState, now: number): number | null {
  if (state.status !== 'running' && state.status !== 'paused') return null;
  const total = totalBatches(state);
  if (total <= 0 || state.firstBatchMs === null) return null;
  const since = state.batchesDone - state.batchesAtFirst;
  if (since <= 0) return null;
  const perBatch = Math.max(0, state.lastBatchMs - state.firstBatchMs) / since;
  // Counts down between batch reports.
  const sinceLast = Math.max(0, elapsedMs(state, now) - state.lastBatchMs);
  return Math.max(0, ((total - state.batchesDone) * perBatch - sinceLast) / 1000);
}

/** Metric names grouped into charts: `loss` with `val_loss`, `accuracy` with `val_accuracy`, GAN losses together. */
export interface ChartGroup {
  /** e.g. "loss", "accuracy", "gan". */
  id: string;
  title: string;
  /** Train metric (batch and epoch) and its validation twin (epoch only). */
  metrics: string[];
}

export function chartGroups(state: Pick<DashboardState, 'batchSeries' | 'epochSeries'>): ChartGroup[] {
  const names = new Set([...Object.keys(state.batchSeries.values), ...Object.keys(state.epochSeries.values)]);
  const bases: string[] = [];
  for (const n of names) {
    const b = n.startsWith('val_') ? n.slice(4) : n;
    if (!bases.includes(b)) bases.push(b);
  }
  const groups: ChartGroup[] = [];
  const gan: string[] = bases.filter((b) => b === 'd_loss' || b === 'g_loss');
  if (gan.length) groups.push({ id: 'gan', title: 'Generator and discriminator loss', metrics: gan });
  const rest = bases.filter((b) => !gan.includes(b));
  rest.sort((a, b) => (a === 'loss' ? -1 : b === 'loss' ? 1 : a.localeCompare(b)));
  for (const b of rest) {
    groups.push({ id: b, title: metricTitle(b), metrics: [b, ...(names.has(`val_${b}`) ? [`val_${b}`] : [])] });
  }
  return groups;
}

const TITLES: Record<string, string> = {
  loss: 'Loss', accuracy: 'Accuracy', mse: 'Mean squared error', mae: 'Mean absolute error', d_loss: 'Discriminator loss', g_loss: 'Generator loss',
};

export function metricTitle(name: string): string {
  if (name.startsWith('val_')) return `Validation ${metricTitle(name.slice(4)).toLowerCase()}`;
  return TITLES[name] ?? name;
}
