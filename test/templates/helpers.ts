// Shared by the template tests: run the real CLI on a template, read its events, and read weights straight from a
// saved tfjs model folder (model.json + weights.bin) for bit-for-bit comparisons.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { parseProjectText, serializeProject, type Project } from '../../shared/project.js';
import { layerloom, root } from '../helpers/cli.js';

export const templatesDir = path.join(root, 'templates');
export const templateFile = (id: string) => path.join(templatesDir, `${id}.layerloom.json`);

/** The template ids, in the display order the gallery and `layerloom templates` use. */
export const TEMPLATE_IDS = ['mlp-iris', 'cnn-digits', 'lstm-digits', 'lstm-sine', 'autoencoder-digits', 'gan-digits', 'transfer-digits'];

export function readTemplate(id: string): Project {
  const parsed = parseProjectText(readFileSync(templateFile(id), 'utf8'));
  if (!parsed.ok) throw new Error(`${id}: ${parsed.errors[0]!.path}: ${parsed.errors[0]!.message}`);
  return parsed.project;
}

export const tempDir = (prefix: string) => mkdtempSync(path.join(tmpdir(), `ll-${prefix}-`));

export function writeProject(file: string, project: Project): string {
  writeFileSync(file, serializeProject(project));
  return file;
}

type Metrics = Record<string, number>;
export interface TrainRun {
  backend: string;
  /** Metrics of the done event (the last epoch's). */
  metrics: Metrics;
  epochs: number;
  /** Wall time of the whole CLI run (start-up, data, training, writing the artifact). */
  seconds: number;
  out: string;
}

/** `layerloom train FILE --json --out OUT` on the default backend, with the project's own epochs and seed. */
export function trainCli(file: string, out: string, timeoutMs: number, extra: string[] = []): TrainRun {
  const started = performance.now();
  const r = layerloom(['train', file, '--json', '--out', out, ...extra], timeoutMs);
  const seconds = (performance.now() - started) / 1000;
  expect(r.code, `train ${path.basename(file)} failed: ${r.stderr}`).toBe(0);
  const events = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { event: string } & Record<string, unknown>);
  const start = events.find((e) => e.event === 'start')!;
  const done = events.find((e) => e.event === 'done')!;
  expect(done, 'a done event').toBeDefined();
  return {
    backend: start.backend as string, metrics: done.metrics as Metrics, seconds, out,
    epochs: events.filter((e) => e.event === 'epoch').length,
  };
}

/** `layerloom export FILE --onnx OUT --weights ART --verify [--model M]`: must exit 0 and report the verification. */
export function exportVerified(file: string, weights: string, onnx: string, model?: string): string {
  const r = layerloom(['export', file, '--onnx', onnx, '--weights', weights, '--verify', ...(model ? ['--model', model] : [])], 120_000);
  expect(r.code, `export ${path.basename(file)}${model ? ` --model ${model}` : ''} failed: ${r.stderr}`).toBe(0);
  expect(r.stdout).toMatch(/verified with ONNX Runtime on .*max abs diff/);
  return r.stdout;
}

/** Every float32 weight of a saved tfjs Layers model, by weight name, as the raw bytes stored in the file. */
export function weightBytes(modelDir: string): Map<string, Buffer> {
  const json = JSON.parse(readFileSync(path.join(modelDir, 'model.json'), 'utf8')) as {
    weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
  };
  const out = new Map<string, Buffer>();
  for (const group of json.weightsManifest) {
    const data = Buffer.concat(group.paths.map((p) => readFileSync(path.join(modelDir, p))));
    let offset = 0;
    for (const w of group.weights) {
      if (w.dtype !== 'float32') throw new Error(`${modelDir}: weight ${w.name} is ${w.dtype}, expected float32`);
      const bytes = 4 * w.shape.reduce((a, b) => a * b, 1);
      out.set(w.name, data.subarray(offset, offset + bytes));
      offset += bytes;
    }
    expect(offset, `${modelDir}: weights file size`).toBe(data.length);
  }
  return out;
}

/** One line per template run, printed at the end so the measured figures appear in the test log. */
export const report: string[] = [];
