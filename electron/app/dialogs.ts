// Native file dialogs for the shared handlers (HostContext.chooseOpenPath / chooseSavePath).
import { BrowserWindow, dialog } from 'electron';
import type { SaveKind } from '../host/context.js';

const PROJECT_FILTERS = [{ name: 'Layerloom projects', extensions: ['json'] }, { name: 'All files', extensions: ['*'] }];

export async function chooseOpenPath(win: BrowserWindow | undefined, defaultDir: string): Promise<string | undefined> {
  const options = { title: 'Open project', defaultPath: defaultDir, properties: ['openFile' as const], filters: PROJECT_FILTERS };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled ? undefined : r.filePaths[0];
}

export async function chooseSavePath(win: BrowserWindow | undefined, kind: SaveKind, suggested: string): Promise<string | undefined> {
  if (kind === 'folder') {
    const options = { title: 'Export to folder', defaultPath: suggested, properties: ['openDirectory' as const, 'createDirectory' as const, 'promptToCreate' as const] };
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled ? undefined : r.filePaths[0];
  }
  const options = {
    title: kind === 'onnx' ? 'Export ONNX' : 'Save project',
    defaultPath: suggested,
    filters: kind === 'onnx' ? [{ name: 'ONNX models', extensions: ['onnx'] }] : PROJECT_FILTERS,
  };
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return r.canceled || !r.filePath ? undefined : r.filePath;
}
