// A base model from a file used as one node. shared/ cannot read files, so the node records a summary of the base
// (shapes, parameter count) when the file is chosen; validation works from that summary, and the engine
// (electron/engine/pretrained.ts) loads the file, checks it still matches, cuts it and hands it to `build`.
import { p } from '../params.js';
import { formatShape, only, product } from '../shape-utils.js';
import { defineLayer, ShapeError, type Shape, type TfLayer } from '../types.js';

/** Recorded sizes use -1 for a dimension the base model leaves open (e.g. a variable sequence length). */
const toShape = (dims: number[]): Shape => dims.map((d) => (d < 0 ? null : d));

export default defineLayer({
  kind: 'PretrainedModel',
  category: 'Transfer',
  title: 'Pretrained model',
  doc: 'Reuses a saved model (tfjs model.json or a trained Layerloom folder) as one layer, frozen or fine-tuned.',
  params: {
    path: p.string('', 'A tfjs Layers model.json, a folder holding one, or a trained Layerloom artifact folder (relative to the project file; `layerloom:` names a model shipped with the app).'),
    model: p.string('', 'For an artifact folder: which models/<name> to use (empty: the first).'),
    cutAt: p.string('', "The layer whose output this node outputs (empty: the base model's own output)."),
    trainable: p.bool(false, 'Let training update the base weights (false: frozen; only the layers after it learn). The base runs in inference mode either way (BatchNormalization keeps its statistics, Dropout is off).'),
    inputShape: p.ints([], { min: -1, doc: 'Recorded when the file is chosen: the base input shape without the batch dimension.' }),
    outputShape: p.ints([], { min: -1, doc: 'Recorded when the file is chosen: the output shape at the cut, without the batch dimension.' }),
    paramCount: p.int(0, { min: 0, doc: 'Recorded when the file is chosen: parameters of the base up to the cut.' }),
  },
  examples: [
    // The base shipped for the transfer template (relative to the repo root), cut at its Flatten. The engine loads it
    // with loadPretrainedFor before compiling; test/layers/pretrained.test.ts runs the whole path on its own bases.
    {
      inputs: [[8, 8, 1]],
      params: { path: 'layerloom:pretrained/digits-0-4', cutAt: 'flatten', inputShape: [8, 8, 1], outputShape: [1024], paramCount: 18816 },
    },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    if (!params.path) {
      throw new ShapeError('has no base model: choose a tfjs model.json or a trained Layerloom folder (path)', 'BAD_PARAM');
    }
    if (params.inputShape.length === 0 || params.outputShape.length === 0) {
      throw new ShapeError(`has no recorded summary of its base model '${params.path}': choose the file again to read its shapes`, 'BAD_PARAM');
    }
    const x = only(inputs);
    const want = toShape(params.inputShape);
    const fits = x.length === want.length + 1 && want.every((d, i) => d === null || x[i + 1] === null || x[i + 1] === d);
    if (!fits) {
      const n = product(x.slice(1));
      const fix = n !== null && n === product(want)
        ? `add a Reshape to ${formatShape(want)} before it`
        : `feed it samples of shape ${formatShape(want)} (set the Input shape or resize the data)`;
      throw new ShapeError(`expects the base model's input ${formatShape([null, ...want])}, got ${formatShape(x)}: ${fix}`);
    }
    return [x[0]!, ...toShape(params.outputShape)];
  },
  countParams: (_inputs, params) =>
    params.trainable ? { trainable: params.paramCount, nonTrainable: 0 } : { trainable: 0, nonTrainable: params.paramCount },
  build(_tf, params, ctx) {
    const base = ctx.pretrained;
    if (!base) {
      throw new Error(`its base model '${params.path}' is not loaded: the engine must load it (loadPretrainedFor) before compiling`);
    }
    if (base.name !== ctx.name) {
      // loadPretrainedFor names the base after the node and prefixes its layers, so they cannot clash with the
      // outer model's layers and weights; a base loaded another way would.
      throw new Error(`its base model is named '${base.name}', expected '${ctx.name}': load it with loadPretrainedFor`);
    }
    base.trainable = params.trainable;
    return base as unknown as TfLayer; // a LayersModel is a Layer: it nests as one
  },
  onnx: {
    13: ({ inputs, pretrained, emitNested }) => {
      if (!pretrained || !emitNested) throw new Error('the base model is not available to the exporter');
      return emitNested(pretrained, inputs)[0]!;
    },
  },
});
