export type ColumnSpec = { kind: 'numbers' } | { kind: 'dictionary'; separator: string };
export type DecodedColumn = { values: Float64Array; codes?: undefined; dictionary?: undefined } | { codes: Uint32Array; dictionary: string[]; values?: undefined };
export function decodeColumns(row: (string | number | null)[] | undefined, specs: ColumnSpec[]): DecodedColumn[];
export function buffersOf(columns: DecodedColumn[]): ArrayBuffer[];
