// What a run produced: final metrics, the confusion matrix (a cell shows its validation samples), sample
// predictions, autoencoder reconstructions (original beside reconstruction) and GAN samples (refreshed each epoch).
import { memo, useMemo, useState } from 'react';
import { ConfusionMatrix } from '../shared/ConfusionMatrix.js';
import { formatMetric, formatPercent } from '../shared/format.js';
import { ImageGrid, SampleCanvas } from '../shared/ImageGrid.js';
import type { DashboardState } from './dashboard.js';
import { cellExamplesView, imagesByIndex, orderedMetrics, predictionCards, usableEvaluation } from './results.js';

export interface ResultsViewProps {
  state: DashboardState;
  /** The run's training kind (only supervised runs have a meaningful confusion matrix). */
  kind?: string;
  /** Only the sample images (while a run is going). */
  samplesOnly?: boolean;
  onExport?(): void;
}

function ResultsViewView({ state, kind, samplesOnly, onExport }: ResultsViewProps) {
  const [cell, setCell] = useState<{ truth: number; predicted: number } | null>(null);
  const evaluation = useMemo(() => usableEvaluation(state.evaluation, kind), [state.evaluation, kind]);
  const images = useMemo(() => imagesByIndex(state.sampleSets.prediction, evaluation), [state.sampleSets.prediction, evaluation]);
  const cards = useMemo(() => (evaluation ? predictionCards(evaluation, images) : []), [evaluation, images]);
  const examples = evaluation && cell ? cellExamplesView(evaluation, cell.truth, cell.predicted, images) : null;
  const { gan, reconstruction } = state.sampleSets;
  const final = state.final ?? (Object.keys(state.lastEpoch).length ? state.lastEpoch : null);

  return (
    <section className="ll-train__results" aria-label="Results">
      {!samplesOnly && final && (
        <div className="ll-train__block">
          <h3 className="ll-train__h">{state.status === 'error' ? 'Last metrics before the failure' : 'Final metrics'}</h3>
          <table className="ll-table ll-train__final" aria-label="Final metrics">
            <tbody>
              {orderedMetrics(final).map(([name, v]) => (
                <tr key={name}><th scope="row">{name}</th><td className="ll-num">{formatMetric(name, v)}</td></tr>
              ))}
            </tbody>
          </table>
          {state.out && (
            <p className="ll-train__artifact">
              Saved to <code className="ll-train__path" title={state.out}>{state.out}</code>
              {onExport && <button type="button" className="ll-link-button" onClick={onExport}>Export this run…</button>}
            </p>
          )}
        </div>
      )}

      {!samplesOnly && evaluation && evaluation.confusion.length > 0 && (
        <div className="ll-train__block">
          <h3 className="ll-train__h">Confusion matrix</h3>
          <ConfusionMatrix classNames={evaluation.classNames} confusion={evaluation.confusion} selected={cell} onSelect={setCell} />
          {examples && (
            <div className="ll-train__examples" role="region" aria-label="Examples of the selected cell">
              <p>
                <strong>{examples.title}</strong>: {examples.count} sample{examples.count === 1 ? '' : 's'}
                {examples.indices.length < examples.count ? `, ${examples.indices.length} shown` : ''}.
              </p>
              {examples.indices.length === 0 ? (
                <p className="ll-muted">No examples were recorded for this cell.</p>
              ) : (
                <ul className="ll-image-grid" aria-label="Example samples">
                  {examples.images.map(({ index, image }) => (
                    <li key={index} className="ll-image-grid__item">
                      {image ? <SampleCanvas image={image} size={56} label={`validation sample ${index}`} /> : <span className="ll-train__noimg" aria-hidden="true">#</span>}
                      <span className="ll-image-grid__caption">#{index}</span>
                    </li>
                  ))}
                </ul>
              )}
              {examples.images.some((e) => !e.image) && <p className="ll-muted ll-train__small">Images of these validation samples were not sent by the engine; their indices are shown.</p>}
            </div>
          )}
        </div>
      )}

      {!samplesOnly && cards.length > 0 && (
        <div className="ll-train__block">
          <h3 className="ll-train__h">Sample predictions</h3>
          <p className="ll-muted ll-train__small">
            {cards.filter((c) => c.correct).length} of {cards.length} right; wrong ones are framed in red.
          </p>
          <ul className="ll-predictions" aria-label="Sample predictions">
            {cards.map((c) => (
              <li key={c.index} className={`ll-predictions__item${c.correct ? '' : ' ll-predictions__item--wrong'}`}
                aria-label={`sample ${c.index}: true ${c.label}, predicted ${c.predicted} (${formatPercent(c.confidence)})${c.correct ? '' : ', wrong'}`}>
                {c.image && <SampleCanvas image={c.image} size={44} label={`sample ${c.index}`} />}
                <span className="ll-predictions__pred">{c.predicted}</span>
                <span className="ll-predictions__meta">{c.correct ? '✓' : `true ${c.label}`} · {formatPercent(c.confidence)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}

      {reconstruction && reconstruction.images.length > 0 && (
        <div className="ll-train__block">
          <h3 className="ll-train__h">Reconstructions{reconstruction.epoch !== undefined ? ` after epoch ${reconstruction.epoch + 1}` : ''}</h3>
          <ImageGrid label="Reconstructions" images={reconstruction.images} pairs size={48} />
        </div>
      )}

      {gan && gan.images.length > 0 && (
        <div className="ll-train__block">
          <h3 className="ll-train__h">Generated samples{gan.epoch !== undefined ? ` after epoch ${gan.epoch + 1}` : ''}</h3>
          <ImageGrid label="Generated samples" images={gan.images} size={40} captions={false}
            columns={gan.images.length % 8 === 0 ? 8 : gan.images.length % 4 === 0 ? 4 : undefined} />
          <p className="ll-muted ll-train__small">The same noise every epoch, so you can watch the digits take shape.</p>
        </div>
      )}
    </section>
  );
}

export const ResultsView = memo(ResultsViewView);
