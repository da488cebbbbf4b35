// `layerloom validate`, spawned as a user runs it (the real bin, built bundle).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixture, layerloom } from '../helpers/cli.js';


describe('layerloom validate', () => {
  test('a valid project exits 0 and --json reports shapes and parameter counts', () => {
    const r = layerloom(['validate', fixture('digits-cnn.layerloom.json'), '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.valid).toBe(true);
    expect(json.diagnostics).toEqual([]);
    expect(json.shapes.main.conv2d0).toEqual([null, 8, 8, 16]);
    expect(json.shapes.main.output).toEqual([null, 10]);
    // Same network as the PyTorch reference: 160 + 4640 + 32832 + 650.
    expect(json.params.main).toEqual({ total: 38282, trainable: 38282 });
  });

  test('plain output summarises the model', () => {
    const r = layerloom(['validate', fixture('digits-cnn.layerloom.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('38,282 params');
  });

  test.each([
    ['bad-shape.layerloom.json', 'SHAPE_MISMATCH', "Dense 'dense0' expects a rank-2 or rank-3 input, got [null, 8, 8, 1]: add a Flatten before it"],
    ['bad-param.layerloom.json', 'BAD_PARAM', "Dense 'dense0': parameter 'units'"],
    ['unknown-kind.layerloom.json', 'UNKNOWN_KIND', "unknown layer kind 'Densee'"],
    ['dangling-edge.layerloom.json', 'DANGLING_EDGE', "'nowhere' that does not exist"],
    ['cycle.layerloom.json', 'CYCLE', 'is part of a cycle'],
  ])('%s exits 1 with %s naming the node', (file, code, message) => {
    const r = layerloom(['validate', fixture(file), '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.valid).toBe(false);
    const d = json.diagnostics.find((x: { code: string }) => x.code === code);
    expect(d, JSON.stringify(json.diagnostics)).toBeDefined();
    expect(d.message).toContain(message);
    const plain = layerloom(['validate', fixture(file)]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(code);
    expect(plain.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test.each([
    ['not-json.layerloom.json', 'not valid JSON'],
    ['wrong-types.layerloom.json', 'models.main.nodes'],
    ['future-version.layerloom.json', 'newer than this Layerloom understands'],
    ['missing.layerloom.json', 'cannot read (ENOENT)'],
  ])('%s is unreadable or malformed: exit 2, one line', (file, message) => {
    const r = layerloom(['validate', fixture(file)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('a 50 MB file is refused quickly with a clear message', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'll-big-'));
    const file = path.join(dir, 'big.layerloom.json');
    writeFileSync(file, `{"format":"layerloom-project","version":1,"description":"${'x'.repeat(50 * 1024 * 1024)}"}`);
    const started = Date.now();
    const r = layerloom(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('too large for a project file');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('--help for every command, unknown commands exit 2', () => {
    for (const cmd of ['validate', 'train', 'export', 'templates', 'new']) {
      const r = layerloom([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`layerloom ${cmd}`);
    }
    expect(layerloom(['--help']).code).toBe(0);
    expect(layerloom(['frobnicate']).code).toBe(2);
  });
});
