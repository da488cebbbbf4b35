// An in-memory HostApi for the renderer's unit tests: a tiny file system, templates, recent files and the recovery
// slot, with every call recorded. Tests only — the app always talks to a real host.
import type { Channel, EventName, EventPayload, HostApi, Request, Response } from '../../shared/ipc/contract.js';
import { emptyProject, serializeProject } from '../../shared/project.js';

export interface FakeHost extends HostApi {
  files: Map<string, string>;
  calls: { channel: Channel; request: unknown }[];
  recovery: { project?: unknown; savedAt?: string };
  recent: string[];
  templates: Map<string, { name: string; project: unknown }>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  kind: 'web' | 'electron';
  /** Path the "native dialog" picks in Electron mode (undefined: the user cancels). */
  dialogPath?: string;
}

export function createFakeHost(kind: 'web' | 'electron' = 'web'): FakeHost {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const host: FakeHost = {
    kind,
    files: new Map(),
    calls: [],
    recovery: {},
    recent: [],
    templates: new Map([['empty', { name: 'Empty', project: JSON.parse(serializeProject(emptyProject('From template'))) }]]),
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => void set!.delete(listener as (p: unknown) => void);
    },
    async invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Response<C>> {
      host.calls.push({ channel, request });
      const r = request as Record<string, unknown>;
      const reply = (v: unknown) => v as Response<C>;
      switch (channel) {
        case 'app:info':
          return reply({ version: '0.0.0', host: host.kind, platform: 'linux', backends: ['cpu'], cwd: '/work' });
        case 'project:open': {
          const path = (r.path as string | undefined) ?? host.dialogPath;
          if (!path) return reply({ canceled: true });
          const text = host.files.get(path);
          if (text === undefined) throw new Error(`${path}: no such file`);
          return reply({ canceled: false, path, project: JSON.parse(text) });
        }
        case 'project:save': {
          const path = (r.path as string | undefined) ?? host.dialogPath;
          if (!path) return reply({ canceled: true });
          host.files.set(path, `${JSON.stringify(r.project, null, 2)}\n`);
          host.recent = [path, ...host.recent.filter((p) => p !== path)];
          return reply({ canceled: false, path });
        }
        case 'project:recent':
          return reply({ paths: host.recent });
        case 'project:recover':
          if (r.clear) host.recovery = {};
          else if (r.project !== undefined) host.recovery = { project: r.project, savedAt: '2025-01-01T00:00:00.000Z' };
          return reply({ ...host.recovery });
        case 'files:list':
          return reply({ dir: (r.dir as string) ?? '/work', parent: '/', entries: [] });
        case 'templates:list':
          return reply({ templates: [...host.templates].map(([id, t]) => ({ id, name: t.name, description: '', kind: 'supervised', tags: [] })) });
        case 'templates:instantiate': {
          const t = host.templates.get(r.id as string);
          if (!t) throw new Error(`no template ${String(r.id)}`);
          return reply({ project: structuredClone(t.project) });
        }
        case 'window:state':
          return reply({});
        default:
          throw new Error(`fake host: ${channel} not implemented`);
      }
    },
  };
  return host;
}
