// A line chart on uPlot. The chart is created once (again only when its series or the theme change) and updated
// with setData as new points arrive; it follows its container's width. Colours come from CSS custom properties so
// light and dark themes both read well. Screen readers get the figure's name and a one-line summary instead of the
// canvas.
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useResolvedTheme } from '../../theme/theme.js';
import './panels-shared.css';

export interface ChartSeries {
  label: string;
  /** A CSS custom property holding the colour, e.g. `--ll-chart-1`. */
  color: string;
  width?: number;
  dash?: number[];
  /** Draw dots at the points (for sparse series such as per-epoch values). */
  points?: boolean;
  /** Join points across gaps (null values). */
  spanGaps?: boolean;
}

export interface ChartProps {
  /** Accessible name of the figure, e.g. "Loss chart". */
  label: string;
  title?: string;
  series: ChartSeries[];
  /** [x, ...one column per series]. */
  data: [number[], ...(number | null)[][]];
  xLabel?: string;
  height?: number;
  /** One line for screen readers, e.g. the latest values. */
  summary?: string;
  /** Logarithmic y axis. */
  logY?: boolean;
  /** Fixed y range, e.g. [0, 1] for accuracy. */
  yRange?: [number, number];
  className?: string;
  /** Skip redraws while the chart is not on screen (a hidden dock tab); it catches up when shown again. */
  frozen?: boolean;
}

function cssColor(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

export function Chart({ label, title, series, data, xLabel = 'epoch', height = 150, summary, logY, yRange, className, frozen }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  const drawn = useRef<unknown>(null);
  latest.current = data;
  const theme = useResolvedTheme();
  const seriesKey = useMemo(() => JSON.stringify(series), [series]);
  const rangeKey = yRange ? yRange.join(',') : '';

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const text = cssColor(el, '--text-muted', '#666');
    const grid = cssColor(el, '--border', '#ddd');
    const specs = JSON.parse(seriesKey) as ChartSeries[];
    const opts: uPlot.Options = {
      width: Math.max(120, el.clientWidth),
      height,
      legend: { show: true, live: false },
      cursor: { drag: { x: true, y: false }, points: { size: 6 } },
      scales: {
        x: { time: false },
        y: logY ? { distr: 3 } : yRange ? { range: [yRange[0], yRange[1]] } : { range: (_u, lo, hi) => padRange(lo, hi) },
      },
      axes: [
        { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, label: xLabel, labelSize: 16, size: 30, font: '11px system-ui', labelFont: '11px system-ui' },
        { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, size: 46, font: '11px system-ui', values: (_u, vals) => vals.map(tick) },
      ],
      series: [
        { label: xLabel, value: (_u, v) => (v === null || v === undefined ? '–' : Number(v.toFixed(2)).toString()) },
        ...specs.map((s): uPlot.Series => ({
          label: s.label,
          stroke: cssColor(el, s.color, '#2563eb'),
          width: s.width ?? 1.5,
          ...(s.dash ? { dash: s.dash } : {}),
          spanGaps: s.spanGaps ?? true,
          points: { show: s.points ?? false, size: 5, width: 1, fill: cssColor(el, '--panel', '#fff') },
          value: (_u, v) => (v === null || v === undefined ? '–' : tick(v)),
        })),
      ],
    };
    const u = new uPlot(opts, latest.current as uPlot.AlignedData, el);
    plot.current = u;
    drawn.current = latest.current;
    const ro = new ResizeObserver(() => {
      const w = Math.max(120, el.clientWidth);
      if (w !== u.width) u.setSize({ width: w, height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [seriesKey, theme, height, xLabel, logY, rangeKey]); // eslint-disable-line react-hooks/exhaustive-deps -- yRange via rangeKey

  useEffect(() => {
    if (frozen || !plot.current || drawn.current === data) return;
    drawn.current = data;
    plot.current.setData(data as uPlot.AlignedData);
  }, [data, frozen]);

  const points = data[0].length;
  return (
    <figure className={`ll-chart ${className ?? ''}`} aria-label={label} data-points={points}>
      {title && <figcaption className="ll-chart__title">{title}</figcaption>}
      <div ref={box} className="ll-chart__plot" aria-hidden="true" />
      {points === 0 && <p className="ll-chart__empty" aria-hidden="true">Waiting for the first batch…</p>}
      {summary && <p className="ll-visually-hidden">{summary}</p>}
    </figure>
  );
}

function padRange(lo: number | null, hi: number | null): [number, number] {
  if (lo === null || hi === null) return [0, 1];
  if (lo === hi) return [lo - Math.abs(lo || 1) * 0.1, hi + Math.abs(hi || 1) * 0.1];
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

function tick(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a < 1e-3 || a >= 1e5) return v.toExponential(1);
  return Number(v.toPrecision(3)).toString();
}
