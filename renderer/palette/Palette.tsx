// The layer palette, generated from the catalogue: every kind by category with its one-line doc, a search box,
// drag onto the canvas to place, or click / Enter to add at the centre of the view (below the selected layer,
// wired to it, when one is selected). Arrow keys move between layers; typing in the search narrows the list.
import { memo, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { LAYERS, type RegisteredLayer } from '../../shared/layers/registry.js';
import { useEditorInstance } from '../app/context.js';
import { LAYER_MIME } from '../canvas/Canvas.js';
import { CATEGORY_ORDER, categoryColor } from '../canvas/categories.js';

interface Group {
  category: string;
  layers: RegisteredLayer[];
}

function groups(filter: string): Group[] {
  const q = filter.trim().toLowerCase();
  const all = [...LAYERS.values()].filter((l) =>
    !q || l.kind.toLowerCase().includes(q) || l.title.toLowerCase().includes(q) || l.category.toLowerCase().includes(q) ||
    l.doc.toLowerCase().includes(q));
  const order = [...CATEGORY_ORDER, ...new Set(all.map((l) => l.category).filter((c) => !CATEGORY_ORDER.includes(c)))];
  return order
    .map((category) => ({ category, layers: all.filter((l) => l.category === category) }))
    .filter((g) => g.layers.length > 0);
}

function PaletteView() {
  const editor = useEditorInstance();
  const [filter, setFilter] = useState('');
  const list = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => groups(filter), [filter]);
  const count = shown.reduce((n, g) => n + g.layers.length, 0);

  const buttons = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('button.ll-palette__item') ?? [])];

  const onListKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const all = buttons();
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : e.key === 'ArrowDown' ? Math.min(i + 1, all.length - 1) : i - 1;
    if (next < 0) document.getElementById('ll-palette-search')?.focus();
    else all[next]?.focus();
    e.preventDefault();
  };

  const onSearchKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      buttons()[0]?.focus();
      e.preventDefault();
    } else if (e.key === 'Enter') {
      const first = shown[0]?.layers[0];
      if (first) editor.addLayer(first.kind);
      e.preventDefault();
    } else if (e.key === 'Escape' && filter) {
      setFilter('');
      e.preventDefault();
    }
  };

  const onDragStart = (e: DragEvent, kind: string) => {
    e.dataTransfer.setData(LAYER_MIME, kind);
    e.dataTransfer.setData('text/plain', kind);
    e.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav className="ll-palette" aria-label="Layer palette">
      <div className="ll-palette__search">
        <input
          id="ll-palette-search"
          type="search"
          placeholder="Search layers"
          aria-label="Search layers"
          aria-controls="ll-palette-list"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={onSearchKey}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div id="ll-palette-list" className="ll-palette__list" ref={list} onKeyDown={onListKey}>
        {shown.map((g) => (
          <section key={g.category} className="ll-palette__group" aria-labelledby={`ll-cat-${g.category}`}>
            <h3 id={`ll-cat-${g.category}`} className="ll-palette__category">
              <span className="ll-swatch" style={{ background: categoryColor(g.category) }} aria-hidden="true" />
              {g.category}
            </h3>
            {g.layers.map((l) => (
              <button
                key={l.kind}
                type="button"
                className="ll-palette__item"
                draggable
                aria-label={`Add ${l.kind}`}
                aria-describedby={`ll-doc-${l.kind}`}
                title={`${l.doc}\nDrag onto the canvas, or click to add`}
                onDragStart={(e) => onDragStart(e, l.kind)}
                // A double-click is two clicks: only the first adds.
                onClick={(e) => {
                  if (e.detail <= 1) editor.addLayer(l.kind);
                }}
                style={{ ['--cat' as string]: categoryColor(l.category) }}
              >
                <span className="ll-palette__title">{l.title}</span>
                <span className="ll-palette__doc" id={`ll-doc-${l.kind}`}>{l.doc}</span>
              </button>
            ))}
          </section>
        ))}
        {count === 0 && <p className="ll-palette__none">No layer matches “{filter}”.</p>}
      </div>
    </nav>
  );
}

export const Palette = memo(PaletteView);
