// The Dataset tab: where the data comes from (a built-in dataset or files), how it is preprocessed (scaling, labels,
// class subset, validation split, seed), and a preview from the host (shapes, class counts, the first samples drawn
// as images) with a check that it fits the model. Problems show at the field they are about.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { BUILTIN_DATASETS } from '../../../shared/datasets.js';
import type { Dataset } from '../../../shared/project.js';
import { HostError } from '../../host/errors.js';
import { CheckField, NumberField, SelectField, TextField } from '../shared/fields.js';
import { formatCount, formatPercent } from '../shared/format.js';
import { ImageGrid } from '../shared/ImageGrid.js';
import { previewToImage } from '../shared/image.js';
import { formatIntList, parseIntList } from '../shared/number-input.js';
import '../shared/panels-shared.css';
import type { DockPanelProps } from '../types.js';
import {
  changeSource, classBars, datasetDiagnostics, datasetFit, datasetKey, errorField, labelText, missingFields, pathFields,
  sampleText, SOURCES, withField, type DatasetField, type Preview,
} from './dataset-form.js';
import { dirOf, FilePicker, relativeTo } from './FilePicker.js';
import { trainingLock } from '../../store/training-lock.js';
import { lastPreview } from './preview-store.js';
import './dataset.css';

const ACCEPT: Record<string, RegExp> = {
  path: /\.(csv|tsv|txt)(\.gz)?$/i,
  images: /(idx\d?-ubyte|\.idx\d?)(\.gz)?$|ubyte(\.gz)?$/i,
  labels: /(idx\d?-ubyte|\.idx\d?)(\.gz)?$|ubyte(\.gz)?$/i,
  x: /\.npy$/i,
  y: /\.npy$/i,
};

const SCALE_OPTIONS = [
  { value: 'auto', label: 'Automatic' },
  { value: '1', label: 'None (raw values)' },
  { value: '255', label: '÷ 255 (8-bit)' },
  { value: 'custom', label: 'Multiply by…' },
] as const;
type ScaleChoice = (typeof SCALE_OPTIONS)[number]['value'];

function scaleChoice(scale: Dataset['scale']): ScaleChoice {
  if (scale === 'auto') return 'auto';
  if (scale === 1) return '1';
  if (Math.abs(scale - 1 / 255) < 1e-12) return '255';
  return 'custom';
}

const LABEL_MODES = [
  { value: 'auto', label: 'Automatic' },
  { value: 'sparse', label: 'Class index (sparse)' },
  { value: 'onehot', label: 'One-hot' },
  { value: 'regression', label: 'Numeric targets' },
] as const;

type PreviewState = { status: 'idle' } | { status: 'loading'; previous: Preview | null } | { status: 'ok'; preview: Preview } | { status: 'error'; message: string; field: DatasetField | null; previous: Preview | null };

export default function DatasetPanel({ project, host, projectPath, onProjectChange, validation }: DockPanelProps) {
  const dataset = project.dataset;
  const kind = project.training.kind;
  const [picker, setPicker] = useState<{ field: 'path' | 'images' | 'labels' | 'x' | 'y'; folder: boolean; label: string } | null>(null);
  const [preview, setPreview] = useState<PreviewState>({ status: 'idle' });
  const [customScale, setCustomScale] = useState(false);
  const [cwd, setCwd] = useState<string | undefined>(undefined);
  const seq = useRef(0);
  const key = datasetKey(dataset);
  const training = useSyncExternalStore(trainingLock.subscribe, trainingLock.get).locked;

  const baseDir = projectPath ? dirOf(projectPath) : cwd;
  useEffect(() => {
    if (projectPath) return;
    let live = true;
    host.invoke('app:info', {}).then((i) => live && setCwd(i.cwd), () => undefined);
    return () => {
      live = false;
    };
  }, [host, projectPath]);

  const change = useCallback((fn: (d: Dataset) => Dataset, coalesce?: string) => {
    onProjectChange((p) => ({ ...p, dataset: fn(p.dataset ?? changeSource(undefined, 'builtin')) }), coalesce ? { coalesce: `dataset:${coalesce}` } : undefined);
  }, [onProjectChange]);
  const set = <K extends keyof Dataset>(field: K, value: Dataset[K] | undefined, coalesce?: string) => change((d) => withField(d, field, value), coalesce);

  const missing = useMemo(() => (dataset ? missingFields(dataset, kind) : {}), [dataset, kind]);
  const diag = useMemo(() => datasetDiagnostics(validation), [validation]);

  const loadPreview = useCallback(async () => {
    if (!dataset) return;
    const id = ++seq.current;
    setPreview((p) => ({ status: 'loading', previous: p.status === 'ok' ? p.preview : p.status === 'loading' || p.status === 'error' ? p.previous : null }));
    try {
      const r = await host.invoke('dataset:preview', { project, ...(projectPath ? { projectPath } : {}), count: 16 });
      if (id === seq.current) {
        setPreview({ status: 'ok', preview: r });
        lastPreview.set({ key, preview: r });
      }
    } catch (e) {
      if (id !== seq.current) return;
      const message = (e as Error)?.message ?? String(e);
      const field = errorField(dataset, message, e instanceof HostError ? e.field : undefined);
      setPreview((p) => ({ status: 'error', message, field, previous: p.status === 'loading' ? p.previous : null }));
    }
    // The preview depends on the dataset (key) and where relative paths start, not on other project edits.
  }, [key, host, projectPath]); // eslint-disable-line react-hooks/exhaustive-deps

  // Refresh the preview shortly after the settings change (also when they change while the tab is hidden, e.g. by
  // undo: the Training tab checks the data against the model with it), once nothing required is missing.
  useEffect(() => {
    if (!dataset || Object.keys(missing).length > 0) return;
    const t = setTimeout(() => void loadPreview(), 350);
    return () => clearTimeout(t);
  }, [key, loadPreview]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!dataset) {
    return (
      <div className="ll-panel ll-data">
        <p className="ll-muted">This project has no dataset yet.</p>
        <button type="button" className="ll-button ll-button--primary" onClick={() => change(() => changeSource(undefined, 'builtin'))}>
          Use a built-in dataset
        </button>
      </div>
    );
  }

  const shown = preview.status === 'ok' ? preview.preview : preview.status === 'loading' || preview.status === 'error' ? preview.previous : null;
  const fieldError = (f: DatasetField): string | null =>
    (preview.status === 'error' && preview.field === f ? preview.message : null) ?? diag.byField[f] ?? null;
  const generalError = preview.status === 'error' && !preview.field ? preview.message : null;
  const builtin = dataset.source === 'builtin' ? BUILTIN_DATASETS[dataset.name ?? ''] : undefined;
  const knownClasses = builtin?.classNames;
  const fit = shown ? datasetFit(shown, project, validation) : [];
  const scale = customScale ? 'custom' : scaleChoice(dataset.scale);

  return (
    <div className="ll-panel ll-data">
      {training && <p className="ll-banner ll-banner--info" role="status">Training is running on the dataset as it was when it started: changes here apply to the next run.</p>}
      <section className="ll-panel__section">
        <h3 className="ll-panel__h">Source</h3>
        <SelectField label="Source" value={dataset.source} options={SOURCES} onChange={(s) => change((d) => changeSource(d, s))} />
        {dataset.source === 'builtin' && (
          <SelectField
            label="Dataset"
            value={dataset.name ?? ''}
            options={[...(builtin ? [] : [{ value: dataset.name ?? '', label: dataset.name ? `${dataset.name} (unknown)` : 'Choose…' }]), ...Object.entries(BUILTIN_DATASETS).map(([value, info]) => ({ value, label: info.title }))]}
            onChange={(name) => change((d) => ({ ...withField(d, 'name', name), ...(name !== d.name ? { classes: undefined } : {}) }))}
            doc={builtin?.doc}
            error={fieldError('name')}
          />
        )}
        {dataset.source === 'builtin' && dataset.name === 'sine' && (
          <>
            <NumberField label="Steps" value={dataset.steps} min={2} max={10_000} integer optional placeholder="20" onCommit={(v) => set('steps', v, 'steps')} doc="Values per sequence." error={fieldError('steps')} />
            <NumberField label="Sequences" value={dataset.samples} min={1} max={1_000_000} integer optional placeholder="2000" onCommit={(v) => set('samples', v, 'samples')} error={fieldError('samples')} />
          </>
        )}
        {pathFields(dataset.source, kind).map((p) => (
          <TextField
            key={p.field}
            label={p.label}
            value={dataset[p.field] ?? ''}
            mono
            placeholder={p.folder ? 'path/to/folder' : 'path/to/file'}
            onChange={(v) => set(p.field, v, p.field)}
            doc={p.hint}
            error={fieldError(p.field) ?? missing[p.field] ?? null}
            after={<button type="button" className="ll-button" aria-label={`Browse for the ${p.label.toLowerCase()}`} onClick={() => setPicker(p)}>Browse…</button>}
          />
        ))}
        {dataset.source === 'csv' && (
          <>
            <CheckField label="Header row" checked={dataset.header ?? false} onChange={(v) => set('header', v)} doc="The first row names the columns." />
            <TextField
              label="Label column" value={dataset.labelColumn === undefined ? '' : String(dataset.labelColumn)} placeholder="last"
              onChange={(v) => set('labelColumn', v.trim() === '' ? undefined : /^\d+$/.test(v.trim()) ? Number(v.trim()) : v, 'labelColumn')}
              doc="Column number (0 = first) or header name." error={fieldError('labelColumn')}
            />
          </>
        )}
        {dataset.source === 'images' && (
          <>
            <div className="ll-data__pair">
              <NumberField label="Height" value={dataset.imageSize?.[0]} min={1} max={4096} integer optional placeholder="as is"
                onCommit={(h) => set('imageSize', h === undefined ? undefined : [h, dataset.imageSize?.[1] ?? h], 'imageSize')} />
              <NumberField label="Width" value={dataset.imageSize?.[1]} min={1} max={4096} integer optional placeholder="as is"
                onCommit={(w) => set('imageSize', w === undefined ? undefined : [dataset.imageSize?.[0] ?? w, w], 'imageSize')}
                doc="Resize every image to this size." error={fieldError('imageSize')} />
            </div>
            <SelectField label="Channels" value={dataset.channels ? String(dataset.channels) : 'auto'}
              options={[{ value: 'auto', label: 'Automatic (grey when all images are)' }, { value: '1', label: '1 (grey)' }, { value: '3', label: '3 (RGB)' }]}
              onChange={(v) => set('channels', v === 'auto' ? undefined : (Number(v) as 1 | 3))} />
          </>
        )}
      </section>

      <section className="ll-panel__section">
        <h3 className="ll-panel__h">Preprocessing</h3>
        <SelectField
          label="Scaling" value={scale} options={SCALE_OPTIONS}
          onChange={(v) => {
            setCustomScale(v === 'custom');
            if (v === 'auto') set('scale', 'auto');
            else if (v === '1') set('scale', 1);
            else if (v === '255') set('scale', 1 / 255);
          }}
          error={fieldError('scale')}
          doc={scale === 'auto' ? 'Known data is scaled to [0, 1] (pixels ÷ 255, digits ÷ 16).' : undefined}
        />
        {scale === 'custom' && (
          <NumberField label="Factor" value={typeof dataset.scale === 'number' ? dataset.scale : undefined} min={0} exclusiveMin placeholder="e.g. 1/255"
            onCommit={(v) => v !== undefined && set('scale', v, 'scale')} doc="Every input value is multiplied by this (fractions like 1/255 work)." />
        )}
        <SelectField label="Labels" value={dataset.labelMode} options={LABEL_MODES} onChange={(v) => set('labelMode', v)} error={fieldError('labelMode')}
          doc={dataset.labelMode === 'auto' ? 'Encoded to fit the loss (class index or one-hot).' : undefined} />
        {knownClasses && knownClasses.length <= 30 ? (
          <fieldset className="ll-data__classes">
            <legend className="ll-field__label">Classes</legend>
            <div className="ll-data__chips">
              {knownClasses.map((name, i) => {
                const on = !dataset.classes || dataset.classes.includes(i);
                return (
                  <label key={i} className={`ll-data__chip${on ? ' ll-data__chip--on' : ''}`}>
                    <input
                      type="checkbox" checked={on} aria-label={`Class ${name}`}
                      onChange={(e) => change((d) => {
                        const all = knownClasses.map((_, j) => j);
                        const current = d.classes ?? all;
                        const next = e.target.checked ? [...new Set([...current, i])].sort((a, b) => a - b) : current.filter((c) => c !== i);
                        return withField(d, 'classes', next.length === all.length ? undefined : next);
                      })}
                    />
                    {name}
                  </label>
                );
              })}
            </div>
            <p className="ll-field__doc">{dataset.classes ? `${dataset.classes.length} of ${knownClasses.length} classes kept (re-numbered 0–${dataset.classes.length - 1}).` : 'All classes.'}</p>
            {dataset.classes?.length === 0 && <p className="ll-field__error" role="alert">Keep at least one class.</p>}
          </fieldset>
        ) : (
          <ClassSubsetField value={dataset.classes} onChange={(v) => set('classes', v, 'classes')} error={fieldError('classes')} />
        )}
        <NumberField label="Per class (max)" value={dataset.samplesPerClass} min={1} integer optional placeholder="all"
          onCommit={(v) => set('samplesPerClass', v, 'samplesPerClass')} doc="Keep at most this many samples of each class." error={fieldError('samplesPerClass')} />
        <NumberField label="Validation split" value={dataset.validationSplit} min={0} max={0.9} step={0.05}
          onCommit={(v) => v !== undefined && set('validationSplit', v, 'validationSplit')}
          doc={`${formatPercent(dataset.validationSplit)} of the samples are held out to measure how well the model generalises.`} error={fieldError('validationSplit')} />
        <CheckField label="Shuffle" checked={dataset.shuffle} onChange={(v) => set('shuffle', v)} />
        <NumberField label="Seed" value={dataset.seed} integer optional placeholder="0" onCommit={(v) => set('seed', v, 'seed')} doc="The same seed gives the same shuffle and split." error={fieldError('seed')} />
      </section>

      <section className="ll-panel__section ll-data__preview" aria-busy={preview.status === 'loading'}>
        <div className="ll-data__preview-head">
          <h3 className="ll-panel__h">Preview</h3>
          <button type="button" className="ll-button" onClick={() => void loadPreview()} disabled={preview.status === 'loading' || Object.keys(missing).length > 0}>
            {preview.status === 'loading' ? 'Loading…' : 'Refresh preview'}
          </button>
        </div>
        {Object.keys(missing).length > 0 && <p className="ll-muted">{Object.values(missing)[0]} to see a preview.</p>}
        {generalError && <p className="ll-banner ll-banner--error" role="alert">{generalError}</p>}
        {preview.status === 'error' && preview.field && <p className="ll-banner ll-banner--error">The data could not be read: see the {preview.field} field above.</p>}
        {diag.general.map((m) => <p key={m} className="ll-banner ll-banner--error" role="alert">{m}</p>)}
        {shown && (
          <div className={preview.status === 'loading' ? 'll-data__stale' : undefined}>
            <dl className="ll-kv" aria-label="Dataset summary">
              <div className="ll-kv__row"><dt>File</dt><dd title={shown.source}>{shown.source}</dd></div>
              <div className="ll-kv__row"><dt>Samples</dt><dd>{formatCount(shown.samples)}</dd></div>
              <div className="ll-kv__row"><dt>Sample shape</dt><dd>[{shown.sampleShape.join(', ')}]</dd></div>
              <div className="ll-kv__row"><dt>Classes</dt><dd>{shown.numClasses > 0 ? shown.numClasses : 'none (numeric targets)'}</dd></div>
              {shown.samples > 0 && <div className="ll-kv__row"><dt>Split</dt><dd>≈ {formatCount(Math.round(shown.samples * (1 - dataset.validationSplit)))} train / {formatCount(Math.round(shown.samples * dataset.validationSplit))} validation</dd></div>}
            </dl>
            {fit.length > 0 && (
              <ul className="ll-data__fit" aria-label="Fit with the model">
                {fit.map((f) => <li key={f.message} className={`ll-banner ll-banner--${f.severity === 'error' ? 'error' : f.severity === 'info' ? 'info' : 'ok'}`}>{f.message}</li>)}
              </ul>
            )}
            {shown.numClasses > 0 && (
              <div className="ll-data__block">
                <h4 className="ll-data__h4">Class counts</h4>
                <ul className="ll-data__bars" aria-label="Class counts">
                  {classBars(shown).map((b) => (
                    <li key={b.name} className="ll-data__bar">
                      <span className="ll-data__bar-name" title={b.name}>{b.name}</span>
                      <span className="ll-data__bar-track" aria-hidden="true"><span style={{ width: `${b.share * 100}%` }} /></span>
                      <span className="ll-data__bar-count">{formatCount(b.count)}</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {shown.first.length > 0 && (
              <div className="ll-data__block">
                <h4 className="ll-data__h4">First samples</h4>
                {shown.isImage || (shown.sampleShape.length >= 2 && shown.first.every((s) => previewToImage(s))) ? (
                  <ImageGrid
                    label="First samples"
                    images={shown.first.map((s) => previewToImage(s, labelText(shown, s.label))).filter((x) => x !== null)}
                    size={48}
                  />
                ) : (
                  <table className="ll-table ll-data__rows" aria-label="First samples">
                    <thead><tr><th scope="col">Values</th><th scope="col">{shown.numClasses > 0 ? 'Class' : 'Target'}</th></tr></thead>
                    <tbody>
                      {shown.first.map((s, i) => (
                        <tr key={i}><td className="ll-mono">{sampleText(s.x)}</td><td>{labelText(shown, s.label)}</td></tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
            )}
          </div>
        )}
      </section>

      {picker && (
        <FilePicker
          host={host}
          title={`Choose the ${picker.label.toLowerCase()}`}
          folder={picker.folder}
          accept={picker.folder ? undefined : ACCEPT[picker.field]}
          startDir={baseDir}
          onClose={(path) => {
            const field = picker.field;
            setPicker(null);
            if (path) set(field, relativeTo(baseDir, path));
          }}
        />
      )}
    </div>
  );
}

function ClassSubsetField({ value, onChange, error }: { value: number[] | undefined; onChange(v: number[] | undefined): void; error: string | null }) {
  const [text, setText] = useState(formatIntList(value));
  const [local, setLocal] = useState<string | null>(null);
  const last = useRef(value);
  useEffect(() => {
    if (value !== last.current) {
      setText(formatIntList(value));
      setLocal(null);
    }
    last.current = value;
  }, [value]);
  const shown = local ?? error;
  return (
    <TextField
      label="Classes" value={text} placeholder="all (e.g. 0-4, 7)" error={shown}
      doc="Keep only these class labels; they are re-numbered from 0 in this order."
      onChange={(t) => {
        setText(t);
        const r = parseIntList(t);
        if (!r.ok) {
          setLocal(r.message);
          return;
        }
        setLocal(null);
        last.current = r.value;
        onChange(r.value);
      }}
    />
  );
}
