// The Training tab: run controls (start / pause / resume / stop), the live dashboard (progress with ETA, charts per
// batch and epoch), the results of the run (metrics, confusion matrix, samples), the run history, and the settings
// of the project's `training` section. The run itself lives in the training controller, so it survives tab
// switches; this component only renders its snapshot.
import { useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { EditorContext } from '../../app/context.js';
import type { DockPanelProps } from '../types.js';
import { trainingFor, type TrainingController } from './controller.js';
import { datasetFit, datasetKey } from '../dataset/dataset-form.js';
import { lastPreview } from '../dataset/preview-store.js';
import { isActive } from './dashboard.js';
import { LiveView } from './LiveView.js';
import { ResultsView } from './ResultsView.js';
import { RunHistory } from './RunHistory.js';
import { TrainingSettings } from './TrainingSettings.js';
import './training.css';

type Backend = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

export function useTraining(controller: TrainingController) {
  return useSyncExternalStore(controller.subscribe, controller.getSnapshot);
}

export default function TrainingPanel({ project, host, projectPath, onProjectChange, validation, active }: DockPanelProps) {
  const controller = trainingFor(host);
  const editor = useContext(EditorContext);
  const snap = useTraining(controller);
  const [backend, setBackend] = useState<Backend>('auto');
  const [backends, setBackends] = useState<string[]>(['auto']);

  useEffect(() => {
    if (editor) controller.attachDocument(editor.store);
    else controller.track({ documentId: 0, path: projectPath ?? null, name: project.name });
  }, [controller, editor, projectPath, project.name]);

  useEffect(() => {
    let live = true;
    const known = editor?.info.get();
    if (known) setBackends(known.backends);
    else host.invoke('app:info', {}).then((info) => live && setBackends(info.backends), () => undefined);
    return () => {
      live = false;
    };
  }, [host, editor]);

  // The dashboard shows the last run of this project; a run of a project that was closed may still be stopping.
  const mine = snap.runIsCurrent;
  const status = mine ? snap.dashboard.status : 'idle';
  const running = isActive(status);
  const otherRunning = !mine && isActive(snap.dashboard.status);
  const problems = useMemo(() => validation?.diagnostics.filter((d) => d.severity === 'error') ?? [], [validation]);
  const blocker = otherRunning
    ? 'The run of the previously open project is still stopping…'
    : !project.dataset
    ? 'Choose a dataset first (Dataset tab).'
    : problems.length > 0
      ? `Fix ${problems.length === 1 ? 'the problem' : `${problems.length} problems`} in the model first: ${problems[0]!.message}`
      : null;

  const previewed = useSyncExternalStore(lastPreview.subscribe, lastPreview.get);
  const fitProblems = useMemo(() => {
    if (!previewed || previewed.key !== datasetKey(project.dataset)) return [];
    return datasetFit(previewed.preview, project, validation).filter((f) => f.severity === 'error').map((f) => f.message);
  }, [previewed, project, validation]);

  const start = () => {
    void controller.start({ project, projectPath: projectPath ?? null, backend });
  };
  const goTo = (tab: 'dataset' | 'export') => editor?.ui.set((u) => ({ ...u, dock: tab }));
  const reveal = (node: string) => {
    if (!editor) return;
    const model = Object.keys(project.models).find((m) => project.models[m]!.nodes.some((n) => n.id === node));
    if (model) editor.reveal(model, node);
  };

  return (
    <div className="ll-train">
      <section className="ll-train__controls" aria-label="Run controls">
        <div className="ll-train__buttons">
          {!running && (
            <button type="button" className="ll-button ll-button--primary ll-button--big" onClick={start} disabled={!!blocker || snap.pending === 'start'}>
              Start training
            </button>
          )}
          {(status === 'running' || status === 'starting') && (
            <button type="button" className="ll-button" onClick={() => void controller.control('pause')} disabled={status === 'starting' || snap.pending !== null}>
              Pause
            </button>
          )}
          {status === 'paused' && (
            <button type="button" className="ll-button ll-button--primary" onClick={() => void controller.control('resume')} disabled={snap.pending !== null}>
              Resume
            </button>
          )}
          {(status === 'running' || status === 'paused') && (
            <button type="button" className="ll-button" onClick={() => void controller.control('checkpoint')} disabled={snap.pending !== null}
              title="Save the model as it is now, at the end of the current epoch, into the run's folder (checkpoints/epoch-N)">
              Save checkpoint
            </button>
          )}
          {running && (
            <button type="button" className="ll-button ll-button--danger" onClick={() => void controller.control('stop')} disabled={status === 'stopping'}>
              {status === 'stopping' ? 'Stopping…' : 'Stop'}
            </button>
          )}
          <label className="ll-train__backend">
            <span>Backend</span>
            <select aria-label="Backend" value={backend} disabled={running} onChange={(e) => setBackend(e.target.value as Backend)}>
              {backends.map((b) => <option key={b} value={b}>{b === 'auto' ? 'auto (fastest available)' : b}</option>)}
            </select>
          </label>
        </div>
        {blocker && !running && (
          <p className="ll-train__blocker" role="note">
            {blocker}{' '}
            {!project.dataset && editor && <button type="button" className="ll-link-button" onClick={() => goTo('dataset')}>Open the Dataset tab</button>}
          </p>
        )}
        {!blocker && !running && fitProblems.length > 0 && (
          <ul className="ll-train__fit" aria-label="Dataset check">
            {fitProblems.map((m) => <li key={m}>{m}</li>)}
          </ul>
        )}
        {snap.notice && (
          <p className={`ll-train__notice ll-train__notice--${snap.notice.kind}`} role={snap.notice.kind === 'error' ? 'alert' : 'status'}>
            {snap.notice.text}
            <button type="button" className="ll-icon-button" aria-label="Dismiss message" onClick={() => controller.dismissNotice()}>×</button>
          </p>
        )}
      </section>

      {status !== 'idle' && <LiveView state={snap.dashboard} config={snap.config} onRevealNode={editor ? reveal : undefined} visible={active} />}

      {status !== 'idle' && !running && (
        <ResultsView state={snap.dashboard} kind={snap.config?.kind} onExport={editor && snap.dashboard.out ? () => goTo('export') : undefined} />
      )}
      {status !== 'idle' && running && (snap.dashboard.sampleSets.gan || snap.dashboard.sampleSets.reconstruction) && (
        <ResultsView state={snap.dashboard} kind={snap.config?.kind} samplesOnly />
      )}

      <TrainingSettings project={project} onProjectChange={onProjectChange} disabled={running} defaultOpen={status === 'idle'} />

      <RunHistory controller={controller} runs={snap.runs} currentRunId={snap.runId} />
    </div>
  );
}
