// The live part of the dashboard: status, the progress bar with epoch, batch and ETA, the backend and data sizes,
// the latest metrics, and one chart per metric (per batch and per epoch, train and validation).
import { memo, useEffect, useMemo, useState } from 'react';
import { Chart } from '../shared/Chart.js';
import { formatCount, formatDuration, formatMetric } from '../shared/format.js';
import { chartModels } from './charts.js';
import { elapsedMs, etaSeconds, isActive, progress, type DashboardState, type RunStatus } from './dashboard.js';
import { orderedMetrics } from './results.js';
import type { RunConfig } from './runs.js';

const STATUS_TEXT: Record<RunStatus, string> = {
  idle: 'Ready', starting: 'Starting…', running: 'Training', paused: 'Paused', stopping: 'Stopping…',
  done: 'Finished', stopped: 'Stopped early', error: 'Failed',
};

/** Re-renders every `ms` while `on` (the ETA and elapsed time count). */
function useNow(on: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [on, ms]);
  return on ? now : Date.now();
}

export interface LiveViewProps {
  state: DashboardState;
  config: RunConfig | null;
  onRevealNode?(node: string): void;
  /** The Training tab is showing (charts skip redraws while it is not). */
  visible?: boolean;
}

function LiveViewView({ state, config, onRevealNode, visible = true }: LiveViewProps) {
  const active = isActive(state.status);
  const now = useNow(active && visible);
  const pct = Math.round(progress(state) * 1000) / 10;
  const eta = etaSeconds(state, now);
  const epochShown = Math.min(state.epochs, state.epoch + 1);
  const batchShown = state.batch >= 0 ? state.batch + 1 : 0;
  const position = state.epochs
    ? `Epoch ${epochShown} of ${state.epochs}${state.batchesPerEpoch ? ` · batch ${batchShown} of ${state.batchesPerEpoch}` : ''}`
    : 'Preparing';
  const etaText = state.status === 'running' ? (eta === null ? 'estimating time left…' : `about ${formatDuration(eta)} left`) : state.status === 'paused' ? 'paused' : null;
  const valueText = `${pct} %, ${position}${etaText ? `, ${etaText}` : ''}`;
  // Charts redraw when the series change, not on every clock tick.
  const charts = useMemo(() => chartModels(state), [state.batchSeries, state.epochSeries]); // eslint-disable-line react-hooks/exhaustive-deps
  const latest = Object.keys(state.lastEpoch).length ? state.lastEpoch : state.lastBatch;

  return (
    <section className="ll-train__live" aria-label="Training progress and charts">
      <div className={`ll-train__status ll-train__status--${state.status}`}>
        <span className="ll-train__status-dot" aria-hidden="true" />
        <strong role="status" aria-live="polite" aria-label="Training status">{STATUS_TEXT[state.status]}</strong>
        {state.backend && <span className="ll-tag" title="Where tensors are computed">backend: {state.backend}</span>}
        <span className="ll-train__elapsed ll-muted">{formatDuration(elapsedMs(state, now) / 1000)}</span>
      </div>

      <div
        className="ll-progress"
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={valueText}
        data-state={state.status}
      >
        <div className="ll-progress__bar" style={{ width: `${pct}%` }} />
      </div>
      <div className="ll-train__position">
        <span>{position}</span>
        <span className="ll-muted">{pct.toFixed(0)} %{etaText ? ` · ${etaText}` : ''}</span>
      </div>

      {state.status === 'starting' && <p className="ll-muted">Loading the dataset and compiling the model…</p>}
      {state.samples > 0 && (
        <p className="ll-train__facts ll-muted">
          {formatCount(state.params)} parameters · {formatCount(state.samples)} training{state.validationSamples > 0 ? ` / ${formatCount(state.validationSamples)} validation` : ''} samples
          {config ? ` · batch ${config.batchSize} · ${config.optimizer} ${config.learningRate}` : ''}
        </p>
      )}
      {state.detail && <p className="ll-train__detail" role="status">{state.detail}</p>}
      {state.error && (
        <div className="ll-train__error" role="alert">
          <strong>Training failed:</strong> {state.error.message}
          {state.error.node && onRevealNode && (
            <button type="button" className="ll-link-button" onClick={() => onRevealNode(state.error!.node!)}>Show layer '{state.error.node}'</button>
          )}
        </div>
      )}

      {Object.keys(latest).length > 0 && (
        <dl className="ll-train__latest" aria-label="Latest metrics">
          {orderedMetrics(latest).map(([name, v]) => (
            <div key={name} className="ll-train__metric">
              <dt>{name}</dt>
              <dd>{formatMetric(name, v)}</dd>
            </div>
          ))}
        </dl>
      )}

      {(charts.length > 0 || active) && (
        <div className="ll-train__charts">
          {charts.length === 0 && <p className="ll-muted ll-train__waiting">Charts appear with the first batch.</p>}
          {charts.map((c) => (
            <Chart
              key={c.group.id}
              label={`${c.group.title} chart`}
              title={c.group.title}
              series={c.series}
              data={c.data}
              yRange={c.yRange}
              summary={c.summary}
              frozen={!visible}
            />
          ))}
        </div>
      )}
    </section>
  );
}

export const LiveView = memo(LiveViewView);
