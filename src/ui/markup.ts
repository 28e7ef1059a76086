// The lessons' inline markup → wrapped lines: paragraphs separated by blank lines, `code`, **bold**,
// "- " bullet lists and "1. " numbered lists (continuation lines indented under the item). Pure.
import { append, blank, span, wrapSpans, type Line, type Span, type SpanStyle } from './lines.ts';

/** Inline markup of one paragraph or item: `code` and **bold**; an unpaired marker stays literal. */
export function inlineSpans(text: string, base: SpanStyle = 'plain'): Span[] {
  const out: Span[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(span(text.slice(last, m.index), base));
    out.push(m[1] !== undefined ? span(m[1], 'code') : span(m[2], 'bold'));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(span(text.slice(last), base));
  return out;
}

type Block =
  | { readonly kind: 'para'; readonly text: string }
  | { readonly kind: 'item'; readonly marker: string; readonly text: string; readonly depth: number }
  | { readonly kind: 'code'; readonly lines: readonly string[] };

const ITEM = /^(\s*)([-*]|\d+[.)])\s+(.*)$/;

function blocks(text: string): Block[] {
  const out: Block[] = [];
  let para: string[] = [];
  let code: string[] | undefined;
  const flush = () => { if (para.length) out.push({ kind: 'para', text: para.join(' ') }); para = []; };
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    if (code) {
      if (/^\s*```/.test(raw)) { out.push({ kind: 'code', lines: code }); code = undefined; } else code.push(raw);
      continue;
    }
    if (/^\s*```/.test(raw)) { flush(); code = []; continue; }
    const line = raw.trimEnd();
    if (line.trim() === '') { flush(); out.push({ kind: 'para', text: '' }); continue; }
    const item = ITEM.exec(line);
    if (item) {
      flush();
      out.push({ kind: 'item', marker: /^\d/.test(item[2]) ? item[2].replace(')', '.') : '•', text: item[3], depth: Math.floor(item[1].length / 2) });
      continue;
    }
    const prev = out[out.length - 1];
    if (para.length === 0 && prev?.kind === 'item' && /^\s+\S/.test(raw)) {
      out[out.length - 1] = { ...prev, text: `${prev.text} ${line.trim()}` }; // continuation of a list item
      continue;
    }
    para.push(line.trim());
  }
  if (code) out.push({ kind: 'code', lines: code });
  flush();
  return out;
}

/** Renders markup to lines of at most `width` columns. Consecutive blank lines collapse into one. */
export function markupLines(text: string, width: number): Line[] {
  const out: Line[] = [];
  for (const b of blocks(text)) {
    switch (b.kind) {
      case 'para':
        if (b.text === '') { if (out.length && out[out.length - 1].length !== 0) out.push(blank); break; }
        append(out, wrapSpans(inlineSpans(b.text), width));
        break;
      case 'item': {
        const lead = '  '.repeat(b.depth) + `${b.marker} `;
        append(out, wrapSpans(inlineSpans(b.text), width, lead.length, [span(lead, b.marker === '•' ? 'accent' : 'plain')]));
        break;
      }
      case 'code':
        for (const l of b.lines) out.push([span('  '), span(l, 'code')]);
        break;
      default: {
        const never: never = b;
        throw new Error(`unknown block ${String(never)}`);
      }
    }
  }
  while (out.length && out[out.length - 1].length === 0) out.pop();
  return out;
}
