import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../shared/events.js';
import {
  chartGroups, elapsedMs, etaSeconds, initialDashboard, markLost, markStopping, MAX_BATCH_POINTS, progress, reduceDashboard,
  startingDashboard, thin, type DashboardState,
} from '../../../renderer/panels/training/dashboard.js';

function run(events: [TrainingEvent, number][], from: DashboardState = startingDashboard(0, 2)): DashboardState {
  return events.reduce((s, [e, t]) => reduceDashboard(s, e, t), from);
}

const start: TrainingEvent = { event: 'start', backend: 'wasm', params: 1000, samples: 100, validationSamples: 20, epochs: 2, batchesPerEpoch: 4 };
const batch = (epoch: number, b: number, loss: number, accuracy = 0.5): TrainingEvent => ({ event: 'batch', epoch, batch: b, batches: 4, metrics: { loss, accuracy } });
const epoch = (e: number, loss: number): TrainingEvent => ({ event: 'epoch', epoch: e, epochs: 2, seconds: 1, learningRate: 0.01, metrics: { loss, accuracy: 0.6, val_loss: loss + 0.1, val_accuracy: 0.55 } });

describe('dashboard reducer', () => {
  it('starts idle and moves to running on the start event', () => {
    expect(initialDashboard().status).toBe('idle');
    const s = run([[start, 100]]);
    expect(s).toMatchObject({ status: 'running', backend: 'wasm', epochs: 2, batchesPerEpoch: 4, samples: 100, validationSamples: 20 });
    expect(progress(s)).toBe(0);
  });

  it('tracks progress and series per batch and per epoch', () => {
    const s = run([[start, 0], [batch(0, 0, 2), 1000], [batch(0, 1, 1.8), 2000], [batch(0, 3, 1.5), 3000], [epoch(0, 1.6), 3100], [batch(1, 1, 1.2), 4000]]);
    expect(s.batchesDone).toBe(6);
    expect(progress(s)).toBeCloseTo(6 / 8);
    expect(s.batchSeries.x).toEqual([0.25, 0.5, 1, 1.5]);
    expect(s.batchSeries.values.loss).toEqual([2, 1.8, 1.5, 1.2]);
    expect(s.epochSeries.x).toEqual([1]);
    expect(s.epochSeries.values.val_loss![0]).toBeCloseTo(1.7);
    expect(s.epochSeries.learningRate).toEqual([0.01]);
    expect(s.lastEpoch.loss).toBe(1.6);
  });

  it('estimates the time left from the pace since the first batch, not counting pauses', () => {
    let s = run([[start, 0], [batch(0, 0, 2), 5000], [batch(0, 1, 1.8), 6000]]);
    // 1 batch per second after the first; 6 batches left.
    expect(etaSeconds(s, 6000)).toBeCloseTo(6);
    expect(etaSeconds(s, 6500)).toBeCloseTo(5.5);
    s = reduceDashboard(s, { event: 'status', state: 'paused' }, 6500);
    expect(s.status).toBe('paused');
    // Frozen while paused.
    expect(etaSeconds(s, 60_000)).toBeCloseTo(5.5);
    s = reduceDashboard(s, { event: 'status', state: 'running' }, 16_500);
    expect(s.pausedMs).toBe(10_000);
    s = reduceDashboard(s, batch(0, 2, 1.7), 17_000);
    expect(etaSeconds(s, 17_000)).toBeCloseTo(5);
    expect(elapsedMs(s, 17_000)).toBe(7000);
  });

  it('has no ETA before the pace is known or after the end', () => {
    const s = run([[start, 0], [batch(0, 0, 2), 1000]]);
    expect(etaSeconds(s, 1000)).toBeNull();
    const done = reduceDashboard(s, { event: 'done', metrics: { loss: 1 }, out: '/tmp/run' }, 2000);
    expect(etaSeconds(done, 2000)).toBeNull();
    expect(progress(done)).toBe(1);
    expect(done).toMatchObject({ status: 'done', out: '/tmp/run', final: { loss: 1 } });
  });

  it('places the epoch of a run stopped mid-epoch where its batches ended', () => {
    let s = run([[start, 0], [batch(0, 0, 2), 1], [batch(0, 3, 1.5), 2], [epoch(0, 1.6), 3], [batch(1, 1, 1.2), 4]]);
    s = markStopping(s);
    expect(s.status).toBe('stopping');
    s = reduceDashboard(s, epoch(1, 1.3), 5);
    expect(s.epochSeries.x).toEqual([1, 1.5]);
    s = reduceDashboard(s, { event: 'done', metrics: { loss: 1.3 }, out: '', stopped: true }, 6);
    expect(s.status).toBe('stopped');
    expect(s.out).toBeNull();
    expect(progress(s)).toBeCloseTo(6 / 8);
  });

  it('keeps the early stopping reason and ends as stopped', () => {
    let s = run([[start, 0], [epoch(0, 1), 1]]);
    s = reduceDashboard(s, { event: 'status', state: 'stopping', detail: 'early stopping: val_loss has not improved for 2 epochs' }, 2);
    expect(s).toMatchObject({ status: 'stopping', detail: expect.stringContaining('early stopping') });
    s = reduceDashboard(s, { event: 'done', metrics: {}, out: '/x', stopped: true }, 3);
    expect(s.status).toBe('stopped');
  });

  it('reports errors (NaN loss) with the node when there is one', () => {
    let s = run([[start, 0], [batch(0, 0, 2), 1]]);
    s = reduceDashboard(s, { event: 'error', message: 'the loss became NaN at epoch 1, batch 2', node: 'fc' }, 2);
    expect(s.status).toBe('error');
    expect(s.error).toEqual({ message: 'the loss became NaN at epoch 1, batch 2', node: 'fc' });
    expect(s.finishedAt).toBe(2);
  });

  it('drops non-finite values from the series', () => {
    const s = run([[start, 0], [{ event: 'batch', epoch: 0, batch: 0, batches: 4, metrics: { loss: Number.NaN } }, 1]]);
    expect(s.batchSeries.values.loss).toEqual([null]);
  });

  it('back-fills metrics that appear later and keeps columns aligned', () => {
    const s = run([[start, 0], [{ event: 'batch', epoch: 0, batch: 0, batches: 4, metrics: { loss: 1 } }, 1], [batch(0, 1, 0.9, 0.7), 2]]);
    expect(s.batchSeries.values.accuracy).toEqual([null, 0.7]);
    expect(s.batchSeries.values.loss).toEqual([1, 0.9]);
  });

  it('keeps the latest sample images per kind', () => {
    const img = { width: 2, height: 1, channels: 1, pixels: [0, 1] };
    let s = run([[start, 0], [{ event: 'sample', kind: 'gan', epoch: 0, images: [img] }, 1]]);
    s = reduceDashboard(s, { event: 'sample', kind: 'gan', epoch: 1, images: [img, img] }, 2);
    expect(s.sampleSets.gan?.images).toHaveLength(2);
    expect(s.sampleSets.gan?.epoch).toBe(1);
  });

  it('marks a run whose host went away as failed', () => {
    const s = markLost(run([[start, 0]]), 'the connection was closed', 5);
    expect(s).toMatchObject({ status: 'error', error: { message: 'the connection was closed' } });
    expect(markLost(s, 'again', 6)).toBe(s);
  });

  it('thins long batch curves', () => {
    const x = Array.from({ length: MAX_BATCH_POINTS + 1 }, (_, i) => i);
    const t = thin({ x, values: { loss: x.map((v) => v * 2) } });
    expect(t.x.length).toBeLessThan(MAX_BATCH_POINTS);
    expect(t.x.at(-1)).toBe(MAX_BATCH_POINTS);
    expect(t.values.loss!.length).toBe(t.x.length);
    expect(t.values.loss![5]).toBe(t.x[5]! * 2);
  });

  it('groups metrics into charts', () => {
    const s = run([[start, 0], [batch(0, 0, 2), 1], [epoch(0, 1), 2]]);
    expect(chartGroups(s).map((g) => [g.id, g.metrics])).toEqual([['loss', ['loss', 'val_loss']], ['accuracy', ['accuracy', 'val_accuracy']]]);
    const gan = run([[start, 0], [{ event: 'batch', epoch: 0, batch: 0, batches: 4, metrics: { d_loss: 1, g_loss: 2 } }, 1]]);
    expect(chartGroups(gan)).toEqual([{ id: 'gan', title: 'Generator and discriminator loss', metrics: ['d_loss', 'g_loss'] }]);
  });
});
