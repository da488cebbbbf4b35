// The start screen: restore unsaved work from a previous session, start empty, open a file, a template, or a
// recent project.
import { useEffect, useState } from 'react';
import type { TemplateInfo } from '../../shared/ipc/contract.js';
import { useEditorInstance } from '../app/context.js';
import { Icon } from '../app/Icon.js';
import { ThemeSelect } from '../theme/ThemeSelect.js';
import { baseName, dirName, type Recovery } from './file-actions.js';

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

export function StartScreen({ recovery, onRecoveryHandled }: { recovery: Recovery | null; onRecoveryHandled(): void }) {
  const editor = useEditorInstance();
  const { files } = editor;
  const [templates, setTemplates] = useState<Load<TemplateInfo[]>>({ state: 'loading' });
  const [recent, setRecent] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    files.templates().then(
      (value) => live && setTemplates({ state: 'ready', value }),
      (e: unknown) => live && setTemplates({ state: 'error', message: (e as Error)?.message ?? String(e) }),
    );
    void files.recent().then((paths) => live && setRecent(paths));
    return () => {
      live = false;
    };
  }, [files]);

  return (
    <main className="ll-start">
      <div className="ll-start__inner">
        <header className="ll-start__header">
          <div className="ll-start__brand"><span className="ll-logo">◇</span> Layerloom</div>
          <ThemeSelect />
        </header>
        <h1 className="ll-start__title">Start a project</h1>
        <p className="ll-start__lead">Design a network by dragging layers onto a canvas; shapes and problems update as you edit.</p>

        {recovery && (
          <section className="ll-card ll-recovery" aria-labelledby="ll-recovery-h">
            <h2 id="ll-recovery-h">Unsaved work was recovered</h2>
            <p>
              “{recovery.project.name}” has changes from {recovery.savedAt ? new Date(recovery.savedAt).toLocaleString() : 'an earlier session'} that were never saved.
            </p>
            <div className="ll-button-row">
              <button type="button" className="ll-button ll-button--primary" onClick={() => { files.restore(recovery); onRecoveryHandled(); }}>
                Restore unsaved work
              </button>
              <button type="button" className="ll-button" onClick={() => { void files.clearRecovery(); onRecoveryHandled(); }}>
                Discard it
              </button>
            </div>
          </section>
        )}

        <div className="ll-start__actions">
          <button type="button" className="ll-button ll-button--primary ll-button--big" onClick={() => void files.newEmpty()}>
            <Icon name="new" /> New empty project
          </button>
          <button type="button" className="ll-button ll-button--big" onClick={() => void files.open()}>
            <Icon name="open" /> Open project…
          </button>
        </div>

        <section aria-labelledby="ll-templates-h" className="ll-start__section">
          <h2 id="ll-templates-h">Templates</h2>
          {templates.state === 'loading' && <p className="ll-muted">Loading templates…</p>}
          {templates.state === 'error' && <p className="ll-error-text" role="alert">Templates could not be listed: {templates.message}</p>}
          {templates.state === 'ready' && templates.value.length === 0 && <p className="ll-muted">No templates are installed.</p>}
          {templates.state === 'ready' && templates.value.length > 0 && (
            <ul className="ll-templates">
              {templates.value.map((t) => (
                <li key={t.id}>
                  <button type="button" className="ll-template" aria-label={`Open template ${t.name}`} onClick={() => void files.openTemplate(t)}>
                    <span className="ll-template__name">{t.name}</span>
                    <span className="ll-template__desc" title={t.description}>{t.description}</span>
                    <span className="ll-template__tags">
                      <span className="ll-tag">{t.kind}</span>
                      {t.tags.map((tag) => <span key={tag} className="ll-tag ll-tag--soft">{tag}</span>)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>

        {recent.length > 0 && (
          <section aria-labelledby="ll-recent-h" className="ll-start__section">
            <h2 id="ll-recent-h">Recent</h2>
            <ul className="ll-recent">
              {recent.map((p) => (
                <li key={p}>
                  <button type="button" className="ll-recent__item" aria-label={`Open recent ${p}`} onClick={() => void files.open(p)}>
                    <Icon name="file" />
                    <span className="ll-recent__name">{baseName(p)}</span>
                    <span className="ll-recent__dir">{dirName(p)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </main>
  );
}
