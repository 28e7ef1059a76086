// The part of kubectl's JSONPath templates people use in exams: {.a.b}, [n], [*], [?(@.k=="v")],
// {range …}{end}, and quoted literals like {"\n"}.

type Seg = { kind: 'field'; name: string } | { kind: 'index'; i: number } | { kind: 'all' } | { kind: 'filter'; path: Seg[]; value: string; neg: boolean };

function parsePath(text: string): Seg[] | undefined {
  const segs: Seg[] = [];
  let i = 0;
  const s = text.trim();
  if (s === '' || s === '@' || s === '$') return segs;
  let rest = s.startsWith('$') || s.startsWith('@') ? s.slice(1) : s;
  while (rest.length) {
    let m: RegExpExecArray | null;
    if ((m = /^\.\.?([A-Za-z0-9_\-/\\.]*?)(?=[.[]|$)/.exec(rest)) && m[1] !== undefined) {
      if (m[1]) segs.push({ kind: 'field', name: m[1].replace(/\\\./g, '.') });
      rest = rest.slice(m[0].length);
      if (m[0] === '.' && !m[1]) { if (!rest.startsWith('[')) return undefined; }
    } else if ((m = /^\[(\d+)\]/.exec(rest))) {
      segs.push({ kind: 'index', i: Number(m[1]) }); rest = rest.slice(m[0].length);
    } else if ((m = /^\[\*\]/.exec(rest))) {
      segs.push({ kind: 'all' }); rest = rest.slice(m[0].length);
    } else if ((m = /^\[\?\(@((?:\.[A-Za-z0-9_\-/]+)+)\s*(==|!=)\s*["']([^"']*)["']\)\]/.exec(rest))) {
      const inner = parsePath(m[1]);
      if (!inner) return undefined;
      segs.push({ kind: 'filter', path: inner, value: m[3], neg: m[2] === '!=' }); rest = rest.slice(m[0].length);
    } else if ((m = /^\['([^']+)'\]/.exec(rest))) {
      segs.push({ kind: 'field', name: m[1] }); rest = rest.slice(m[0].length);
    } else return undefined;
    if (++i > 100) return undefined;
  }
  return segs;
}

function walk(values: unknown[], segs: Seg[]): unknown[] {
  let cur = values;
  for (const seg of segs) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (seg.kind === 'field') {
        if (v && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v as object, seg.name)) next.push((v as Record<string, unknown>)[seg.name]);
      } else if (seg.kind === 'index') {
        if (Array.isArray(v) && seg.i < v.length) next.push(v[seg.i]);
      } else if (seg.kind === 'all') {
        if (Array.isArray(v)) for (const x of v) next.push(x);
        else if (v && typeof v === 'object') for (const x of Object.values(v)) next.push(x);
      } else if (Array.isArray(v)) {
        for (const item of v) {
          const got = walk([item], seg.path).map(String);
          if (got.includes(seg.value) !== seg.neg) next.push(item);
        }
      }
    }
    cur = next;
  }
  return cur;
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

type Node = { kind: 'text'; text: string } | { kind: 'expr'; path: Seg[] } | { kind: 'range'; path: Seg[]; body: Node[] };

function unquote(s: string): string {
  return s.slice(1, -1).replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\"/g, '"');
}

export function jsonPath(root: unknown, template: string): { ok: true; text: string } | { ok: false; error: string } {
  const tpl = template.replace(/^'(.*)'$/s, '$1');
  const parts = tpl.split(/(\{[^}]*\})/).filter((p) => p !== '');
  const stack: Node[][] = [[]];
  const ranges: { path: Seg[] }[] = [];
  for (const p of parts) {
    const top = stack[stack.length - 1];
    if (!p.startsWith('{') || !p.endsWith('}')) { top.push({ kind: 'text', text: p }); continue; }
    const inner = p.slice(1, -1).trim();
    if (/^".*"$/.test(inner) || /^'.*'$/.test(inner)) { top.push({ kind: 'text', text: unquote(inner) }); continue; }
    if (inner.startsWith('range ')) {
      const path = parsePath(inner.slice(6));
      if (!path) return { ok: false, error: `error: error parsing jsonpath ${template}, unrecognized expression ${inner}` };
      ranges.push({ path });
      stack.push([]);
      continue;
    }
    if (inner === 'end') {
      const body = stack.pop();
      const r = ranges.pop();
      if (!body || !r || stack.length === 0) return { ok: false, error: `error: error parsing jsonpath ${template}, not in range, nothing to end` };
      stack[stack.length - 1].push({ kind: 'range', path: r.path, body });
      continue;
    }
    const path = parsePath(inner);
    if (!path) return { ok: false, error: `error: error parsing jsonpath ${template}, unrecognized character in action: ${inner}` };
    top.push({ kind: 'expr', path });
  }
  if (stack.length !== 1) return { ok: false, error: `error: error parsing jsonpath ${template}, unclosed action` };
  const render = (nodes: Node[], ctx: unknown): string => nodes.map((n) => {
    if (n.kind === 'text') return n.text;
    if (n.kind === 'expr') return walk([ctx], n.path).map(show).join(' ');
    return walk([ctx], n.path).map((item) => render(n.body, item)).join('');
  }).join('');
  return { ok: true, text: render(stack[0], root) };
}

/**
 * The values one JSONPath expression finds (`.a.b`, `{.a.b}`, `a.b`: kubectl's relaxed form, as --sort-by and
 * custom-columns accept it); undefined when the expression is not one.
 */
export function jsonPathValues(root: unknown, expr: string): unknown[] | undefined {
  let e = expr.trim();
  if (e.startsWith('{') && e.endsWith('}')) e = e.slice(1, -1).trim();
  if (e !== '' && !e.startsWith('.') && !e.startsWith('$') && !e.startsWith('@') && !e.startsWith('[')) e = `.${e}`;
  const path = parsePath(e);
  return path === undefined ? undefined : walk([root], path);
}
