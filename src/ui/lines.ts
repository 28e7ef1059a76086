// Styled text laid out as terminal lines, computed before rendering so views can wrap, split into panes and
// scroll precisely. Pure.
import { escapeControl } from '../content/control-text.ts';

export type SpanStyle =
  | 'plain' | 'bold' | 'code' | 'dim' | 'heading' | 'accent' | 'ok' | 'bad' | 'warn'
  | 'yaml-key' | 'yaml-value' | 'yaml-comment' | 'yaml-punct' | 'selected';

export interface Span { readonly text: string; readonly style: SpanStyle }
export type Line = readonly Span[];

/**
 * Content (pack lessons, scenario text, command output) may hold control characters: an OSC 0 would set the
 * terminal title, ESC [2J clear the screen, OSC 8 plant a link. Spans show them as visible text ("\x1b").
 * A span is part of one terminal row: a tab becomes two spaces (as in preformatted), a newline is shown.
 */
export function visible(text: string): string {
  return escapeControl(text.includes('\t') ? text.replace(/\t/g, '  ') : text, { keep: '' });
}

export const span = (text: string, style: SpanStyle = 'plain'): Span => ({ text: visible(text), style });
export const blank: Line = [];

export function lineText(line: Line): string {
  return line.map((s) => s.text).join('');
}

/** Splits spans into words and spaces, keeping each piece's style. */
function pieces(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    for (const part of visible(s.text).split(/( +)/)) if (part) out.push({ text: part, style: s.style });
  }
  return out;
}

function pushPiece(line: Span[], p: Span): void {
  const last = line[line.length - 1];
  if (last && last.style === p.style) line[line.length - 1] = { text: last.text + p.text, style: p.style };
  else line.push(p);
}

/**
 * Word-wraps spans to `width` columns. Continuation lines start with `indent` spaces (hanging indent for
 * list items). Words longer than a line are cut. Trailing spaces at a break are dropped.
 */
export function wrapSpans(spans: readonly Span[], width: number, indent = 0, firstPrefix: readonly Span[] = []): Line[] {
  const w = Math.max(8, width);
  const lines: Span[][] = [];
  let cur: Span[] = [...firstPrefix];
  let col = firstPrefix.reduce((n, s) => n + s.text.length, 0);
  let content = false; // whether `cur` holds anything beyond its prefix
  const newLine = () => {
    // drop the spaces at the break
    while (cur.length) {
      const last = cur[cur.length - 1];
      const trimmed = last.text.replace(/ +$/, '');
      if (trimmed === last.text) break;
      if (trimmed) { cur[cur.length - 1] = { text: trimmed, style: last.style }; break; }
      cur.pop();
    }
    lines.push(cur);
    cur = indent > 0 ? [span(' '.repeat(indent))] : [];
    col = indent;
    content = false;
  };
  for (const p of pieces(spans)) {
    if (/^ +$/.test(p.text)) {
      if (!content && lines.length > 0) continue; // no leading spaces on continuation lines
      if (col + p.text.length > w) { newLine(); continue; }
      pushPiece(cur, p);
      col += p.text.length;
      continue;
    }
    if (col + p.text.length > w && content) newLine();
    let text = p.text;
    while (col + text.length > w) {
      const room = Math.max(1, w - col);
      pushPiece(cur, { text: text.slice(0, room), style: p.style });
      text = text.slice(room);
      newLine();
    }
    if (text) { pushPiece(cur, { text, style: p.style }); col += text.length; content = true; }
  }
  if (content || lines.length === 0) newLine();
  return lines;
}

/** Plain multi-line text (command output): each source line wrapped, nothing reflowed. */
export function preformatted(text: string, width: number, style: SpanStyle = 'plain'): Line[] {
  const out: Line[] = [];
  const w = Math.max(8, width);
  for (const raw of text.replace(/\n$/, '').split('\n')) {
    const lineText = visible(raw);
    if (lineText.length === 0) { out.push(blank); continue; }
    for (let i = 0; i < lineText.length; i += w) out.push([span(lineText.slice(i, i + w), style)]);
  }
  return out;
}

/** Side by side: left lines padded to `leftWidth`, a gap, then right lines. */
export function besideLines(left: readonly Line[], right: readonly Line[], leftWidth: number, gap = 3): Line[] {
  const n = Math.max(left.length, right.length);
  const out: Line[] = [];
  for (let i = 0; i < n; i++) {
    const l = left[i] ?? blank;
    const pad = Math.max(0, leftWidth - lineText(l).length) + gap;
    out.push([...l, span(' '.repeat(pad)), ...(right[i] ?? blank)]);
  }
  return out;
}

/** out.push(...lines) without spreading: a spread call passes every line as an argument, and a long text (250 000 lines) overflowed the stack. */
export function append(out: Line[], lines: readonly Line[]): Line[] {
  for (const l of lines) out.push(l);
  return out;
}
