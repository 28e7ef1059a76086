// A small YAML highlighter for manifests: keys, values, comments and list/document punctuation. Line based
// (manifests in lessons are block-style YAML); long lines are cut into continuation lines. Pure.
import { span, type Line, type Span } from './lines.ts';

/** Finds a # that starts a comment (outside quotes, at the start or after a space). */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) { if (c === quote) quote = undefined; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || line[i - 1] === ' ')) return i;
  }
  return -1;
}

function highlightLine(line: string): Span[] {
  if (/^\s*(---|\.\.\.)\s*$/.test(line)) return [span(line, 'yaml-punct')];
  const ci = commentStart(line);
  const body = ci >= 0 ? line.slice(0, ci) : line;
  const comment = ci >= 0 ? line.slice(ci) : '';
  const out: Span[] = [];
  const m = /^(\s*)((?:- +)*)(.*)$/.exec(body)!;
  if (m[1]) out.push(span(m[1]));
  if (m[2]) out.push(span(m[2], 'yaml-punct'));
  const rest = m[3];
  const kv = /^((?:"[^"]*"|'[^']*'|[^\s:#][^:#]*?)):(\s+|$)(.*)$/.exec(rest);
  if (kv) {
    out.push(span(kv[1], 'yaml-key'), span(':', 'yaml-punct'));
    if (kv[2]) out.push(span(kv[2]));
    if (kv[3]) out.push(span(kv[3], 'yaml-value'));
  } else if (rest) {
    out.push(span(rest, 'yaml-value'));
  }
  if (comment) out.push(span(comment, 'yaml-comment'));
  return out;
}

/** Highlighted YAML, `width` columns at most; `numbered` adds line numbers (for the solution view). */
export function yamlLines(text: string, width: number, numbered = false): Line[] {
  const src = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  const numW = numbered ? String(src.length).length + 1 : 0;
  const w = Math.max(8, width - numW);
  const out: Line[] = [];
  src.forEach((raw, i) => {
    const spans = highlightLine(raw.replace(/\t/g, '  '));
    const prefix = numbered ? [span(String(i + 1).padStart(numW - 1) + ' ', 'dim')] : [];
    let cur: Span[] = [...prefix];
    let col = 0;
    for (const s of spans) {
      let t = s.text;
      while (col + t.length > w) {
        const room = w - col;
        if (room > 0) cur.push(span(t.slice(0, room), s.style));
        t = t.slice(Math.max(room, 0));
        out.push(cur);
        cur = numbered ? [span(' '.repeat(numW))] : [];
        col = 0;
      }
      if (t) { cur.push(span(t, s.style)); col += t.length; }
    }
    out.push(cur);
  });
  return out;
}
