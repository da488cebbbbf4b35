// A draggable, keyboard-operable divider between two panes.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface Props {
  label: string;
  orientation: 'vertical' | 'horizontal';
  value: number;
  min: number;
  max: number;
  /** +1: dragging right/down grows the value; -1: shrinks it. */
  direction: 1 | -1;
  onChange(value: number): void;
}

export function Splitter({ label, orientation, value, min, max, direction, onChange }: Props) {
  const start = useRef<{ pos: number; value: number } | null>(null);
  const clamp = (v: number) => Math.round(Math.min(max, Math.max(min, v)));
  const pos = (e: PointerEvent) => (orientation === 'vertical' ? e.clientX : e.clientY);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    start.current = { pos: pos(e), value };
    e.currentTarget.setPointerCapture(e.pointerId);
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!start.current) return;
    onChange(clamp(start.current.value + direction * (pos(e) - start.current.pos)));
  };
  const onPointerUp = () => {
    start.current = null;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const grow: Record<string, number> = orientation === 'vertical' ? { ArrowRight: 1, ArrowLeft: -1 } : { ArrowDown: 1, ArrowUp: -1 };
    const d = grow[e.key];
    if (d === undefined) return;
    e.preventDefault();
    onChange(clamp(value + direction * d * (e.shiftKey ? 64 : 16)));
  };
  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      className={`ll-splitter ll-splitter--${orientation}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
