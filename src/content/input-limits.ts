// Bounds on manifest input, checked before the YAML parser sees the text, as the API server bounds a
// request's size. The YAML library needs ~1 KB of memory and ~10 µs per node, so an 8 MiB file of
// `---` lines or of `{},` flow-list entries took 45-70 s and 2-4 GB; within these bounds the worst case
// (300 000 flow entries) takes about 3 s and 0.5 GB. Pure: callers pass text they have read (or a size).

/** Largest manifest file (or stdin) read, in bytes: 8 MiB. */
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
/** Most YAML documents in one manifest file. */
export const MAX_MANIFEST_DOCUMENTS = 10_000;
/** Most lines plus YAML entries (commas, brackets, `- `, `? `, `: `) in one manifest file. */
export const MAX_MANIFEST_ENTRIES = 300_000;
/** Deepest nesting of flow collections (`[`, `{`); the YAML library itself fails a few hundred levels down. */
export const MAX_FLOW_NESTING = 1000;
/** Most objects in one input (all its files together); Kubernetes' own scalability limit is 150,000 pods. */
export const MAX_INPUT_OBJECTS = 150_000;

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) { n += 4; i++; } // a surrogate pair
    else n += 3;
  }
  return n;
}

/**
 * Messages say what is wrong and the limit, without the file: callers write `error: FILE: message`
 * (kubectl style) or a lint finding at FILE:1:1.
 */
export function manifestSizeProblem(bytes: number): string | undefined {
  if (bytes <= MAX_MANIFEST_BYTES) return undefined;
  // Not the exact size: stdin is read only up to the limit.
  return `file too large (more than 8 MiB): the limit is ${MAX_MANIFEST_BYTES} bytes per file; split it into several files`;
}

/** Counts `---` / `...` document markers at line starts, stopping once `limit` is passed. */
function documentMarkers(text: string, limit: number): number {
  let n = 0;
  for (let at = 0; at < text.length && n <= limit;) {
    const c = text.charCodeAt(at);
    if ((c === 45 || c === 46) && text.startsWith(c === 45 ? '---' : '...', at)) {
      const next = text.charCodeAt(at + 3); // the marker stands alone or is followed by white space
      if (Number.isNaN(next) || next === 10 || next === 13 || next === 32 || next === 9) n++;
    }
    const nl = text.indexOf('\n', at);
    if (nl === -1) break;
    at = nl + 1;
  }
  return n;
}

/**
 * An upper bound on the YAML nodes: lines, commas, `[` and `{`, and "- ", "? ", ": " indicators; and the
 * deepest `[`/`{` nesting (quotes ignored, so brackets inside strings count too). Stops once a limit is passed.
 */
function shape(text: string): { entries: number; depth: number } {
  let entries = 1;
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length && entries <= MAX_MANIFEST_ENTRIES && deepest <= MAX_FLOW_NESTING; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44) entries++;
    else if (c === 91 || c === 123) { entries++; depth++; if (depth > deepest) deepest = depth; }
    else if (c === 93 || c === 125) { if (depth > 0) depth--; }
    else if ((c === 45 || c === 63 || c === 58) && text.charCodeAt(i + 1) === 32) entries++;
  }
  return { entries, depth: deepest };
}

/** Why manifest text is too big to parse (size, documents, entries, nesting), or undefined. Two cheap passes at most. */
export function manifestTextProblem(text: string): string | undefined {
  if (text.length > MAX_MANIFEST_BYTES / 3) {
    const size = manifestSizeProblem(text.length > MAX_MANIFEST_BYTES ? text.length : utf8Length(text));
    if (size) return size;
  }
  const docs = documentMarkers(text, MAX_MANIFEST_DOCUMENTS);
  if (docs > MAX_MANIFEST_DOCUMENTS) {
    return `too many YAML documents (more than ${MAX_MANIFEST_DOCUMENTS}): the limit is ${MAX_MANIFEST_DOCUMENTS} documents per manifest file; split it into several files`;
  }
  const { entries, depth } = shape(text);
  if (entries > MAX_MANIFEST_ENTRIES) {
    return `too many lines and YAML entries (more than ${MAX_MANIFEST_ENTRIES}): the limit is ${MAX_MANIFEST_ENTRIES} per manifest file; split it into several files`;
  }
  if (depth > MAX_FLOW_NESTING) {
    return `"[" and "{" nested too deeply (more than ${MAX_FLOW_NESTING} levels): the limit is ${MAX_FLOW_NESTING} levels`;
  }
  return undefined;
}

/** The message when one input holds more than MAX_INPUT_OBJECTS objects. */
export function tooManyObjects(count: number): string {
  return `too many objects (${count}): the limit is ${MAX_INPUT_OBJECTS} objects in one input`;
}
