// Drop a wire on empty canvas: a small searchable list of the layers that fit there; picking one adds it at that
// spot, already connected (one undo step).
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { LAYERS } from '../../shared/layers/registry.js';
import { categoryColor } from './categories.js';

export interface QuickAddRequest {
  /** Where to show the list, relative to the canvas element. */
  left: number;
  top: number;
  /** The wire's loose end: an output (a layer with an input is wanted) or an input (one with an output). */
  from: 'output' | 'input';
}

export function QuickAdd({ request, onPick, onClose }: { request: QuickAddRequest; onPick(kind: string): void; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);

  const kinds = useMemo(() => {
    const q = query.trim().toLowerCase();
    return [...LAYERS.values()]
      .filter((l) => (request.from === 'output' ? l.ports.inputs !== 'none' : l.ports.output))
      .filter((l) => !q || l.kind.toLowerCase().includes(q) || l.title.toLowerCase().includes(q) || l.category.toLowerCase().includes(q))
      .slice(0, 9);
  }, [query, request.from]);

  useEffect(() => {
    input.current?.focus();
    const onDown = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', onDown, true);
    return () => window.removeEventListener('pointerdown', onDown, true);
  }, [onClose]);

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, kinds.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter' && kinds[active]) onPick(kinds[active]!.kind);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={box}
      className="ll-quickadd"
      style={{ left: request.left, top: request.top }}
      role="dialog"
      aria-label={request.from === 'output' ? 'Add a layer after this one' : 'Add a layer before this one'}
      onKeyDown={onKey}
    >
      <input
        ref={input}
        type="search"
        aria-label="Find a layer to add"
        placeholder="Add a layer…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        aria-controls="ll-quickadd-list"
        aria-activedescendant={kinds[active] ? `ll-quickadd-${kinds[active]!.kind}` : undefined}
        autoComplete="off"
        spellCheck={false}
      />
      <ul id="ll-quickadd-list" role="listbox" aria-label="Layers">
        {kinds.map((l, i) => (
          <li
            key={l.kind}
            id={`ll-quickadd-${l.kind}`}
            role="option"
            aria-selected={i === active}
            className={`ll-quickadd__item${i === active ? ' ll-quickadd__item--active' : ''}`}
            style={{ ['--cat' as string]: categoryColor(l.category) }}
            onPointerEnter={() => setActive(i)}
            onClick={() => onPick(l.kind)}
          >
            <span className="ll-quickadd__title">{l.title}</span>
            <span className="ll-quickadd__cat">{l.category}</span>
          </li>
        ))}
        {kinds.length === 0 && <li className="ll-muted ll-pad">No layer fits here.</li>}
      </ul>
    </div>
  );
}
