// Scalars and line helpers for fast-yaml.ts: YAML 1.2 core-schema resolution of plain scalars, single-line
// quoted scalars, and the character tests of the block-YAML subset reader.

/** Thrown (one shared instance, no stack) when the input leaves the subset fast-yaml.ts reads. */
export const BAIL: unique symbol = Symbol('bail');

// YAML 1.2 core schema, in the yaml package's order: null (~, null, Null, NULL, empty), bool (true, True, TRUE,
// false, False, FALSE), then int 0o, int, int 0x, .nan/.inf, exp, float.
const OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const HEX_RE = /^0x[0-9a-fA-F]+$/;
const NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the core schema. */
export function resolvePlain(s: string): unknown {
  switch (s.charCodeAt(0)) {
    // Only these first characters can start a null, a boolean or a number; exact comparisons are the regexes.
    case 126: case 110: case 78: // ~ n N
      return s === '~' || s === 'null' || s === 'Null' || s === 'NULL' ? null : s;
    case 116: case 84: // t T
      return s === 'true' || s === 'True' || s === 'TRUE' ? true : s;
    case 102: case 70: // f F
      return s === 'false' || s === 'False' || s === 'FALSE' ? false : s;
    case 43: case 45: case 46: case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55: case 56: case 57: // + - . 0-9
      if (OCT_RE.test(s)) return parseInt(s.substring(2), 8);
      if (INT_RE.test(s)) return parseInt(s, 10);
      if (HEX_RE.test(s)) return parseInt(s.substring(2), 16);
      if (NAN_RE.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? Number.NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
      if (EXP_RE.test(s) || FLOAT_RE.test(s)) return parseFloat(s);
      return s;
    default:
      return Number.isNaN(s.charCodeAt(0)) ? null : s; // the empty string is null
  }
}

export const SPACE = 32;
export const HASH = 35;
export const DASH = 45;
export const COLON = 58;
export const DQUOTE = 34;
export const SQUOTE = 39;

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};

/** Characters a plain scalar may not start with (in block context; `-?:` are handled separately). */
export function badPlainStart(c: number): boolean {
  // , [ ] { } # & * ! | > ' " % @ `
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === HASH || c === 38 || c === 42 || c === 33
    || c === 124 || c === 62 || c === SQUOTE || c === DQUOTE || c === 37 || c === 64 || c === 96;
}

export function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

export function skipSpaces(line: string, p: number): number {
  while (line.charCodeAt(p) === SPACE) p++;
  return p;
}

/** Nothing but spaces and maybe a comment from p on (a comment needs a space before it, or the line start). */
export function restIsEmpty(line: string, p: number): boolean {
  const q = skipSpaces(line, p);
  return q >= line.length || (line.charCodeAt(q) === HASH && (q > p || q === 0 || line.charCodeAt(q - 1) === SPACE));
}

export function isSeqIndicator(line: string, c: number): boolean {
  return line.charCodeAt(c) === DASH && (c + 1 === line.length || line.charCodeAt(c + 1) === SPACE);
}

/** A double-quoted scalar on one line starting at p: [value, index after the closing quote]. */
export function doubleQuoted(line: string, p: number): [string, number] {
  let out = '';
  let i = p + 1;
  let run = i;
  for (;;) {
    if (i >= line.length) throw BAIL; // continues on the next line
    const ch = line.charCodeAt(i);
    if (ch === DQUOTE) return [out + line.slice(run, i), i + 1];
    if (ch === 92) { // backslash
      out += line.slice(run, i);
      const next = line[i + 1];
      if (next === undefined) throw BAIL;
      const simple = ESCAPES[next];
      if (simple !== undefined) { out += simple; i += 2; } else {
        const len = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
        const hex = line.substr(i + 2, len);
        if (len === 0 || hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) throw BAIL;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) throw BAIL;
        out += String.fromCodePoint(code);
        i += 2 + len;
      }
      run = i;
    } else i++;
  }
}

/** A single-quoted scalar on one line starting at p: [value, index after the closing quote]. */
export function singleQuoted(line: string, p: number): [string, number] {
  let out = '';
  let i = p + 1;
  for (;;) {
    const q = line.indexOf("'", i);
    if (q < 0) throw BAIL;
    out += line.slice(i, q);
    if (line.charCodeAt(q + 1) === SQUOTE) { out += "'"; i = q + 2; } else return [out, q + 1];
  }
}

/** Trims trailing spaces only (String#trimEnd would also drop non-breaking spaces, which are content). */
export function trimSpaces(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === SPACE) e--;
  return e === s.length ? s : s.slice(0, e);
}
