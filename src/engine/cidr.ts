import ipaddr from 'ipaddr.js';
import type { IPBlock } from './types.ts';

type Parsed = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Parsed, number];

/** Parses an address; IPv4-mapped IPv6 addresses are treated as IPv4. Returns undefined if invalid. */
function strictlyValid(text: string): boolean {
  return text.includes(':') ? ipaddr.IPv6.isValid(text) : ipaddr.IPv4.isValidFourPartDecimal(text);
}

export function parseIP(text: string): Parsed | undefined {
  if (!strictlyValid(text)) return undefined;
  const a = ipaddr.parse(text);
  if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()) return (a as ipaddr.IPv6).toIPv4Address();
  return a;
}

export function isValidIP(text: string): boolean {
  return parseIP(text) !== undefined;
}

export function parseCIDR(text: string): Range | undefined {
  try {
    const slash = text.indexOf('/');
    if (slash < 0 || !strictlyValid(text.slice(0, slash)) || !/^\d{1,3}$/.test(text.slice(slash + 1))) return undefined;
    return ipaddr.parseCIDR(text) as Range;
  } catch {
    return undefined;
  }
}

export function isValidCIDR(text: string): boolean {
  return parseCIDR(text) !== undefined;
}

function inRange(addr: Parsed, range: Range): boolean {
  if (addr.kind() !== range[0].kind()) return false;
  return (addr as ipaddr.IPv4).match(range as [ipaddr.IPv4, number]);
}

export type IPMatcher = (ip: string) => boolean;

/** Compiles an ipBlock: the address is in `cidr` and in none of `except`. */
export function compileIPBlock(block: IPBlock): IPMatcher {
  const cidr = parseCIDR(block.cidr);
  const except = (block.except ?? []).map(parseCIDR).filter((r): r is Range => r !== undefined);
  if (!cidr) return () => false;
  const cache = new Map<string, boolean>();
  return (ip) => {
    let hit = cache.get(ip);
    if (hit === undefined) {
      const addr = parseIP(ip);
      hit = addr !== undefined && inRange(addr, cidr) && !except.some((r) => inRange(addr, r));
      cache.set(ip, hit);
    }
    return hit;
  };
}

/** Index of the first `except` entry containing ip, or -1. For explanations. */
export function exceptHit(block: IPBlock, ip: string): number {
  const addr = parseIP(ip);
  if (!addr) return -1;
  return (block.except ?? []).findIndex((e) => {
    const r = parseCIDR(e);
    return r !== undefined && inRange(addr, r);
  });
}

export function inCIDR(ip: string, cidr: string): boolean {
  const addr = parseIP(ip);
  const r = parseCIDR(cidr);
  return addr !== undefined && r !== undefined && inRange(addr, r);
}
