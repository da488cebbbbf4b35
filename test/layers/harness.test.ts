// The generic per-layer harness: every kind in the catalogue, through every example its file declares.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { LAYERS } from '../../shared/layers/registry.js';
import { parseProject } from '../../shared/project.js';
import { validate } from '../../shared/validate.js';
import { compileModel } from '../../electron/engine/compile.js';
import { loadPretrainedFor } from '../../electron/engine/pretrained.js';
import { exportOnnx } from '../../electron/engine/onnx/export.js';
import { randomInputs, verifyOnnx } from '../../electron/engine/onnx/verify.js';
import { chainProject } from '../helpers/graph.js';
import { cpuTf, randomizeWeights } from '../helpers/tf.js';

/** Every file this harness exports, for the official ONNX checker at the end. */
const exportedFiles: string[] = [];
const exportDir = mkdtempSync(path.join(tmpdir(), 'll-harness-'));
const hasChecker = spawnSync('/usr/bin/python3', ['-c', 'import onnx'], { encoding: 'utf8' }).status === 0;

const kinds = [...LAYERS.values()].filter((d) => d.kind !== 'Input' && d.kind !== 'Output');

describe.each(kinds.map((d) => [d.kind, d] as const))('%s', (_kind, def) => {
  test('declares palette metadata, ports and examples', () => {
    expect(def.title.length).toBeGreaterThan(0);
    expect(def.doc.length).toBeGreaterThan(10);
    expect(Object.keys(def.onnx).length).toBeGreaterThan(0);
    expect(def.build).toBeTypeOf('function');
    expect(def.examples.length).toBeGreaterThan(0);
  });

  test('defaults parse and round-trip through JSON', () => {
    const parsed = def.schema.parse({});
    expect(parsed).toEqual(def.defaults);
    expect(def.schema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
    for (const ex of def.examples) {
      const p = def.schema.parse(ex.params ?? {});
      expect(def.schema.parse(JSON.parse(JSON.stringify(p)))).toEqual(p);
    }
  });

  test.each(def.examples.map((ex, i) => [i, ex] as const))('example %i: shape and params equal tfjs; ONNX matches ONNX Runtime', async (_i, ex) => {
    const tf = await cpuTf();
    const project = chainProject(ex.inputs, [{ kind: def.kind, params: ex.params as Record<string, unknown> }], {}, ex.intRange ? 'int32' : 'float32');
    const result = validate(project);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // PretrainedModel examples name a base shipped in templates/ (relative to the repo root).
    const pretrained = await loadPretrainedFor(tf, project, 'main', path.resolve(__dirname, '../..'));
    const compiled = compileModel(tf, project, 'main', { seed: 3, pretrained });
    const layer = compiled.model.getLayer(compiled.layerNames.get('l0')!);
    expect(result.models.main!.shapes.l0).toEqual(compiled.model.outputs[0]!.shape);
    const counts = result.models.main!.nodeParams.l0!;
    expect(counts.trainable + counts.nonTrainable).toBe(layer.countParams());
    expect(counts.trainable).toBe(layer.trainableWeights.reduce((a, w) => a + w.shape.reduce((x: number, y) => x * (y ?? 1), 1), 0));
    randomizeWeights(compiled.model, 5);
    for (const opset of [13, 17]) {
      const exported = exportOnnx(project, 'main', compiled, { opset, pretrained });
      const file = path.join(exportDir, `${def.kind}-${_i}-opset${opset}.onnx`);
      writeFileSync(file, exported.bytes);
      exportedFiles.push(file);
      const inputs = randomInputs(exported.inputs, 3, 11, ex.intRange);
      const { maxAbsDiff } = await verifyOnnx(tf, compiled.model, exported, inputs);
      expect(maxAbsDiff, `opset ${opset}`).toBeLessThanOrEqual(ex.tolerance ?? 1e-5);
    }
    compiled.model.dispose();
  });
});

test('every kind of DESIGN.md §3 is in the catalogue', () => {
  const expected = `Input Output Dense Activation Dropout Flatten Reshape Permute RepeatVector ReLU LeakyReLU ELU Softmax Conv1D
    Conv2D Conv2DTranspose SeparableConv2D DepthwiseConv2D MaxPooling1D MaxPooling2D AveragePooling1D AveragePooling2D
    GlobalAveragePooling1D GlobalAveragePooling2D GlobalMaxPooling1D GlobalMaxPooling2D UpSampling2D ZeroPadding2D
    Cropping2D BatchNormalization LayerNormalization SimpleRNN LSTM GRU Bidirectional Add Subtract Multiply Average
    Maximum Concatenate Embedding PretrainedModel`.split(/\s+/).filter(Boolean);
  const missing = expected.filter((k) => !LAYERS.has(k));
  expect.soft(missing, 'kinds still missing').toEqual([]);
});

test('a project with an unknown kind parses and reports it by node', () => {
  const parsed = parseProject({ format: 'layerloom-project', version: 1, models: { main: { nodes: [{ id: 'x', kind: 'Nope' }], edges: [] } } });
  expect(parsed.ok).toBe(true);
});

test.skipIf(!hasChecker)('the official ONNX checker (python3-onnx, full_check) accepts every file exported above', () => {
  expect(exportedFiles.length).toBeGreaterThan(100);
  const script = [
    'import sys, onnx',
    'bad = []',
    'for f in sys.argv[1:]:',
    '    try: onnx.checker.check_model(onnx.load(f), full_check=True)',
    '    except Exception as e: bad.append(f"{f}: {str(e).splitlines()[0]}")',
    'print("\\n".join(bad) if bad else f"ok {len(sys.argv) - 1}")',
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-c', script, ...exportedFiles], { encoding: 'utf8', maxBuffer: 1 << 24 });
  expect(r.stdout.trim()).toBe(`ok ${exportedFiles.length}`);
}, 120_000);
