// The layer catalogue: every kind, collected from the one-file-per-kind modules under ./kinds.
import conv from './kinds/group-conv.js';
import core from './kinds/group-core.js';
import io from './kinds/group-io.js';
import recurrent from './kinds/group-recurrent.js';
import { defaultsOf, paramsSchema, type ParamSpecs } from './params.js';
import type { LayerDef } from './types.js';
import type { z } from 'zod';

export interface RegisteredLayer extends LayerDef<ParamSpecs> {
  /** Runtime schema of the params: fills defaults, enforces bounds, refuses unknown names. */
  schema: z.ZodType<Record<string, unknown>>;
  defaults: Record<string, unknown>;
}

const all: LayerDef<any>[] = [...io, ...core, ...conv, ...recurrent];

export const LAYERS: ReadonlyMap<string, RegisteredLayer> = new Map(
  all.map((def) => [
    def.kind,
    {
      ...def,
      schema: paramsSchema(def.params) as unknown as z.ZodType<Record<string, unknown>>,
      defaults: defaultsOf(def.params),
    },
  ]),
);

export function getLayer(kind: string): RegisteredLayer | undefined {
  return LAYERS.get(kind);
}

export const LAYER_KINDS: readonly string[] = [...LAYERS.keys()];

/** Port names of a node of this kind given how many inputs it has (variadic kinds grow as edges are added). */
export function inputPortNames(def: LayerDef<any>, connected = 2): string[] {
  if (def.ports.inputs === 'none') return [];
  if (def.ports.inputs === 'one') return ['in'];
  return Array.from({ length: Math.max(2, connected) }, (_, i) => `in${i}`);
}
