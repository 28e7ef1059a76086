// Control characters in text that reaches a terminal: C0 controls, DEL and C1 controls can move the cursor,
// clear the screen, set the window title (OSC 0) or plant hyperlinks (OSC 8). Everything echoed from input or
// content goes through escapeControl; names are quoted like the API server quotes them (Go's %q). Pure.

/** C0 controls, DEL and C1 controls (U+0080–U+009F). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f]/g;

/** The SGR sequences netpol-dojo's own colours use (cli/io.ts paint): bold, dim, red, green and their resets. */
const OWN_SGR = /\u001b\[(?:1|2|22|31|32|39)m/y;

export function hasControl(text: string): boolean {
  return CONTROL.test(text);
}

/** The first control character that is not layout (\n, \t), or -1. */
export function firstControl(text: string, layout = '\n\t'): number {
  CONTROL_ALL.lastIndex = 0;
  for (let m = CONTROL_ALL.exec(text); m; m = CONTROL_ALL.exec(text)) if (!layout.includes(m[0])) return m.index;
  return -1;
}

/** "\x1b" for C0 and DEL, "\u009b" for C1: what Go's %q prints, so messages read the same everywhere. */
export function controlName(ch: string): string {
  const c = ch.charCodeAt(0);
  return c < 0x80 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
}

export interface EscapeOptions {
  /** Controls kept as they are because they are layout; default "\n\t". */
  readonly keep?: string;
  /** Keep the exact colour sequences cli/io.ts paints with (only when colours are on). */
  readonly ownColours?: boolean;
}

/**
 * Makes every control character visible as text ("\x1b", "\u009b"), except the layout characters in
 * `keep`. Text without controls is returned as is (one regex test, linear).
 */
export function escapeControl(text: string, opts: EscapeOptions = {}): string {
  if (!CONTROL.test(text)) return text;
  const keep = opts.keep ?? '\n\t';
  let out = '';
  let last = 0;
  CONTROL_ALL.lastIndex = 0;
  for (let m = CONTROL_ALL.exec(text); m; m = CONTROL_ALL.exec(text)) {
    const i = m.index;
    if (keep.includes(m[0])) continue;
    if (opts.ownColours && m[0] === '\u001b') {
      OWN_SGR.lastIndex = i;
      if (OWN_SGR.test(text)) { CONTROL_ALL.lastIndex = OWN_SGR.lastIndex; continue; }
    }
    out += text.slice(last, i) + controlName(m[0]);
    last = i + 1;
  }
  return out + text.slice(last);
}

const GO_NAMED: Record<string, string> = { '\u0007': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u000b': '\\v', '\\': '\\\\', '"': '\\"' };

/** Characters Go's strconv.Quote escapes: controls, other non-printables and separators (but not " "). */
const GO_UNPRINTABLE = /[\\"\p{C}\p{Z}]/u;
const GO_UNPRINTABLE_ALL = /[\\"\p{C}\p{Z}]/gu;

/** A string quoted the way Go's %q (strconv.Quote) quotes it, as the API server does in its messages. */
export function goQuote(text: string): string {
  if (!GO_UNPRINTABLE.test(text)) return `"${text}"`;
  return `"${text.replace(GO_UNPRINTABLE_ALL, (ch) => {
    if (ch === ' ') return ch;
    const named = GO_NAMED[ch];
    if (named) return named;
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) return `\\x${cp.toString(16).padStart(2, '0')}`;
    if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, '0')}`;
    return `\\U${cp.toString(16).padStart(8, '0')}`;
  })}"`;
}

/** Values echoed in messages are cut to this many characters (a 100 000-character name is not worth printing). */
export const ECHO_LIMIT = 256;

/** goQuote, shortened for very long values: "aaaa…"... (100000 characters). */
export function quoteValue(text: string): string {
  if (text.length <= ECHO_LIMIT) return goQuote(text);
  return `${goQuote(text.slice(0, 64))}... (${text.length} characters)`;
}

/** A string of content holding a control character: where (path, and line/column inside the string). */
export interface ControlHit {
  readonly path: readonly (string | number)[];
  /** 1-based, inside the string (a block scalar's line k is line k of the string). */
  readonly line: number;
  readonly col: number;
  /** The character, as text: "\x1b". */
  readonly char: string;
}

/** The first control character (other than newline and tab) of every string in `data`, keys included. */
export function findControlChars(data: unknown, path: readonly (string | number)[] = []): ControlHit[] {
  const out: ControlHit[] = [];
  const visit = (v: unknown, at: readonly (string | number)[]): void => {
    if (typeof v === 'string') {
      const i = firstControl(v);
      if (i < 0) return;
      const before = v.slice(0, i);
      const nl = before.lastIndexOf('\n');
      out.push({ path: at, line: before.split('\n').length, col: i - nl, char: controlName(v[i]) });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, [...at, i]));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const i = firstControl(k);
        if (i >= 0) out.push({ path: [...at, k], line: 1, col: i + 1, char: controlName(k[i]) });
        visit(x, [...at, k]);
      }
    }
  };
  visit(data, path);
  return out;
}

/** The linter's message for a control character in content. */
export function controlMessage(hit: ControlHit): string {
  return `contains the control character ${hit.char}: content must not hold terminal control characters (escape sequences can clear the screen, set the window title or disguise links)`;
}
