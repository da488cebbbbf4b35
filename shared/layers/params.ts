// A small declarative vocabulary for layer parameters. One declaration yields both the runtime schema (zod, with
// defaults and bounds) and the metadata the inspector needs to generate its form, so the two can never drift.
import { z } from 'zod';

export type ParamKind = 'int' | 'float' | 'bool' | 'enum' | 'intOrTuple' | 'ints' | 'string' | 'floatOrNull';

export interface ParamSpec<T = unknown> {
  kind: ParamKind;
  default: T;
  doc: string;
  min?: number;
  max?: number;
  /** enum choices */
  options?: readonly string[];
  /** tuple length for intOrTuple */
  length?: number;
  schema: z.ZodType<T>;
}

interface Bounds {
  min?: number;
  max?: number;
  doc?: string;
}

function withBounds(s: z.ZodNumber, b: Bounds): z.ZodNumber {
  let out = s;
  if (b.min !== undefined) out = out.min(b.min);
  if (b.max !== undefined) out = out.max(b.max);
  return out;
}

export const p = {
  int(def: number, b: Bounds = {}): ParamSpec<number> {
    return { kind: 'int', default: def, doc: b.doc ?? '', min: b.min, max: b.max, schema: withBounds(z.number().int(), b) };
  },
  float(def: number, b: Bounds = {}): ParamSpec<number> {
    return { kind: 'float', default: def, doc: b.doc ?? '', min: b.min, max: b.max, schema: withBounds(z.number(), b) };
  },
  /** A float that may be left empty (null), e.g. an optional clip value. */
  floatOrNull(def: number | null, b: Bounds = {}): ParamSpec<number | null> {
    return {
      kind: 'floatOrNull', default: def, doc: b.doc ?? '', min: b.min, max: b.max,
      schema: withBounds(z.number(), b).nullable(),
    };
  },
  bool(def: boolean, doc = ''): ParamSpec<boolean> {
    return { kind: 'bool', default: def, doc, schema: z.boolean() };
  },
  enum<const T extends readonly [string, ...string[]]>(options: T, def: T[number], doc = ''): ParamSpec<T[number]> {
    return { kind: 'enum', default: def, doc, options, schema: z.enum(options) as unknown as z.ZodType<T[number]> };
  },
  /** A positive integer or a tuple of `length` of them (kernel sizes, strides, pool sizes), as Keras accepts. */
  intOrTuple(def: number | number[], length: number, b: Bounds = {}): ParamSpec<number | number[]> {
    const n = withBounds(z.number().int(), b);
    return {
      kind: 'intOrTuple', default: def, doc: b.doc ?? '', min: b.min, max: b.max, length,
      schema: z.union([n, z.array(n).length(length)]),
    };
  },
  /** A list of integers (shapes, permutations, axes). */
  ints(def: number[], b: Bounds & { minLength?: number; maxLength?: number } = {}): ParamSpec<number[]> {
    let arr = z.array(withBounds(z.number().int(), b));
    if (b.minLength !== undefined) arr = arr.min(b.minLength);
    if (b.maxLength !== undefined) arr = arr.max(b.maxLength);
    return { kind: 'ints', default: def, doc: b.doc ?? '', min: b.min, max: b.max, schema: arr };
  },
  string(def: string, doc = ''): ParamSpec<string> {
    return { kind: 'string', default: def, doc, schema: z.string() };
  },
};

export type ParamSpecs = Record<string, ParamSpec<any>>;
export type ParamsOf<S extends ParamSpecs> = { [K in keyof S]: S[K] extends ParamSpec<infer T> ? T : never };

/** The zod object schema for a set of specs: omitted params take their defaults, unknown params are refused. */
export function paramsSchema<S extends ParamSpecs>(specs: S): z.ZodType<ParamsOf<S>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(specs)) {
    shape[name] = (spec.schema as z.ZodType<unknown>).default(spec.default as never);
  }
  return z.strictObject(shape) as unknown as z.ZodType<ParamsOf<S>>;
}

export function defaultsOf<S extends ParamSpecs>(specs: S): ParamsOf<S> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = structuredClone(spec.default);
  return out as ParamsOf<S>;
}

/** Activation names accepted by the `activation` params (the subset tfjs-layers implements). */
export const ACTIVATIONS = [
  'linear', 'relu', 'relu6', 'sigmoid', 'hardSigmoid', 'tanh', 'softmax', 'elu', 'selu', 'softplus', 'softsign',
  'swish', 'gelu', 'mish',
] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export const activationParam = (def: ActivationName = 'linear', doc = 'Activation applied to the output.') =>
  p.enum(ACTIVATIONS, def, doc);

export const PADDINGS = ['valid', 'same'] as const;
export const paddingParam = () =>
  p.enum(PADDINGS, 'valid', "'valid': no padding (output shrinks); 'same': pad so the output keeps the input size / strides.");

export const useBiasParam = () => p.bool(true, 'Add a learned bias vector.');
