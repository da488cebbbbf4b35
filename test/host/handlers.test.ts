import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunHandle } from '../../electron/engine/train/runner.js';
import { irisProject, makeContext, makeHandlers, tempDir } from './fixtures.js';

const tmp = tempDir('handlers');
const userData = path.join(tmp.dir, 'user-data');
const projects = path.join(tmp.dir, 'projects');

beforeAll(() => {
  mkdirSync(projects, { recursive: true });
  // A private installation root holding one template, so the test does not depend on the real templates/ folder.
  const root = path.join(tmp.dir, 'root');
  mkdirSync(path.join(root, 'templates'), { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'layerloom', version: '9.9.9' }));
  writeFileSync(path.join(root, 'templates', 'mlp-iris.layerloom.json'), JSON.stringify({ ...irisProject('Iris template'), description: 'Classifies irises' }));
  process.env.LAYERLOOM_ROOT = root;
});
afterAll(() => tmp.cleanup());

describe('project files', () => {
  test('save then open round-trips the project, atomically, and remembers it', async () => {
    const { call } = makeHandlers(makeContext(userData, projects));
    const saved = await call('project:save', { path: 'iris.layerloom.json', project: irisProject() });
    const file = path.join(projects, 'iris.layerloom.json');
    expect(saved).toEqual({ response: { canceled: false, path: file } });
    const inode = statSync(file).ino;

    const resaved = await call('project:save', { path: file, project: irisProject('Renamed') });
    expect('response' in resaved).toBe(true);
    // Written through a temp file and a rename: a new inode, and no temp file left behind.
    expect(statSync(file).ino).not.toBe(inode);
    expect(readdirSync(projects)).toEqual(['iris.layerloom.json']);

    const opened = await call('project:open', { path: file });
    expect(opened).toMatchObject({ response: { canceled: false, path: file, project: { name: 'Renamed' } } });
    expect(JSON.parse(readFileSync(file, 'utf8')).models.main.nodes).toHaveLength(3);

    expect(await call('project:recent', {})).toEqual({ response: { paths: [file] } });
  });

  test('saving a malformed project is refused with an error naming the field', async () => {
    const { call } = makeHandlers(makeContext(userData, projects));
    const bad = irisProject();
    bad.models.main.nodes[1]!.id = '';
    const reply = await call('project:save', { path: 'bad.layerloom.json', project: bad });
    expect(reply).toMatchObject({ field: 'models.main.nodes[1].id' });
    expect('error' in reply && reply.error).toMatch(/models\.main\.nodes\[1\]\.id/);
    expect(existsSync(path.join(projects, 'bad.layerloom.json'))).toBe(false);
  });

  test('a request that does not match the contract is refused before use', async () => {
    const { call } = makeHandlers(makeContext(userData, projects));
    expect(await call('project:open', { path: 42 })).toMatchObject({ field: 'path', error: expect.stringMatching(/bad project:open request/) });
    expect(await call('nope:nothing', {})).toEqual({ error: 'unknown channel "nope:nothing"' });
    expect(await call('__proto__', {})).toMatchObject({ error: expect.stringMatching(/unknown channel/) });
  });

  test('opening a missing file or broken JSON says which file and why', async () => {
    const { call } = makeHandlers(makeContext(userData, projects));
    expect(await call('project:open', { path: 'missing.layerloom.json' })).toMatchObject({ error: expect.stringMatching(/missing\.layerloom\.json: no such file/) });
    writeFileSync(path.join(projects, 'broken.json'), '{"format": "layerloom-project", ');
    expect(await call('project:open', { path: 'broken.json' })).toMatchObject({ error: expect.stringMatching(/broken\.json is malformed: \(root\): not valid JSON/) });
  });

  test('the web host has no dialogs: open and save need a path', async () => {
    const { call } = makeHandlers(makeContext(userData, projects));
    expect(await call('project:open', {})).toMatchObject({ error: expect.stringMatching(/needs a path/) });
    expect(await call('project:save', { project: irisProject() })).toMatchObject({ error: expect.stringMatching(/needs a path/) });
  });

  test('a host with dialogs asks, and a canceled dialog is a canceled reply', async () => {
    const asked: string[] = [];
    const { call } = makeHandlers(makeContext(userData, projects, {
      chooseOpenPath: async () => undefined,
      chooseSavePath: async (_c, kind, suggested) => (asked.push(`${kind} ${path.basename(suggested)}`), path.join(projects, 'picked')),
    }));
    expect(await call('project:open', {})).toEqual({ response: { canceled: true } });
    expect(await call('project:save', { project: irisProject() })).toEqual({ response: { canceled: false, path: path.join(projects, 'picked.layerloom.json') } });
    expect(asked).toEqual(['project iris-mlp.layerloom.json']);
  });

  test('the recovery copy is stored, fetched and cleared', async () => {
    const { call } = makeHandlers(makeContext(userData, projects));
    expect(await call('project:recover', {})).toEqual({ response: {} });
    const stored = await call('project:recover', { project: irisProject('Unsaved') });
    expect(stored).toMatchObject({ response: { savedAt: expect.any(String) } });
    expect(await call('project:recover', {})).toMatchObject({ response: { project: { name: 'Unsaved' } } });
    await call('project:recover', { clear: true });
    expect(await call('project:recover', {})).toEqual({ response: {} });
  });
});

describe('browsing and templates', () => {
  test('files:list lists folders first, hides dot files and gives the parent', async () => {
    const dir = path.join(tmp.dir, 'browse');
    mkdirSync(path.join(dir, 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'a.layerloom.json'), '{}');
    writeFileSync(path.join(dir, '.hidden'), '');
    const { call } = makeHandlers(makeContext(userData, dir));
    expect(await call('files:list', {})).toEqual({
      response: {
        dir, parent: tmp.dir,
        entries: [{ name: 'sub', path: path.join(dir, 'sub'), dir: true }, { name: 'a.layerloom.json', path: path.join(dir, 'a.layerloom.json'), dir: false }],
      },
    });
    expect(await call('files:list', { dir: path.join(dir, 'a.layerloom.json') })).toMatchObject({ error: expect.stringMatching(/not a folder/) });
  });

  test('templates:list and templates:instantiate read the templates folder', async () => {
    const { call } = makeHandlers(makeContext(userData, projects));
    expect(await call('templates:list', {})).toEqual({
      response: { templates: [{ id: 'mlp-iris', name: 'Iris template', description: 'Classifies irises', kind: 'supervised', tags: [] }] },
    });
    expect(await call('templates:instantiate', { id: 'mlp-iris' })).toMatchObject({ response: { project: { name: 'Iris template' } } });
    expect(await call('templates:instantiate', { id: 'nope' })).toMatchObject({ error: expect.stringMatching(/no template 'nope'/) });
    expect(await call('app:info', {})).toMatchObject({ response: { version: '9.9.9', host: 'web', cwd: projects } });
  });
});

describe('training runs belong to their client', () => {
  test('events go to the client that started the run, and closing the client ends its runs', async () => {
    const killed: string[] = [];
    let emit: ((e: { event: 'status'; state: 'running' }) => void) | undefined;
    const fake = (_start: unknown, onEvent: typeof emit): RunHandle => {
      emit = onEvent;
      const id = `run-${killed.length}`;
      return { id, control: () => true, finished: new Promise(() => undefined), kill: () => killed.push(id) };
    };
    const { call, client, events } = makeHandlers(makeContext(userData, projects, { startRun: fake as never }));
    const started = await call('train:start', { project: irisProject(), options: { backend: 'cpu' } });
    expect(started).toEqual({ response: { runId: 'run-0' } });
    emit!({ event: 'status', state: 'running' });
    expect(events).toEqual([{ event: 'train:event', payload: { runId: 'run-0', event: { event: 'status', state: 'running' } } }]);
    expect(await call('train:control', { runId: 'run-0', action: 'pause' })).toEqual({ response: { ok: true } });
    expect(await call('train:control', { runId: 'other', action: 'stop' })).toEqual({ response: { ok: false } });
    client.close();
    expect(killed).toEqual(['run-0']);
    emit!({ event: 'status', state: 'running' });
    expect(events).toHaveLength(1);
  });
});
