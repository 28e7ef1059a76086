// kubectl's -l/--selector syntax: "a=b,c!=d,e in (x,y),f notin (z),g,!h".
export type SelectorTerm =
  | { readonly op: 'eq' | 'ne'; readonly key: string; readonly value: string }
  | { readonly op: 'in' | 'notin'; readonly key: string; readonly values: readonly string[] }
  | { readonly op: 'exists' | 'notexists'; readonly key: string };

export type SelectorParse = { ok: true; terms: SelectorTerm[] } | { ok: false; error: string };

/** Splits on commas that are not inside parentheses. */
function splitTerms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

const KEY = /^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$/;

export function parseSelector(text: string): SelectorParse {
  const terms: SelectorTerm[] = [];
  if (text.trim() === '') return { ok: true, terms };
  for (const t of splitTerms(text)) {
    let m: RegExpExecArray | null;
    if ((m = /^(\S+?)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t))) {
      terms.push({ op: m[2] as 'in' | 'notin', key: m[1], values: m[3].split(',').map((s) => s.trim()).filter(Boolean) });
    } else if ((m = /^([^=!\s]+)\s*!=\s*(\S*)$/.exec(t))) {
      terms.push({ op: 'ne', key: m[1], value: m[2] });
    } else if ((m = /^([^=!\s]+)\s*==?\s*(\S*)$/.exec(t))) {
      terms.push({ op: 'eq', key: m[1], value: m[2] });
    } else if ((m = /^!\s*(\S+)$/.exec(t))) {
      terms.push({ op: 'notexists', key: m[1] });
    } else if (KEY.test(t)) {
      terms.push({ op: 'exists', key: t });
    } else {
      return { ok: false, error: `error: unable to parse requirement: found '${t}', expected: identifier` };
    }
  }
  for (const term of terms) if (!KEY.test(term.key)) return { ok: false, error: `error: unable to parse requirement: invalid label key "${term.key}"` };
  return { ok: true, terms };
}

export function selectorMatches(terms: readonly SelectorTerm[], labels: Readonly<Record<string, string>>): boolean {
  return terms.every((t) => {
    const has = Object.hasOwn(labels, t.key);
    switch (t.op) {
      case 'eq': return has && labels[t.key] === t.value;
      case 'ne': return !has || labels[t.key] !== t.value;
      case 'in': return has && t.values.includes(labels[t.key]);
      case 'notin': return !has || !t.values.includes(labels[t.key]);
      case 'exists': return has;
      case 'notexists': return !has;
      default: {
        const never: never = t;
        return Boolean(never);
      }
    }
  });
}
