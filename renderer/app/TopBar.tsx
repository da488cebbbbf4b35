// The top bar: document (name, dirty mark, file commands), edit and view commands, theme.
import { memo } from 'react';
import { baseName } from '../files/file-actions.js';
import { ThemeSelect } from '../theme/ThemeSelect.js';
import { runCommand } from './commands.js';
import { useEditor, useEditorInstance, useValue } from './context.js';
import { Icon, type IconName } from './Icon.js';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

function ToolButton({ label, icon, shortcut, onClick, disabled, pressed, text }: {
  label: string; icon: IconName; shortcut?: string; onClick(): void; disabled?: boolean; pressed?: boolean; text?: string;
}) {
  return (
    <button
      type="button"
      className={`ll-tool${pressed ? ' ll-tool--on' : ''}${text ? ' ll-tool--text' : ''}`}
      aria-label={label}
      aria-pressed={pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      onClick={onClick}
      disabled={disabled}
    >
      <Icon name={icon} />
      {text && <span className="ll-tool__text">{text}</span>}
    </button>
  );
}

function TopBarView() {
  const editor = useEditorInstance();
  const name = useEditor((s) => s.project?.name ?? '');
  const path = useEditor((s) => s.path);
  const dirty = useEditor((s) => s.dirty);
  const canUndo = useEditor((s) => s.canUndo);
  const canRedo = useEditor((s) => s.canRedo);
  const ui = useValue(editor.ui);
  const run = (c: string) => () => void runCommand(editor, c);
  return (
    <header className="ll-topbar">
      <div className="ll-topbar__brand" aria-hidden="true">
        <span className="ll-logo">◇</span>
      </div>
      <div className="ll-topbar__doc">
        <span className="ll-topbar__name" title={path ?? 'Not saved yet'}>{name || 'Untitled'}</span>
        <span className="ll-topbar__file">{path ? baseName(path) : 'not saved'}</span>
        {dirty && <span className="ll-dirty" role="status" aria-label="Unsaved changes" title="Unsaved changes">●</span>}
      </div>
      <div className="ll-toolbar" role="toolbar" aria-label="File">
        <ToolButton label="Start screen" icon="home" onClick={run('file.close')} />
        <ToolButton label="Open project…" icon="open" shortcut={`${MOD}O`} onClick={run('file.open')} />
        <ToolButton label="Save" icon="save" shortcut={`${MOD}S`} onClick={run('file.save')} />
        <ToolButton label="Save as…" icon="save" text="as" shortcut={`${MOD}Shift+S`} onClick={run('file.saveAs')} />
      </div>
      <div className="ll-toolbar" role="toolbar" aria-label="Edit">
        <ToolButton label="Undo" icon="undo" shortcut={`${MOD}Z`} onClick={run('edit.undo')} disabled={!canUndo} />
        <ToolButton label="Redo" icon="redo" shortcut={isMac ? '⌘Shift+Z' : 'Ctrl+Y'} onClick={run('edit.redo')} disabled={!canRedo} />
      </div>
      <div className="ll-toolbar" role="toolbar" aria-label="View">
        <ToolButton label="Auto layout" icon="layout" shortcut="Shift+L" onClick={run('view.autoLayout')} disabled={ui.layingOut} />
        <ToolButton label="Fit view" icon="fit" shortcut="Shift+1" onClick={run('view.fitView')} />
        <ToolButton label="Zoom in" icon="zoomIn" shortcut="+" onClick={run('view.zoomIn')} />
        <ToolButton label="Zoom out" icon="zoomOut" shortcut="-" onClick={run('view.zoomOut')} />
        <ToolButton label="Snap to grid" icon="grid" onClick={run('view.toggleSnap')} pressed={ui.snapToGrid} />
        <ToolButton label="Minimap" icon="minimap" onClick={run('view.toggleMinimap')} pressed={ui.minimap} />
      </div>
      <div className="ll-topbar__spacer" />
      <ThemeSelect />
    </header>
  );
}

export const TopBar = memo(TopBarView);
