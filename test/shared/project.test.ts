// The project file: parse errors with JSON paths, migrations, the published JSON Schema, atomic saves.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectJsonSchema } from '../../shared/json-schema.js';
import { migrate } from '../../shared/migrations.js';
import { emptyProject, parseProject, parseProjectText, serializeProject } from '../../shared/project.js';
import { writeFileAtomic } from '../../electron/engine/model-io.js';

describe('project file', () => {
  test('defaults fill omitted fields; serialise → parse is the identity', () => {
    const p = parseProject({ format: 'layerloom-project', version: 1, models: { main: { nodes: [{ id: 'a', kind: 'Input' }], edges: [] } } });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.project.models.main!.nodes[0]).toEqual({ id: 'a', kind: 'Input', params: {}, position: { x: 0, y: 0 } });
    expect(p.project.training).toMatchObject({ kind: 'supervised', epochs: 10, batchSize: 32, optimizer: { type: 'adam', learningRate: 0.001 } });
    const again = parseProjectText(serializeProject(p.project));
    expect(again).toEqual(p);
  });

  test('each problem is reported with its JSON path', () => {
    const r = parseProject({
      format: 'layerloom-project', version: 1, name: 5,
      models: { main: { nodes: [{ id: '', kind: 'Dense', position: { x: 'left' } }], edges: [{ id: 'e', source: 'a' }] } },
      training: { epochs: 0, loss: 'hinge' },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining([
      'name', 'models.main.nodes[0].id', 'models.main.nodes[0].position.x', 'models.main.edges[0].target', 'training.epochs', 'training.loss',
    ]));
  });

  test('not JSON, not an object, another format, a future version: clear messages', () => {
    expect(parseProjectText('{ nope')).toMatchObject({ ok: false, errors: [{ path: '(root)', message: expect.stringContaining('not valid JSON') }] });
    expect(parseProject([])).toMatchObject({ ok: false, errors: [{ message: 'a project file must hold a JSON object' }] });
    expect(parseProject({ format: 'keras' })).toMatchObject({ ok: false, errors: [{ path: 'format' }] });
    expect(parseProject({ format: 'layerloom-project', version: 2 })).toMatchObject({
      ok: false, errors: [{ path: 'version', message: expect.stringContaining('update Layerloom') }],
    });
  });

  test('the migration chain applies each step in order', () => {
    const steps = {
      1: (p: Record<string, unknown>) => ({ ...p, renamed: p.old, old: undefined }),
      2: (p: Record<string, unknown>) => ({ ...p, added: true }),
    };
    const r = migrate({ version: 1, old: 'x' }, steps, 3);
    expect(r).toEqual({ ok: true, value: { version: 3, renamed: 'x', old: undefined, added: true } });
    expect(migrate({ version: 1 }, {}, 2)).toEqual({ ok: false, message: 'no migration from format version 1' });
  });

  test('the committed JSON Schema is the one generated from the runtime schema (npm run schema)', () => {
    const committed = JSON.parse(readFileSync(path.resolve(__dirname, '../../schema/layerloom-project.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(projectJsonSchema())));
  });

  test('atomic writes leave either the old or the new file, never a temp file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'll-atomic-'));
    const file = path.join(dir, 'p.layerloom.json');
    await writeFileAtomic(file, serializeProject(emptyProject('one')));
    await writeFileAtomic(file, serializeProject(emptyProject('two')));
    expect(readdirSync(dir)).toEqual(['p.layerloom.json']);
    expect(JSON.parse(readFileSync(file, 'utf8')).name).toBe('two');
    await expect(writeFileAtomic(path.join(file, 'inside-a-file'), 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['p.layerloom.json']);
  });
});
