// A fast reader for the block-YAML subset that Kubernetes manifests are written in: block mappings and
// sequences, plain and single-line quoted scalars, single-line flow collections, literal block scalars,
// comments. It gives exactly what the yaml package's `toJS()` gives (YAML 1.2 core schema) or gives up
// (returns undefined) on anything else: anchors, aliases, tags, folded or multi-line scalars, complex keys,
// duplicate keys, tabs, anything the yaml package would report as an error. The caller then uses the yaml
// package for that document, so behaviour and error messages never depend on this reader.
// It also records where each mapping starts (for the `source` of objects), as yaml's node ranges would.

import {
  BAIL, COLON, DASH, DQUOTE, HASH, SPACE, SQUOTE, badPlainStart, doubleQuoted, isFlowIndicator, isSeqIndicator, resolvePlain, restIsEmpty,
  singleQuoted, skipSpaces, trimSpaces,
} from './yaml-scalars.ts';

export { resolvePlain };

/** Packed 1-based line and column of each mapping's first key (or its `{`): line * COL_LIMIT + col. */
export const COL_LIMIT = 0x100000;

export interface FastDoc {
  readonly value: unknown;
  readonly positions: ReadonlyMap<object, number>;
}

class Reader {
  private i = 0;
  /** Whether the last next() passed a comment line. */
  private passedComment = false;
  readonly positions = new Map<object, number>();

  constructor(private readonly lines: readonly string[], private readonly firstLine: number, private readonly endsWithNewline: boolean) {}

  /** Moves to the next line with content (skipping blank and comment lines); its indentation, or -1 at the end. */
  private next(): number {
    const lines = this.lines;
    this.passedComment = false;
    for (; this.i < lines.length; this.i++) {
      const line = lines[this.i];
      const p = skipSpaces(line, 0);
      if (p < line.length) {
        if (line.charCodeAt(p) !== HASH) return p;
        this.passedComment = true;
      }
    }
    return -1;
  }

  private mark(obj: object, line: number, col: number): void {
    if (col >= COL_LIMIT) throw BAIL;
    this.positions.set(obj, (this.firstLine + line) * COL_LIMIT + col + 1); // lines[0] is line firstLine
  }

  doc(): unknown {
    const ind = this.next();
    if (ind < 0) return null;
    const value = this.node(ind, -1);
    if (this.next() >= 0) throw BAIL; // anything left over is an error for the yaml package to describe
    return value;
  }

  /** The block node whose content starts at column c of the current line. */
  private node(c: number, parent: number): unknown {
    const line = this.lines[this.i];
    if (isSeqIndicator(line, c)) return this.seq(c);
    const colon = this.keyEnd(line, c);
    if (colon >= 0) return this.map(c, colon);
    // A scalar below its key after a comment line: the yaml package may read it as a key (and fail).
    if (this.passedComment) throw BAIL;
    return this.inline(line, c, parent, false);
  }

  /**
   * Where the implicit key starting at column c ends (the index of its `:`), or -1 when the content there
   * is not `key: …`. Throws when it is a key outside the subset.
   */
  private keyEnd(line: string, c: number): number {
    const ch = line.charCodeAt(c);
    if (ch === DQUOTE || ch === SQUOTE) {
      const [, after] = ch === DQUOTE ? doubleQuoted(line, c) : singleQuoted(line, c);
      const q = skipSpaces(line, after);
      if (line.charCodeAt(q) === COLON && (q + 1 === line.length || line.charCodeAt(q + 1) === SPACE)) return q;
      return -1;
    }
    if (ch === 91 || ch === 123 || ch === 63) return -1; // flow collection or `?`: not a simple key
    let from = c;
    for (;;) {
      const colon = line.indexOf(':', from);
      if (colon < 0) return -1;
      const hash = line.indexOf(' #', c);
      if (hash >= 0 && hash < colon) return -1;
      if (colon + 1 === line.length || line.charCodeAt(colon + 1) === SPACE) return colon;
      from = colon + 1;
    }
  }

  private key(line: string, c: number, colon: number): string {
    const ch = line.charCodeAt(c);
    if (ch === DQUOTE) return doubleQuoted(line, c)[0];
    if (ch === SQUOTE) return singleQuoted(line, c)[0];
    const key = trimSpaces(line.slice(c, colon));
    if (key.length === 0 || key.length > 1000 || badPlainStart(ch)) throw BAIL;
    if ((ch === DASH || ch === COLON) && (key.length === 1 || key.charCodeAt(1) === SPACE)) throw BAIL;
    if (typeof resolvePlain(key) !== 'string') throw BAIL;
    return key;
  }

  /** A block mapping at column c; the current line's key ends at `colon`. */
  private map(c: number, colon: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    this.mark(obj, this.i, c);
    for (;;) {
      const line = this.lines[this.i];
      if (colon < 0) throw BAIL;
      const key = this.key(line, c, colon);
      // A duplicate key is an error; `<<` may be a merge key; `__proto__` would set the prototype.
      if (Object.hasOwn(obj, key) || key === '<<' || key === '__proto__') throw BAIL;
      let value: unknown;
      if (restIsEmpty(line, colon + 1)) {
        this.i++;
        const ind = this.next();
        if (ind > c) value = this.node(ind, c);
        else if (ind === c && isSeqIndicator(this.lines[this.i], c)) value = this.seq(c);
        else value = null;
      } else value = this.inline(line, skipSpaces(line, colon + 1), c, true);
      obj[key] = value;
      const ind = this.next();
      if (ind < c) return obj;
      if (ind > c || isSeqIndicator(this.lines[this.i], c)) throw BAIL;
      colon = this.keyEnd(this.lines[this.i], c);
    }
  }

  private seq(c: number): unknown[] {
    const arr: unknown[] = [];
    for (;;) {
      const line = this.lines[this.i];
      if (restIsEmpty(line, c + 1)) {
        this.i++;
        const ind = this.next();
        arr.push(ind > c ? this.node(ind, c) : null);
      } else {
        const q = skipSpaces(line, c + 1);
        const colon = isSeqIndicator(line, q) ? -1 : this.keyEnd(line, q);
        if (colon >= 0) arr.push(this.map(q, colon));
        else if (isSeqIndicator(line, q)) arr.push(this.seq(q));
        else arr.push(this.inline(line, q, c, true));
      }
      const ind = this.next();
      if (ind > c) throw BAIL;
      if (ind < c || !isSeqIndicator(this.lines[this.i], c)) return arr;
    }
  }

  /**
   * A value that starts at column p of the current line and ends on it (or a literal block scalar, which
   * takes the more indented lines below). `parent` is the indentation of the enclosing block.
   */
  private inline(line: string, p: number, parent: number, sameLine: boolean): unknown {
    const ch = line.charCodeAt(p);
    let value: unknown;
    let end: number;
    if (ch === DQUOTE) [value, end] = doubleQuoted(line, p);
    else if (ch === SQUOTE) [value, end] = singleQuoted(line, p);
    else if (ch === 91 || ch === 123) [value, end] = this.flow(line, p);
    else if (ch === 124) { // |
      if (!sameLine) throw BAIL;
      return this.literal(line, p, parent);
    } else {
      if (badPlainStart(ch)) throw BAIL;
      if ((ch === DASH || ch === COLON || ch === 63) && (p + 1 === line.length || line.charCodeAt(p + 1) === SPACE)) throw BAIL;
      const hash = line.indexOf(' #', p);
      const text = trimSpaces(hash < 0 ? line.slice(p) : line.slice(p, hash));
      if (text.includes(': ') || text.charCodeAt(text.length - 1) === COLON) throw BAIL;
      this.i++;
      return resolvePlain(text);
    }
    if (!restIsEmpty(line, end) || (end < line.length && line.charCodeAt(end) !== SPACE)) throw BAIL;
    this.i++;
    return value;
  }

  /** A flow collection that closes on the same line: [value, index after it]. */
  private flow(line: string, p: number): [unknown, number] {
    const open = line.charCodeAt(p);
    const close = open === 91 ? 93 : 125;
    const out: unknown = open === 91 ? [] : {};
    if (open === 123) this.mark(out as object, this.i, p);
    let i = skipSpaces(line, p + 1);
    if (line.charCodeAt(i) === close) return [out, i + 1];
    for (;;) {
      let item: unknown;
      [item, i] = this.flowItem(line, i);
      i = skipSpaces(line, i);
      if (open === 123) {
        // key: value (a key without a value, or an empty value, is left to the yaml package)
        if (typeof item !== 'string' || line.charCodeAt(i) !== COLON) throw BAIL;
        const key = item;
        if (key === '<<' || key === '__proto__' || Object.hasOwn(out as object, key)) throw BAIL;
        i = skipSpaces(line, i + 1);
        const n = line.charCodeAt(i);
        if (n === 44 || n === close || Number.isNaN(n)) throw BAIL;
        let value: unknown;
        [value, i] = this.flowItem(line, i);
        (out as Record<string, unknown>)[key] = value;
        i = skipSpaces(line, i);
      } else {
        if (line.charCodeAt(i) === COLON) throw BAIL; // an implicit pair inside a sequence
        (out as unknown[]).push(item);
      }
      const n = line.charCodeAt(i);
      if (n === close) return [out, i + 1];
      if (n !== 44) throw BAIL; // not `,`: unclosed on this line, or something unexpected
      i = skipSpaces(line, i + 1);
      if (line.charCodeAt(i) === close || line.charCodeAt(i) === 44) throw BAIL; // trailing or empty entry
    }
  }

  /** A scalar or nested collection inside a flow collection: [value, index after it]. */
  private flowItem(line: string, p: number): [unknown, number] {
    const ch = line.charCodeAt(p);
    if (ch === DQUOTE) {
      const [v, e] = doubleQuoted(line, p);
      return [v, e];
    }
    if (ch === SQUOTE) {
      const [v, e] = singleQuoted(line, p);
      return [v, e];
    }
    if (ch === 91 || ch === 123) return this.flow(line, p);
    if (Number.isNaN(ch) || badPlainStart(ch)) throw BAIL;
    if (ch === DASH || ch === COLON || ch === 63) {
      const n = line.charCodeAt(p + 1);
      if (Number.isNaN(n) || n === SPACE || isFlowIndicator(n)) throw BAIL;
    }
    let i = p;
    for (; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (isFlowIndicator(c)) break;
      if (c === HASH && line.charCodeAt(i - 1) === SPACE) throw BAIL;
      if (c === COLON) {
        const n = line.charCodeAt(i + 1);
        if (Number.isNaN(n) || n === SPACE || isFlowIndicator(n)) break;
      }
    }
    const text = trimSpaces(line.slice(p, i));
    if (text.length === 0) throw BAIL;
    return [resolvePlain(text), i];
  }

  /** A literal block scalar (`|`, `|-`, `|+`) whose header is at column p of the current line. */
  private literal(line: string, p: number, parent: number): string {
    let chomp = 'clip';
    let h = p + 1;
    const ind = line.charCodeAt(h);
    if (ind === DASH) { chomp = 'strip'; h++; } else if (ind === 43) { chomp = 'keep'; h++; }
    if (h < line.length && line.charCodeAt(h) !== SPACE) throw BAIL; // indentation indicator or junk
    if (!restIsEmpty(line, h)) throw BAIL;
    const lines = this.lines;
    let j = this.i + 1;
    // The first non-empty line sets the indentation; leading empty lines may not be longer than it.
    let maxLeading = 0;
    let m = -1;
    for (; j < lines.length; j++) {
      const l = lines[j];
      const s = skipSpaces(l, 0);
      if (s < l.length) { m = s; break; }
      maxLeading = Math.max(maxLeading, l.length);
    }
    if (m <= parent || maxLeading > m) throw BAIL; // empty scalar, or leading lines the yaml package rejects
    const body: string[] = [];
    let lastContent = -1;
    let k = this.i + 1;
    for (; k < lines.length; k++) {
      const l = lines[k];
      const s = skipSpaces(l, 0);
      if (s >= l.length) { // empty (or only spaces)
        if (l.length > m) throw BAIL; // more-indented spaces: content the yaml package may treat specially
        body.push('');
        continue;
      }
      if (s < m) {
        if (s > parent) throw BAIL;
        break;
      }
      body.push(l.slice(m));
      lastContent = body.length - 1;
    }
    // The last content line must end with a line break (the end of the text is a special case).
    if (k === lines.length && lastContent === body.length - 1 && !this.endsWithNewline) throw BAIL;
    this.i = k;
    const text = body.slice(0, lastContent + 1).join('\n');
    if (chomp === 'strip') return text;
    if (chomp === 'clip') return `${text}\n`;
    if (k === lines.length && !this.endsWithNewline) throw BAIL;
    return `${text}\n${'\n'.repeat(body.length - 1 - lastContent)}`;
  }
}

/** Characters the reader does not handle (tabs, control characters, BOM, Unicode line breaks, a lone CR). */
const UNUSUAL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\t\ufeff\u2028\u2029]|\r(?!\n)/;

/** False when the text has characters the reader does not handle: then use the yaml package. */
export function fastYamlEligible(text: string): boolean {
  return !UNUSUAL.test(text);
}

/**
 * Reads one document (its lines, without line breaks; `firstLine` is the 1-based line number of lines[0]).
 * The text must be fastYamlEligible. undefined when the document is outside the subset.
 */
export function readFastDoc(lines: readonly string[], firstLine: number, endsWithNewline: boolean): FastDoc | undefined {
  const r = new Reader(lines, firstLine, endsWithNewline);
  try {
    const value = r.doc();
    return { value, positions: r.positions };
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}
