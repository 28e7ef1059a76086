// Imperative object creation: run, expose, create namespace|deployment, scale.
import { admitRaw } from './admit.ts';
import { dryRunOf } from './apply.ts';
import type { Ctx } from './context.ts';
import { deleteObjects } from './delete.ts';
import { imageProfile } from './images.ts';
import { containerOutcome } from './pod-lifecycle.ts';
import { execInContainer, isShellCommand } from './shell/index.ts';
import { arr, obj, str } from './json.ts';
import { toJson, toYaml, type KubectlResult } from './output.ts';
import { flagBool, flagValue, flagValues } from './parse-args.ts';
import { lookupType } from './resources.ts';
import { findObject, qualifiedName, type JsonObject, type ObjectKind, type Sandbox } from './sandbox.ts';
import { reconcile } from './workloads.ts';

function parseLabelList(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

function parsePortFlag(text: string | undefined): number | undefined | 'bad' {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 65535) return 'bad';
  return Number(text);
}

/** Writes a client-built object, or prints it for --dry-run=client / -o. */
function createObject(ctx: Ctx, raw: JsonObject, verb = 'created'): { ok: boolean; sb: Sandbox } {
  const out = ctx.out;
  const dry = dryRunOf(ctx);
  if (!dry.ok) { out.fail(dry.error); return { ok: false, sb: ctx.sb }; }
  const format = flagValue(ctx.args, 'output');
  if (format && !['yaml', 'json', 'name'].includes(format)) {
    out.fail(`error: unable to match a printer suitable for the output format "${format}", allowed formats are: json,jsonpath,name,yaml`);
    return { ok: false, sb: ctx.sb };
  }
  const meta = obj(raw.metadata);
  const kind = raw.kind as ObjectKind;
  const ref = { kind, namespace: kind === 'Namespace' ? '' : ctx.namespace, name: String(meta.name) };
  const line = `${qualifiedName(ref)} ${verb}${dry.mode === 'client' ? ' (dry run)' : dry.mode === 'server' ? ' (server dry run)' : ''}`;
  if (dry.mode === 'client') {
    if (format === 'yaml') out.out(toYaml(raw)); else if (format === 'json') out.out(toJson(raw)); else out.out(format === 'name' ? qualifiedName(ref) : line);
    return { ok: true, sb: ctx.sb };
  }
  const res = admitRaw(ctx.sb, raw, ctx.namespace, { mode: 'create', now: ctx.env.now });
  if (!res.ok) { out.fail(res.error); return { ok: false, sb: ctx.sb }; }
  const sb = reconcile(res.sandbox, ctx.env.now);
  const stored = findObject(sb, res.ref)?.manifest ?? raw;
  if (format === 'yaml') out.out(toYaml(stored)); else if (format === 'json') out.out(toJson(stored)); else out.out(format === 'name' ? qualifiedName(ref) : line);
  return { ok: true, sb: dry.mode === 'none' ? sb : ctx.sb };
}

function clientMeta(ctx: Ctx, name: string, labels?: Record<string, string>): JsonObject {
  return { creationTimestamp: null, ...(labels ? { labels } : {}), name, ...(ctx.namespaceSet ? { namespace: ctx.namespace } : {}) };
}

export function runRun(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const name = ctx.args.positionals[0];
  if (!name) { out.fail('error: NAME is required for run\nSee \'kubectl run -h\' for help and examples'); return out.result(ctx.sb); }
  const image = flagValue(ctx.args, 'image');
  if (!image) { out.fail('error: required flag(s) "image" not set'); return out.result(ctx.sb); }
  const labelText = flagValue(ctx.args, 'labels') ?? flagValue(ctx.args, 'selector');
  const labels = labelText === undefined ? { run: name } : parseLabelList(labelText);
  if (!labels) { out.fail(`error: invalid label spec: ${labelText}`); return out.result(ctx.sb); }
  const port = parsePortFlag(flagValue(ctx.args, 'port'));
  if (port === 'bad') { out.fail(`error: invalid argument "${flagValue(ctx.args, 'port')}" for "--port" flag: must be a port number`); return out.result(ctx.sb); }
  const rest = ctx.args.rest ?? ctx.args.positionals.slice(1);
  const interactive = flagBool(ctx.args, 'stdin');
  const tty = flagBool(ctx.args, 'tty');
  if (flagBool(ctx.args, 'rm') && !interactive) { out.fail('error: --rm should only be used for attached containers'); return out.result(ctx.sb); }
  const env: JsonObject[] = [];
  for (const e of flagValues(ctx.args, 'env')) {
    const eq = e.indexOf('=');
    if (eq <= 0) { out.fail(`error: invalid env: ${e}`); return out.result(ctx.sb); }
    env.push({ name: e.slice(0, eq), value: e.slice(eq + 1) });
  }
  const container: JsonObject = {
    ...(rest.length ? (flagBool(ctx.args, 'command') ? { command: [...rest] } : { args: [...rest] }) : {}),
    ...(env.length ? { env } : {}),
    image, name, ...(port ? { ports: [{ containerPort: port }] } : {}), resources: {},
    ...(interactive ? { stdin: true, stdinOnce: true, ...(tty ? { tty: true } : {}) } : {}),
  };
  const restart = flagValue(ctx.args, 'restart') ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) { out.fail(`error: invalid restart policy: ${restart}`); return out.result(ctx.sb); }
  const pod: JsonObject = { apiVersion: 'v1', kind: 'Pod', metadata: clientMeta(ctx, name, labels), spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart }, status: {} };
  let sb = ctx.sb;
  if (flagBool(ctx.args, 'expose')) {
    if (!port) { out.fail('error: --port must be set when exposing a service'); return out.result(ctx.sb); }
    const svc = serviceRaw(ctx, name, labels, labels, [{ port, protocol: 'TCP', targetPort: port }], undefined);
    const r = createObject(ctx, svc);
    if (!r.ok) return out.result(ctx.sb);
    sb = r.sb;
  }
  const created = createObject({ ...ctx, sb }, pod);
  if (!created.ok) return out.result(sb);
  sb = created.sb;
  if (flagValue(ctx.args, 'dry-run') !== undefined) return out.result(sb);
  if (!interactive) {
    const outcome = containerOutcome(image, flagBool(ctx.args, 'command') ? rest : undefined, flagBool(ctx.args, 'command') ? undefined : rest);
    if (outcome !== 'runs') {
      const ends = rest.length ? `its command (${[...(imageProfile(image).process === 'fails' && !flagBool(ctx.args, 'command') ? ['curl'] : []), ...rest].join(' ')}) ends`
        : imageProfile(image).process === 'fails' ? `${image}'s entrypoint (curl) exits with an error when it is given no URL` : `${image}'s own process (${attachCommand(image)?.join(' ') ?? 'sh'}) ends at once without a terminal`;
      out.err(restart === 'Always'
        ? `netpol-dojo: ${ends}, and restartPolicy Always restarts it again and again: the pod goes into CrashLoopBackOff. To keep a client pod up: kubectl run ${name} --image=${image}${imageProfile(image).process === 'fails' ? ' --command' : ''} -- sleep 3600`
        : `netpol-dojo: ${ends}, so the pod runs it once and completes (STATUS Completed, or Error when it fails): read its output with kubectl logs ${name}${ctx.namespaceSet ? ` -n ${ctx.namespace}` : ''}. It cannot be exec'd into; add -- sleep 3600 to keep it running`);
    }
    return out.result(sb);
  }
  // Attached run: the container's process runs with kubectl's stdin; --rm deletes the pod when it ends.
  const podObj = findObject(sb, { kind: 'Pod', namespace: ctx.namespace, name });
  if (!podObj) return out.result(sb);
  out.clearStdout();
  const argv = rest.length ? [...rest] : attachCommand(image);
  if (argv === undefined) {
    out.err(`netpol-dojo: the ${image} image runs a server, which reads no input; give a command after --, e.g. kubectl run tmp --rm -it --image=busybox -- sh`);
    return out.result(sb);
  }
  if (ctx.env.terminal && isShellCommand(argv)) {
    // The caller drives the shell on its terminal (startShell/shellLine), then deletes the pod for --rm.
    out.err("If you don't see a command prompt, try pressing enter.");
    return out.result(sb);
  }
  // kubectl says this whenever it attaches with stdin, terminal or not.
  if (!flagBool(ctx.args, 'quiet')) out.err("If you don't see a command prompt, try pressing enter.");
  const r = execInContainer(sb, { namespace: ctx.namespace, name }, argv, { now: ctx.env.now, tty, stdin: ctx.env.stdin ?? '', attach: true });
  if (!r.ok) { out.fail(r.kubectl); return out.result(sb); }
  sb = r.sandbox;
  out.write(r.stdout);
  out.writeErr(r.stderr);
  out.exitCode = r.code === 0 ? 0 : 1;
  const after = findObject(sb, { kind: 'Pod', namespace: ctx.namespace, name });
  if (flagBool(ctx.args, 'rm') && after) {
    sb = deleteObjects(sb, [after], ctx.env.now);
    out.out(`pod "${name}" deleted`);
    if (r.code !== 0) out.err(`pod ${ctx.namespace}/${name} terminated (Error)`);
  } else if (tty) {
    out.err(`Session ended, resume using 'kubectl attach ${name} -c ${name} -i -t' command when the pod is running`);
  }
  return out.result(sb);
}

/** What `kubectl run -i` attaches to when no command is given: the image's shell, if that is its process. */
export function attachCommand(image: string): string[] | undefined {
  const profile = imageProfile(image);
  if (profile.process !== 'exits') return undefined;
  return profile.repository === 'nicolaka/netshoot' ? ['zsh'] : ['sh'];
}

function serviceRaw(ctx: Ctx, name: string, labels: Record<string, string> | undefined, selector: Record<string, string>, ports: JsonObject[], type: string | undefined): JsonObject {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: clientMeta(ctx, name, labels),
    spec: { ports, selector, ...(type ? { type } : {}) }, status: { loadBalancer: {} },
  };
}

export function runExpose(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const pos = ctx.args.positionals;
  let typeText = pos[0];
  let name = pos[1];
  if (typeText?.includes('/')) [typeText, name] = typeText.split('/', 2);
  if (!typeText || !name) { out.fail('error: You must provide the resource (type and name) to expose, e.g. kubectl expose pod NAME --port=80'); return out.result(ctx.sb); }
  const lt = lookupType(typeText);
  if (!lt.ok) { out.fail(lt.error); return out.result(ctx.sb); }
  const kind = lt.type.kind;
  if (kind !== 'Pod' && kind !== 'Deployment' && kind !== 'ReplicaSet' && kind !== 'Service' && kind !== 'StatefulSet') {
    out.fail(`error: cannot expose a ${lt.type.singular === 'namespace' ? 'Namespace' : kind}`);
    return out.result(ctx.sb);
  }
  const target = findObject(ctx.sb, { kind, namespace: ctx.namespace, name });
  if (!target) { out.fail(`Error from server (NotFound): ${lt.type.plural}${lt.type.group ? `.${lt.type.group}` : ''} "${name}" not found`); return out.result(ctx.sb); }
  const m = target.manifest;
  const spec = obj(m.spec);
  const labels = obj(obj(m.metadata).labels) as Record<string, string>;
  const selFlag = flagValue(ctx.args, 'selector');
  const selector = selFlag !== undefined ? parseLabelList(selFlag)
    : kind === 'Pod' ? labels : kind === 'Service' ? obj(spec.selector) as Record<string, string> : obj(obj(spec.selector).matchLabels) as Record<string, string>;
  if (!selector || Object.keys(selector).length === 0) {
    out.fail(`error: couldn't retrieve selectors via --selector flag or introspection: the ${kind.toLowerCase()} has no labels and cannot be exposed`);
    return out.result(ctx.sb);
  }
  const portFlag = parsePortFlag(flagValue(ctx.args, 'port'));
  if (portFlag === 'bad') { out.fail(`error: invalid argument "${flagValue(ctx.args, 'port')}" for "--port" flag`); return out.result(ctx.sb); }
  const protocol = (flagValue(ctx.args, 'protocol') ?? 'TCP').toUpperCase();
  const targetText = flagValue(ctx.args, 'target-port');
  const targetPort = targetText === undefined ? undefined : /^\d+$/.test(targetText) ? Number(targetText) : targetText;
  let ports: JsonObject[];
  if (portFlag !== undefined) {
    ports = [{ port: portFlag, protocol, targetPort: targetPort ?? portFlag }];
  } else {
    const containers = kind === 'Pod' ? arr(spec.containers) : arr(obj(obj(spec.template).spec).containers);
    const found = kind === 'Service'
      ? arr(spec.ports).map((p) => ({ port: Number(obj(p).port), protocol: str(obj(p).protocol) ?? 'TCP' }))
      : containers.flatMap((c) => arr(obj(c).ports).map((p) => ({ port: Number(obj(p).containerPort), protocol: str(obj(p).protocol) ?? 'TCP' })));
    if (found.length === 0) { out.fail("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples"); return out.result(ctx.sb); }
    ports = found.map((p, i) => ({ ...(found.length > 1 ? { name: `port-${i + 1}` } : {}), port: p.port, protocol: p.protocol, targetPort: targetPort ?? p.port }));
  }
  const svcName = flagValue(ctx.args, 'name') ?? name;
  const type = flagValue(ctx.args, 'type');
  if (type && !['ClusterIP', 'NodePort', 'LoadBalancer'].includes(type)) { out.fail(`error: invalid service type "${type}": ClusterIP, NodePort or LoadBalancer`); return out.result(ctx.sb); }
  const r = createObject(ctx, serviceRaw(ctx, svcName, Object.keys(labels).length ? labels : undefined, selector, ports, type), 'exposed');
  return out.result(r.sb);
}

export function runCreateSub(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const [sub, name] = ctx.args.positionals;
  if (!sub) { out.fail('error: must specify one of -f and -k'); return out.result(ctx.sb); }
  if (sub === 'namespace' || sub === 'ns') {
    if (!name) { out.fail('error: exactly one NAME is required, got 0'); return out.result(ctx.sb); }
    const r = createObject(ctx, { apiVersion: 'v1', kind: 'Namespace', metadata: { creationTimestamp: null, name }, spec: {}, status: {} });
    return out.result(r.sb);
  }
  if (sub === 'deployment' || sub === 'deploy') {
    if (!name) { out.fail('error: exactly one NAME is required, got 0'); return out.result(ctx.sb); }
    const image = flagValue(ctx.args, 'image');
    if (!image) { out.fail('error: required flag(s) "image" not set'); return out.result(ctx.sb); }
    const replicas = Number(flagValue(ctx.args, 'replicas') ?? '1');
    if (!Number.isInteger(replicas) || replicas < 0) { out.fail(`error: invalid argument "${flagValue(ctx.args, 'replicas')}" for "--replicas" flag`); return out.result(ctx.sb); }
    const port = parsePortFlag(flagValue(ctx.args, 'port'));
    if (port === 'bad') { out.fail(`error: invalid argument "${flagValue(ctx.args, 'port')}" for "--port" flag`); return out.result(ctx.sb); }
    const containerName = (image.split('/').pop() ?? image).split(/[:@]/)[0].replace(/[^a-z0-9-]/g, '-');
    const labels = { app: name };
    const raw: JsonObject = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: clientMeta(ctx, name, labels),
      spec: {
        replicas, selector: { matchLabels: labels }, strategy: {},
        template: { metadata: { creationTimestamp: null, labels }, spec: { containers: [{ image, name: containerName, ...(port ? { ports: [{ containerPort: port }] } : {}), resources: {} }] } },
      },
      status: {},
    };
    const r = createObject(ctx, raw);
    return out.result(r.sb);
  }
  const known = ['clusterrole', 'clusterrolebinding', 'configmap', 'cronjob', 'ingress', 'job', 'poddisruptionbudget', 'priorityclass', 'quota', 'role', 'rolebinding', 'secret', 'service', 'serviceaccount', 'token'];
  if (known.includes(sub)) out.fail(`error: netpol-dojo does not simulate "kubectl create ${sub}" (use: create namespace, create deployment, or create -f FILE)`);
  else out.fail(`error: unknown command "${sub}" for "kubectl create"\nSee 'kubectl create -h' for help and examples`);
  return out.result(ctx.sb);
}

export function runScale(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const text = flagValue(ctx.args, 'replicas');
  if (text === undefined) { out.fail('error: required flag(s) "replicas" not set'); return out.result(ctx.sb); }
  const replicas = Number(text);
  if (!/^\d+$/.test(text)) { out.fail(`error: invalid argument "${text}" for "--replicas" flag: strconv.ParseInt: parsing "${text}": invalid syntax`); return out.result(ctx.sb); }
  let [typeText, name] = ctx.args.positionals;
  if (typeText?.includes('/')) [typeText, name] = typeText.split('/', 2);
  if (!typeText || !name) { out.fail('error: resource(s) were provided, but no name was specified'); return out.result(ctx.sb); }
  const lt = lookupType(typeText);
  if (!lt.ok) { out.fail(lt.error); return out.result(ctx.sb); }
  const kind = lt.type.kind;
  if (kind !== 'Deployment' && kind !== 'ReplicaSet' && kind !== 'StatefulSet') { out.fail(`error: no scaler has been implemented for {"${lt.type.group}" "${kind}"}`); return out.result(ctx.sb); }
  const target = findObject(ctx.sb, { kind, namespace: ctx.namespace, name });
  if (!target) { out.fail(`Error from server (NotFound): ${lt.type.plural}.${lt.type.group} "${name}" not found`); return out.result(ctx.sb); }
  const raw = { ...target.manifest, spec: { ...obj(target.manifest.spec), replicas } };
  const res = admitRaw(ctx.sb, raw, ctx.namespace, { mode: 'update', now: ctx.env.now });
  if (!res.ok) { out.fail(res.error); return out.result(ctx.sb); }
  out.out(`${qualifiedName(res.ref)} scaled`);
  return out.result(reconcile(res.sandbox, ctx.env.now));
}
