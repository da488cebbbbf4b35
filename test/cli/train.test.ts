// `layerloom train` end to end, as DESIGN.md §8 and the engine issue state it.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixture, layerloom } from '../helpers/cli.js';
const events = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l));

describe('layerloom train', () => {
  test('digits CNN: 5 epochs on the default backend reach val_accuracy ≥ 0.93 and write the artifact', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'll-train-')), 'cnn');
    const r = layerloom(['train', fixture('digits-cnn.layerloom.json'), '--epochs', '5', '--json', '--out', out], 300_000);
    expect(r.code, r.stderr).toBe(0);
    const ev = events(r.stdout);
    expect(ev[0]).toMatchObject({ event: 'start', backend: 'wasm', samples: 1438 });
    expect(ev.filter((e) => e.event === 'epoch')).toHaveLength(5);
    expect(ev.some((e) => e.event === 'batch')).toBe(true);
    const done = ev.at(-1);
    expect(done.event).toBe('done');
    expect(done.metrics.val_accuracy).toBeGreaterThanOrEqual(0.93);
    for (const f of ['project.layerloom.json', 'metrics.jsonl', 'models/main/model.json', 'models/main/weights.bin']) {
      expect(existsSync(path.join(out, f)), f).toBe(true);
    }
    expect(readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').length).toBe(ev.length);
  });

  test.each([
    ['digits-lstm.layerloom.json', 'wasm', 8, (m: Record<string, number>) => expect(m.val_accuracy).toBeGreaterThanOrEqual(0.8)],
    ['digits-lstm.layerloom.json', 'cpu', 1, (m: Record<string, number>) => expect(m.val_loss).toBeLessThan(2.3)],
    ['digits-autoencoder.layerloom.json', 'wasm', 5, (m: Record<string, number>) => expect(m.val_loss).toBeLessThan(0.06)],
    ['digits-autoencoder.layerloom.json', 'cpu', 2, (m: Record<string, number>) => expect(m.val_loss).toBeLessThan(0.1)],
    ['digits-gan.layerloom.json', 'wasm', 2, (m: Record<string, number>) => expect(Number.isFinite(m.d_loss! + m.g_loss!)).toBe(true)],
    ['digits-gan.layerloom.json', 'cpu', 1, (m: Record<string, number>) => expect(Number.isFinite(m.d_loss! + m.g_loss!)).toBe(true)],
  ])('%s trains on %s (%i epochs)', (file, backend, epochs, check) => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'll-train-')), 'run');
    const r = layerloom(['train', fixture(file), '--backend', backend, '--epochs', String(epochs), '--json', '--out', out], 300_000);
    expect(r.code, r.stderr).toBe(0);
    const ev = events(r.stdout);
    expect(ev[0]).toMatchObject({ event: 'start', backend });
    check(ev.at(-1).metrics);
    expect(existsSync(path.join(out, 'metrics.jsonl'))).toBe(true);
  });

  test('bad input exits 2 with an error event and no artifact', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'll-train-')), 'run');
    const r = layerloom(['train', fixture('bad-shape.layerloom.json'), '--json', '--out', out]);
    expect(r.code).toBe(2);
    expect(events(r.stdout).at(-1)).toMatchObject({ event: 'error', node: 'dense0' });
    expect(r.stderr).toContain("Dense 'dense0'");
    expect(existsSync(out)).toBe(false);
    expect(layerloom(['train', fixture('iris-mlp.layerloom.json'), '--backend', 'tensorflow']).stderr).toContain('@tensorflow/tfjs-node');
    expect(layerloom(['train', fixture('iris-mlp.layerloom.json'), '--epochs', 'zero']).code).toBe(2);
  });
});
