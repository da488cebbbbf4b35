// The project's run history: one row per finished run (when, how it ended, key metrics); a row opens the run's
// configuration, metrics, per-epoch chart and confusion matrix; ticking two rows compares them side by side.
import { memo, useMemo, useState } from 'react';
import { Chart } from '../shared/Chart.js';
import { ConfusionMatrix } from '../shared/ConfusionMatrix.js';
import { formatClock, formatDuration, formatMetric } from '../shared/format.js';
import { compareChart } from './charts.js';
import type { TrainingController } from './controller.js';
import { orderedMetrics } from './results.js';
import { compareRuns, runNumbers, type RunRecord } from './runs.js';

export interface RunHistoryProps {
  controller: TrainingController;
  runs: readonly RunRecord[];
  currentRunId: string | null;
}

const STATUS: Record<RunRecord['status'], string> = { done: 'finished', stopped: 'stopped early', error: 'failed' };

/** The one metric that best sums a run up: validation accuracy, else validation loss, else loss. */
function headline(run: RunRecord): [string, number] | null {
  for (const name of ['val_accuracy', 'accuracy', 'val_loss', 'loss', 'g_loss']) {
    const v = run.metrics[name];
    if (v !== undefined) return [name, v];
  }
  return null;
}

function RunHistoryView({ controller, runs, currentRunId }: RunHistoryProps) {
  const [expanded, setExpanded] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [compare, setCompare] = useState<string[]>([]);
  const numbers = useMemo(() => runNumbers(runs), [runs]);
  const label = (r: RunRecord) => `Run ${numbers.get(r.id) ?? '?'}`;
  const open = runs.find((r) => r.id === openId);
  const pair = compare.map((id) => runs.find((r) => r.id === id)).filter((r): r is RunRecord => !!r);

  const toggleCompare = (id: string, on: boolean) =>
    setCompare((list) => (on ? [...list.filter((x) => x !== id), id].slice(-2) : list.filter((x) => x !== id)));

  return (
    <details className="ll-train__section" open={expanded} onToggle={(e) => setExpanded(e.currentTarget.open)}>
      <summary className="ll-train__summary">Run history{runs.length ? ` (${runs.length})` : ''}</summary>
      {runs.length === 0 ? (
        <p className="ll-muted ll-pad">Finished runs of this project appear here.</p>
      ) : (
        <>
          <p className="ll-muted ll-train__small ll-train__pad">Tick two runs to compare them.</p>
          <ul className="ll-runs" aria-label="Runs">
            {runs.map((r) => {
              const h = headline(r);
              return (
                <li key={r.id} className={`ll-runs__item${r.id === openId ? ' ll-runs__item--open' : ''}`}>
                  <input type="checkbox" aria-label={`Compare ${label(r)}`} checked={compare.includes(r.id)} onChange={(e) => toggleCompare(r.id, e.target.checked)} />
                  <button type="button" className="ll-runs__main" aria-expanded={r.id === openId} onClick={() => setOpenId(r.id === openId ? null : r.id)}>
                    <span className="ll-runs__name">{label(r)}{r.id === currentRunId ? ' (latest)' : ''}</span>
                    <span className={`ll-runs__status ll-runs__status--${r.status}`}>{STATUS[r.status]}</span>
                    <span className="ll-runs__meta">
                      {formatClock(r.startedAt)} · {Math.round(r.epochsRun * 10) / 10}/{r.config.epochs} epochs{h ? ` · ${h[0]} ${formatMetric(h[0], h[1])}` : ''}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          {open && <RunDetails run={open} label={label(open)} onForget={() => { controller.forget(open.id); setOpenId(null); }} />}
          {pair.length === 2 && <RunCompare a={pair[0]!} b={pair[1]!} labelA={label(pair[0]!)} labelB={label(pair[1]!)} />}
        </>
      )}
    </details>
  );
}

function RunDetails({ run, label, onForget }: { run: RunRecord; label: string; onForget(): void }) {
  const metric = run.curve.values.val_loss ? 'val_loss' : run.curve.values.loss ? 'loss' : Object.keys(run.curve.values)[0];
  const chart = useMemo(() => {
    const names = Object.keys(run.curve.values).filter((n) => n.endsWith('loss'));
    const colors = ['--ll-chart-train', '--ll-chart-val', '--ll-chart-d', '--ll-chart-g'];
    return {
      series: names.map((n, i) => ({ label: n, color: colors[i % colors.length]!, width: 2, points: true })),
      data: [run.curve.x, ...names.map((n) => run.curve.values[n]!)] as [number[], ...(number | null)[][]],
    };
  }, [run]);
  return (
    <div className="ll-train__block ll-runs__details" role="region" aria-label={`${label} details`}>
      <h3 className="ll-train__h">{label}: {STATUS[run.status]} after {formatDuration(run.seconds)}</h3>
      {run.error && <p className="ll-train__error">{run.error}</p>}
      <dl className="ll-kv">
        <div className="ll-kv__row"><dt>Optimizer</dt><dd>{run.config.optimizer}, lr {run.config.learningRate} ({run.config.schedule})</dd></div>
        <div className="ll-kv__row"><dt>Loss</dt><dd>{run.config.loss}</dd></div>
        <div className="ll-kv__row"><dt>Batch · epochs</dt><dd>{run.config.batchSize} · {run.config.epochs}</dd></div>
        <div className="ll-kv__row"><dt>Dataset</dt><dd>{run.config.dataset}, {Math.round(run.config.validationSplit * 100)} % validation</dd></div>
        <div className="ll-kv__row"><dt>Backend</dt><dd>{run.backend ?? '–'}</dd></div>
        {run.out && <div className="ll-kv__row"><dt>Artifact</dt><dd>{run.out}</dd></div>}
      </dl>
      {Object.keys(run.metrics).length > 0 && (
        <table className="ll-table ll-train__final" aria-label={`${label} metrics`}>
          <tbody>
            {orderedMetrics(run.metrics).map(([n, v]) => <tr key={n}><th scope="row">{n}</th><td className="ll-num">{formatMetric(n, v)}</td></tr>)}
          </tbody>
        </table>
      )}
      {metric && chart.series.length > 0 && <Chart label={`${label} loss chart`} title="Loss per epoch" series={chart.series} data={chart.data} height={120} />}
      {run.evaluation && run.evaluation.confusion.length > 0 && (
        <ConfusionMatrix classNames={run.evaluation.classNames} confusion={run.evaluation.confusion} />
      )}
      <div className="ll-button-row">
        <button type="button" className="ll-button ll-button--danger" onClick={onForget}>Remove from history</button>
      </div>
    </div>
  );
}

function RunCompare({ a, b, labelA, labelB }: { a: RunRecord; b: RunRecord; labelA: string; labelB: string }) {
  const rows = useMemo(() => compareRuns(a, b, (n, v) => formatMetric(n, v)), [a, b]);
  const metricNames = [...new Set([...Object.keys(a.curve.values), ...Object.keys(b.curve.values)])];
  const [metric, setMetric] = useState(() => (metricNames.includes('val_loss') ? 'val_loss' : metricNames[0] ?? 'loss'));
  const chart = useMemo(() => compareChart([{ label: labelA, curve: a.curve }, { label: labelB, curve: b.curve }], metric), [a, b, labelA, labelB, metric]);
  return (
    <div className="ll-train__block" role="region" aria-label="Run comparison">
      <h3 className="ll-train__h">{labelA} vs {labelB}</h3>
      <table className="ll-table ll-compare" aria-label="Run comparison table">
        <thead><tr><th scope="col" /><th scope="col">{labelA}</th><th scope="col">{labelB}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className={r.differs ? 'll-compare__differs' : undefined}>
              <th scope="row">{r.label}</th>
              <td className={r.better === 'a' ? 'll-compare__better' : undefined}>{r.a}</td>
              <td className={r.better === 'b' ? 'll-compare__better' : undefined}>{r.b}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {metricNames.length > 0 && (
        <>
          <label className="ll-train__inline">
            <span>Curve</span>
            <select aria-label="Metric to compare" value={metric} onChange={(e) => setMetric(e.target.value)}>
              {metricNames.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
          <Chart label="Run comparison chart" series={chart.series} data={chart.data} height={130} />
        </>
      )}
    </div>
  );
}

export const RunHistory = memo(RunHistoryView);
