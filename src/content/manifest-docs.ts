// Manifest text → documents (plain data) with their YAML errors and a way to find where a path is.
// The fast paths: JSON text (first non-space character `{` or `[`, e.g. `kubectl get -A -o json`) goes
// through JSON.parse; YAML documents in the common block subset go through fast-yaml.ts. Everything else,
// and the position of anything but a mapping, comes from the yaml package, so messages and line:column
// positions are the same as if every document had been parsed by it.
import { COLLECTION_KEY_MESSAGE, collectionKeyOffset } from './yaml-keys.ts';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { walk } from './lesson-source.ts';
import { COL_LIMIT, fastYamlEligible, readFastDoc, type FastDoc } from './fast-yaml.ts';

export type DocPath = readonly (string | number)[];

export interface LineCol { readonly line: number; readonly col: number }

export interface ManifestDoc {
  /** The document as data (null for an empty document); undefined when `error` is set. */
  readonly value: unknown;
  /** The document's first YAML syntax error, kubectl-style ("error converting YAML to JSON: …"). */
  readonly error?: LineCol & { readonly message: string };
  /** Line and column of the node at `path` (of its key with keyPos), as deep as the path exists. */
  locate(path: DocPath, keyPos?: boolean): LineCol;
}

/** The documents of a manifest text, in order. */
export function readManifestDocs(text: string): ManifestDoc[] {
  return jsonDocs(text) ?? fastYamlDocs(text) ?? yamlDocs(text, 0);
}

/** Offset of the node at `path` in a yaml Document: as deep as the path exists; for keyPos the key itself. */
function nodeOffset(doc: Document, path: DocPath, keyPos: boolean): number {
  return walk(doc, path, keyPos).offset;
}

/** Every document through the yaml package (the reference path); `lineOffset` is added to line numbers (for a slice of a text). */
export function yamlDocs(text: string, lineOffset = 0): ManifestDoc[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, logLevel: 'error' });
  if (!Array.isArray(docs)) return []; // an empty stream
  const pos = (offset: number): LineCol => {
    const p = lc.linePos(offset);
    return { line: p.line + lineOffset, col: p.col };
  };
  return docs.map((doc: Document): ManifestDoc => {
    const locate = (path: DocPath, keyPos = false) => pos(nodeOffset(doc, path, keyPos));
    const yamlErr = doc.errors[0];
    if (yamlErr) return { value: undefined, error: { ...pos(yamlErr.pos[0]), message: `error converting YAML to JSON: ${yamlErr.message.split('\n')[0]}` }, locate };
    const badKey = collectionKeyOffset(doc);
    if (badKey !== undefined) return { value: undefined, error: { ...pos(badKey), message: `error converting YAML to JSON: ${COLLECTION_KEY_MESSAGE}` }, locate };
    try {
      return { value: doc.toJS({ maxAliasCount: 100 }), locate };
    } catch (e) {
      return { value: undefined, error: { ...pos(doc.contents?.range?.[0] ?? 0), message: `error converting YAML to JSON: ${(e as Error).message}` }, locate };
    }
  });
}

function getAt(root: unknown, path: DocPath): unknown {
  let cur = root;
  for (const p of path) cur = cur !== null && typeof cur === 'object' && Object.hasOwn(cur, p) ? (cur as Record<string | number, unknown>)[p] : undefined;
  return cur;
}

// ---- JSON ----

const JSON_WS = /[^ \t\n\r]/g;

function skipJsonWs(text: string, i: number): number {
  JSON_WS.lastIndex = i;
  return JSON_WS.exec(text)?.index ?? text.length;
}

/** Index after the JSON string starting at i (text[i] === '"'). */
function skipJsonString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    let k = q - 1;
    while (text.charCodeAt(k) === 92) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

const JSON_STRUCT = /["[\]{}]/g;

/** Index after the JSON value starting at i (the text is known to be valid JSON). */
function skipJsonValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipJsonString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    let j = i;
    for (;;) {
      JSON_STRUCT.lastIndex = j;
      const m = JSON_STRUCT.exec(text);
      if (!m) return text.length;
      const s = m[0];
      if (s === '"') { j = skipJsonString(text, m.index); continue; }
      depth += s === '{' || s === '[' ? 1 : -1;
      j = m.index + 1;
      if (depth === 0) return j;
    }
  }
  let j = i;
  while (j < text.length && !',}] \t\n\r'.includes(text[j])) j++;
  return j;
}

/** Offsets of the elements of the root object's `items` array (the last `items` key wins, as in JSON.parse). */
function rootItemOffsets(text: string, start: number): number[] {
  let found: number[] = [];
  let i = skipJsonWs(text, start + 1);
  while (text[i] === '"') {
    const keyEnd = skipJsonString(text, i);
    const raw = text.slice(i, keyEnd);
    const key = raw.includes('\\') ? JSON.parse(raw) as string : raw.slice(1, -1);
    i = skipJsonWs(text, skipJsonWs(text, keyEnd) + 1);
    if (key === 'items' && text[i] === '[') {
      const offsets: number[] = [];
      i = skipJsonWs(text, i + 1);
      while (text[i] !== ']' && i < text.length) {
        offsets.push(i);
        i = skipJsonWs(text, skipJsonValue(text, i));
        if (text[i] === ',') i = skipJsonWs(text, i + 1);
      }
      i++;
      found = offsets;
    } else i = skipJsonValue(text, i);
    i = skipJsonWs(text, i);
    if (text[i] === ',') i = skipJsonWs(text, i + 1);
  }
  return found;
}

/** Line and column of increasing offsets, as the yaml package's LineCounter counts them. */
function lineCols(text: string, offsets: readonly number[]): LineCol[] {
  const out: LineCol[] = [];
  let line = 1;
  let lineStart = 0;
  let nl = text.indexOf('\n');
  for (const off of offsets) {
    while (nl !== -1 && nl < off) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', lineStart);
    }
    out.push({ line, col: off - lineStart + 1 });
  }
  return out;
}

/**
 * JSON text through JSON.parse. undefined when the text does not start like JSON or is not valid JSON:
 * then it is read as YAML, which reports errors with their line and column. (One difference: JSON.parse
 * keeps the last of duplicate keys where YAML reports an error.)
 */
function jsonDocs(text: string): ManifestDoc[] | undefined {
  const start = skipJsonWs(text, 0);
  const c = text[start];
  if (c !== '{' && c !== '[') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  let items: LineCol[] | undefined;
  let slow: ManifestDoc | undefined;
  return [{
    value,
    locate(path, keyPos = false) {
      if (path.length === 0 && !keyPos) return lineCols(text, [start])[0];
      if (!keyPos && path.length === 2 && path[0] === 'items' && typeof path[1] === 'number' && c === '{') {
        items ??= lineCols(text, rootItemOffsets(text, start));
        const at = items[path[1]];
        if (at) return at;
      }
      slow ??= yamlDocs(text, 0)[0];
      return slow ? slow.locate(path, keyPos) : { line: 1, col: 1 };
    },
  }];
}

// ---- YAML ----

function fastLocate(fast: FastDoc, slice: string, firstLine: number): (path: DocPath, keyPos?: boolean) => LineCol {
  let slow: ManifestDoc | undefined;
  return (path, keyPos = false) => {
    if (!keyPos) {
      const node = getAt(fast.value, path);
      const packed = node !== null && typeof node === 'object' ? fast.positions.get(node) : undefined;
      if (packed !== undefined) return { line: Math.floor(packed / COL_LIMIT), col: packed % COL_LIMIT };
    }
    slow ??= yamlDocs(slice, firstLine - 1)[0];
    return slow ? slow.locate(path, keyPos) : { line: firstLine, col: 1 };
  };
}

/** What may follow `---` on a document start line for the fast path: spaces and a comment. */
const MARKER_REST = /^[ \t]*(?:#[^\r]*)?\r?$/;

/**
 * Multi-document YAML, split at `---` lines; each document through fast-yaml.ts, or through the yaml package
 * when it leaves the subset. undefined (the whole text goes to the yaml package) when the text has
 * directives, `...` or `--- content` lines, or a document with a syntax error, so that errors are reported
 * exactly as the yaml package reports them for the whole stream.
 */
function fastYamlDocs(text: string): ManifestDoc[] | undefined {
  const docs: ManifestDoc[] = [];
  let start = 0;
  let firstLine = 1;
  let line = 1;
  let pos = 0;
  const flush = (end: number, endsWithNewline: boolean): boolean => {
    const slice = text.slice(start, end);
    let fast: FastDoc | undefined;
    if (fastYamlEligible(slice)) {
      const lines = slice.split('\n');
      if (endsWithNewline && lines[lines.length - 1] === '') lines.pop();
      if (slice.includes('\r')) for (let k = 0; k < lines.length; k++) if (lines[k].endsWith('\r')) lines[k] = lines[k].slice(0, -1);
      fast = readFastDoc(lines, firstLine, endsWithNewline);
    }
    if (fast) {
      docs.push({ value: fast.value, locate: fastLocate(fast, slice, firstLine) });
      return true;
    }
    const slow = yamlDocs(slice, firstLine - 1);
    if (slow.some((d) => d.error)) return false;
    docs.push(...slow);
    return true;
  };
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const c = text.charCodeAt(pos);
    if (c === 37) return undefined; // % directive
    if ((c === 45 || c === 46) && text.startsWith(c === 45 ? '---' : '...', pos)) {
      const after = text.charCodeAt(pos + 3);
      if (pos + 3 >= end || after === 32 || after === 9 || (after === 13 && pos + 4 === end)) {
        if (c === 46) return undefined; // document end marker
        const rest = text.slice(pos + 3, end);
        if (!MARKER_REST.test(rest) || !fastYamlEligible(rest.replace(/\r$/, ''))) return undefined; // content after ---
        if (!flush(pos, true)) return undefined;
        start = nl < 0 ? text.length : nl + 1;
        firstLine = line + 1;
      }
    }
    if (nl < 0) break;
    pos = nl + 1;
    line++;
  }
  if (!flush(text.length, text.endsWith('\n'))) return undefined;
  return docs;
}
