// The one error type of the data layer. Its message is complete and user-facing ("digits.csv row 17: expected 65
// columns, got 64"); `file` and `row` repeat the location for callers that want to point at it (UI, CLI --json).
export class DataError extends Error {
  constructor(message: string, readonly file?: string, readonly row?: number) {
    super(message);
    this.name = 'DataError';
  }
}

/** `file row N: message`, with `file` and `row` also kept as fields. */
export function rowError(file: string, row: number, message: string): DataError {
  return new DataError(`${file} row ${row}: ${message}`, file, row);
}

/** `file: message`. */
export function fileError(file: string, message: string): DataError {
  return new DataError(`${file}: ${message}`, file);
}
