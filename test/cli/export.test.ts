// `layerloom export`: trained models to ONNX with verification, tfjs export, bad input, and the official ONNX checker.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { fixture, layerloom } from '../helpers/cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'll-export-'));
const artifact = (name: string) => path.join(work, `${name}-run`);

function trainFixture(name: string, epochs: number): void {
  const r = layerloom(['train', fixture(`${name}.layerloom.json`), '--epochs', String(epochs), '--out', artifact(name)], 240_000);
  if (r.code !== 0) throw new Error(`training ${name} failed: ${r.stderr}`);
}

const hasChecker = spawnSync('/usr/bin/python3', ['-c', 'import onnx'], { encoding: 'utf8' }).status === 0;

describe('layerloom export', () => {
  beforeAll(() => {
    trainFixture('digits-cnn', 2);
    trainFixture('digits-lstm', 1);
    trainFixture('digits-autoencoder', 1);
    trainFixture('digits-gan', 1);
  }, 600_000);

  test.each([['digits-cnn', 13], ['digits-cnn', 17], ['digits-lstm', 13], ['digits-lstm', 17], ['digits-autoencoder', 13]])(
    'trained %s exports at opset %i and --verify passes on random and dataset inputs', (name, opset) => {
      const out = path.join(work, `${name}-${opset}.onnx`);
      const r = layerloom(['export', fixture(`${name}.layerloom.json`), '--onnx', out, '--weights', artifact(name), '--opset', String(opset), '--verify']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/verified with ONNX Runtime on 8 random inputs and 16 dataset samples: max abs diff/);
      const diff = Number(/max abs diff (\S+)/.exec(r.stdout)![1]);
      expect(diff).toBeLessThanOrEqual(1e-4);
      expect(existsSync(out)).toBe(true);
    });

  test("the GAN's generator exports (the default model of a GAN project)", () => {
    const out = path.join(work, 'generator.onnx');
    const r = layerloom(['export', fixture('digits-gan.layerloom.json'), '--onnx', out, '--weights', artifact('digits-gan'), '--verify']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('outputs output [null, 64]');
    const d = layerloom(['export', fixture('digits-gan.layerloom.json'), '--onnx', path.join(work, 'disc.onnx'), '--model', 'discriminator', '--weights', artifact('digits-gan'), '--verify']);
    expect(d.code, d.stderr).toBe(0);
  });

  test('--tfjs writes a standard Layers model', () => {
    const dir = path.join(work, 'tfjs-cnn');
    const r = layerloom(['export', fixture('digits-cnn.layerloom.json'), '--tfjs', dir, '--weights', artifact('digits-cnn')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
  });

  test.each([
    [['--onnx', 'x.onnx', '--opset', '12'], 'not supported'],
    [['--onnx', 'x.onnx', '--tfjs', 'd'], 'exactly one of'],
  ])('bad options %j exit 2', (args, message) => {
    const r = layerloom(['export', fixture('digits-cnn.layerloom.json'), ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  test('an invalid graph, mismatched weights and an unwritable path exit 2 and leave no file', () => {
    const out = path.join(work, 'bad.onnx');
    let r = layerloom(['export', fixture('bad-shape.layerloom.json'), '--onnx', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Dense 'dense0'");
    r = layerloom(['export', fixture('digits-autoencoder.layerloom.json'), '--onnx', out, '--weights', artifact('digits-cnn')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such file|do not match/);
    expect(existsSync(out)).toBe(false);
    const blocker = path.join(work, 'a-file');
    writeFileSync(blocker, 'x');
    r = layerloom(['export', fixture('digits-cnn.layerloom.json'), '--onnx', path.join(blocker, 'model.onnx')]);
    expect(r.code).toBe(2);
    expect(readdirSync(work).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  test.skipIf(!hasChecker)('the official ONNX checker accepts every exported file (python3-onnx, full_check)', () => {
    const files = readdirSync(work).filter((f) => f.endsWith('.onnx')).map((f) => path.join(work, f));
    expect(files.length).toBeGreaterThanOrEqual(6);
    const script = 'import sys, onnx\nfor f in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(f), full_check=True)\nprint("ok", len(sys.argv) - 1)';
    const r = spawnSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`ok ${files.length}`);
  });
});
