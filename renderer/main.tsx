// Entry point: find the host (Electron bridge or the web host's WebSocket) and start the app.
import '@xyflow/react/dist/style.css';
import './styles/base.css';
import './styles/app.css';
import './styles/canvas.css';
import './styles/panels.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App.js';
import { Editor } from './app/editor.js';
import { getHost } from './host/index.js';
import './theme/theme.js';

// zod's JIT probes `new Function`, which the app's Content-Security-Policy forbids (and reports as an error).
z.config({ jitless: true });

const root = createRoot(document.getElementById('root')!);
try {
  const host = getHost();
  const editor = new Editor(host);
  root.render(
    <StrictMode>
      <App host={host} editor={editor} />
    </StrictMode>,
  );
} catch (e) {
  root.render(
    <main className="ll-fatal" role="alert">
      <h1>Layerloom cannot reach its host</h1>
      <p>{(e as Error)?.message ?? String(e)}</p>
    </main>,
  );
}
