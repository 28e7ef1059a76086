// Names outside the cluster ("example.com"): kube-dns forwards them upstream, and the simulated internet answers
// with a stable public address derived from the name, so egress ipBlock rules decide what happens next. Pure.

/** Top-level domains taken as the internet's (a name under any other suffix stays a cluster name). */
const TLDS = new Set([
  'com', 'org', 'net', 'io', 'dev', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'app', 'cloud', 'ai', 'co', 'me', 'tv', 'xyz', 'tech', 'site', 'online',
  'us', 'uk', 'de', 'fr', 'nl', 'eu', 'es', 'it', 'ch', 'at', 'se', 'no', 'dk', 'fi', 'pl', 'cz', 'be', 'pt', 'ie', 'ca', 'au', 'nz', 'jp', 'cn', 'in', 'br', 'ru', 'kr', 'sg',
]);

/** First octets of public address space (none private, shared, loopback, link-local, multicast or reserved). */
const PUBLIC_FIRST_OCTETS = [23, 34, 35, 44, 52, 54, 64, 93, 104, 128, 142, 151, 157, 185, 199, 209];

/**
 * Whether kube-dns would forward `name` upstream and get an answer: a dotted name whose last label is a public
 * top-level domain, outside cluster.local, and not SERVICE.NAMESPACE of one of `namespaces`.
 */
export function isExternalName(name: string, namespaces: readonly string[]): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(n) || n.length > 253) return false;
  if (n.endsWith('.cluster.local') || n.endsWith('.svc') || n.endsWith('.local')) return false;
  const labels = n.split('.');
  const tld = labels[labels.length - 1];
  if (!TLDS.has(tld)) return false;
  return !(labels.length === 2 && namespaces.includes(tld));
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The public IPv4 address the simulated internet gives a name: the same name always gets the same address. */
export function externalAddress(name: string): string {
  const n = name.toLowerCase().replace(/\.$/, '');
  const h = fnv(n);
  const first = PUBLIC_FIRST_OCTETS[h % PUBLIC_FIRST_OCTETS.length];
  const h2 = fnv(`${n}#`);
  return `${first}.${(h >>> 8) & 255}.${h2 & 255}.${1 + ((h2 >>> 8) % 254)}`;
}
