// The inspector's "Base model" section for a PretrainedModel node: choose the base file (typed, or with the same
// file picker as the Dataset panel), where to cut it, and see what it contributes. Every choice is read by the host
// (`pretrained:describe`) and committed together with the summary shape inference relies on (inputShape,
// outputShape, paramCount), as one undo step; a file that cannot be read leaves the project unchanged and says why.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Diagnostic } from '../../shared/validate.js';
import type { GraphNode } from '../../shared/project.js';
import { useEditor, useEditorInstance } from '../app/context.js';
import { getModel } from '../store/graph.js';
import { FilePicker } from '../panels/dataset/FilePicker.js';
import {
  applyPatch, choiceOf, clearedPatch, cutOptions, describeBase, MODEL_FILE, pickerStart, sameChoice, storedPath,
  summaryMatches, summaryPatch, summaryText, type BaseChoice, type BaseDescription,
} from './pretrained.js';
import './pretrained.css';

/** Typing settles for this long before the file is read. */
const TYPING_DELAY_MS = 450;

export interface PretrainedSectionProps {
  node: GraphNode;
  modelName: string;
  /** A training run uses the model: nothing can be changed. */
  locked: boolean;
  lockReason?: string;
  /** Validation problems of this node about the params this section edits. */
  problems: readonly Diagnostic[];
}

export function PretrainedSection({ node, modelName, locked, lockReason, problems }: PretrainedSectionProps) {
  const editor = useEditorInstance();
  const projectPath = useEditor((s) => s.path);
  const id = useId();
  const stored = choiceOf(node.params);

  // What the fields show: the stored choice, or what is being typed or read.
  const [draft, setDraft] = useState<BaseChoice>(stored);
  const [described, setDescribedState] = useState<{ choice: BaseChoice; description: BaseDescription } | null>(null);
  const [error, setErrorState] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [picking, setPicking] = useState(false);
  // The same two for callbacks and effects, current even before React renders them (the typing timer, the refresh
  // below right after a commit): whether a choice is already read and recorded.
  const describedRef = useRef(described);
  const errorRef = useRef(error);
  const setDescribed = (v: typeof described) => {
    describedRef.current = v;
    setDescribedState(v);
  };
  const setError = (v: string | null) => {
    errorRef.current = v;
    setErrorState(v);
  };
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastStored = useRef(stored);

  // The stored choice changed (undo, or our own commit): show it.
  useEffect(() => {
    if (sameChoice(stored, lastStored.current)) return;
    lastStored.current = stored;
    setDraft(stored);
  }, [stored.path, stored.model, stored.cutAt]); // eslint-disable-line react-hooks/exhaustive-deps

  /** The node's choice as the store has it now (the inspector may have moved on while the host was reading). */
  const current = useCallback((): BaseChoice | null => {
    const { project, activeModel } = editor.store.getState();
    if (!project || activeModel !== modelName) return null;
    const n = getModel(project, modelName).nodes.find((x) => x.id === node.id);
    return n ? choiceOf(n.params) : null;
  }, [editor, modelName, node.id]);

  /** Reads `choice`; with `commit`, records it and its summary as one undo step when it reads. */
  const read = useCallback(async (choice: BaseChoice, commit: boolean) => {
    const run = ++seq.current;
    const from = current();
    setReading(true);
    const r = await describeBase(editor.host, choice, projectPath);
    if (run !== seq.current) return; // a newer choice is being read
    setReading(false);
    if (!r.ok) {
      setError(r.message);
      setNote(null);
      if (commit) setDraft((d) => ({ ...d, cutAt: lastStored.current.cutAt })); // the select shows what is stored
      return;
    }
    setError(null);
    setNote(r.note ?? null);
    setDescribed({ choice: r.choice, description: r.description });
    // Recorded only when nothing else changed the node meanwhile (an undo, another model tab).
    const now = current();
    if (commit && now && from && sameChoice(now, from)) {
      editor.store.commitModel((m) => applyPatch(m, node.id, summaryPatch(r.choice, r.description)));
    }
  }, [editor, projectPath, current, node.id]); // eslint-disable-line react-hooks/exhaustive-deps -- setters only touch refs and state

  /** The user settled on `choice`: clear the base, or read and record it. */
  const submit = useCallback((choice: BaseChoice) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = { ...choice, path: choice.path.trim(), model: choice.model.trim() };
    if (!next.path) {
      seq.current++;
      setReading(false);
      setError(null);
      setNote(null);
      setDescribed(null);
      editor.store.commitModel((m) => applyPatch(m, node.id, clearedPatch(next)));
      return;
    }
    const known = describedRef.current;
    const upToDate = sameChoice(next, lastStored.current) && known !== null && sameChoice(known.choice, next) && !errorRef.current;
    if (!upToDate) void read(next, true);
  }, [editor, node.id, read]);

  const later = (choice: BaseChoice) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => submit(choice), TYPING_DELAY_MS);
  };
  const flush = () => {
    if (timer.current) submit(draft);
  };
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  // Read the stored base when the section opens, and again whenever the stored choice changes from outside (an undo):
  // for the cut points it offers, and to see whether the recorded summary still matches the file.
  useEffect(() => {
    const known = describedRef.current;
    if (!stored.path || (known && sameChoice(known.choice, stored))) return;
    void read(stored, false);
  }, [stored.path, stored.model, stored.cutAt, projectPath]); // eslint-disable-line react-hooks/exhaustive-deps

  const summary = summaryText(node.params);
  const layers = described && described.choice.path === stored.path && described.choice.model === stored.model ? described.description.layers : null;
  const options = cutOptions(layers, draft.cutAt);
  const stale = !error && !reading && described && sameChoice(described.choice, stored) && !summaryMatches(node.params, described.description)
    ? described.description
    : null;
  const problem = problems[0]?.message ?? null;
  const pathError = error ?? problem;
  const pathDescribedBy = `${id}-path-doc${pathError ? ` ${id}-path-err` : ''}`;

  return (
    <>
      <fieldset className="ll-inspector__section ll-pretrained" aria-labelledby={`${id}-h`} disabled={locked} title={locked ? lockReason : undefined}>
        <h3 id={`${id}-h`}>Base model</h3>

        <div className={`ll-field${pathError ? ' ll-field--invalid' : ''}`}>
          <label htmlFor={`${id}-path`} className="ll-field__label">Base model file</label>
          <div className="ll-field__control">
            <input
              id={`${id}-path`}
              type="text"
              value={draft.path}
              title={draft.path || undefined}
              placeholder="model.json or a folder"
              spellCheck={false}
              autoComplete="off"
              aria-describedby={pathDescribedBy}
              aria-invalid={pathError ? true : undefined}
              onChange={(e) => {
                const next = { ...draft, path: e.target.value };
                setDraft(next);
                later(next);
              }}
              onBlur={flush}
              onKeyDown={(e) => {
                if (e.key === 'Enter') submit(draft);
              }}
            />
            <button type="button" className="ll-button ll-pretrained__browse" aria-label="Browse for the base model" onClick={() => setPicking(true)}>
              Browse…
            </button>
          </div>
          <p id={`${id}-path-doc`} className="ll-field__doc">
            A tfjs model.json, a folder holding one, or a trained Layerloom folder; stored relative to the project file.
            {' '}<code>layerloom:</code> names a model shipped with the app.
          </p>
          {error && <p id={`${id}-path-err`} className="ll-field__error" role="alert">{error}</p>}
          {error && stored.path && draft.path.trim() !== stored.path && (
            <p className="ll-field__doc">The layer keeps its base <code>{stored.path}</code> until a file reads.</p>
          )}
          {!error && problem && <p id={`${id}-path-err`} className="ll-field__error">{problem}</p>}
        </div>

        <div className="ll-field">
          <label htmlFor={`${id}-model`} className="ll-field__label">Model name</label>
          <div className="ll-field__control">
            <input
              id={`${id}-model`}
              type="text"
              value={draft.model}
              placeholder="the first one"
              spellCheck={false}
              autoComplete="off"
              aria-describedby={`${id}-model-doc`}
              onChange={(e) => {
                const next = { ...draft, model: e.target.value };
                setDraft(next);
                if (next.path.trim()) later(next);
              }}
              onBlur={flush}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && draft.path.trim()) submit(draft);
              }}
            />
          </div>
          <p id={`${id}-model-doc`} className="ll-field__doc">For a trained Layerloom folder: which of its models to use.</p>
        </div>

        <div className="ll-field">
          <label htmlFor={`${id}-cut`} className="ll-field__label">Cut at</label>
          <div className="ll-field__control">
            <select
              id={`${id}-cut`}
              value={draft.cutAt}
              aria-describedby={`${id}-cut-doc`}
              disabled={!stored.path}
              onChange={(e) => {
                const next = { ...lastStored.current, cutAt: e.target.value };
                setDraft((d) => ({ ...d, cutAt: next.cutAt }));
                void read(next, true);
              }}
            >
              {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          </div>
          <p id={`${id}-cut-doc`} className="ll-field__doc">The layer whose output this node passes on: keep the features, drop the old classifier.</p>
        </div>

        <div className="ll-pretrained__summary" role="region" aria-label="Base model summary">
          {summary ?? (stored.path ? 'Not read yet: choose the file again.' : 'No base model chosen yet.')}
        </div>
        <p className="ll-pretrained__status ll-muted" aria-live="polite">{reading ? 'Reading the base model…' : ''}</p>
        {note && <p className="ll-warning-text ll-pretrained__note">{note}</p>}
        {stale && (
          <div className="ll-pretrained__stale">
            <p className="ll-warning-text">The file now reads {summaryText({ ...stale, trainable: node.params.trainable }) ?? 'differently'}.</p>
            <button type="button" className="ll-button" onClick={() => editor.store.commitModel((m) => applyPatch(m, node.id, summaryPatch(stored, stale)))}>
              Use the file's summary
            </button>
          </div>
        )}
      </fieldset>

      {/* Outside the fieldset: a training run starting while it is open must not disable its Cancel button. */}
      {picking && (
        <FilePicker
          host={editor.host}
          title="Choose the base model (a model.json or its folder)"
          folder={false}
          allowFolder
          accept={MODEL_FILE}
          startDir={pickerStart(stored.path, projectPath)}
          onClose={(chosen) => {
            setPicking(false);
            if (!chosen) return;
            const next = { ...draft, path: storedPath(chosen, projectPath) };
            setDraft(next);
            submit(next);
          }}
        />
      )}
    </>
  );
}
