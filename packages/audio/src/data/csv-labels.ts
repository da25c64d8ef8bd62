/** A CSV of labels: the header's column names and the rows, as strings. */
export interface CsvTable {
  readonly header: string[];
  readonly rows: string[][];
}

/**
 * Parses CSV text (RFC 4180: comma separated, `"` quoting with `""` escapes, CRLF or LF line ends)
 * into a header and rows; blank lines are skipped.
 *
 * @param name the file name, used in error messages.
 * @throws Error naming the file and line of an unterminated quote or a row of the wrong width.
 */
export function parseCsv(text: string, name: string): CsvTable {
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) records.push(row);
      row = [];
      field = '';
      line++;
      startLine = line;
    } else field += ch;
  }
  if (quoted) throw new Error(`${name}: unterminated quoted field starting on line ${startLine}`);
  row.push(field);
  if (row.some((f) => f !== '')) records.push(row);
  const [header, ...rows] = records;
  if (!header) throw new Error(`${name}: empty CSV (expected a header row)`);
  rows.forEach((r, i) => {
    if (r.length !== header.length) {
      throw new Error(`${name}: row ${i + 2} has ${r.length} fields, the header has ${header.length}`);
    }
  });
  return { header: header.map((h) => h.trim()), rows };
}
