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

type EndpointTest = (e: Endpoint) => boolean;

/** One pattern compiled once (addresses and ranges parsed ahead), so checks over thousands of pairs stay fast. */
function compilePattern(pattern: string): EndpointTest {
  if (pattern === '*') return () => true;
  if (pattern === 'external') return (e) => e.kind === 'ip';
  if (isValidIP(pattern)) return (e) => (e.kind === 'ip' ? e.ip : e.pod.ip) === pattern;
  if (isValidCIDR(pattern)) {
    const cache = new Map<string, boolean>();
    return (e) => {
      const ip = e.kind === 'ip' ? e.ip : e.pod.ip;
      let hit = cache.get(ip);
      if (hit === undefined) { hit = inCIDR(ip, pattern); cache.set(ip, hit); }
      return hit;
    };
  }
  const slash = pattern.indexOf('/');
  if (slash < 0) return () => false;
  const ns = pattern.slice(0, slash);
  const pod = pattern.slice(slash + 1);
  return (e) => e.kind === 'pod' && (ns === '*' || ns === e.pod.namespace) && (pod === '*' || pod === e.pod.name);
}

export type PairTest = (from: Endpoint, to: Endpoint, port: number, protocol: Protocol) => boolean;

function compileSide(patterns: readonly string[] | undefined): EndpointTest {
  if (patterns === undefined) return () => true;
  const tests = patterns.map(compilePattern);
  return (e) => tests.some((t) => t(e));
}

export function compileSelector(sel: PairSelector): PairTest {
  const from = compileSide(sel.from);
  const to = compileSide(sel.to);
  return (f, t, port, protocol) => (sel.protocol === undefined || sel.protocol === protocol)
    && (sel.ports === undefined || sel.ports.some((r) => port >= r.from && port <= r.to))
    && from(f) && to(t);
}

/** A test for "matches any of these selectors". */
export function compileAny(sels: readonly PairSelector[]): PairTest {
  const tests = sels.map(compileSelector);
  return (f, t, port, protocol) => tests.some((x) => x(f, t, port, protocol));
}

export function selectorMatches(sel: PairSelector, from: Endpoint, to: Endpoint, port: number, protocol: Protocol): boolean {
  return compileSelector(sel)(from, to, port, protocol);
}

export function anyMatches(sels: readonly PairSelector[], from: Endpoint, to: Endpoint, port: number, protocol: Protocol): boolean {
  return compileAny(sels)(from, to, port, protocol);
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
