// Pair selectors (a task's scope and free pairs) matched against probe pairs. Pure.
import { inCIDR, isValidCIDR, isValidIP, type Endpoint, type Protocol } from '../engine/index.ts';
export { validPattern } from '../content/patterns.ts';
import type { PairSelector } from '../content/task-types.ts';

/** Does one pattern ("NS/POD", "NS/*", "* /*", "external", an IP, a CIDR, "*") match the endpoint? */
export function patternMatches(pattern: string, e: Endpoint): boolean {
  if (pattern === '*') return true;
  if (pattern === 'external') return e.kind === 'ip';
  if (e.kind === 'ip') {
    if (isValidIP(pattern)) return pattern === e.ip;
    return isValidCIDR(pattern) && inCIDR(e.ip, pattern);
  }
  if (isValidCIDR(pattern)) return inCIDR(e.pod.ip, pattern);
  if (isValidIP(pattern)) return pattern === e.pod.ip;
  const slash = pattern.indexOf('/');
  if (slash < 0) return false;
  const ns = pattern.slice(0, slash);
  const pod = pattern.slice(slash + 1);
  return (ns === '*' || ns === e.pod.namespace) && (pod === '*' || pod === e.pod.name);
}

function side(patterns: readonly string[] | undefined, e: Endpoint): boolean {
  return patterns === undefined || patterns.some((p) => patternMatches(p, e));
}

export function selectorMatches(sel: PairSelector, from: Endpoint, to: Endpoint, port: number, protocol: Protocol): boolean {
  if (sel.protocol !== undefined && sel.protocol !== protocol) return false;
  if (sel.ports !== undefined && !sel.ports.some((r) => port >= r.from && port <= r.to)) return false;
  return side(sel.from, from) && side(sel.to, to);
}

export function anyMatches(sels: readonly PairSelector[], from: Endpoint, to: Endpoint, port: number, protocol: Protocol): boolean {
  return sels.some((s) => selectorMatches(s, from, to, port, protocol));
}

/** "from secure/* to kube-system/* on 53" */
export function describeSelector(sel: PairSelector): string {
  const parts: string[] = [];
  if (sel.from) parts.push(`from ${sel.from.join(' or ')}`);
  if (sel.to) parts.push(`to ${sel.to.join(' or ')}`);
  if (sel.ports) parts.push(`on ${sel.ports.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(', ')}`);
  if (sel.protocol) parts.push(`(${sel.protocol})`);
  return parts.length ? parts.join(' ') : 'every pair';
}
