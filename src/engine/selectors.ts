import type { LabelSelector, Labels } from './types.ts';

/** A compiled label selector: a predicate over a label set. */
export type LabelMatcher = (labels: Labels) => boolean;

export const matchAll: LabelMatcher = () => true;

/**
 * Compiles a label selector. An empty selector ({}) matches everything.
 * matchLabels and every matchExpressions requirement are ANDed.
 * NotIn and DoesNotExist match objects that lack the key.
 */
export function compileSelector(sel: LabelSelector | undefined): LabelMatcher {
  if (!sel) return matchAll;
  const checks: LabelMatcher[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) {
    checks.push((l) => l[key] === value);
  }
  for (const req of sel.matchExpressions ?? []) {
    const key = req.key;
    const values = new Set(req.values ?? []);
    switch (req.operator) {
      case 'In':
        checks.push((l) => Object.hasOwn(l, key) && values.has(l[key]));
        break;
      case 'NotIn':
        checks.push((l) => !Object.hasOwn(l, key) || !values.has(l[key]));
        break;
      case 'Exists':
        checks.push((l) => Object.hasOwn(l, key));
        break;
      case 'DoesNotExist':
        checks.push((l) => !Object.hasOwn(l, key));
        break;
      default: {
        const never: never = req.operator;
        throw new Error(`unknown operator ${String(never)}`);
      }
    }
  }
  if (checks.length === 0) return matchAll;
  if (checks.length === 1) return checks[0];
  return (l) => checks.every((c) => c(l));
}

export function isEmptySelector(sel: LabelSelector | undefined): boolean {
  return !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);
}

/** Human form of a selector, kubectl style: "app=web,tier in (a,b)"; empty → "" */
export function formatSelector(sel: LabelSelector | undefined): string {
  if (!sel) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const r of sel.matchExpressions ?? []) {
    const vals = [...(r.values ?? [])].sort().join(',');
    switch (r.operator) {
      case 'In': parts.push(`${r.key} in (${vals})`); break;
      case 'NotIn': parts.push(`${r.key} notin (${vals})`); break;
      case 'Exists': parts.push(r.key); break;
      case 'DoesNotExist': parts.push(`!${r.key}`); break;
    }
  }
  return parts.join(',');
}
