// The numeric IPv4 fast paths agree with ipaddr.js; the matrix agrees with evaluate for address endpoints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { compileIPBlock, inCIDR, ipv4ToUint, isValidCIDR, isValidIP } from '../../src/engine/cidr.ts';
import { buildCluster, compileCluster, evaluate, reachMatrix, type Endpoint } from '../../src/engine/index.ts';

const octet = fc.oneof(fc.integer({ min: 0, max: 255 }).map(String), fc.constantFrom('256', '00', '01', '-1', '', 'a', '1e1', ' 1', '0x1'));
const v4ish = fc.oneof(
  fc.tuple(octet, octet, octet, octet).map((p) => p.join('.')),
  fc.array(octet, { minLength: 1, maxLength: 6 }).map((p) => p.join('.')),
  fc.constantFrom('::ffff:10.244.0.5', '::1', 'fd00::1', '10.244.0.1\n', '1.2.3.4.', '.1.2.3'),
);

/** The reference: ipaddr.js, as cidr.ts used it before the fast path. */
function refParse(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const ok = text.includes(':') ? ipaddr.IPv6.isValid(text) : ipaddr.IPv4.isValidFourPartDecimal(text);
  if (!ok) return undefined;
  const a = ipaddr.parse(text);
  return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
}
function refCIDR(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined {
  const slash = text.indexOf('/');
  if (slash < 0 || !refParse(text.slice(0, slash)) || !/^\d{1,3}$/.test(text.slice(slash + 1))) return undefined;
  try { return ipaddr.parseCIDR(text) as [ipaddr.IPv4, number]; } catch { return undefined; }
}
function refIn(ip: string, cidr: string): boolean {
  const a = refParse(ip);
  const r = refCIDR(cidr);
  return !!a && !!r && a.kind() === r[0].kind() && (a as ipaddr.IPv4).match(r as [ipaddr.IPv4, number]);
}

test('ipv4ToUint accepts exactly the four-part decimal addresses ipaddr.js accepts', () => {
  fc.assert(fc.property(v4ish, (s) => {
    const n = ipv4ToUint(s);
    const ok = !s.includes(':') && ipaddr.IPv4.isValidFourPartDecimal(s);
    assert.equal(n >= 0, ok, s);
    if (ok) assert.equal(n, ipaddr.IPv4.parse(s).toByteArray().reduce((a, o) => a * 256 + o, 0));
    assert.equal(isValidIP(s), refParse(s) !== undefined, s);
  }), { numRuns: 5000 });
});

test('ipBlock matching and inCIDR agree with ipaddr.js, IPv4-mapped IPv6 addresses included', () => {
  const addr = fc.oneof(v4ish, fc.tuple(fc.constantFrom(10, 192, 0, 255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')), fc.constantFrom('::ffff:10.0.0.1', '::ffff:c0a8:0101', 'fd00::5', '::'));
  const prefix = fc.oneof(fc.integer({ min: 0, max: 32 }).map(String), fc.constantFrom('33', '08', '128', '', '1234'));
  const cidr = fc.oneof(
    fc.tuple(fc.constantFrom('10.0.0.0', '10.0.0.1', '192.168.0.0', '0.0.0.0', '255.255.255.255', '10.1.0.0'), prefix).map(([a, p]) => `${a}/${p}`),
    fc.constantFrom('fd00::/64', '::ffff:10.0.0.0/104', '::/0', '10.0.0.0', 'x/8'),
  );
  fc.assert(fc.property(addr, cidr, fc.array(cidr, { maxLength: 2 }), (ip, c, except) => {
    assert.equal(isValidCIDR(c), refCIDR(c) !== undefined, c);
    assert.equal(inCIDR(ip, c), refIn(ip, c), `${ip} in ${c}`);
    const expected = refCIDR(c) !== undefined && refIn(ip, c) && !except.some((e) => refIn(ip, e));
    assert.equal(compileIPBlock({ cidr: c, except })(ip), expected, `${ip} in ${c} except ${except.join(',')}`);
  }), { numRuns: 5000 });
});

test('reachMatrix agrees with evaluate for address endpoints and repeated endpoints', () => {
  const cluster = buildCluster({
    namespaces: [{ name: 'a', labels: { team: 'x' } }],
    pods: [
      { name: 'p', namespace: 'a', labels: { app: 'p' }, owner: 'Pod', containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }] }], ip: '10.0.0.5' },
      { name: 'q', namespace: 'a', labels: { app: 'q' }, owner: 'Pod', containers: [{ name: 'c', image: 'i', ports: [] }], ip: '10.0.1.5' },
    ],
    services: [],
    policies: [
      { name: 'in', namespace: 'a', labels: {}, spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] } }], ports: [{ port: 'http' }] }] } },
      { name: 'out', namespace: 'a', labels: {}, spec: { podSelector: { matchLabels: { app: 'q' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '192.168.0.0/16' } }, { podSelector: { matchLabels: { app: 'p' } } }], ports: [{ port: 80 }] }] } },
    ],
  });
  const cc = compileCluster(cluster);
  const [p, q] = cc.cluster.pods;
  const eps: Endpoint[] = [
    { kind: 'pod', pod: p }, { kind: 'pod', pod: q }, { kind: 'pod', pod: p },
    { kind: 'ip', ip: '10.0.0.9' }, { kind: 'ip', ip: '10.0.1.9' }, { kind: 'ip', ip: '192.168.3.4' }, { kind: 'ip', ip: '::ffff:10.0.0.9' }, { kind: 'ip', ip: 'fd00::1' },
  ];
  for (const port of [80, 81, 'http'] as const) {
    for (const protocol of ['TCP', 'UDP'] as const) {
      const m = reachMatrix(cc, eps, eps, port, protocol);
      eps.forEach((from, i) => eps.forEach((to, j) => {
        if (from.kind === 'ip' && to.kind === 'ip') return;
        assert.equal(m.allowed(i, j), evaluate(cc, from, to, port, protocol).allowed, `${i} → ${j} on ${port}/${protocol}`);
      }));
    }
  }
});
