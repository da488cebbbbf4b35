// One generated form control for a layer param, chosen by the param spec's kind. Text is kept as typed while it
// is being edited; valid values are committed at once (one undo step per field while typing), invalid ones show
// why, inline, and leave the project unchanged.
import { memo, useEffect, useId, useRef, useState } from 'react';
import type { ParamSpec } from '../../shared/layers/params.js';
import { parseField, sameValue, valueToText, type FieldParse } from './param-input.js';

export interface ParamFieldProps {
  name: string;
  spec: ParamSpec;
  /** Current value (the default when the node omits it). */
  value: unknown;
  isDefault: boolean;
  /** A problem validation reported for this param. */
  problem?: string;
  onCommit(name: string, value: unknown): void;
  onReset(name: string): void;
}

function placeholderFor(spec: ParamSpec): string | undefined {
  if (spec.kind === 'floatOrNull') return 'none';
  if (spec.kind === 'intOrTuple') {
    if (spec.default === null) return 'same as pool size';
    return spec.length && spec.length > 1 ? `e.g. 3 or ${Array(spec.length).fill(3).join(', ')}` : 'e.g. 3';
  }
  if (spec.kind === 'ints') return 'e.g. 28, 28, 1';
  return undefined;
}

function ParamFieldView({ name, spec, value, isDefault, problem, onCommit, onReset }: ParamFieldProps) {
  const id = useId();
  const [text, setText] = useState(() => valueToText(spec, value));
  const [error, setError] = useState<string | null>(null);
  const committed = useRef<unknown>(value);

  // The value changed from outside (undo, another field, a paste): show it.
  useEffect(() => {
    if (!sameValue(value, committed.current)) {
      setText(valueToText(spec, value));
      setError(null);
    }
    committed.current = value;
  }, [value, spec]);

  const apply = (parsed: FieldParse) => {
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    committed.current = parsed.value;
    if (!sameValue(parsed.value, value)) onCommit(name, parsed.value);
  };

  const shownError = error ?? problem ?? null;
  const describedBy = `${id}-doc${shownError ? ` ${id}-err` : ''}`;
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': shownError ? true : undefined,
  } as const;

  let control: React.ReactNode;
  switch (spec.kind) {
    case 'bool':
      control = (
        <input {...common} type="checkbox" checked={value === true} onChange={(e) => apply(parseField(spec, String(e.target.checked)))} />
      );
      break;
    case 'enum':
      control = (
        <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => apply(parseField(spec, e.target.value))}>
          {typeof value !== 'string' || !(spec.options ?? []).includes(value) ? <option value="">{valueToText(spec, value) || '—'}</option> : null}
          {(spec.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      );
      break;
    case 'int':
    case 'float':
    case 'floatOrNull':
      // A value of the wrong type (from a hand-edited file) shows as text, so it can be seen and corrected.
      if (value !== null && value !== undefined && typeof value !== 'number') {
        control = (
          <input {...common} type="text" value={text} spellCheck={false} autoComplete="off" onChange={(e) => {
            setText(e.target.value);
            apply(parseField(spec, e.target.value));
          }} />
        );
        break;
      }
      control = (
        <input
          {...common}
          type="number"
          inputMode={spec.kind === 'int' ? 'numeric' : 'decimal'}
          min={spec.min}
          max={spec.max}
          step={spec.kind === 'int' ? 1 : 'any'}
          placeholder={placeholderFor(spec)}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            apply(parseField(spec, e.target.value, e.target.validity.badInput));
          }}
        />
      );
      break;
    default:
      control = (
        <input
          {...common}
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder={placeholderFor(spec)}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            apply(parseField(spec, e.target.value));
          }}
        />
      );
  }

  return (
    <div className={`ll-field${spec.kind === 'bool' ? ' ll-field--check' : ''}${shownError ? ' ll-field--invalid' : ''}`}>
      <label htmlFor={id} className="ll-field__label">{name}</label>
      <div className="ll-field__control">
        {control}
        {!isDefault && (
          <button type="button" className="ll-icon-button ll-field__reset" aria-label={`Reset ${name} to default`} title={`Reset to default (${valueToText(spec, spec.default) || 'none'})`} onClick={() => onReset(name)}>
            ↺
          </button>
        )}
      </div>
      <p id={`${id}-doc`} className="ll-field__doc">{spec.doc}</p>
      {shownError && <p id={`${id}-err`} className="ll-field__error" role="alert">{shownError}</p>}
    </div>
  );
}

export const ParamField = memo(ParamFieldView);
