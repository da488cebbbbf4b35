// The confusion matrix as a table: rows are true classes, columns predicted ones; each cell's colour shows the share
// of its true class (green on the diagonal, red off it), and cells with samples are buttons that select the cell
// (the caller shows its examples).
import { memo, useId, useMemo } from 'react';
import { cellShare, summarizeConfusion } from './confusion.js';
import { formatPercent } from './format.js';
import './panels-shared.css';

export interface ConfusionMatrixProps {
  classNames: readonly string[];
  confusion: readonly (readonly number[])[];
  selected?: { truth: number; predicted: number } | null;
  onSelect?(cell: { truth: number; predicted: number } | null): void;
}

function ConfusionMatrixView({ classNames, confusion, selected, onSelect }: ConfusionMatrixProps) {
  const helpId = useId();
  const summary = useMemo(() => summarizeConfusion(confusion), [confusion]);
  const k = confusion.length;
  const name = (i: number) => classNames[i] ?? String(i);
  const longest = Math.max(1, ...confusion.map((_, i) => name(i).length));
  return (
    <div className="ll-confusion">
      <div className="ll-confusion__scroll">
        <table className="ll-confusion__table" aria-label="Confusion matrix" aria-describedby={helpId} style={{ ['--ll-k' as string]: k, ['--ll-rowhead' as string]: `${Math.min(8, Math.max(2.4, longest * 0.62 + 0.8))}em` }}>
          <thead>
            <tr>
              <th scope="col" className="ll-confusion__corner"><span title="true class ↓ / predicted →">true \ pred</span></th>
              {confusion.map((_, p) => <th key={p} scope="col" title={`predicted ${name(p)}`}>{name(p)}</th>)}
              <th scope="col" className="ll-confusion__recall" title="recall: share of each true class predicted right">right</th>
            </tr>
          </thead>
          <tbody>
            {confusion.map((row, t) => (
              <tr key={t}>
                <th scope="row" title={`true ${name(t)}`}>{name(t)}</th>
                {row.map((count, p) => {
                  const share = cellShare(confusion, t, p);
                  const isSelected = selected?.truth === t && selected?.predicted === p;
                  const text = `true ${name(t)}, predicted ${name(p)}: ${count} sample${count === 1 ? '' : 's'} (${formatPercent(share)} of ${name(t)})`;
                  const style = { ['--ll-share' as string]: share.toFixed(3) };
                  const cls = `ll-confusion__cell ${t === p ? 'll-confusion__cell--hit' : count > 0 ? 'll-confusion__cell--miss' : ''}${isSelected ? ' ll-confusion__cell--selected' : ''}`;
                  return (
                    <td key={p} className={cls} style={style}>
                      {count > 0 && onSelect ? (
                        <button type="button" aria-label={text} aria-pressed={isSelected} title={text} onClick={() => onSelect(isSelected ? null : { truth: t, predicted: p })}>
                          {count}
                        </button>
                      ) : (
                        <span title={text}>{count || ''}</span>
                      )}
                    </td>
                  );
                })}
                <td className="ll-confusion__recall">{formatPercent(summary.recall[t] ?? NaN)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p id={helpId} className="ll-confusion__help">
        Rows: true class, columns: predicted. {formatPercent(summary.accuracy, 1)} right over {summary.total} validation samples
        {summary.worst ? `; most common mistake: ${name(summary.worst.truth)} taken for ${name(summary.worst.predicted)} (${summary.worst.count}×)` : ''}.
        {onSelect ? ' Click a cell to see its samples.' : ''}
      </p>
    </div>
  );
}

export const ConfusionMatrix = memo(ConfusionMatrixView);
