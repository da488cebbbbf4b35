// The editor's layout: top bar; palette | model tabs + canvas + bottom panel | dock; status bar.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { Canvas } from '../canvas/Canvas.js';
import { Dock } from '../dock/Dock.js';
import { Palette } from '../palette/Palette.js';
import { BottomPanel } from './BottomPanel.js';
import { useEditorInstance, useValue } from './context.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { ModelTabs } from './ModelTabs.js';
import { Splitter } from './Splitter.js';
import { StatusBar } from './StatusBar.js';
import { TopBar } from './TopBar.js';

interface Sizes {
  palette: number;
  dock: number;
  bottom: number;
}

const SIZES_KEY = 'layerloom.layout';
const DEFAULT_SIZES: Sizes = { palette: 236, dock: 340, bottom: 168 };

function readSizes(): Sizes {
  try {
    const v = JSON.parse(localStorage.getItem(SIZES_KEY) ?? 'null') as Partial<Sizes> | null;
    return { ...DEFAULT_SIZES, ...(v && typeof v === 'object' ? v : {}) };
  } catch {
    return DEFAULT_SIZES;
  }
}

export function Workspace() {
  const editor = useEditorInstance();
  const ui = useValue(editor.ui);
  const [sizes, setSizes] = useState(readSizes);
  useEffect(() => {
    const t = setTimeout(() => {
      try {
        localStorage.setItem(SIZES_KEY, JSON.stringify(sizes));
      } catch {
        // not remembered; fine
      }
    }, 300);
    return () => clearTimeout(t);
  }, [sizes]);

  return (
    <div
      className="ll-app"
      style={{
        ['--palette-w' as string]: `${sizes.palette}px`,
        ['--dock-w' as string]: `${sizes.dock}px`,
        ['--bottom-h' as string]: `${sizes.bottom}px`,
      }}
    >
      <TopBar />
      <div className="ll-main">
        <aside className="ll-main__palette">
          <Palette />
        </aside>
        <Splitter label="Resize palette" orientation="vertical" value={sizes.palette} min={160} max={420} direction={1} onChange={(palette) => setSizes((s) => ({ ...s, palette }))} />
        <section className="ll-main__center" aria-label="Canvas">
          <ModelTabs />
          <ErrorBoundary name="canvas">
            <ReactFlowProvider>
              <Canvas />
            </ReactFlowProvider>
          </ErrorBoundary>
          {ui.bottomOpen && (
            <Splitter label="Resize bottom panel" orientation="horizontal" value={sizes.bottom} min={90} max={600} direction={-1} onChange={(bottom) => setSizes((s) => ({ ...s, bottom }))} />
          )}
          <BottomPanel />
        </section>
        <Splitter label="Resize side panel" orientation="vertical" value={sizes.dock} min={260} max={720} direction={-1} onChange={(dock) => setSizes((s) => ({ ...s, dock }))} />
        <aside className="ll-main__dock">
          <Dock />
        </aside>
      </div>
      <StatusBar />
    </div>
  );
}
