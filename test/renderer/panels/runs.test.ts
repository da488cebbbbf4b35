import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../shared/events.js';
import { ProjectSchema } from '../../../shared/project.js';
import { reduceDashboard, startingDashboard } from '../../../renderer/panels/training/dashboard.js';
import {
  addRun, compareRuns, describeSchedule, latestArtifact, loadRuns, parseRuns, recordRun, runConfig, runNumbers, saveRuns, storageKey,
  type RunRecord,
} from '../../../renderer/panels/training/runs.js';
import { formatMetric } from '../../../renderer/panels/shared/format.js';

const project = ProjectSchema.parse({
  format: 'layerloom-project', version: 1, name: 'Digits', models: { main: { nodes: [], edges: [] } },
  dataset: { source: 'builtin', name: 'digits', classes: [0, 1] },
  training: { optimizer: { type: 'adam', learningRate: 0.003 }, metrics: ['accuracy'], epochs: 5, schedule: { type: 'step', every: 2, factor: 0.5 } },
});

function finished(events: TrainingEvent[]) {
  return events.reduce((s, e, i) => reduceDashboard(s, e, 1000 * (i + 1)), startingDashboard(0, 5));
}

const events: TrainingEvent[] = [
  { event: 'start', backend: 'cpu', params: 10, samples: 8, epochs: 5, batchesPerEpoch: 1 },
  { event: 'epoch', epoch: 0, epochs: 5, seconds: 1, metrics: { loss: 1, val_loss: 1.1, accuracy: 0.5, val_accuracy: 0.4 } },
  { event: 'done', metrics: { loss: 1, val_loss: 1.1, accuracy: 0.5, val_accuracy: 0.4 }, out: '/runs/a', stopped: true,
    evaluation: { classNames: ['0', '1'], confusion: [[1, 0], [1, 1]], predictions: [] } },
];

function record(id: string, startedAt: number, metrics: Record<string, number>, patch: Partial<RunRecord> = {}): RunRecord {
  const r = recordRun(id, finished(events), runConfig(project))!;
  return { ...r, startedAt, metrics, ...patch };
}

describe('run history', () => {
  it('describes the configuration a run used', () => {
    const c = runConfig(project, 2);
    expect(c).toMatchObject({ optimizer: 'adam', learningRate: 0.003, epochs: 2, schedule: 'step ×0.5 every 2', dataset: 'builtin: digits (classes 0, 1)', earlyStopping: 'off' });
    expect(describeSchedule({ ...project.training, schedule: undefined })).toBe('constant');
  });

  it('records a finished run, and nothing while it is going', () => {
    const r = recordRun('r1', finished(events), runConfig(project))!;
    expect(r).toMatchObject({ id: 'r1', status: 'stopped', backend: 'cpu', out: '/runs/a', epochsRun: 1, metrics: { loss: 1 } });
    expect(r.evaluation?.confusion).toEqual([[1, 0], [1, 1]]);
    expect(r.curve.values.val_loss).toEqual([1.1]);
    expect(recordRun('r2', finished(events.slice(0, 2)), runConfig(project))).toBeNull();
  });

  it('keeps the newest runs first, bounded, and finds the latest artifact', () => {
    let runs: RunRecord[] = [];
    for (let i = 0; i < 5; i++) runs = addRun(runs, record(`r${i}`, i, { loss: i }, { out: i === 4 ? null : `/runs/${i}` }), 3);
    expect(runs.map((r) => r.id)).toEqual(['r4', 'r3', 'r2']);
    expect(latestArtifact(runs)?.id).toBe('r3');
    expect(runNumbers(runs).get('r4')).toBe(3);
  });

  it('compares two runs: metrics with the better one, then what differed', () => {
    const a = record('a', 1, { loss: 0.5, val_accuracy: 0.9 });
    const b = record('b', 2, { loss: 0.4, val_accuracy: 0.8 }, { config: { ...runConfig(project), learningRate: 0.01 } });
    const rows = compareRuns(a, b, formatMetric);
    expect(rows.find((r) => r.label === 'loss')).toMatchObject({ a: '0.5', b: '0.4', better: 'b' });
    expect(rows.find((r) => r.label === 'val_accuracy')).toMatchObject({ a: '90.0 %', better: 'a' });
    expect(rows.find((r) => r.label === 'Learning rate')).toMatchObject({ a: '0.003', b: '0.01', differs: true });
    expect(rows.find((r) => r.label === 'Optimizer')).toMatchObject({ differs: false });
  });

  it('stores runs per project and ignores unreadable storage', () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
    const key = storageKey('/p/a.layerloom.json', 'A');
    expect(key).not.toBe(storageKey(null, 'A'));
    saveRuns(storage, key, [record('x', 1, { loss: 1 })]);
    expect(loadRuns(storage, key).map((r) => r.id)).toEqual(['x']);
    data.set(key, '{not json');
    expect(loadRuns(storage, key)).toEqual([]);
    expect(parseRuns('[{"id": 3}, null]')).toEqual([]);
    saveRuns(storage, key, []);
    expect(data.has(key)).toBe(false);
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); }, removeItem: () => undefined };
    expect(loadRuns(broken, key)).toEqual([]);
    expect(() => saveRuns(broken, key, [record('y', 1, {})])).not.toThrow();
  });
});
