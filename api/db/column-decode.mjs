// Decodes one row of concatenated columns (SQLite group_concat) into typed arrays: numbers as a
// Float64Array; short texts (JSON arrays of ids, zone ids) as codes into a dictionary of their
// distinct values. Plain JavaScript: the write thread runs it as is, the app imports it too.

/**
 * @param {(string | number | null)[] | undefined} row
 * @param {{ kind: 'numbers' } | { kind: 'dictionary'; separator: string }} [specs]
 */
export function decodeColumns(row, specs) {
  const n = typeof row?.[0] === 'string' && row[0].length > 0 ? countOf(row[0], ',') : 0;
  return specs.map((spec, j) => {
    const text = row?.[j];
    if (spec.kind === 'numbers') {
      const values = new Float64Array(n);
      if (n > 0) values.set(JSON.parse(`[${text}]`));
      return { values };
    }
    const codes = new Uint32Array(n);
    const dictionary = [];
    if (n > 0) {
      const index = new Map();
      const parts = String(text ?? '').split(spec.separator);
      if (parts.length !== n) throw new Error(`decodeColumns: column ${j} has ${parts.length} values, expected ${n}`);
      for (let i = 0; i < n; i++) {
        let code = index.get(parts[i]);
        if (code === undefined) {
          code = dictionary.length;
          index.set(parts[i], code);
          dictionary.push(parts[i]);
        }
        codes[i] = code;
      }
    }
    return { codes, dictionary };
  });
}

function countOf(text, char) {
  let n = 1;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** The buffers to transfer (not copy) to another thread. */
export function buffersOf(columns) {
  return columns.map((c) => (c.values ?? c.codes).buffer);
}
