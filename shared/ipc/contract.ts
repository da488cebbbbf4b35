// The one IPC contract between the renderer and a host (Electron preload or the web host's WebSocket): every invoke
// channel with its request and response schema, and every event pushed to the renderer. Hosts validate requests
// against it at the boundary; the renderer only sees `HostApi`.
import { z } from 'zod';
import { TrainingEventSchema } from '../events.js';
import { ProjectSchema } from '../project.js';

/** Projects cross the boundary as raw JSON: the receiver parses them with parseProject (migrations, paths in errors). */
const RawProject = z.unknown();
const Path = z.string().min(1).max(4096);

export const TemplateInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.string(),
  tags: z.array(z.string()).default([]),
});
export type TemplateInfo = z.infer<typeof TemplateInfoSchema>;

export const DatasetPreviewSchema = z.object({
  source: z.string(),
  sampleShape: z.array(z.number()),
  samples: z.number(),
  numClasses: z.number(),
  classNames: z.array(z.string()),
  classCounts: z.array(z.number()),
  first: z.array(z.object({ x: z.array(z.number()), shape: z.array(z.number()), label: z.union([z.number(), z.array(z.number())]).optional() })),
  isImage: z.boolean(),
});

export const FileEntrySchema = z.object({ name: z.string(), path: z.string(), dir: z.boolean() });

export const TrainOptionsSchema = z.object({
  epochs: z.number().int().min(1).optional(),
  backend: z.enum(['auto', 'tensorflow', 'wasm', 'cpu']).default('auto'),
  seed: z.number().int().optional(),
  /** Write the trained artifact here (default: a run folder beside the project, or a temp folder). */
  out: z.string().optional(),
});

export const contract = {
  'app:info': {
    request: z.object({}),
    response: z.object({
      version: z.string(), host: z.enum(['electron', 'web']), platform: z.string(),
      backends: z.array(z.string()), cwd: z.string(),
    }),
  },
  'project:open': {
    /** With a path: open it. Without: the host asks (native dialog in Electron; the renderer's path field on the web). */
    request: z.object({ path: Path.optional() }),
    response: z.union([z.object({ canceled: z.literal(true) }), z.object({ canceled: z.literal(false), path: z.string(), project: RawProject })]),
  },
  'project:save': {
    /** Without a path: Save As (native dialog in Electron). Written atomically. */
    request: z.object({ path: Path.optional(), project: RawProject }),
    response: z.union([z.object({ canceled: z.literal(true) }), z.object({ canceled: z.literal(false), path: z.string() })]),
  },
  'project:recent': { request: z.object({}), response: z.object({ paths: z.array(z.string()) }) },
  'project:recover': {
    /** Autosave: store (project given) or fetch (no project) the crash-recovery copy. */
    request: z.object({ project: RawProject.optional(), clear: z.boolean().optional() }),
    response: z.object({ project: RawProject.optional(), savedAt: z.string().optional() }),
  },
  'files:list': {
    request: z.object({ dir: Path.optional() }),
    response: z.object({ dir: z.string(), parent: z.string().nullable(), entries: z.array(FileEntrySchema) }),
  },
  'templates:list': { request: z.object({}), response: z.object({ templates: z.array(TemplateInfoSchema) }) },
  'templates:instantiate': { request: z.object({ id: z.string() }), response: z.object({ project: RawProject }) },
  'dataset:preview': {
    request: z.object({ project: RawProject, projectPath: z.string().optional(), count: z.number().int().min(1).max(64).optional() }),
    response: DatasetPreviewSchema,
  },
  'train:start': {
    request: z.object({ project: RawProject, projectPath: z.string().optional(), options: TrainOptionsSchema.default({ backend: 'auto' }) }),
    response: z.object({ runId: z.string() }),
  },
  'train:control': {
    request: z.object({ runId: z.string(), action: z.enum(['stop', 'pause', 'resume', 'checkpoint']) }),
    response: z.object({ ok: z.boolean() }),
  },
  'export:onnx': {
    request: z.object({
      project: RawProject, projectPath: z.string().optional(),
      /** A trained artifact folder (a run's `out`); without it, freshly initialised weights are exported. */
      weights: z.string().optional(),
      model: z.string().optional(), opset: z.number().int().min(13).max(17).default(13), verify: z.boolean().default(true),
      /** Export only what feeds this node, with it as the output (an autoencoder's encoder). */
      output: z.string().optional(),
      /** Output file; without it the host asks (Electron) or writes beside the project (web). */
      out: Path.optional(),
    }),
    response: z.union([
      z.object({ canceled: z.literal(true) }),
      z.object({ canceled: z.literal(false), path: z.string(), bytes: z.number(), maxAbsDiff: z.number().optional(), inputs: z.array(z.string()), outputs: z.array(z.string()) }),
    ]),
  },
  'export:tfjs': {
    request: z.object({ project: RawProject, projectPath: z.string().optional(), weights: z.string().optional(), model: z.string().optional(), out: Path.optional() }),
    response: z.union([z.object({ canceled: z.literal(true) }), z.object({ canceled: z.literal(false), path: z.string() })]),
  },
  'pretrained:describe': {
    request: z.object({ path: Path, projectPath: z.string().optional(), model: z.string().optional(), cutAt: z.string().optional() }),
    response: z.object({
      inputShape: z.array(z.number()), outputShape: z.array(z.number()), paramCount: z.number(),
      layers: z.array(z.object({ name: z.string(), className: z.string(), outputShape: z.array(z.number().nullable()) })),
    }),
  },
  'window:state': {
    /** The renderer tells the host what the window shows: Electron sets the title ("● name — Layerloom") and asks
     * before closing a dirty window; the web host ignores it (the page sets document.title itself). */
    request: z.object({ title: z.string().max(500), dirty: z.boolean(), path: z.string().max(4096).optional() }),
    response: z.object({}),
  },
} as const;

export type Channel = keyof typeof contract;
export type Request<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type Response<C extends Channel> = z.infer<(typeof contract)[C]['response']>;

/** Events the host pushes to the renderer. */
export const events = {
  'train:event': z.object({ runId: z.string(), event: TrainingEventSchema }),
  /** A native menu item or accelerator (Electron), e.g. "file.save", "edit.undo". */
  'menu:command': z.object({ command: z.string() }),
  /** A project opened from outside the renderer (command line, drop on the window, Open Recent menu). */
  'project:opened': z.object({ path: z.string(), project: RawProject }),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** An error reply: hosts never throw across the boundary; the renderer's HostApi turns it into a rejected promise. */
export const ErrorReplySchema = z.object({ error: z.string(), node: z.string().optional(), field: z.string().optional() });

/** How an invoke is answered, by both hosts: the response, or an error reply (never a thrown error: Electron's
 * ipcRenderer.invoke would mangle the message, and a WebSocket cannot carry one). */
export type Reply<C extends Channel = Channel> = { response: Response<C> } | ErrorReply;
export type ErrorReply = z.infer<typeof ErrorReplySchema>;

/** Web host wire format (JSON text frames over the WebSocket): the renderer sends requests, the host answers each
 * with its id, and pushes events without one. */
export const WireRequestSchema = z.object({ id: z.union([z.number().int(), z.string().max(100)]), channel: z.string().max(100), request: z.unknown() });
export type WireRequest = z.infer<typeof WireRequestSchema>;
export type WireReply = { id: WireRequest['id'] | null } & Reply;
export type WireEvent = { event: EventName; payload: unknown };

/** What the Electron preload exposes as `window.layerloom` (contextBridge): invoke answers with a Reply. */
export interface LayerloomBridge {
  invoke(channel: Channel, request: unknown): Promise<Reply>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  /** The file-system path of a File dropped on the window (Electron's webUtils); '' when it has none. */
  pathForFile(file: File): string;
}

/** What the renderer talks to; both hosts implement it. */
export interface HostApi {
  invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Response<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export const CHANNELS = Object.keys(contract) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** Validated project alias for hosts that need the parsed form. */
export type ParsedProject = z.infer<typeof ProjectSchema>;
