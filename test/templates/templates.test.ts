// Every template end to end, as a user runs it: validate → train (the template's own epochs and seed, default
// backend, CLI) → check its target → export to ONNX with the trained weights and --verify. Plus the listing, the
// teaching content of each file, and instantiation as the gallery and File ▸ New from template do it.
// The transfer template's three-seed comparison with training from scratch is in transfer.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../electron/engine/backend/index.js';
import { loadDataset } from '../../electron/engine/data/index.js';
import { loadLayersModel } from '../../electron/engine/model-io.js';
import { describePretrained, resolveModelJson } from '../../electron/engine/pretrained.js';
import { resolveProjectPath } from '../../electron/engine/paths.js';
import { instantiateTemplate, listTemplates } from '../../electron/engine/templates.js';
import { emptyProject, parseProject } from '../../shared/project.js';
import { validate } from '../../shared/validate.js';
import { layerloom } from '../helpers/cli.js';
import {
  exportVerified, readTemplate, report, templateFile, templatesDir, TEMPLATE_IDS, tempDir, trainCli, weightBytes,
  writeProject, type TrainRun,
} from './helpers.js';

const work = tempDir('templates');
const runs = new Map<string, TrainRun>();
let tf: typeof tfjs;

beforeAll(async () => {
  tf = (await initBackend()).tf;
});

afterAll(() => {
  console.log(`\nTemplates (default backend, own epochs and seed):\n${report.join('\n')}`);
});

/** Seconds a template's training may take here (the issue's limits: 2 minutes, the GAN 3). */
const TIME_LIMIT: Record<string, number> = { 'gan-digits': 180 };
const limitOf = (id: string) => TIME_LIMIT[id] ?? 120;

describe('the template files', () => {
  test('layerloom templates lists every template, in order, with its description', () => {
    const r = layerloom(['templates', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const listed = JSON.parse(r.stdout) as { id: string; name: string; description: string; kind: string }[];
    expect(listed.map((t) => t.id)).toEqual(TEMPLATE_IDS);
    for (const t of listed) {
      expect(t.name.length, t.id).toBeGreaterThan(5);
      expect(t.description.length, t.id).toBeGreaterThan(300);
    }
    const text = layerloom(['templates']);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(TEMPLATE_IDS.length);
    lines.forEach((line, i) => {
      expect(line.startsWith(TEMPLATE_IDS[i]!)).toBe(true);
      // The first paragraph is a one-line summary that the listing shows whole.
      const summary = listed[i]!.description.split('\n')[0]!;
      expect(summary.length, `${TEMPLATE_IDS[i]}: summary too long for the listing`).toBeLessThanOrEqual(120);
      expect(line).toContain(summary);
    });
  });

  test.each(TEMPLATE_IDS)('%s teaches: described, labelled, laid out top to bottom, data shipped with the app', (id) => {
    const raw = JSON.parse(readFileSync(templateFile(id), 'utf8')) as { tags?: unknown };
    const p = readTemplate(id);
    expect(p.description.split('\n\n').length, 'a few short paragraphs').toBeGreaterThanOrEqual(3);
    expect(p.description, 'says what to try next').toMatch(/Try next/);
    expect(Array.isArray(raw.tags) && raw.tags.length > 0, 'tags').toBe(true);
    for (const [name, model] of Object.entries(p.models)) {
      const at = new Map(model.nodes.map((n) => [n.id, n.position]));
      for (const n of model.nodes) expect(n.label, `${name}/${n.id} has a label`).toMatch(/\S/);
      expect(new Set(model.nodes.map((n) => `${n.position.x},${n.position.y}`)).size, `${name}: no two nodes overlap`).toBe(model.nodes.length);
      for (const e of model.edges) {
        expect(at.get(e.target)!.y - at.get(e.source)!.y, `${name}: ${e.source} → ${e.target} reads downwards`).toBeGreaterThanOrEqual(120);
      }
    }
    // Nothing is downloaded: built-in data, or files inside templates/.
    expect(p.dataset?.source).toBe('builtin');
    for (const model of Object.values(p.models)) {
      for (const n of model.nodes.filter((x) => x.kind === 'PretrainedModel')) {
        // Shipped resources are named layerloom:… so projects made from the template work wherever they are saved.
        expect(n.params.path as string).toMatch(/^layerloom:/);
        const target = resolveProjectPath(n.params.path as string, templatesDir);
        expect(target.startsWith(templatesDir + path.sep), `${n.id} path stays in templates/`).toBe(true);
        expect(existsSync(path.join(target, 'model.json'))).toBe(true);
      }
    }
  });

  test('the gallery and File ▸ New from template: listed and instantiated anywhere, still valid', async () => {
    const listed = await listTemplates();
    expect(listed.map((t) => t.id)).toEqual(TEMPLATE_IDS);
    const elsewhere = tempDir('instantiate');
    for (const { id } of listed) {
      const project = await instantiateTemplate(id, elsewhere);
      expect(parseProject(JSON.parse(JSON.stringify(project))).ok, id).toBe(true);
      const result = validate(project);
      expect(result.diagnostics.filter((d) => d.severity === 'error'), id).toEqual([]);
      for (const model of Object.values(project.models)) {
        for (const n of model.nodes.filter((x) => x.kind === 'PretrainedModel')) {
          // The rebased path still finds the shipped base from the new project's folder.
          await expect(resolveModelJson(n.params.path as string, elsewhere)).resolves.toMatchObject({ file: expect.stringContaining('model.json') });
        }
      }
    }
  });

  test('layerloom new transfer-digits: the new project trains from its own folder', () => {
    const file = path.join(tempDir('new'), 'sub', 'my-transfer.layerloom.json');
    expect(layerloom(['new', 'transfer-digits', file]).code).toBe(0);
    expect(layerloom(['validate', file]).code).toBe(0);
    const r = layerloom(['train', file, '--epochs', '1', '--json'], 60_000);
    expect(r.code, r.stderr).toBe(0);
  });
});

/** Validation targets per template (the issue's; mlp-iris is the smallest start and has its own). */
const TARGETS: Record<string, (run: TrainRun) => Promise<string> | string> = {
  'mlp-iris': ({ metrics }) => {
    expect(metrics.val_accuracy).toBeGreaterThanOrEqual(0.9);
    return `val_accuracy ${metrics.val_accuracy!.toFixed(4)} (target ≥ 0.90)`;
  },
  'cnn-digits': ({ metrics }) => {
    expect(metrics.val_accuracy).toBeGreaterThanOrEqual(0.95);
    return `val_accuracy ${metrics.val_accuracy!.toFixed(4)} (target ≥ 0.95)`;
  },
  'lstm-digits': ({ metrics }) => {
    expect(metrics.val_accuracy).toBeGreaterThanOrEqual(0.9);
    return `val_accuracy ${metrics.val_accuracy!.toFixed(4)} (target ≥ 0.90)`;
  },
  'lstm-sine': async ({ metrics }) => {
    // "Well under the variance of the target": at most a tenth of it, on the same validation split.
    const p = readTemplate('lstm-sine');
    const data = await loadDataset(p.dataset!, { baseDir: templatesDir, inputShape: [20, 1], outputShape: [1], loss: p.training.loss, kind: 'supervised' });
    const y = data.val.y;
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    const variance = y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length;
    expect(metrics.val_mse).toBeCloseTo(metrics.val_loss!, 5);
    expect(metrics.val_mse).toBeLessThanOrEqual(variance / 10);
    return `val_mse ${metrics.val_mse!.toFixed(4)} (target variance ${variance.toFixed(4)}; ≤ a tenth of it)`;
  },
  'autoencoder-digits': ({ metrics }) => {
    expect(metrics.val_mse).toBeLessThanOrEqual(0.035);
    return `val_mse ${metrics.val_mse!.toFixed(4)} (target ≤ 0.035)`;
  },
  'gan-digits': async (run) => {
    const cnn = runs.get('cnn-digits');
    expect(cnn, 'the cnn-digits run (trained first) classifies the samples').toBeDefined();
    const r = await recognisedSamples(run.out, cnn!.out, 200);
    expect(r.meanTopProbability).toBeGreaterThanOrEqual(0.8);
    expect(r.distinctClasses).toBeGreaterThanOrEqual(7);
    return `200 samples: mean top-class probability ${r.meanTopProbability.toFixed(3)} (≥ 0.8), ${r.distinctClasses} distinct classes (≥ 7), counts ${r.counts.join(' ')}`;
  },
  'transfer-digits': ({ metrics, out }) => {
    expect(metrics.val_accuracy).toBeGreaterThanOrEqual(0.83);
    // The frozen base is bit-for-bit the shipped one after training.
    const shipped = weightBytes(path.join(templatesDir, 'pretrained', 'digits-0-4'));
    const trained = weightBytes(path.join(out, 'models', 'main'));
    const frozen = [...trained.keys()].filter((name) => name.startsWith('base__'));
    expect(frozen).toHaveLength(4);
    for (const name of frozen) expect(trained.get(name)!.equals(shipped.get(name.slice('base__'.length))!), name).toBe(true);
    return `val_accuracy ${metrics.val_accuracy!.toFixed(4)} on 450 held-out images (≥ 0.83), frozen base unchanged`;
  },
};

/** Generates `n` digits from seeded noise and classifies them with the trained digits CNN. */
async function recognisedSamples(ganDir: string, cnnDir: string, n: number) {
  const generator = await loadLayersModel(tf, path.join(ganDir, 'models', 'generator'));
  const classifier = await loadLayersModel(tf, path.join(cnnDir, 'models', 'main'));
  try {
    const latent = generator.inputs[0]!.shape.slice(1) as number[];
    const probs = tf.tidy(() => {
      const z = tf.randomNormal([n, ...latent], 0, 1, 'float32', 2024);
      const images = (generator.predict(z) as tfjs.Tensor).reshape([n, 8, 8, 1]);
      return (classifier.predict(images) as tfjs.Tensor).arraySync() as number[][];
    });
    const counts = new Array<number>(10).fill(0);
    let sum = 0;
    for (const p of probs) {
      const top = p.indexOf(Math.max(...p));
      counts[top]!++;
      sum += p[top]!;
    }
    return { meanTopProbability: sum / n, distinctClasses: counts.filter((c) => c > 0).length, counts };
  } finally {
    generator.dispose();
    classifier.dispose();
  }
}

for (const id of TEMPLATE_IDS) {
  describe(id, () => {
    const file = templateFile(id);
    test('validates', () => {
      const r = layerloom(['validate', file, '--json']);
      expect(r.code, r.stdout).toBe(0);
      expect(JSON.parse(r.stdout).valid).toBe(true);
    });

    test(`trains to its target within its time limit`, async () => {
      const run = trainCli(file, path.join(work, id), limitOf(id) * 1000 + 60_000);
      runs.set(id, run);
      expect(run.epochs).toBe(readTemplate(id).training.epochs);
      const figure = await TARGETS[id]!(run);
      report.push(`  ${id.padEnd(20)} ${figure}; ${run.epochs} epochs in ${run.seconds.toFixed(1)} s on ${run.backend}`);
      expect(run.seconds, `${id} trains in under ${limitOf(id)} s`).toBeLessThan(limitOf(id));
    }, limitOf(id) * 1000 + 120_000);

    const models = id === 'gan-digits' ? ['generator', 'discriminator'] : [undefined];
    test.each(models)('exports to ONNX with the trained weights, verified (model: %s)', (model) => {
      const run = runs.get(id);
      expect(run, 'trained above').toBeDefined();
      exportVerified(file, run!.out, path.join(work, `${id}${model ? `-${model}` : ''}.onnx`), model);
    }, 120_000);
  });
}

describe('autoencoder-digits: the encoder on its own', () => {
  test('a PretrainedModel cut at "code" is the trained encoder half and exports to ONNX, verified', async () => {
    const run = runs.get('autoencoder-digits');
    expect(run, 'trained above').toBeDefined();
    // What the template tells a user to do: a new project, a Pretrained model node on the trained folder, cut at 'code'.
    const dir = tempDir('encoder');
    const summary = await describePretrained(tf, run!.out, dir, '', 'code');
    expect(summary).toMatchObject({ inputShape: [64], outputShape: [8] });
    const project = emptyProject('Digits encoder');
    project.models.main = {
      nodes: [
        { id: 'pixels', kind: 'Input', params: { shape: [64] }, position: { x: 0, y: 0 } },
        {
          id: 'encoder', kind: 'PretrainedModel', position: { x: 0, y: 150 },
          params: { path: run!.out, cutAt: 'code', trainable: false, inputShape: summary.inputShape, outputShape: summary.outputShape, paramCount: summary.paramCount },
        },
        { id: 'out', kind: 'Output', params: { name: 'code' }, position: { x: 0, y: 300 } },
      ],
      edges: [{ id: 'e1', source: 'pixels', sourcePort: 'out', target: 'encoder', targetPort: 'in' }, { id: 'e2', source: 'encoder', sourcePort: 'out', target: 'out', targetPort: 'in' }],
    };
    const file = writeProject(path.join(dir, 'encoder.layerloom.json'), project);
    const onnx = path.join(dir, 'encoder.onnx');
    const r = layerloom(['export', file, '--onnx', onnx, '--verify'], 120_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/outputs code \[null, 8\]/);

    // The ONNX encoder computes exactly the trained autoencoder's code layer.
    const data = await loadDataset(readTemplate('autoencoder-digits').dataset!, { baseDir: templatesDir, inputShape: [64], outputShape: [64], loss: 'meanSquaredError', kind: 'autoencoder' });
    const n = 32;
    const x = data.val.x.slice(0, n * 64);
    const ae = await loadLayersModel(tf, path.join(run!.out, 'models', 'main'));
    const expected = tf.tidy(() => tf.model({ inputs: ae.inputs, outputs: ae.getLayer('code').output as tfjs.SymbolicTensor }).predict(tf.tensor(x, [n, 64])) as tfjs.Tensor).dataSync();
    ae.dispose();
    // The shorter route: export the trained autoencoder cut at its code layer.
    const direct = path.join(dir, 'encoder-direct.onnx');
    const d = layerloom(['export', templateFile('autoencoder-digits'), '--weights', run!.out, '--output', 'code', '--onnx', direct, '--verify'], 120_000);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/outputs \S+ \[null, 8\]/);
    const ort = await import('onnxruntime-node');
    for (const file of [onnx, direct]) {
      const session = await ort.InferenceSession.create(file);
      const out = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', x, [n, 64]) });
      const got = out[session.outputNames[0]!]!.data as Float32Array;
      await session.release();
      expect(got.length).toBe(n * 8);
      expect(Math.max(...got.map((v, i) => Math.abs(v - expected[i]!)))).toBeLessThan(1e-4);
    }
  }, 120_000);
});
