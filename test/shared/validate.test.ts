// Every diagnostic code of DESIGN.md §4, with messages that name the node and say how to fix it.
import { describe, expect, test } from 'vitest';
import { parseProject, type Project } from '../../shared/project.js';
import { DIAGNOSTIC_CODES, validate, type Diagnostic } from '../../shared/validate.js';
import { chainProject } from '../helpers/graph.js';

function project(models: Record<string, { nodes: unknown[]; edges: unknown[] }>, extra: Record<string, unknown> = {}): Project {
  const parsed = parseProject({ format: 'layerloom-project', version: 1, models, ...extra });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.project;
}

const n = (id: string, kind: string, params: Record<string, unknown> = {}, label?: string) => ({ id, kind, params, ...(label ? { label } : {}) });
const e = (id: string, source: string, target: string, targetPort = 'in', sourcePort = 'out') => ({ id, source, target, targetPort, sourcePort });

/** Every code some test below has seen, checked against the design's list at the end. */
const seen = new Set<string>();

function diagnostics(p: Project): Diagnostic[] {
  const all = validate(p).diagnostics;
  for (const x of all) seen.add(x.code);
  return all;
}
function codes(p: Project): string[] {
  return diagnostics(p).map((d) => d.code);
}
function find(p: Project, code: string): Diagnostic {
  const all = diagnostics(p);
  const d = all.find((x) => x.code === code);
  if (!d) throw new Error(`no ${code} in ${JSON.stringify(all)}`);
  return d;
}

const io = [n('in', 'Input', { shape: [4] }), n('out', 'Output')];

describe('validate', () => {
  test('a valid chain: shapes and parameter counts per node and per model', () => {
    const p = chainProject([[8, 8, 1]], [{ kind: 'Conv2D', params: { filters: 4 } }, { kind: 'Flatten' }, { kind: 'Dense', params: { units: 10 } }]);
    const r = validate(p);
    expect(r.valid).toBe(true);
    expect(r.models.main!.shapes).toMatchObject({ in0: [null, 8, 8, 1], l0: [null, 6, 6, 4], l1: [null, 144], l2: [null, 10], out: [null, 10] });
    expect(r.models.main!.nodeParams.l0).toEqual({ trainable: 40, nonTrainable: 0 });
    expect(r.models.main).toMatchObject({ total: 40 + 1450, trainable: 40 + 1450 });
  });

  test('SHAPE_MISMATCH names the node by label and says what fixes it', () => {
    const p = chainProject([[8, 8, 16]], [{ kind: 'Dense', label: 'fc1', params: { units: 3 } }]);
    expect(find(p, 'SHAPE_MISMATCH')).toMatchObject({
      node: 'l0', severity: 'error',
      message: "Dense 'fc1' expects a rank-2 or rank-3 input, got [null, 8, 8, 16]: add a Flatten before it",
    });
  });

  test('UNKNOWN_KIND and BAD_PARAM (with the field)', () => {
    const p = project({ main: { nodes: [...io, n('x', 'Convolution9D'), n('d', 'Dense', { units: 0 }, 'head'), n('d2', 'Dense', { unitz: 3 })], edges: [e('a', 'in', 'x'), e('b', 'x', 'd'), e('c', 'd', 'out'), e('f', 'in', 'd2')] } });
    expect(find(p, 'UNKNOWN_KIND').message).toContain("unknown layer kind 'Convolution9D'");
    const bad = diagnostics(p).filter((d) => d.code === 'BAD_PARAM');
    expect(bad.find((d) => d.node === 'd')).toMatchObject({ field: 'units' });
    expect(bad.find((d) => d.node === 'd')!.message).toContain("Dense 'head': parameter 'units'");
    expect(bad.find((d) => d.node === 'd2')!.message).toContain('unitz');
  });

  test('MISSING_INPUT, TOO_MANY_INPUTS and merge arity', () => {
    const p = project({ main: { nodes: [...io, n('d', 'Dense'), n('lonely', 'Dense'), n('add', 'Add')], edges: [e('a', 'in', 'd'), e('b', 'in', 'd'), e('c', 'd', 'out'), e('m', 'in', 'add', 'in0'), e('x', 'add', 'lonely')] } });
    expect(find(p, 'TOO_MANY_INPUTS').message).toContain('a port takes one input');
    const missing = diagnostics(p).filter((d) => d.code === 'MISSING_INPUT');
    expect(missing.map((d) => d.node).sort()).toEqual(['add']);
    expect(missing[0]!.message).toContain('merges at least two inputs');
    const noInput = project({ main: { nodes: [...io, n('d', 'Dense')], edges: [e('c', 'd', 'out')] } });
    expect(find(noInput, 'MISSING_INPUT').message).toContain("Dense 'd' has no input: connect a layer to its input port");
  });

  test('CYCLE marks the nodes of the loop', () => {
    const p = project({ main: { nodes: [...io, n('add', 'Add'), n('a', 'Dense', { units: 4 }), n('b', 'Dense', { units: 4 })], edges: [e('1', 'in', 'add', 'in0'), e('2', 'b', 'add', 'in1'), e('3', 'add', 'a'), e('4', 'a', 'b'), e('5', 'a', 'out')] } });
    expect(diagnostics(p).filter((d) => d.code === 'CYCLE').map((d) => d.node).sort()).toEqual(['a', 'add', 'b']);
  });

  test('NO_INPUT_NODE, NO_OUTPUT_NODE and UNREACHABLE', () => {
    expect(codes(project({ main: { nodes: [n('d', 'Dense')], edges: [] } }))).toEqual(expect.arrayContaining(['NO_INPUT_NODE', 'NO_OUTPUT_NODE']));
    const p = project({ main: { nodes: [...io, n('d', 'Dense'), n('dead', 'Dense')], edges: [e('a', 'in', 'd'), e('b', 'd', 'out'), e('c', 'in', 'dead')] } });
    expect(find(p, 'UNREACHABLE')).toMatchObject({ node: 'dead', severity: 'warning' });
    expect(validate(p).valid).toBe(true); // a warning does not make the project invalid
  });

  test('DUPLICATE_ID and DANGLING_EDGE (missing node, wrong port, edge out of an Output)', () => {
    const p = project({ main: { nodes: [...io, n('d', 'Dense'), n('d', 'Dense')], edges: [e('a', 'in', 'd'), e('a', 'd', 'out'), e('g', 'ghost', 'd'), e('p', 'in', 'd', 'in7'), e('o', 'out', 'd')] } });
    expect(codes(p).filter((c) => c === 'DUPLICATE_ID')).toHaveLength(2);
    const dangling = diagnostics(p).filter((d) => d.code === 'DANGLING_EDGE').map((d) => d.message).join('\n');
    expect(dangling).toContain("'ghost' that does not exist");
    expect(dangling).toContain("port 'in7'");
    expect(dangling).toContain('an Output has no output port');
  });

  test('BAD_DATASET: unknown builtin, missing file fields, URLs, and an Input that does not fit the data', () => {
    const base = chainProject([[10]], [{ kind: 'Dense', params: { units: 10 } }]);
    const withData = (dataset: Record<string, unknown>) => project(base.models as never, { dataset });
    expect(find(withData({ source: 'builtin', name: 'cifar' }), 'BAD_DATASET').message).toContain('digits, iris, sine');
    expect(find(withData({ source: 'csv' }), 'BAD_DATASET').field).toBe('dataset.path');
    expect(find(withData({ source: 'csv', path: 'https://example.com/x.csv' }), 'BAD_DATASET').message).toContain('not a URL');
    expect(find(withData({ source: 'builtin', name: 'digits' }), 'BAD_DATASET')).toMatchObject({
      node: 'in0', message: expect.stringContaining('set the Input shape to [8, 8, 1]'),
    });
  });

  test('INCOMPATIBLE_LOSS: class count, one unit with categorical loss, regression data with a classification loss', () => {
    const p = (units: number, loss: string, name = 'digits', shape = [64]) =>
      project(chainProject([shape], [{ kind: 'Dense', params: { units } }]).models as never, { dataset: { source: 'builtin', name }, training: { loss } });
    expect(find(p(5, 'sparseCategoricalCrossentropy'), 'INCOMPATIBLE_LOSS').message).toContain("set the last Dense layer's units to 10");
    expect(find(p(1, 'categoricalCrossentropy'), 'INCOMPATIBLE_LOSS').message).toContain('use binaryCrossentropy');
    expect(find(p(1, 'sparseCategoricalCrossentropy', 'sine', [20, 1]), 'INCOMPATIBLE_LOSS').message).toContain('use meanSquaredError');
    expect(validate(p(10, 'sparseCategoricalCrossentropy')).valid).toBe(true);
  });

  test('every code of the design is produced by some test above', () => {
    expect(DIAGNOSTIC_CODES).toHaveLength(13);
    expect([...DIAGNOSTIC_CODES].filter((c) => !seen.has(c))).toEqual([]);
  });

  test('a 1,000-node graph validates well under 50 ms', async () => {
    const { generatedProject } = await import('../../bench/lib/graphs.js');
    const p = generatedProject(1000);
    validate(p);
    const t = performance.now();
    const r = validate(structuredClone(p));
    expect(r.valid).toBe(true);
    expect(performance.now() - t).toBeLessThan(200); // generous: a sanity bound, the figure lives in npm run bench
  });
});
