// The handlers that run engine jobs (in the engine-jobs process): dataset preview and ONNX/tfjs export (real tfjs, cpu).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { irisProject, makeContext, makeHandlers, tempDir } from './fixtures.js';

const tmp = tempDir('engine');
const projects = path.join(tmp.dir, 'projects');
mkdirSync(projects);
const { call } = makeHandlers(makeContext(path.join(tmp.dir, 'user-data'), projects));
afterAll(() => tmp.cleanup());

test('dataset:preview describes the built-in iris data', async () => {
  const reply = await call('dataset:preview', { project: irisProject(), count: 3 });
  expect(reply).toMatchObject({ response: { sampleShape: [4], numClasses: 3, samples: 150, isImage: false } });
  expect('response' in reply && (reply.response as { first: unknown[] }).first).toHaveLength(3);
});

test('dataset:preview of a project without a dataset names the field', async () => {
  const { dataset: _, ...noData } = irisProject();
  expect(await call('dataset:preview', { project: noData })).toMatchObject({ field: 'dataset' });
});

test('an engine job that fails is an error reply naming the file, and the next job still runs', async () => {
  const project = { ...irisProject(), dataset: { source: 'csv', path: 'no-such-data.csv' } };
  const reply = await call('dataset:preview', { project, projectPath: path.join(projects, 'p.layerloom.json') });
  expect(reply).toMatchObject({ error: expect.stringContaining(path.join(projects, 'no-such-data.csv')) });
  expect(await call('dataset:preview', { project: irisProject(), count: 1 })).toMatchObject({ response: { samples: 150 } });
});

test('export:onnx writes a verified model beside the project (web host: no dialog)', async () => {
  const projectPath = path.join(projects, 'iris.layerloom.json');
  const reply = await call('export:onnx', { project: irisProject(), projectPath });
  const out = path.join(projects, 'iris-mlp.onnx');
  expect(reply).toMatchObject({ response: { canceled: false, path: out, inputs: ['in'], outputs: ['out'] } });
  expect((reply as { response: { maxAbsDiff: number } }).response.maxAbsDiff).toBeLessThan(1e-4);
  expect(statSync(out).size).toBe((reply as { response: { bytes: number } }).response.bytes);
});

test('export:tfjs writes model.json and weights to the given folder', async () => {
  const reply = await call('export:tfjs', { project: irisProject(), out: 'tfjs-out' });
  expect(reply).toEqual({ response: { canceled: false, path: path.join(projects, 'tfjs-out') } });
  expect(existsSync(path.join(projects, 'tfjs-out', 'model.json'))).toBe(true);
});
