// A small typed ONNX graph builder on onnx-proto: layer emitters add nodes and initializers through the
// OnnxGraphBuilder interface of shared/, and `toModelProto` writes the model.
import onnxPkg from 'onnx-proto';
import type { AttrValue, OnnxGraphBuilder } from '../../../shared/layers/types.js';

const { onnx } = onnxPkg;

export const IR_VERSION_FOR_OPSET = (opset: number): number => (opset <= 14 ? 7 : 8);
export const MIN_OPSET = 13;
export const MAX_OPSET = 17;

export interface NodeRecord {
  opType: string;
  inputs: string[];
  outputs: string[];
  attrs: Record<string, AttrValue>;
  name: string;
}

export interface InitRecord {
  name: string;
  dims: number[];
  dataType: 'float' | 'int64';
  f32?: Float32Array;
  i64?: number[];
}

export interface ValueInfo {
  name: string;
  /** null = dynamic (batch) dimension */
  dims: (number | null)[];
  elemType?: 'float' | 'int64' | 'int32';
}

export class GraphBuilder implements OnnxGraphBuilder {
  nodes: NodeRecord[] = [];
  initializers = new Map<string, InitRecord>();
  inputs: ValueInfo[] = [];
  outputs: ValueInfo[] = [];
  private used = new Set<string>();
  private int64Cache = new Map<string, string>();

  constructor(readonly opset: number) {}

  unique(base: string): string {
    const clean = base.replace(/[^\w./-]/g, '_') || 'v';
    let name = clean;
    for (let i = 1; this.used.has(name); i++) name = `${clean}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Reserves a graph input/output name exactly as given (callers ensure uniqueness). */
  reserve(name: string): string {
    if (this.used.has(name)) throw new Error(`duplicate ONNX value name '${name}'`);
    this.used.add(name);
    return name;
  }

  op(type: string, inputs: string[], attrs: Record<string, AttrValue> = {}, name?: string): string {
    return this.opMulti(type, inputs, 1, attrs, name)[0]!;
  }

  opMulti(type: string, inputs: string[], outputs: number, attrs: Record<string, AttrValue> = {}, name?: string): string[] {
    const nodeName = this.unique(name ?? type);
    const outs = Array.from({ length: outputs }, (_, i) => this.unique(`${nodeName}_out${i === 0 ? '' : i}`));
    for (const [key, value] of Object.entries(attrs)) {
      if (typeof value === 'number' && !Number.isInteger(value)) {
        throw new Error(`attribute ${type}.${key} = ${value} is not an integer: wrap float attributes in float()`);
      }
    }
    this.nodes.push({ opType: type, inputs, outputs: outs, attrs, name: nodeName });
    return outs;
  }

  constFloat(data: Float32Array | number[], dims: number[], name?: string): string {
    const f32 = data instanceof Float32Array ? data : Float32Array.from(data);
    const expected = dims.reduce((a, b) => a * b, 1);
    if (f32.length !== expected) throw new Error(`initializer of shape [${dims}] needs ${expected} values, got ${f32.length}`);
    const n = this.unique(name ?? 'const');
    this.initializers.set(n, { name: n, dims, dataType: 'float', f32 });
    return n;
  }

  constInt64(data: number[], dims: number[] = [data.length], name?: string): string {
    const key = `${dims.join('x')}:${data.join(',')}`;
    const cached = name ? undefined : this.int64Cache.get(key);
    if (cached) return cached;
    const n = this.unique(name ?? 'i64');
    this.initializers.set(n, { name: n, dims, dataType: 'int64', i64: data });
    if (!name) this.int64Cache.set(key, n);
    return n;
  }

  transpose(x: string, perm: number[]): string {
    return this.op('Transpose', [x], { perm });
  }
}

const ELEM = { float: onnx.TensorProto.DataType.FLOAT, int64: onnx.TensorProto.DataType.INT64, int32: onnx.TensorProto.DataType.INT32 };

function attribute(name: string, value: AttrValue): onnxPkg.onnx.IAttributeProto {
  const A = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') return { name, type: A.INT, i: value };
  if (typeof value === 'string') return { name, type: A.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) {
      return { name, type: A.STRINGS, strings: (value as string[]).map((s) => new TextEncoder().encode(s)) };
    }
    return { name, type: A.INTS, ints: value as number[] };
  }
  if ('float' in value) return { name, type: A.FLOAT, f: value.float };
  return { name, type: A.FLOATS, floats: value.floats };
}

function valueInfo(v: ValueInfo): onnxPkg.onnx.IValueInfoProto {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: ELEM[v.elemType ?? 'float'],
        shape: { dim: v.dims.map((d, i) => (d === null ? { dimParam: i === 0 ? 'batch' : `d${i}` } : { dimValue: d })) },
      },
    },
  };
}

function tensor(init: InitRecord): onnxPkg.onnx.ITensorProto {
  if (init.dataType === 'float') {
    const f = init.f32!;
    // The exact byte range of the view (a subarray's buffer is larger than the view).
    return { name: init.name, dims: init.dims, dataType: ELEM.float, rawData: new Uint8Array(f.buffer, f.byteOffset, f.byteLength) };
  }
  return { name: init.name, dims: init.dims, dataType: ELEM.int64, int64Data: init.i64! };
}

export interface ModelMeta {
  graphName: string;
  producerVersion: string;
  docString?: string;
  metadata?: Record<string, string>;
}

export function toModelBytes(g: GraphBuilder, meta: ModelMeta): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION_FOR_OPSET(g.opset),
    producerName: 'Layerloom',
    producerVersion: meta.producerVersion,
    docString: meta.docString ?? '',
    opsetImport: [{ domain: '', version: g.opset }],
    metadataProps: Object.entries(meta.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: meta.graphName,
      node: g.nodes.map((n) => ({
        name: n.name, opType: n.opType, input: n.inputs, output: n.outputs,
        attribute: Object.entries(n.attrs).map(([k, v]) => attribute(k, v)),
      })),
      initializer: [...g.initializers.values()].map(tensor),
      input: g.inputs.map(valueInfo),
      output: g.outputs.map(valueInfo),
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
