import { describe, expect, it } from 'vitest';
import { alignSeries, smooth, valueRange } from '../../../renderer/panels/shared/chart-data.js';
import { cellExamples, cellShare, summarizeConfusion } from '../../../renderer/panels/shared/confusion.js';
import { formatBytes, formatDuration, formatMetric, formatRate } from '../../../renderer/panels/shared/format.js';
import { imageGeometry, previewToImage, toRgba } from '../../../renderer/panels/shared/image.js';

describe('chart data', () => {
  it('aligns batch and epoch series on the union of their x values', () => {
    const [x, batchLoss, epochLoss, valLoss] = alignSeries([
      { x: [0.5, 1, 1.5, 2], ys: [[4, 3, 2, 1]] },
      { x: [1, 2], ys: [[3.5, 1.5], [3.6, 1.6]] },
    ]);
    expect(x).toEqual([0.5, 1, 1.5, 2]);
    expect(batchLoss).toEqual([4, 3, 2, 1]);
    expect(epochLoss).toEqual([null, 3.5, null, 1.5]);
    expect(valLoss).toEqual([null, 3.6, null, 1.6]);
  });

  it('adds rows for x values only one source has', () => {
    const [x, a, b] = alignSeries([{ x: [0.5, 1.25], ys: [[1, 2]] }, { x: [1, 1.25], ys: [[9, 8]] }]);
    expect(x).toEqual([0.5, 1, 1.25]);
    expect(a).toEqual([1, null, 2]);
    expect(b).toEqual([null, 9, 8]);
    expect(alignSeries([])).toEqual([[]]);
  });

  it('smooths and ranges columns, skipping gaps', () => {
    expect(smooth([1, 3, null, 5], 2)).toEqual([1, 2, null, 5]);
    expect(valueRange([[null, 2, 5], [Number.NaN, -1]])).toEqual([-1, 5]);
    expect(valueRange([[null]])).toBeNull();
  });
});

describe('confusion matrix', () => {
  const m = [[5, 1, 0], [2, 6, 0], [0, 0, 0]];
  it('summarizes accuracy, recall, precision and the worst mistake', () => {
    const s = summarizeConfusion(m);
    expect(s.total).toBe(14);
    expect(s.accuracy).toBeCloseTo(11 / 14);
    expect(s.recall[0]).toBeCloseTo(5 / 6);
    expect(s.recall[2]).toBeNaN();
    expect(s.precision[1]).toBeCloseTo(6 / 7);
    expect(s.worst).toEqual({ truth: 1, predicted: 0, count: 2 });
  });
  it('colours cells by the share of their true class', () => {
    expect(cellShare(m, 1, 0)).toBeCloseTo(0.25);
    expect(cellShare(m, 2, 2)).toBe(0);
    expect(cellExamples({ '1,0': [3, 7] }, 1, 0)).toEqual([3, 7]);
    expect(cellExamples(undefined, 1, 0)).toEqual([]);
  });
});

describe('images', () => {
  it('recognises image shapes', () => {
    expect(imageGeometry([8, 8, 1])).toEqual({ height: 8, width: 8, channels: 1 });
    expect(imageGeometry([28, 28])).toEqual({ height: 28, width: 28, channels: 1 });
    expect(imageGeometry([64])).toEqual({ height: 8, width: 8, channels: 1 });
    expect(imageGeometry([4])).toEqual({ height: 2, width: 2, channels: 1 });
    expect(imageGeometry([5])).toBeNull();
    expect(imageGeometry([20, 1, 7])).toBeNull();
    expect(previewToImage({ x: [0, 1, 0, 1], shape: [2, 2] }, '3')).toMatchObject({ width: 2, height: 2, channels: 1, caption: '3' });
    expect(previewToImage({ x: [1, 2, 3], shape: [3] })).toBeNull();
  });
  it('converts grey and colour pixels to RGBA', () => {
    expect(Array.from(toRgba([0, 1], 2, 1, 1).data)).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect(Array.from(toRgba([1, 0, 0.5], 1, 1, 3).data)).toEqual([255, 0, 128, 255]);
  });
  it('stretches values outside [0, 1] over their range', () => {
    expect(Array.from(toRgba([0, 255], 2, 1, 1).data)).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect(Array.from(toRgba([-1, 1], 2, 1, 1).data)).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
  });
});

describe('formatting', () => {
  it('formats metrics, durations, sizes and rates', () => {
    expect(formatMetric('accuracy', 0.9234)).toBe('92.3 %');
    expect(formatMetric('val_accuracy', 0.5)).toBe('50.0 %');
    expect(formatMetric('loss', 0.123456)).toBe('0.1235');
    expect(formatMetric('loss', 0.00001234)).toBe('1.23e-5');
    expect(formatMetric('loss', undefined)).toBe('–');
    expect(formatDuration(3.21)).toBe('3.2 s');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatRate(0.001)).toBe('0.001');
    expect(formatRate(0.0003)).toBe('3.0e-4');
  });
});
