// Server access logs and `kubectl logs`: every connection that reached a pod's server (from exec'd curl, wget or
// nc) leaves a line in that pod's log, in the server's own format; a denied connection leaves none, which makes
// the log a probe of NetworkPolicy from the receiving side. Pure.
import type { Ctx } from './context.ts';
import { imageProfile, type LogStyle } from './images.ts';
import { arr, obj, str } from './json.ts';
import type { AccessHit } from './net.ts';
import type { KubectlResult } from './output.ts';
import { flagBool, flagValue } from './parse-args.ts';
import { lookupType } from './resources.ts';
import { findObject, type ObjectKind, type Sandbox, type StoredObject } from './sandbox.ts';

/** Lines kept per pod (the oldest go first). */
export const LOG_LIMIT = 200;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(iso: string): { y: string; mo: number; d: string; hms: string; ms: string } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?/.exec(iso);
  if (!m) return undefined;
  return { y: m[1], mo: Number(m[2]), d: m[3], hms: m[4], ms: (m[5] ?? '000').padEnd(3, '0').slice(0, 3) };
}

/** [01/Mar/2025:09:00:05 +0000], the common log format's time. */
function clfTime(iso: string): string {
  const p = parts(iso);
  return p ? `[${p.d}/${MONTHS[p.mo - 1]}/${p.y}:${p.hms} +0000]` : '[-]';
}

/** 2025/03/01 09:00:05, nginx's error-log time. */
function nginxTime(iso: string): string {
  const p = parts(iso);
  return p ? `${p.y}/${String(p.mo).padStart(2, '0')}/${p.d} ${p.hms}` : iso;
}

function accessLine(style: LogStyle, hit: AccessHit, now: string): string | undefined {
  const r = hit.request;
  switch (style) {
    case 'nginx':
      // A connection that sends no request (nc -z) is logged by nginx as a bad request of 0 bytes.
      return r
        ? `${hit.clientIP} - - ${clfTime(now)} "${r.method} ${r.path} HTTP/1.1" ${r.status} ${r.bytes} "-" "${r.userAgent}" "-"`
        : `${hit.clientIP} - - ${clfTime(now)} "-" 400 0 "-" "-" "-"`;
    case 'httpd':
      return r ? `${hit.clientIP} - - ${clfTime(now)} "${r.method} ${r.path} HTTP/1.1" ${r.status} ${r.bytes}` : undefined;
    case 'postgres': {
      // HTTP bytes are not a startup packet; an empty connection is not logged (PostgreSQL 12 and later).
      const p = parts(now);
      return r && p ? `${p.y}-${String(p.mo).padStart(2, '0')}-${p.d} ${p.hms}.${p.ms} UTC [${100 + (hit.port % 50)}] LOG:  invalid length of startup packet` : undefined;
    }
    case 'plain':
      return r
        ? `${now} ${hit.clientIP} "${r.method} ${r.path} HTTP/1.1" ${r.status} ${r.bytes} "${r.userAgent}"`
        : `${now} accepted connection from ${hit.clientIP} on port ${hit.port}/${hit.protocol}`;
    case 'none':
      return undefined;
    default: {
      const never: never = style;
      return String(never);
    }
  }
}

function podKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** Appends the servers' log lines for `hits` (made at `now`) to the sandbox. */
export function recordHits(sb: Sandbox, hits: readonly AccessHit[], now: string): Sandbox {
  if (hits.length === 0) return sb;
  const logs: Record<string, { uid?: string; lines: readonly string[] }> = { ...(sb.logs ?? {}) };
  let changed = false;
  for (const hit of hits) {
    const o = findObject(sb, { kind: 'Pod', namespace: hit.namespace, name: hit.pod });
    if (!o || o.engine?.kind !== 'Pod') continue;
    const pod = o.engine.value;
    const server = pod.containers.find((c) => c.ports.some((p) => p.containerPort === hit.port)) ?? pod.containers.find((c) => imageProfile(c.image).serves.includes(hit.port)) ?? pod.containers[0];
    if (!server) continue;
    const line = accessLine(imageProfile(server.image).log, hit, now);
    if (line === undefined) continue;
    const key = podKey(hit.namespace, hit.pod);
    const prev = logs[key] && logs[key].uid === pod.uid ? logs[key].lines : [];
    logs[key] = { ...(pod.uid ? { uid: pod.uid } : {}), lines: [...prev, `${server.name}\t${line}`].slice(-LOG_LIMIT) };
    changed = true;
  }
  return changed ? { ...sb, logs } : sb;
}

/** The lines a container wrote when it started. */
function startupLines(o: StoredObject, image: string): string[] {
  const profile = imageProfile(image);
  const started = str(obj(o.manifest.status).startTime) ?? str(obj(o.manifest.metadata).creationTimestamp) ?? '';
  if (profile.log === 'nginx') {
    const t = nginxTime(started);
    return [
      ...(profile.startup ?? []),
      `${t} [notice] 1#1: using the "epoll" event method`,
      `${t} [notice] 1#1: nginx/1.27.3`,
      `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)`,
      `${t} [notice] 1#1: OS: Linux 6.8.0-1017-gcp`,
      `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
      `${t} [notice] 1#1: start worker processes`,
      `${t} [notice] 1#1: start worker process 29`,
    ];
  }
  if (profile.log === 'httpd') {
    const p = parts(started);
    const t = p ? `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(started).getUTCDay()]} ${MONTHS[p.mo - 1]} ${p.d} ${p.hms}.${p.ms}000 ${p.y}` : started;
    return [
      `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${str(obj(o.manifest.status).podIP) ?? '127.0.0.1'}. Set the 'ServerName' directive globally to suppress this message`,
      `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`,
      `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
    ];
  }
  if (profile.log === 'postgres') {
    const p = parts(started);
    const t = p ? `${p.y}-${String(p.mo).padStart(2, '0')}-${p.d} ${p.hms}.${p.ms} UTC` : started;
    return [
      `${t} [1] LOG:  starting PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
      `${t} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
      `${t} [1] LOG:  database system is ready to accept connections`,
    ];
  }
  if (profile.repository === 'redis') {
    const p = parts(started);
    const t = p ? `${p.d} ${MONTHS[p.mo - 1]} ${p.y} ${p.hms}.${p.ms}` : started;
    return [`1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`, `1:M ${t} * Server initialized`, `1:M ${t} * Ready to accept connections tcp`];
  }
  return [];
}

/** The log of one container of a pod: startup lines, then one line per connection its server received. */
export function containerLog(sb: Sandbox, o: StoredObject, container: string): string[] {
  const c = arr(obj(o.manifest.spec).containers).map(obj).find((x) => x.name === container);
  if (!c) return [];
  const uid = str(obj(o.manifest.metadata).uid);
  const stored = sb.logs?.[podKey(o.namespace, o.name)];
  const lines = stored && (stored.uid === undefined || stored.uid === uid) ? stored.lines : [];
  const own = lines.filter((l) => l.startsWith(`${container}\t`)).map((l) => l.slice(container.length + 1));
  return [...startupLines(o, String(c.image ?? '')), ...own];
}

export function runLogs(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const pos = ctx.args.positionals;
  if (pos.length === 0) {
    out.fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
    return out.result(ctx.sb);
  }
  if (pos.length > 2) { out.fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nSee 'kubectl logs -h' for help and examples"); return out.result(ctx.sb); }
  const tailText = flagValue(ctx.args, 'tail');
  if (tailText !== undefined && !/^-?\d+$/.test(tailText)) {
    out.fail(`error: invalid argument "${tailText}" for "--tail" flag: strconv.ParseInt: parsing "${tailText}": invalid syntax\nSee 'kubectl logs --help' for usage.`);
    return out.result(ctx.sb);
  }
  const tail = tailText === undefined ? -1 : Number(tailText);
  let target = pos[0];
  let pod: StoredObject | undefined;
  if (target.includes('/')) {
    const [typeText, name] = target.split('/', 2);
    const lt = lookupType(typeText);
    if (!lt.ok) { out.fail(lt.error); return out.result(ctx.sb); }
    if (lt.type.kind === 'Pod') target = name;
    else {
      const owner = findObject(ctx.sb, { kind: lt.type.kind as ObjectKind, namespace: ctx.namespace, name });
      if (!owner) { out.fail(`error: error from server (NotFound): ${lt.type.plural}${lt.type.group ? `.${lt.type.group}` : ''} "${name}" not found in namespace "${ctx.namespace}"`); return out.result(ctx.sb); }
      const owners = new Set([`${owner.kind}/${owner.name}`, ...ctx.sb.objects.filter((o) => o.ownedBy === `${owner.kind}/${owner.name}`).map((o) => `${o.kind}/${o.name}`)]);
      const pods = ctx.sb.objects.filter((o) => o.kind === 'Pod' && o.namespace === ctx.namespace && o.ownedBy && owners.has(o.ownedBy)).sort((a, b) => (a.name < b.name ? -1 : 1));
      if (pods.length === 0) { out.fail(`error: timed out waiting for the condition`); return out.result(ctx.sb); }
      pod = pods[0];
      if (pods.length > 1) out.err(`Found ${pods.length} pods, using pod/${pod.name}`);
    }
  }
  if (!pod) {
    pod = findObject(ctx.sb, { kind: 'Pod', namespace: ctx.namespace, name: target });
    if (!pod) { out.fail(`error: error from server (NotFound): pods "${target}" not found in namespace "${ctx.namespace}"`); return out.result(ctx.sb); }
  }
  const containers = arr(obj(pod.manifest.spec).containers).map((c) => String(obj(c).name));
  let container = flagValue(ctx.args, 'container') ?? (pos.length === 2 ? pos[1] : undefined);
  if (container === undefined) {
    if (containers.length > 1) {
      const annotated = str(obj(obj(pod.manifest.metadata).annotations)['kubectl.kubernetes.io/default-container']);
      container = annotated && containers.includes(annotated) ? annotated : containers[0];
      out.err(`Defaulted container "${container}" out of: ${containers.join(', ')}`);
    } else container = containers[0];
  }
  if (!containers.includes(container)) {
    out.fail(`error: container ${container} is not valid for pod ${pod.name}`);
    return out.result(ctx.sb);
  }
  if (flagBool(ctx.args, 'previous')) {
    out.fail(`Error from server (BadRequest): previous terminated container "${container}" in pod "${pod.name}" not found`);
    return out.result(ctx.sb);
  }
  let lines = containerLog(ctx.sb, pod, container);
  if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  if (lines.length) out.out(lines.join('\n'));
  if (flagBool(ctx.args, 'follow') && !ctx.env.follows) out.err('netpol-dojo: -f/--follow streams new lines in a terminal (netpol-dojo kubectl logs -f); here the log so far is shown.');
  return out.result(ctx.sb);
}
