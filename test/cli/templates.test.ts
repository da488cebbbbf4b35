// `layerloom templates` and `layerloom new`.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseProjectText } from '../../shared/project.js';
import { layerloom } from '../helpers/cli.js';

const EXPECTED = ['mlp-iris', 'cnn-digits', 'lstm-digits', 'lstm-sine', 'autoencoder-digits', 'gan-digits', 'transfer-digits'];

describe('templates', () => {
  test('templates --json lists every template with a teaching description, in learning order', () => {
    const r = layerloom(['templates', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; name: string; description: string; kind: string }[];
    expect(list.map((t) => t.id)).toEqual(EXPECTED);
    for (const t of list) {
      expect(t.name.length).toBeGreaterThan(3);
      expect(t.description.length, t.id).toBeGreaterThan(200);
    }
    const plain = layerloom(['templates']);
    expect(plain.stdout.split('\n')[0]).toMatch(/^mlp-iris\s+\S/);
  });

  test('new writes a valid project whose relative paths still reach the template files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'll-new-'));
    for (const id of EXPECTED) {
      const file = path.join(dir, 'nested', `${id}.layerloom.json`);
      const r = layerloom(['new', id, file]);
      expect(r.code, r.stderr).toBe(0);
      const parsed = parseProjectText(readFileSync(file, 'utf8'));
      expect(parsed.ok).toBe(true);
      expect(layerloom(['validate', file]).code, id).toBe(0);
    }
  });

  test('an unknown template exits 2 and names the choices', () => {
    const r = layerloom(['new', 'resnet-9000', path.join(tmpdir(), 'x.layerloom.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mlp-iris');
  });
});
