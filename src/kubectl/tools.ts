// wget, nc, nslookup and dig inside a pod, with the messages of busybox wget/nc/nslookup and BIND dig.
import type { CompiledCluster } from '../engine/compile.ts';
import { resolveName, searchCandidates, lookupFqdn, dnsPods } from '../engine/dns.ts';
import { evaluate } from '../engine/evaluate.ts';
import type { Pod } from '../engine/types.ts';
import type { Remote } from './curl.ts';
import { parseUrl } from './curl.ts';
import { connect, httpResponse, noteHit, resolveHost, type AccessHit } from './net.ts';
import { externalAddress, isExternalName } from '../engine/external-dns.ts';
import { DNS_SERVICE_IP, type Sandbox } from './sandbox.ts';

function takesValue(flag: string, valued: string): boolean {
  return valued.includes(flag);
}

/** busybox-style short options: "-qO-" = -q -O -, values glued or separate. */
function shortOpts(argv: readonly string[], valued: string, longMap: Record<string, string>): { flags: Map<string, string>; pos: string[] } | { error: string } {
  const flags = new Map<string, string>();
  const pos: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const short = longMap[name];
      if (!short) return { error: `unrecognized option '--${name}'` };
      if (takesValue(short, valued)) flags.set(short, eq < 0 ? argv[++i] ?? '' : a.slice(eq + 1)); else flags.set(short, '');
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && a !== '-') {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        if (takesValue(ch, valued)) { flags.set(ch, a.length > j + 1 ? a.slice(j + 1) : argv[++i] ?? ''); break; }
        flags.set(ch, '');
      }
      continue;
    }
    pos.push(a);
  }
  return { flags, pos };
}

export function runWget(cc: CompiledCluster, sb: Sandbox, client: Pod, argv: readonly string[], hits?: AccessHit[]): Remote {
  const p = shortOpts(argv, 'OTUYeo', { quiet: 'q', 'output-document': 'O', timeout: 'T', spider: 'S', 'user-agent': 'U' });
  if ('error' in p) return { stdout: '', stderr: `wget: ${p.error}\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR] [-U STR] [-T SEC] URL...\n`, code: 1 };
  const quiet = p.flags.has('q');
  const spider = p.flags.has('S') && argv.includes('--spider');
  const out = p.flags.get('O');
  if (p.pos.length === 0) return { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR] [-U STR] [-T SEC] URL...\n', code: 1 };
  let stdout = '';
  let stderr = '';
  for (const text of p.pos) {
    const url = parseUrl(text);
    if ('error' in url) return { stdout, stderr: `${stderr}wget: bad address '${text}'\n`, code: 1 };
    const res = resolveHost(cc, client, url.host);
    if (res.kind !== 'ip') return { stdout, stderr: `${stderr}wget: bad address '${url.host}'\n`, code: 1 };
    if (!quiet) stderr += `Connecting to ${url.host}${url.host === res.ip ? '' : ` (${res.ip}:${url.port})`}\n`;
    const conn = connect(cc, sb, client, res.ip, url.port, 'TCP');
    if (conn.kind === 'timeout') return { stdout, stderr: `${stderr}wget: download timed out\n`, code: 1 };
    if (conn.kind === 'refused') return { stdout, stderr: `${stderr}wget: can't connect to remote host (${res.ip}): Connection refused\n`, code: 1 };
    const reply = httpResponse(conn.dst, url.path);
    noteHit(hits, client, conn, 'TCP', { method: spider ? 'HEAD' : 'GET', path: url.path, status: reply.status, bytes: spider ? 0 : reply.body.length, userAgent: 'Wget' });
    if (reply.status === 0) return { stdout, stderr: `${stderr}wget: error getting response\n`, code: 1 };
    if (reply.status >= 400) return { stdout, stderr: `${stderr}wget: server returned error: HTTP/1.1 ${reply.status} ${reply.status === 403 ? 'Forbidden' : 'Not Found'}\n`, code: 1 };
    if (spider) { if (!quiet) stderr += 'remote file exists\n'; continue; }
    const file = out ?? (url.path.split('/').pop() || 'index.html');
    if (file === '-') {
      if (!quiet) stderr += 'writing to stdout\n';
      stdout += reply.body;
      if (!quiet) stderr += `-                    100% |********************************|   ${reply.body.length}  0:00:00 ETA\nwritten to stdout\n`;
    } else if (!quiet) {
      stderr += `saving to '${file}'\n${file.padEnd(20)} 100% |********************************|   ${reply.body.length}  0:00:00 ETA\n'${file}' saved\n`;
    }
  }
  return { stdout, stderr, code: 0 };
}

export function runNc(cc: CompiledCluster, sb: Sandbox, client: Pod, argv: readonly string[], hits?: AccessHit[]): Remote {
  const p = shortOpts(argv, 'wpsq', {});
  if ('error' in p) return { stdout: '', stderr: `nc: ${p.error}\n`, code: 1 };
  const udp = p.flags.has('u');
  const verbose = p.flags.has('v');
  if (p.pos.length < 2) return { stdout: '', stderr: 'BusyBox v1.36.1 multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n', code: 1 };
  const [host, portText] = p.pos;
  if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) return { stdout: '', stderr: `nc: bad port '${portText}'\n`, code: 1 };
  const port = Number(portText);
  const res = resolveHost(cc, client, host);
  if (res.kind !== 'ip') return { stdout: '', stderr: `nc: bad address '${host}'\n`, code: 1 };
  const where = `${host} (${res.ip}:${port})`;
  if (udp) {
    // UDP has no handshake: nc cannot tell an allowed port from a dropped one and reports it open.
    return { stdout: '', stderr: verbose ? `${where} open\n` : '', code: 0 };
  }
  const conn = connect(cc, sb, client, res.ip, port, 'TCP');
  if (conn.kind === 'timeout') return { stdout: '', stderr: `nc: ${where}: Connection timed out\n`, code: 1 };
  if (conn.kind === 'refused') return { stdout: '', stderr: `nc: ${where}: Connection refused\n`, code: 1 };
  noteHit(hits, client, conn, 'TCP');
  return { stdout: '', stderr: verbose ? `${where} open\n` : '', code: 0 };
}

export function runNslookup(cc: CompiledCluster, client: Pod, argv: readonly string[]): Remote {
  const args = argv.filter((a) => !a.startsWith('-'));
  const name = args[0];
  if (!name) return { stdout: '', stderr: 'BusyBox v1.36.1 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n', code: 1 };
  const head = `Server:\t\t${DNS_SERVICE_IP}\nAddress:\t${DNS_SERVICE_IP}:53\n\n`;
  const r = resolveName(cc, client, name);
  if (r.kind === 'blocked') return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', code: 1 };
  if (r.kind === 'nxdomain' && isExternalName(name, cc.cluster.namespaces.map((n) => n.name))) {
    return { stdout: `${head}Non-authoritative answer:\nName:\t${name.replace(/\.$/, '')}\nAddress: ${externalAddress(name)}\n\n`, stderr: '', code: 0 };
  }
  if (r.kind === 'nxdomain') {
    return { stdout: `${head}${r.tried.map((t) => `** server can't find ${t}: NXDOMAIN\n`).join('\n')}\n`, stderr: '', code: 1 };
  }
  return { stdout: `${head}Name:\t${r.fqdn}\nAddress: ${r.address}\n\n`, stderr: '', code: 0 };
}

function digReachable(cc: CompiledCluster, client: Pod): boolean {
  return dnsPods(cc).some((s) => evaluate(cc, { kind: 'pod', pod: client }, { kind: 'pod', pod: s }, 53, 'UDP').allowed);
}

export function runDig(cc: CompiledCluster, client: Pod, argv: readonly string[], now: string): Remote {
  const short = argv.includes('+short');
  const search = argv.includes('+search');
  const names = argv.filter((a) => !a.startsWith('+') && !a.startsWith('@') && !a.startsWith('-') && !['A', 'IN', 'AAAA'].includes(a));
  const name = names[0] ?? '.';
  const head = `\n; <<>> DiG 9.18.28 <<>> ${argv.join(' ')}\n;; global options: +cmd\n`;
  if (!digReachable(cc, client)) {
    const err = `;; communications error to ${DNS_SERVICE_IP}#53: timed out\n`;
    return { stdout: short ? `${err}${err}${err};; no servers could be reached\n` : `${err}${err}${err}${head};; no servers could be reached\n`, stderr: '', code: 9 };
  }
  const candidates = search ? searchCandidates(name, client.namespace) : [name.replace(/\.$/, '').toLowerCase()];
  let hit: { fqdn: string; address: string } | undefined;
  for (const c of candidates) {
    const found = lookupFqdn(cc, c);
    if (found) { hit = { fqdn: c, address: found.address }; break; }
  }
  let external = false;
  if (!hit && isExternalName(name, cc.cluster.namespaces.map((n) => n.name))) {
    hit = { fqdn: name.replace(/\.$/, '').toLowerCase(), address: externalAddress(name) };
    external = true;
  }
  if (short) return { stdout: hit ? `${hit.address}\n` : '', stderr: '', code: 0 };
  const qname = `${hit?.fqdn ?? candidates[candidates.length - 1]}.`;
  const lines = [
    head.trimEnd(), ';; Got answer:',
    `;; ->>HEADER<<- opcode: QUERY, status: ${hit ? 'NOERROR' : 'NXDOMAIN'}, id: ${1000 + (qname.length * 7919) % 60000}`,
    `;; flags: qr ${external ? 'rd ra' : 'aa rd'}; QUERY: 1, ANSWER: ${hit ? 1 : 0}, AUTHORITY: ${hit ? 0 : 1}, ADDITIONAL: 1`, ...(external ? [] : [';; WARNING: recursion requested but not available']), '',
    ';; OPT PSEUDOSECTION:', '; EDNS: version: 0, flags:; udp: 1232', ';; QUESTION SECTION:', `;${qname}\t\tIN\tA`, '',
    ...(hit ? [';; ANSWER SECTION:', `${qname}\t30\tIN\tA\t${hit.address}`, ''] : [';; AUTHORITY SECTION:', `cluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1700000000 7200 1800 86400 30`, '']),
    ';; Query time: 0 msec', `;; SERVER: ${DNS_SERVICE_IP}#53(${DNS_SERVICE_IP}) (UDP)`, `;; WHEN: ${new Date(now).toUTCString()}`, `;; MSG SIZE  rcvd: ${hit ? 110 : 150}`, '',
  ];
  return { stdout: `${lines.join('\n')}\n`, stderr: '', code: 0 };
}
