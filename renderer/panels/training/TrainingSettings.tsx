// The project's training settings: optimizer, learning rate and its schedule (with a preview curve), loss, metrics,
// epochs, batch size, early stopping, seed. Every change is one undoable project edit; typing in a field coalesces.
import { memo, useMemo, useState } from 'react';
import type { Project, Training } from '../../../shared/project.js';
import { Chart } from '../shared/Chart.js';
import { CheckField, NumberField, SelectField } from '../shared/fields.js';
import { formatRate } from '../shared/format.js';
import type { DockPanelProps } from '../types.js';
import {
  LOSS_OPTIONS, METRIC_OPTIONS, OPTIMIZERS, SCHEDULES, scheduleCurve, scheduleOfType, setLearningRate, setOptimizerType,
  toggleMetric, trainingHints, type ScheduleType,
} from './training-form.js';

export interface TrainingSettingsProps {
  project: Project;
  onProjectChange: DockPanelProps['onProjectChange'];
  disabled: boolean;
  defaultOpen: boolean;
}

const KINDS = [
  { value: 'supervised', label: 'Supervised' },
  { value: 'autoencoder', label: 'Autoencoder' },
  { value: 'gan', label: 'GAN' },
] as const;

function TrainingSettingsView({ project, onProjectChange, disabled, defaultOpen }: TrainingSettingsProps) {
  const t = project.training;
  const [open, setOpen] = useState(defaultOpen);
  const update = (patch: (t: Training) => Partial<Training>, coalesce?: string) =>
    onProjectChange((p) => ({ ...p, training: { ...p.training, ...patch(p.training) } }), coalesce ? { coalesce: `training:${coalesce}` } : undefined);
  const curve = useMemo(() => scheduleCurve(t), [t.optimizer, t.schedule, t.epochs]); // eslint-disable-line react-hooks/exhaustive-deps
  const curveData = useMemo(() => [curve.x, curve.y] as [number[], number[]], [curve]);
  const hints = trainingHints(t);
  const scheduleType: ScheduleType = t.schedule?.type ?? 'constant';
  const s = t.schedule;
  const lrEnd = curve.y.at(-1) ?? t.optimizer.learningRate;

  return (
    <details className="ll-train__section" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="ll-train__summary">Settings</summary>
      <fieldset className="ll-train__form" disabled={disabled}>
        <legend className="ll-visually-hidden">Training settings</legend>
        {disabled && <p className="ll-muted ll-train__small">Settings are locked while training runs.</p>}
        <SelectField label="Training kind" value={t.kind} options={KINDS} onChange={(kind) => update(() => ({ kind }))}
          doc={t.kind === 'supervised' ? 'Learn labels from inputs.' : t.kind === 'autoencoder' ? 'Learn to reproduce the input.' : 'A generator learns to fool a discriminator.'} />
        <SelectField label="Optimizer" value={t.optimizer.type} options={OPTIMIZERS} onChange={(type) => update((tr) => setOptimizerType(tr, type))} />
        <NumberField
          label="Learning rate" value={t.optimizer.learningRate} min={0} exclusiveMin max={100}
          onCommit={(v) => v !== undefined && update((tr) => setLearningRate(tr, v), 'lr')}
          doc="Step size of each update; 0.001 suits Adam."
        />
        {t.optimizer.type === 'momentum' && (
          <NumberField label="Momentum" value={t.optimizer.momentum ?? 0.9} min={0} max={1} step={0.05}
            onCommit={(v) => v !== undefined && update((tr) => ({ optimizer: { ...tr.optimizer, momentum: v } }), 'momentum')} />
        )}
        <SelectField label="LR schedule" value={scheduleType} options={SCHEDULES}
          onChange={(type) => update((tr) => ({ schedule: scheduleOfType(type, tr.schedule) }))} />
        {s?.type === 'step' && (
          <>
            <NumberField label="Every (epochs)" value={s.every} min={1} integer step={1}
              onCommit={(v) => v !== undefined && update((tr) => ({ schedule: { ...(tr.schedule as typeof s), every: v } }), 'every')} />
            <NumberField label="Factor" value={s.factor} min={0} exclusiveMin max={1} step={0.05}
              onCommit={(v) => v !== undefined && update((tr) => ({ schedule: { ...(tr.schedule as typeof s), factor: v } }), 'factor')}
              doc="The rate is multiplied by this at each step." />
          </>
        )}
        {s?.type === 'exponential' && (
          <NumberField label="Decay per epoch" value={s.decay} min={0} exclusiveMin max={1} step={0.01}
            onCommit={(v) => v !== undefined && update((tr) => ({ schedule: { ...(tr.schedule as typeof s), decay: v } }), 'decay')} />
        )}
        {s?.type === 'cosine' && (
          <NumberField label="Final rate" value={s.minLearningRate} min={0}
            onCommit={(v) => v !== undefined && update((tr) => ({ schedule: { ...(tr.schedule as typeof s), minLearningRate: v } }), 'minlr')} />
        )}
        {scheduleType !== 'constant' && (
          <div className="ll-train__schedule">
            <Chart
              label="Learning rate schedule chart" series={[{ label: 'learning rate', color: '--ll-chart-train', width: 2 }]}
              data={curveData} height={100} className="ll-chart--no-legend"
            />
            <span className="ll-train__schedule-caption">
              Learning rate per epoch: {formatRate(t.optimizer.learningRate)} → {formatRate(lrEnd)} over {t.epochs} epoch{t.epochs === 1 ? '' : 's'}
            </span>
          </div>
        )}
        <SelectField label="Loss" value={t.loss} options={LOSS_OPTIONS} onChange={(loss) => update(() => ({ loss }))} />
        <fieldset className="ll-train__metrics">
          <legend className="ll-field__label">Metrics</legend>
          <div className="ll-train__checks">
            {METRIC_OPTIONS.map((m) => (
              <label key={m.value} className="ll-train__check">
                <input type="checkbox" checked={t.metrics.includes(m.value)} onChange={(e) => update((tr) => ({ metrics: toggleMetric(tr.metrics, m.value, e.target.checked) }))} />
                {m.label}
              </label>
            ))}
          </div>
        </fieldset>
        <NumberField label="Epochs" value={t.epochs} min={1} max={100_000} integer step={1} onCommit={(v) => v !== undefined && update(() => ({ epochs: v }), 'epochs')} />
        <NumberField label="Batch size" value={t.batchSize} min={1} max={65_536} integer step={8} onCommit={(v) => v !== undefined && update(() => ({ batchSize: v }), 'batch')} />
        <CheckField
          label="Early stopping" checked={!!t.earlyStopping}
          onChange={(on) => update(() => ({ earlyStopping: on ? { patience: 3, monitor: 'val_loss' } : undefined }))}
          doc="Stop when the monitored loss has not improved for a few epochs."
        />
        {t.earlyStopping && (
          <>
            <SelectField label="Monitor" value={t.earlyStopping.monitor === 'loss' ? 'loss' : 'val_loss'}
              options={[{ value: 'val_loss', label: 'Validation loss' }, { value: 'loss', label: 'Training loss' }]}
              onChange={(monitor) => update((tr) => ({ earlyStopping: { ...tr.earlyStopping!, monitor } }))} />
            <NumberField label="Patience (epochs)" value={t.earlyStopping.patience} min={1} integer step={1}
              onCommit={(v) => v !== undefined && update((tr) => ({ earlyStopping: { ...tr.earlyStopping!, patience: v } }), 'patience')} />
          </>
        )}
        {t.kind === 'gan' && (
          <NumberField label="Latent size" value={t.latentDim} min={1} max={4096} integer optional placeholder="from the generator's input"
            onCommit={(v) => update(() => ({ latentDim: v }), 'latent')} />
        )}
        <NumberField label="Seed" value={t.seed} integer step={1} onCommit={(v) => v !== undefined && update(() => ({ seed: v }), 'seed')}
          doc="Same seed, same data order and initial weights." />
        {hints.length > 0 && (
          <ul className="ll-train__hints" aria-label="Hints">
            {hints.map((h) => <li key={h}>{h}</li>)}
          </ul>
        )}
      </fieldset>
    </details>
  );
}

export const TrainingSettings = memo(TrainingSettingsView);
