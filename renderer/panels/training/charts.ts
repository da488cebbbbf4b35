// What each live chart draws: series (name, colour, style) and the aligned table for uPlot, from the dashboard's
// batch and epoch series. Per batch a thin line, per epoch dots joined by a thicker line, validation dashed.
import type { ChartSeries } from '../shared/Chart.js';
import { alignSeries, type XSeries } from '../shared/chart-data.js';
import { formatMetric } from '../shared/format.js';
import { chartGroups, type ChartGroup, type DashboardState } from './dashboard.js';

export interface ChartModel {
  group: ChartGroup;
  series: ChartSeries[];
  data: [number[], ...(number | null)[][]];
  yRange?: [number, number];
  /** The latest values, for screen readers and the chart's caption. */
  summary: string;
}

const GAN_COLORS: Record<string, [string, string]> = { d_loss: ['--ll-chart-d-batch', '--ll-chart-d'], g_loss: ['--ll-chart-g-batch', '--ll-chart-g'] };

function hasValues(column: readonly (number | null)[] | undefined): column is (number | null)[] {
  return !!column && column.some((v) => v !== null);
}

export function chartModels(state: Pick<DashboardState, 'batchSeries' | 'epochSeries'>): ChartModel[] {
  return chartGroups(state).map((group) => chartModel(state, group));
}

export function chartModel(state: Pick<DashboardState, 'batchSeries' | 'epochSeries'>, group: ChartGroup): ChartModel {
  const batch: XSeries = { x: state.batchSeries.x, ys: [] };
  const epoch: XSeries = { x: state.epochSeries.x, ys: [] };
  const batchSeries: ChartSeries[] = [];
  const epochSeries: ChartSeries[] = [];
  const gan = group.id === 'gan';
  for (const name of group.metrics) {
    const isVal = name.startsWith('val_');
    const [batchColor, epochColor] = gan ? GAN_COLORS[name] ?? ['--ll-chart-batch', '--ll-chart-train'] : isVal ? ['--ll-chart-val', '--ll-chart-val'] : ['--ll-chart-batch', '--ll-chart-train'];
    const b = state.batchSeries.values[name];
    if (!isVal && hasValues(b)) {
      (batch.ys as (number | null)[][]).push(b);
      batchSeries.push({ label: `${name} (batch)`, color: batchColor, width: 1 });
    }
    const e = state.epochSeries.values[name];
    if (hasValues(e)) {
      (epoch.ys as (number | null)[][]).push(e);
      epochSeries.push({ label: isVal ? `${name}` : `${name} (epoch)`, color: epochColor, width: 2, points: true, ...(isVal ? { dash: [5, 3] } : {}) });
    }
  }
  const data = alignSeries([batch, epoch]) as ChartModel['data'];
  const latest = group.metrics.map((name) => {
    const v = lastValue(state.epochSeries.values[name]) ?? lastValue(state.batchSeries.values[name]);
    return v === null ? null : `${name} ${formatMetric(name, v)}`;
  }).filter(Boolean);
  const accuracyLike = group.metrics.every((m) => /(^|_)accuracy$/.test(m));
  return {
    group,
    series: [...batchSeries, ...epochSeries],
    data,
    ...(accuracyLike ? { yRange: [0, 1] as [number, number] } : {}),
    summary: latest.length ? `${group.title}: ${latest.join(', ')}` : `${group.title}: no values yet`,
  };
}

function lastValue(column: readonly (number | null)[] | undefined): number | null {
  if (!column) return null;
  for (let i = column.length - 1; i >= 0; i--) if (column[i] !== null) return column[i]!;
  return null;
}

/** Per-epoch curves of several runs on one chart (run comparison): one column per run, for a metric. */
export function compareChart(runs: readonly { label: string; curve: { x: number[]; values: Record<string, (number | null)[]> } }[], metric: string): { series: ChartSeries[]; data: [number[], ...(number | null)[][]] } {
  const colors = ['--ll-chart-train', '--ll-chart-val', '--ll-chart-d', '--ll-chart-g'];
  const sources: XSeries[] = runs.map((r) => ({ x: r.curve.x, ys: [r.curve.values[metric] ?? r.curve.x.map(() => null)] }));
  return {
    series: runs.map((r, i) => ({ label: r.label, color: colors[i % colors.length]!, width: 2, points: true })),
    data: alignSeries(sources) as [number[], ...(number | null)[][]],
  };
}
