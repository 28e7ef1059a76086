// curl inside a pod: URL forms, -m/--max-time, --connect-timeout, -s/-S, -I/-i, -o, -w, -v, -f, with
// curl's own messages and exit codes (6 resolve, 7 refused, 28 timeout, 22 HTTP error with -f).
import type { CompiledCluster } from '../engine/compile.ts';
import type { Pod } from '../engine/types.ts';
import { httpDate } from './format.ts';
import { connect, httpResponse, noteHit, resolveHost, type AccessHit } from './net.ts';
import type { Sandbox } from './sandbox.ts';

export interface Remote { stdout: string; stderr: string; code: number }

/** Linux gives up on an unanswered SYN after about 130 s; curl without a timeout waits that long. */
export const KERNEL_CONNECT_TIMEOUT_MS = 130_000;

export interface ParsedUrl { scheme: 'http' | 'https'; host: string; port: number; path: string }

export function parseUrl(text: string): ParsedUrl | { error: string } {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\[[^\]]+\]|[^/:?#]*)(?::([^/?#]*))?([/?#].*)?$/.exec(text);
  if (!m) return { error: 'curl: (3) URL rejected: Malformed input to a URL function' };
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return { error: `curl: (1) Protocol "${scheme}" not supported` };
  const host = m[2].replace(/^\[|\]$/g, '');
  if (!host) return { error: 'curl: (3) URL rejected: No host part in the URL' };
  let port = scheme === 'https' ? 443 : 80;
  if (m[3] !== undefined && m[3] !== '') {
    if (!/^\d+$/.test(m[3]) || Number(m[3]) > 65535) return { error: 'curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535' };
    port = Number(m[3]);
  }
  const path = (m[4] ?? '/').replace(/[?#].*$/, '') || '/';
  return { scheme, host, port, path };
}

interface CurlOpts { silent: boolean; showError: boolean; verbose: boolean; head: boolean; include: boolean; fail: boolean; maxTime?: number; connectTimeout?: number; output?: string; writeOut?: string; urls: string[] }

const VALUE_SHORT = new Set(['m', 'o', 'w', 'H', 'X', 'd', 'u', 'A', 'e', 'x', 'b', 'c', 'T', 'F', 'r', 'y', 'Y', 'z', 'K', 'E', 'P', 'Q', 'U', 't']);
const IGNORED_BOOL = new Set(['k', 'L', '4', '6', 'N', 'g', 'G', 'j', 'J', 'O', 'R', 'q', 'l', 'B', 'n', '0', '1', '2', '3', 'p', 'Z', 'M', 'V', 'a', 'C', 'h', '#']);
const LONG_VALUE = ['max-time', 'connect-timeout', 'output', 'write-out', 'header', 'request', 'data', 'data-raw', 'user-agent', 'user', 'resolve', 'retry', 'retry-delay', 'retry-max-time', 'cacert', 'cert', 'key', 'proxy', 'noproxy', 'interface', 'referer', 'cookie', 'range'];
const LONG_BOOL = ['silent', 'show-error', 'verbose', 'head', 'include', 'fail', 'insecure', 'location', 'ipv4', 'ipv6', 'http1.1', 'http2', 'no-progress-meter', 'compressed', 'fail-with-body', 'globoff', 'no-keepalive'];

function seconds(text: string): number | undefined {
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : undefined;
}

function parseCurl(argv: readonly string[]): CurlOpts | { error: string; code: number } {
  const o: CurlOpts = { silent: false, showError: false, verbose: false, head: false, include: false, fail: false, urls: [] };
  const setValue = (name: string, v: string): { error: string; code: number } | undefined => {
    if (name === 'm' || name === 'max-time') { const s = seconds(v); if (s === undefined) return { error: `curl: option ${name.length === 1 ? '-' : '--'}${name}: expected a proper numerical parameter`, code: 2 }; o.maxTime = s; }
    else if (name === 'connect-timeout') { const s = seconds(v); if (s === undefined) return { error: 'curl: option --connect-timeout: expected a proper numerical parameter', code: 2 }; o.connectTimeout = s; }
    else if (name === 'o' || name === 'output') o.output = v;
    else if (name === 'w' || name === 'write-out') o.writeOut = v;
    return undefined;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (LONG_BOOL.includes(name)) {
        if (name === 'silent') o.silent = true; else if (name === 'show-error') o.showError = true; else if (name === 'verbose') o.verbose = true;
        else if (name === 'head') o.head = true; else if (name === 'include') o.include = true; else if (name === 'fail' || name === 'fail-with-body') o.fail = true;
        else if (name === 'no-progress-meter') o.silent = o.silent || false;
        continue;
      }
      if (LONG_VALUE.includes(name)) {
        const v = eq < 0 ? argv[++i] : a.slice(eq + 1);
        if (v === undefined) return { error: `curl: option --${name}: requires parameter`, code: 2 };
        const err = setValue(name, v);
        if (err) return err;
        continue;
      }
      return { error: `curl: option --${name}: is unknown`, code: 2 };
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        if (VALUE_SHORT.has(ch)) {
          const v = a.length > j + 1 ? a.slice(j + 1) : argv[++i];
          if (v === undefined) return { error: `curl: option -${ch}: requires parameter`, code: 2 };
          const err = setValue(ch, v);
          if (err) return err;
          break;
        }
        if (ch === 's') o.silent = true; else if (ch === 'S') o.showError = true; else if (ch === 'v') o.verbose = true;
        else if (ch === 'I') o.head = true; else if (ch === 'i') o.include = true; else if (ch === 'f') o.fail = true;
        else if (!IGNORED_BOOL.has(ch)) return { error: `curl: option -${ch}: is unknown`, code: 2 };
      }
      continue;
    }
    o.urls.push(a);
  }
  return o;
}

const HINT = "curl: try 'curl --help' or 'curl --manual' for more information";
const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';

function meterLine(size: number, elapsedMs: number): string {
  const pct = size > 0 ? '100' : '  0';
  const spent = elapsedMs >= 1000 ? `0:00:${String(Math.min(59, Math.floor(elapsedMs / 1000))).padStart(2, '0')}` : '--:--:--';
  return `${pct} ${String(size).padStart(5)}  ${pct} ${String(size).padStart(5)}    0     0      0      0 --:--:-- ${spent.padStart(8)} --:--:--     0`;
}

/** `hits` collects the connections that reached a server (for its access log); `agent` is the User-Agent. */
export function runCurl(cc: CompiledCluster, sb: Sandbox, client: Pod, argv: readonly string[], now: string, tty = false, hits?: AccessHit[], agent = 'curl/8.5.0'): Remote {
  const parsed = parseCurl(argv);
  if ('error' in parsed) return { stdout: '', stderr: `${parsed.error}\n${HINT}\n`, code: parsed.code };
  const o = parsed;
  if (o.urls.length === 0) return { stdout: '', stderr: `curl: no URL specified\n${HINT}\n`, code: 2 };
  let stdout = '';
  let stderr = '';
  // curl draws its progress meter on stderr when stdout is not a terminal (kubectl exec without -t).
  const meter = !o.silent && !o.verbose && (!tty || o.output !== undefined);
  const limit = [o.maxTime, o.connectTimeout].filter((x): x is number => x !== undefined);
  const timeoutMs = limit.length ? Math.min(...limit) : undefined;
  const fail = (msg: string, code: number, elapsed: number): Remote => {
    if (meter) stderr += `${METER_HEAD}${meterLine(0, elapsed)}\n`;
    if (!o.silent || o.showError) stderr += `${msg}\n`;
    if (o.writeOut) stdout += writeOut(o.writeOut, 0, '', 0);
    return { stdout, stderr, code };
  };
  for (const text of o.urls) {
    const url = parseUrl(text);
    if ('error' in url) return fail(url.error, Number(/\((\d+)\)/.exec(url.error)?.[1] ?? 3), 0);
    const res = resolveHost(cc, client, url.host);
    if (res.kind === 'blocked') {
      return timeoutMs !== undefined
        ? fail(`curl: (28) Resolving timed out after ${timeoutMs + 1} milliseconds`, 28, timeoutMs)
        : fail(`curl: (6) Could not resolve host: ${url.host}`, 6, 20_000);
    }
    if (res.kind === 'nxdomain') return fail(`curl: (6) Could not resolve host: ${url.host}`, 6, 0);
    if (o.verbose) stderr += `*   Trying ${res.ip}:${url.port}...\n`;
    const conn = connect(cc, sb, client, res.ip, url.port, 'TCP');
    if (conn.kind === 'timeout') {
      const ms = timeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS;
      return fail(timeoutMs !== undefined ? `curl: (28) Connection timed out after ${ms + 1} milliseconds` : `curl: (28) Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Connection timed out`, 28, ms);
    }
    if (conn.kind === 'refused') return fail(`curl: (7) Failed to connect to ${url.host} port ${url.port} after 0 ms: Connection refused`, 7, 0);
    const reply = httpResponse(conn.dst, url.path);
    noteHit(hits, client, conn, 'TCP', { method: o.head ? 'HEAD' : 'GET', path: url.path, status: reply.status, bytes: o.head ? 0 : reply.body.length, userAgent: agent });
    if (reply.status === 0) {
      // Connected, then the server closed without an HTTP answer: curl still knows the address it reached.
      if (meter) stderr += `${METER_HEAD}${meterLine(0, 0)}\n`;
      if (!o.silent || o.showError) stderr += 'curl: (52) Empty reply from server\n';
      if (o.writeOut) stdout += writeOut(o.writeOut, 0, conn.ip, url.port);
      return { stdout, stderr, code: 52 };
    }
    const reason = reply.status === 200 ? 'OK' : reply.status === 403 ? 'Forbidden' : 'Not Found';
    const headers = [`HTTP/1.1 ${reply.status} ${reason}`, `Server: ${reply.server}`, `Date: ${httpDate(now)}`, 'Content-Type: text/html',
      `Content-Length: ${reply.body.length}`, 'Connection: keep-alive', ...(reply.status === 200 ? ['Accept-Ranges: bytes'] : [])];
    if (o.verbose) {
      stderr += `* Connected to ${url.host} (${res.ip}) port ${url.port}\n> ${o.head ? 'HEAD' : 'GET'} ${url.path} HTTP/1.1\n> Host: ${url.host}${url.port === 80 ? '' : `:${url.port}`}\n> User-Agent: ${agent}\n> Accept: */*\n> \n`;
      stderr += headers.map((h) => `< ${h}`).join('\n') + '\n< \n';
    }
    if (o.fail && reply.status >= 400) return fail(`curl: (22) The requested URL returned error: ${reply.status}`, 22, 0);
    const body = o.head ? '' : reply.body;
    const head = o.head || o.include ? `${headers.join('\n')}\n\n` : '';
    if (meter && !o.head) stderr += `${METER_HEAD}${meterLine(body.length, 0)}\n`;
    if (o.output === undefined || o.output === '-') stdout += head + body;
    if (o.verbose) stderr += `* Connection #0 to host ${url.host} left intact\n`;
    if (o.writeOut) stdout += writeOut(o.writeOut, reply.status, conn.ip, url.port);
  }
  return { stdout, stderr, code: 0 };
}

function writeOut(fmt: string, status: number, ip: string, port: number): string {
  return fmt
    .replace(/%\{http_code\}|%\{response_code\}/g, String(status).padStart(3, '0'))
    .replace(/%\{remote_ip\}/g, ip)
    .replace(/%\{remote_port\}/g, ip ? String(port) : '0')
    .replace(/%\{time_total\}|%\{time_connect\}/g, '0.001000')
    .replace(/\\n/g, '\n').replace(/\\t/g, '\t');
}
