import ipaddr from 'ipaddr.js';
import type { IPBlock } from './types.ts';

type Parsed = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Parsed, number];

/**
 * A dotted-quad IPv4 address as an unsigned 32-bit number, or -1. Exactly the addresses ipaddr.js's
 * isValidFourPartDecimal accepts (four decimal parts 0-255, no leading zeros), without regular expressions.
 */
export function ipv4ToUint(text: string): number {
  const n = text.length;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) { // '.'
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && part === 0) return -1; // leading zero
      part = part * 10 + (c - 48);
      if (part > 255) return -1;
      digits++;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
}

/** Parses an address; IPv4-mapped IPv6 addresses are treated as IPv4. Returns undefined if invalid. */
function strictlyValid(text: string): boolean {
  return text.includes(':') ? ipaddr.IPv6.isValid(text) : ipv4ToUint(text) >= 0;
}

export function parseIP(text: string): Parsed | undefined {
  if (!strictlyValid(text)) return undefined;
  const a = ipaddr.parse(text);
  if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()) return (a as ipaddr.IPv6).toIPv4Address();
  return a;
}

export function isValidIP(text: string): boolean {
  return ipv4ToUint(text) >= 0 || parseIP(text) !== undefined;
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
  return cidr4(text) !== undefined || parseCIDR(text) !== undefined;
}

/** An IPv4 CIDR as [network base, mask] (unsigned 32-bit), or undefined for IPv6 and invalid text. */
function cidr4(text: string): [number, number] | undefined {
  const slash = text.indexOf('/');
  if (slash < 0 || slash + 1 === text.length || text.length - slash > 4) return undefined;
  let bits = 0;
  for (let i = slash + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    bits = bits * 10 + (c - 48);
  }
  if (bits > 32) return undefined;
  const addr = ipv4ToUint(text.slice(0, slash));
  if (addr < 0) return undefined;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return [(addr & mask) >>> 0, mask];
}

/**
 * Parsed addresses, shared by every compiled ipBlock: an IPv4 (or IPv4-mapped IPv6) address as an unsigned
 * 32-bit number, an IPv6 address as its ipaddr.js object, null when invalid. Parsing once per address
 * (not once per address and block) is what keeps big reachability matrices fast. Bounded, so a
 * long-running session does not grow it forever.
 */
const addrCache = new Map<string, number | ipaddr.IPv6 | null>();

function addressOf(ip: string): number | ipaddr.IPv6 | null {
  let a = addrCache.get(ip);
  if (a !== undefined) return a;
  const v4 = ipv4ToUint(ip);
  if (v4 >= 0) a = v4;
  else {
    const p = parseIP(ip);
    a = p === undefined ? null : p.kind() === 'ipv4' ? ipv4ToUint(p.toString()) : p as ipaddr.IPv6;
  }
  if (addrCache.size >= 100_000) addrCache.clear();
  addrCache.set(ip, a);
  return a;
}

function inRange(addr: Parsed, range: Range): boolean {
  if (addr.kind() !== range[0].kind()) return false;
  return (addr as ipaddr.IPv4).match(range as [ipaddr.IPv4, number]);
}

export type IPMatcher = (ip: string) => boolean;

/**
 * Compiles an ipBlock: the address is in `cidr` and in none of `except`. IPv4 blocks compare numbers
 * (base and mask); addresses are parsed once each (see addressOf).
 */
export function compileIPBlock(block: IPBlock): IPMatcher {
  const v4 = cidr4(block.cidr);
  if (v4) {
    const [base, mask] = v4;
    // IPv6 except entries cannot contain an IPv4 address; invalid ones are ignored, as below.
    const except = (block.except ?? []).map(cidr4).filter((r): r is [number, number] => r !== undefined);
    const exBase = except.map((r) => r[0]);
    const exMask = except.map((r) => r[1]);
    return (ip) => {
      const a = addressOf(ip);
      if (typeof a !== 'number' || ((a & mask) >>> 0) !== base) return false;
      for (let k = 0; k < exBase.length; k++) if (((a & exMask[k]) >>> 0) === exBase[k]) return false;
      return true;
    };
  }
  const cidr = parseCIDR(block.cidr);
  const except = (block.except ?? []).map(parseCIDR).filter((r): r is Range => r !== undefined);
  if (!cidr) return () => false;
  return (ip) => {
    const a = addressOf(ip);
    if (a === null) return false;
    const addr = typeof a === 'number' ? new ipaddr.IPv4([a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255]) : a;
    return inRange(addr, cidr) && !except.some((r) => inRange(addr, r));
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
  const a = ipv4ToUint(ip);
  const r4 = a >= 0 ? cidr4(cidr) : undefined;
  if (r4) return ((a & r4[1]) >>> 0) === r4[0];
  const addr = parseIP(ip);
  const r = parseCIDR(cidr);
  return addr !== undefined && r !== undefined && inRange(addr, r);
}
