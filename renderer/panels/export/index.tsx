// The Export tab (File › Export ONNX opens it): ONNX with an opset, the model of a multi-model project and a check
// in ONNX Runtime against tfjs (the max difference is shown), or a TensorFlow.js folder; weights from a training
// run of the project (the latest by default). Progress while the host works, then a clear result with the path.
import { useContext, useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { EditorContext } from '../../app/context.js';
import { CheckField, SelectField, TextField } from '../shared/fields.js';
import { formatClock, formatMetric } from '../shared/format.js';
import '../shared/panels-shared.css';
import { trainingFor } from '../training/controller.js';
import { runNumbers, type RunRecord } from '../training/runs.js';
import type { DockPanelProps } from '../types.js';
import {
  defaultWeights, describeFailure, describeOnnx, describeTfjs, exportableModels, onnxRequest, OPSETS, tfjsRequest,
  weightsOptions, weightsPath, type ExportOutcome, type Format,
} from './export-form.js';
import './export.css';

function describeRun(r: RunRecord): string {
  const metric = ['val_accuracy', 'accuracy', 'val_loss', 'loss', 'g_loss'].find((m) => r.metrics[m] !== undefined);
  return `${formatClock(r.startedAt)}, ${r.status === 'stopped' ? 'stopped early' : 'finished'}${metric ? `, ${metric} ${formatMetric(metric, r.metrics[metric])}` : ''}`;
}

export default function ExportPanel({ project, host, projectPath }: DockPanelProps) {
  const controller = trainingFor(host);
  const editor = useContext(EditorContext);
  useEffect(() => {
    if (editor) controller.attachDocument(editor.store);
    else controller.track({ documentId: 0, path: projectPath ?? null, name: project.name });
  }, [controller, editor, projectPath, project.name]);
  const snap = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const hostKind = useSyncExternalStore(
    (l) => editor?.info.subscribe(l) ?? (() => undefined),
    () => editor?.info.get()?.host ?? 'web',
  );

  const numbers = useMemo(() => runNumbers(snap.runs), [snap.runs]);
  const options = useMemo(() => weightsOptions(snap.runs, numbers, describeRun), [snap.runs, numbers]);
  const models = exportableModels(project);
  const [format, setFormat] = useState<Format>('onnx');
  const [weights, setWeights] = useState<string | null>(null);
  const [folder, setFolder] = useState('');
  const [model, setModel] = useState(models[0]!);
  const [opset, setOpset] = useState(13);
  const [verify, setVerify] = useState(true);
  const [out, setOut] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  const formatName = useId();

  // Follow the newest run until the user picks weights themselves.
  const choice = weights !== null && options.some((o) => o.value === weights) ? weights : defaultWeights(options);
  const chosenModel = models.includes(model) ? model : models[0]!;
  const running = snap.dashboard.status === 'running' || snap.dashboard.status === 'starting';

  const run = async () => {
    const settings = { format, weights: weightsPath(choice, options, folder), model: chosenModel, opset, verify, out };
    if (choice === 'folder' && !settings.weights) {
      setOutcome({ kind: 'error', title: 'Choose the artifact folder', lines: ['Enter the folder of a trained run (it holds models/<model>/model.json).'] });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const untrained = !settings.weights;
      if (format === 'onnx') setOutcome(describeOnnx(await host.invoke('export:onnx', onnxRequest(project, projectPath, settings)), verify, untrained));
      else setOutcome(describeTfjs(await host.invoke('export:tfjs', tfjsRequest(project, projectPath, settings)), untrained));
    } catch (e) {
      setOutcome(describeFailure((e as Error)?.message ?? String(e)));
    } finally {
      setBusy(false);
    }
  };

  const suffix = format === 'onnx' ? '.onnx' : '-tfjs/';
  const outHint = hostKind === 'electron' ? 'Leave empty to choose in a dialog.' : `Leave empty to write it beside the project (…${suffix}).`;

  return (
    <div className="ll-panel ll-export">
      <section className="ll-panel__section" aria-labelledby={`${formatName}-h`}>
        <h3 id={`${formatName}-h`} className="ll-panel__h">Format</h3>
        <div className="ll-export__formats" role="radiogroup" aria-label="Export format">
          {([['onnx', 'ONNX', 'One .onnx file for ONNX Runtime, TensorRT, OpenVINO…'], ['tfjs', 'TensorFlow.js', 'model.json + weights, for the browser or Node']] as const).map(([value, label, doc]) => (
            <label key={value} className={`ll-export__format${format === value ? ' ll-export__format--on' : ''}`}>
              <input type="radio" name={formatName} value={value} checked={format === value} onChange={() => { setFormat(value); setOutcome(null); }} />
              <span className="ll-export__format-name">{label}</span>
              <span className="ll-export__format-doc">{doc}</span>
            </label>
          ))}
        </div>
      </section>

      <section className="ll-panel__section" aria-label="Export settings">
        <SelectField label="Weights" value={choice} options={options} onChange={(v) => setWeights(v)}
          doc={snap.runs.length === 0 ? 'No trained run yet: train in the Training tab first, or export untrained weights.' : 'Trained weights come from a run’s artifact folder.'} />
        {choice === 'folder' && (
          <TextField label="Artifact folder" value={folder} onChange={setFolder} mono placeholder="runs/my-run" doc="A folder written by a training run (or `layerloom train --out`)." />
        )}
        {models.length > 1 && (
          <SelectField label="Model" value={chosenModel} options={models.map((m) => ({ value: m, label: m }))} onChange={setModel}
            doc="This project has several models; one is exported at a time." />
        )}
        {format === 'onnx' && (
          <>
            <SelectField label="Opset" value={String(opset)} options={OPSETS.map((o) => ({ value: String(o), label: o === 13 ? '13 (widest support)' : String(o) }))}
              onChange={(v) => setOpset(Number(v))} doc="ONNX operator set version; 13 runs almost everywhere." />
            <CheckField label="Verify" checked={verify} onChange={setVerify} doc="Run the file in ONNX Runtime and compare its outputs with tfjs." />
          </>
        )}
        <TextField label="Save to" value={out} onChange={setOut} mono placeholder={format === 'onnx' ? 'model.onnx' : 'model-tfjs'} doc={outHint} />
      </section>

      <section className="ll-panel__section" aria-label="Run the export">
        <div className="ll-button-row">
          <button type="button" className="ll-button ll-button--primary ll-button--big" onClick={() => void run()} disabled={busy}>
            {format === 'onnx' ? 'Export ONNX' : 'Export TensorFlow.js'}
          </button>
        </div>
        {running && <p className="ll-muted ll-panel__small">A training run is going: this exports the weights chosen above, not the ones being trained.</p>}
        {busy && (
          <div className="ll-export__busy" role="status">
            <div className="ll-progress ll-progress--indeterminate" role="progressbar" aria-label="Export progress" aria-valuetext="working">
              <div className="ll-progress__bar" />
            </div>
            <span>{format === 'onnx' ? (verify ? 'Converting and verifying with ONNX Runtime…' : 'Converting to ONNX…') : 'Writing the TensorFlow.js model…'}</span>
          </div>
        )}
        {outcome && outcome.kind !== 'canceled' && (
          <div className={`ll-export__result ll-banner ll-banner--${outcome.kind}`} role={outcome.kind === 'error' ? 'alert' : 'status'} aria-label="Export result">
            <strong>{outcome.title}</strong>
            {outcome.path && <code className="ll-path">{outcome.path}</code>}
            {outcome.lines.map((l) => <span key={l}>{l}</span>)}
          </div>
        )}
        {outcome?.kind === 'canceled' && <p className="ll-muted" role="status">Export canceled.</p>}
      </section>
    </div>
  );
}
