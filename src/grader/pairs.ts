// Pair selectors (a task's scope and free pairs) matched against probe pairs. Pure.
import { inCIDR, isValidCIDR, isValidIP, type Endpoint, type Protocol } from '../engine/index.ts';
import type { PairSelector } from '../content/task-types.ts';

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

function compilePairSelector(sel: PairSelector): PairTest {
  const from = compileSide(sel.from);
  const to = compileSide(sel.to);
  return (f, t, port, protocol) => (sel.protocol === undefined || sel.protocol === protocol)
    && (sel.ports === undefined || sel.ports.some((r) => port >= r.from && port <= r.to))
    && from(f) && to(t);
}

/** A test for "matches any of these selectors". */
export function compileAny(sels: readonly PairSelector[]): PairTest {
  const tests = sels.map(compilePairSelector);
  return (f, t, port, protocol) => tests.some((x) => x(f, t, port, protocol));
}
