// Labelled form controls for the dataset and training panels, on the shell's `.ll-field` layout: the label, the
// control, a one-line hint and the error right at the field. Number fields keep the text as typed and commit only
// valid values, so a half-typed "0." never reaches the project.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { parseNumber, type NumberRule } from './number-input.js';

interface FieldShellProps {
  id: string;
  label: string;
  doc?: ReactNode;
  error?: string | null;
  check?: boolean;
  children: ReactNode;
}

export function FieldShell({ id, label, doc, error, check, children }: FieldShellProps) {
  return (
    <div className={`ll-field${check ? ' ll-field--check' : ''}${error ? ' ll-field--invalid' : ''}`}>
      <label className="ll-field__label" htmlFor={id} title={label}>{label}</label>
      <div className="ll-field__control">{children}</div>
      {doc && <div className="ll-field__doc" id={`${id}-doc`}>{doc}</div>}
      {error && <div className="ll-field__error" id={`${id}-err`} role="alert">{error}</div>}
    </div>
  );
}

function describedBy(id: string, doc: unknown, error: unknown): string | undefined {
  const ids = [doc ? `${id}-doc` : '', error ? `${id}-err` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export interface NumberFieldProps extends NumberRule {
  label: string;
  value: number | undefined;
  onCommit(value: number | undefined): void;
  doc?: ReactNode;
  /** A problem reported from elsewhere (the host, validation). */
  error?: string | null;
  placeholder?: string;
  disabled?: boolean;
  step?: number;
}

export function NumberField({ label, value, onCommit, doc, error, placeholder, disabled, step, ...rule }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [local, setLocal] = useState<string | null>(null);
  const committed = useRef(value);
  useEffect(() => {
    if (value !== committed.current) {
      setText(value === undefined ? '' : String(value));
      setLocal(null);
    }
    committed.current = value;
  }, [value]);
  const shown = local ?? error ?? null;
  return (
    <FieldShell id={id} label={label} doc={doc} error={shown}>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        aria-invalid={shown ? true : undefined}
        aria-describedby={describedBy(id, doc, shown)}
        onChange={(e) => {
          setText(e.target.value);
          const r = parseNumber(e.target.value, rule);
          if (!r.ok) {
            setLocal(r.message);
            return;
          }
          setLocal(null);
          committed.current = r.value;
          if (r.value !== value) onCommit(r.value);
        }}
        onBlur={() => {
          if (local === null) setText(value === undefined ? '' : String(value));
        }}
        onKeyDown={(e) => {
          if (!step || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
          e.preventDefault();
          const base = value ?? rule.min ?? 0;
          let next = base + (e.key === 'ArrowUp' ? step : -step);
          if (rule.min !== undefined) next = Math.max(rule.min, next);
          if (rule.max !== undefined) next = Math.min(rule.max, next);
          next = Number(next.toPrecision(12));
          setText(String(next));
          setLocal(null);
          committed.current = next;
          onCommit(next);
        }}
      />
    </FieldShell>
  );
}

export interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  doc?: ReactNode;
  error?: string | null;
  disabled?: boolean;
}

export function SelectField<T extends string>({ label, value, options, onChange, doc, error, disabled }: SelectFieldProps<T>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} doc={doc} error={error}>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, doc, error)}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </FieldShell>
  );
}

export function CheckField({ label, checked, onChange, doc, disabled }: { label: string; checked: boolean; onChange(v: boolean): void; doc?: ReactNode; disabled?: boolean }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} doc={doc} check>
      <input id={id} type="checkbox" checked={checked} disabled={disabled} aria-describedby={describedBy(id, doc, null)} onChange={(e) => onChange(e.target.checked)} />
    </FieldShell>
  );
}

export interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  doc?: ReactNode;
  error?: string | null;
  placeholder?: string;
  disabled?: boolean;
  /** A button after the input (e.g. "Browse…"). */
  after?: ReactNode;
  mono?: boolean;
}

export function TextField({ label, value, onChange, doc, error, placeholder, disabled, after, mono }: TextFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} doc={doc} error={error}>
      <input
        id={id}
        type="text"
        className={mono ? 'll-mono' : undefined}
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, doc, error)}
        onChange={(e) => onChange(e.target.value)}
      />
      {after}
    </FieldShell>
  );
}
