// The training loop in-process on the cpu backend: events, controls, leaks, NaN, artifact.
import { mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { TrainingEvent } from '../../shared/events.js';
import { TrainingEventSchema } from '../../shared/events.js';
import { parseProjectText, type Project } from '../../shared/project.js';
import { initBackend } from '../../electron/engine/backend/index.js';
import { loadLayersModel } from '../../electron/engine/model-io.js';
import { train, InputError } from '../../electron/engine/train/trainer.js';

const fixtures = path.resolve(__dirname, '../fixtures');
function fixture(name: string, patch: (p: Project) => void = () => {}): Project {
  const parsed = parseProjectText(readFileSync(path.join(fixtures, name), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  patch(parsed.project);
  return parsed.project;
}

async function run(project: Project, opts: { epochs?: number; out?: string; stopAfterBatches?: number; checkpointOnce?: boolean } = {}) {
  const { tf, backend } = await initBackend('cpu');
  const events: TrainingEvent[] = [];
  const tensorsAtEpoch: number[] = [];
  let batches = 0;
  await train(tf, backend, project, { baseDir: fixtures, epochs: opts.epochs, out: opts.out }, (e) => {
    events.push(e);
    if (e.event === 'epoch') tensorsAtEpoch.push(tf.memory().numTensors);
  }, {
    stopRequested: () => opts.stopAfterBatches !== undefined && ++batches > opts.stopAfterBatches,
    whilePaused: async () => {},
    checkpointRequested: () => {
      const c = !!opts.checkpointOnce;
      opts.checkpointOnce = false;
      return c;
    },
  });
  return { events, tensorsAtEpoch, tf };
}

describe('training (cpu, in process)', () => {
  test('streams start, batch, epoch and done events with Keras metric names', async () => {
    const { events } = await run(fixture('iris-mlp.layerloom.json'), { epochs: 4 });
    for (const e of events) expect(TrainingEventSchema.safeParse(e).success).toBe(true);
    expect(events[0]).toMatchObject({ event: 'start', backend: 'cpu', params: 4 * 16 + 16 + 16 * 3 + 3, samples: 120, validationSamples: 30 });
    const epochs = events.filter((e) => e.event === 'epoch');
    expect(epochs).toHaveLength(4);
    expect(Object.keys(epochs[0]!.metrics).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(events.some((e) => e.event === 'batch')).toBe(true);
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    if (done.event === 'done') {
      expect(done.evaluation!.confusion).toHaveLength(3);
      expect(done.evaluation!.confusion.flat().reduce((a, b) => a + b, 0)).toBe(30);
    }
  });

  test('no tensor leaks: the tensor count is flat across epochs', async () => {
    const { tensorsAtEpoch } = await run(fixture('iris-mlp.layerloom.json'), { epochs: 4 });
    expect(new Set(tensorsAtEpoch.slice(1)).size).toBe(1);
  });

  test('the same seed gives the same metrics', async () => {
    const a = await run(fixture('iris-mlp.layerloom.json'), { epochs: 2 });
    const b = await run(fixture('iris-mlp.layerloom.json'), { epochs: 2 });
    const last = (r: typeof a) => r.events.filter((e) => e.event === 'epoch').at(-1);
    expect(last(a)).toMatchObject({ metrics: last(b)!.event === 'epoch' ? (last(b) as { metrics: object }).metrics : {} });
  });

  test('with Dropout, the same seed still gives the same run (masks are seeded, and differ from step to step)', async () => {
    const withDropout = (seed: number) => fixture('iris-mlp.layerloom.json', (p) => {
      const m = p.models.main!;
      m.nodes.push({ id: 'drop', kind: 'Dropout', params: { rate: 0.5 }, position: { x: 0, y: 0 } });
      const e = m.edges.find((x) => x.source === 'dense0')!;
      m.edges.push({ id: 'e_drop', source: 'drop', sourcePort: 'out', target: e.target, targetPort: e.targetPort });
      e.target = 'drop';
      e.targetPort = 'in';
      p.training.seed = seed;
    });
    const last = (r: Awaited<ReturnType<typeof run>>) => (r.events.filter((e) => e.event === 'epoch').at(-1) as { metrics: Record<string, number> }).metrics;
    const a = last(await run(withDropout(5), { epochs: 2 }));
    expect(last(await run(withDropout(5), { epochs: 2 }))).toEqual(a);
    expect(last(await run(withDropout(6), { epochs: 2 }))).not.toEqual(a);

    const { tf } = await initBackend('cpu');
    const { customLayers } = await import('../../shared/layers/tfjs-custom.js');
    const masks = (seed: number) => {
      const layer = new (customLayers(tf).SeededDropout)({ rate: 0.5, seed });
      const x = tf.ones([1, 64]);
      return [0, 1].map(() => Array.from((layer.apply(x, { training: true }) as import('@tensorflow/tfjs').Tensor).dataSync()));
    };
    const [m1, m2] = masks(9);
    expect(m1).not.toEqual(m2);
    expect(masks(9)).toEqual([m1, m2]);
  });

  test('stop ends the run early with done {stopped: true}', async () => {
    const { events } = await run(fixture('iris-mlp.layerloom.json'), { epochs: 50, stopAfterBatches: 10 });
    const done = events.at(-1)!;
    expect(done).toMatchObject({ event: 'done', stopped: true });
    expect(events.filter((e) => e.event === 'epoch').length).toBeLessThan(50);
  });

  test('a diverging run stops with a NaN error', async () => {
    const project = fixture('iris-mlp.layerloom.json', (p) => {
      p.training.optimizer = { type: 'sgd', learningRate: 1e6 };
      p.training.loss = 'meanSquaredError';
      p.dataset!.scale = 1e6;
      for (const n of p.models.main!.nodes) if (n.kind === 'Dense') n.params = { ...n.params, activation: 'linear' };
    });
    await expect(run(project, { epochs: 20 })).rejects.toThrow(/NaN/);
  });

  test('early stopping stops when val_loss stops improving', async () => {
    const project = fixture('iris-mlp.layerloom.json', (p) => {
      p.training.optimizer = { type: 'sgd', learningRate: 1e-9 };
      p.training.earlyStopping = { patience: 2, monitor: 'val_loss' };
    });
    const { events } = await run(project, { epochs: 30 });
    expect(events.filter((e) => e.event === 'epoch').length).toBeLessThan(30);
    expect(events.some((e) => e.event === 'status' && e.detail?.includes('early stopping'))).toBe(true);
  });

  test('writes the artifact; its model loads and predicts what the trainer predicted', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'll-art-')), 'run');
    const { events, tf } = await run(fixture('iris-mlp.layerloom.json'), { epochs: 2, out });
    expect(events.at(-1)).toMatchObject({ event: 'done', out });
    const lines = readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].event).toBe('start');
    expect(lines.at(-1)).toMatchObject({ event: 'done', out });
    expect(parseProjectText(readFileSync(path.join(out, 'project.layerloom.json'), 'utf8')).ok).toBe(true);
    const model = await loadLayersModel(tf, path.join(out, 'models/main'));
    const y = model.predict(tf.ones([1, 4])) as import('@tensorflow/tfjs').Tensor;
    expect(y.shape).toEqual([1, 3]);
  });

  test('bad input: a dataset that does not fit the Input is an InputError and leaves no artifact', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'll-art-')), 'run');
    const project = fixture('iris-mlp.layerloom.json', (p) => {
      p.models.main!.nodes[0]!.params = { shape: [5] };
    });
    await expect(run(project, { out })).rejects.toBeInstanceOf(InputError);
    expect(existsSync(out)).toBe(false);
  });

  test('a checkpoint saves the models into the artifact; classifiers on images get prediction pictures', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'll-ckpt-')), 'run');
    const { events } = await run(fixture('digits-autoencoder.layerloom.json', (p) => {
      p.training.kind = 'supervised';
      p.training.loss = 'sparseCategoricalCrossentropy';
      p.training.metrics = ['accuracy'];
      const last = p.models.main!.nodes.find((n) => n.id === 'dense3')!;
      last.params = { units: 10, activation: 'softmax' };
    }), { epochs: 2, out, checkpointOnce: true });
    expect(events.find((e) => e.event === 'status' && e.state === 'checkpoint')).toMatchObject({ detail: expect.stringContaining('epoch-1') });
    expect(existsSync(path.join(out, 'checkpoints/epoch-1/models/main/model.json'))).toBe(true);
    const pictures = events.find((e) => e.event === 'sample' && e.kind === 'prediction');
    expect(pictures).toBeDefined();
    if (pictures?.event === 'sample') expect(pictures.images[0]).toMatchObject({ width: 8, height: 8, caption: expect.stringMatching(/^#\d+$/) });
  });

  test('autoencoder and GAN runs emit sample images', async () => {
    const ae = await run(fixture('digits-autoencoder.layerloom.json'), { epochs: 1 });
    const rec = ae.events.find((e) => e.event === 'sample');
    expect(rec).toMatchObject({ kind: 'reconstruction' });
    expect(ae.events.at(-1)).not.toHaveProperty('evaluation'); // no confusion matrix for an autoencoder
    const gan = await run(fixture('digits-gan.layerloom.json'), { epochs: 1 });
    const s = gan.events.find((e) => e.event === 'sample');
    expect(s).toMatchObject({ kind: 'gan' });
    expect(gan.events.find((e) => e.event === 'epoch')!).toHaveProperty('metrics.d_loss');
  });
});
