// `source: 'csv'`: numeric feature columns plus one label column (default the last). Gzipped files are read too
// (the built-in digits are a .csv.gz). Rows are numbered as lines of the file, counting the header, so that an
// error points at the line an editor shows.
import type { Dataset } from '../../../shared/project.js';
import { DataError, rowError } from './errors.js';
import { readMaybeGzip, resolveDataPath, type ResolvedPath } from './files.js';
import { labelsFromText, parseNumber } from './labels.js';
import { IDENTITY, type RawDataset } from './types.js';

export interface CsvRow {
  /** 1-based line number in the file. */
  line: number;
  cells: string[];
}

/** Comma unless the first line clearly uses semicolons or tabs (spreadsheet exports in some locales). */
function detectDelimiter(firstLine: string): string {
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates = [',', ';', '\t'].map((ch) => ({ ch, n: count(ch) }));
  const best = candidates.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.ch : ',';
}

/** Splits one line; double-quoted cells may contain the delimiter and "" for a quote. No multi-line cells. */
function splitLine(text: string, delimiter: string, file: string, line: number): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw rowError(file, line, 'a quoted cell is not closed (cells cannot span lines)');
  cells.push(cell);
  return cells;
}

/** All non-blank lines, split into cells. */
export function parseCsv(text: string, file: string): CsvRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const firstLine = lines.find((l) => l.trim() !== '') ?? '';
  const delimiter = detectDelimiter(firstLine);
  const rows: CsvRow[] = [];
  lines.forEach((text, i) => {
    if (text.trim() !== '') rows.push({ line: i + 1, cells: splitLine(text, delimiter, file, i + 1) });
  });
  return rows;
}

/**
 * A header is assumed when the first row has text where the second row has numbers (`sepal_length` over `5.1`),
 * or when the first row is all text.
 */
function detectHeader(rows: CsvRow[]): boolean {
  const first = rows[0]!.cells;
  const second = rows[1]?.cells;
  const isText = (cell: string | undefined) => cell !== undefined && parseNumber(cell) === undefined;
  if (first.every((c) => isText(c))) return true;
  return !!second && first.some((c, i) => isText(c) && !isText(second[i]));
}

function resolveLabelColumn(spec: Dataset['labelColumn'], width: number, header: string[] | undefined, file: string): number {
  if (spec === undefined) return width - 1;
  if (typeof spec === 'number') {
    // Negative counts from the end, as in Python: -1 is the last column.
    const index = spec < 0 ? width + spec : spec;
    if (index < 0 || index >= width) {
      throw new DataError(`${file}: dataset.labelColumn ${spec} is out of range: the file has ${width} columns (0–${width - 1})`, file);
    }
    return index;
  }
  if (!header) {
    throw new DataError(`${file}: dataset.labelColumn "${spec}" names a header column but the file has no header row (set dataset.header to true, or give the column's index)`, file);
  }
  const index = header.findIndex((h) => h.trim() === spec);
  if (index < 0) {
    throw new DataError(`${file}: dataset.labelColumn "${spec}" is not a column; the header has ${header.map((h) => `"${h.trim()}"`).join(', ')}`, file);
  }
  return index;
}

export interface CsvTable {
  rows: CsvRow[];
  header?: string[];
}

/** Parses the numeric feature columns and the label column of already-split rows into a raw dataset. */
export function csvToDataset(table: CsvTable, dataset: Dataset, file: string): RawDataset {
  const { rows, header } = table;
  if (rows.length === 0) throw new DataError(`${file}: no data rows`, file);
  const width = header?.length ?? rows[0]!.cells.length;
  if (width < 2) {
    throw rowError(file, rows[0]!.line, `expected at least 2 columns (features and a label), got ${width}; is the delimiter a comma?`);
  }
  const labelIndex = resolveLabelColumn(dataset.labelColumn, width, header, file);
  const features = width - 1;
  const x = new Float32Array(rows.length * features);
  const labelCells: string[] = new Array(rows.length);
  rows.forEach((row, r) => {
    if (row.cells.length !== width) throw rowError(file, row.line, `expected ${width} columns, got ${row.cells.length}`);
    let f = 0;
    for (let c = 0; c < width; c++) {
      const cell = row.cells[c]!;
      if (c === labelIndex) {
        labelCells[r] = cell;
        continue;
      }
      const value = parseNumber(cell);
      if (value === undefined) {
        const name = header ? ` ("${header[c]!.trim()}")` : '';
        throw rowError(file, row.line, `column ${c + 1}${name}: ${cell.trim() === '' ? 'empty cell' : `"${cell.trim()}" is not a number`}`);
      }
      x[r * features + f++] = value;
    }
  });
  const labels = labelsFromText(labelCells, dataset.labelMode, (i, message) => rowError(file, rows[i]!.line, message));
  const base = { file, x, n: rows.length, sampleShape: [features], autoTransform: IDENTITY, isImage: false };
  return labels.kind === 'classes'
    ? { ...base, labels: labels.labels, classNames: labels.classNames }
    : { ...base, targets: labels.targets, targetShape: [1] };
}

export async function readCsvRows(file: ResolvedPath): Promise<CsvRow[]> {
  const bytes = await readMaybeGzip(file);
  if (bytes.includes(0)) throw new DataError(`${file.display}: not a text file (it contains zero bytes)`, file.display);
  return parseCsv(bytes.toString('utf8'), file.display);
}

export async function loadCsv(dataset: Dataset, baseDir: string): Promise<RawDataset> {
  const file = resolveDataPath(dataset.path, baseDir, 'path');
  const rows = await readCsvRows(file);
  if (rows.length === 0) throw new DataError(`${file.display}: the file is empty`, file.display);
  const hasHeader = dataset.header ?? (typeof dataset.labelColumn === 'string' || detectHeader(rows));
  return hasHeader
    ? csvToDataset({ rows: rows.slice(1), header: rows[0]!.cells }, dataset, file.display)
    : csvToDataset({ rows }, dataset, file.display);
}
