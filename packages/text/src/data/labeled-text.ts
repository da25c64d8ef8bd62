import { parseCsv } from './csv.js';
import { readJsonlObjects } from './text-files.js';
import { readUtf8File, TextInputError } from './read-utf8.js';

/** Documents with integer class labels, and the class names behind the labels. */
export interface LabeledTexts {
  readonly texts: string[];
  /** Class index per text, `0..classes.length-1`. */
  readonly labels: Int32Array;
  /** Class names; label `i` means `classes[i]`. Sorted, unless given. */
  readonly classes: string[];
}

/** Options of {@link readLabeledCsv} and {@link readLabeledJsonl}. */
export interface LabeledFileOptions {
  /** Column / field holding the text (default `"text"`). */
  readonly textField?: string;
  /** Column / field holding the label (default `"label"`). */
  readonly labelField?: string;
  /** The class names in label order; default: the sorted distinct labels found. */
  readonly classes?: readonly string[];
}

/**
 * Reads a labeled CSV file with a header row (e.g. `text,label`).
 * @throws TextInputError naming the file and line of a malformed row, a missing column, or an unknown class.
 */
export async function readLabeledCsv(file: string, options: LabeledFileOptions = {}): Promise<LabeledTexts> {
  const textField = options.textField ?? 'text';
  const labelField = options.labelField ?? 'label';
  const records = parseCsv(await readUtf8File(file), file);
  const header = records[0];
  if (!header) throw new TextInputError(file, 0, 'empty CSV file (a header row is needed)');
  const ti = header.fields.indexOf(textField);
  const li = header.fields.indexOf(labelField);
  if (ti < 0 || li < 0) {
    throw new TextInputError(file, header.line, `header must name columns '${textField}' and '${labelField}', got ${JSON.stringify(header.fields)}`);
  }
  const rows = records.slice(1).map((r) => {
    if (r.fields.length !== header.fields.length) {
      throw new TextInputError(file, r.line, `expected ${header.fields.length} fields, got ${r.fields.length}`);
    }
    return { line: r.line, text: r.fields[ti]!, label: r.fields[li]! };
  });
  return toLabeled(rows, file, options.classes);
}

/**
 * Reads a labeled JSONL file (`{"text": "...", "label": "spam"}` per line; labels may be strings
 * or numbers).
 * @throws TextInputError naming the file and line of a malformed line, a missing field, or an unknown class.
 */
export async function readLabeledJsonl(file: string, options: LabeledFileOptions = {}): Promise<LabeledTexts> {
  const textField = options.textField ?? 'text';
  const labelField = options.labelField ?? 'label';
  const rows = (await readJsonlObjects(file)).map(({ line, value }) => {
    const text = value[textField];
    const label = value[labelField];
    if (typeof text !== 'string') throw new TextInputError(file, line, `field '${textField}' is missing or not a string`);
    if (typeof label !== 'string' && typeof label !== 'number') {
      throw new TextInputError(file, line, `field '${labelField}' is missing or not a string/number`);
    }
    return { line, text, label: String(label) };
  });
  return toLabeled(rows, file, options.classes);
}

function toLabeled(rows: { line: number; text: string; label: string }[], file: string, given?: readonly string[]): LabeledTexts {
  const classes = given ? [...given] : [...new Set(rows.map((r) => r.label))].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  const labels = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    const k = index.get(r.label);
    if (k === undefined) throw new TextInputError(file, r.line, `unknown class '${r.label}' (classes: ${classes.join(', ')})`);
    labels[i] = k;
  });
  return { texts: rows.map((r) => r.text), labels, classes };
}
