// kubectl describe: pod, service, namespace, networkpolicy (kubectl's own layout), and a short form for
// the other kinds.
import type { LabelSelector, NetworkPolicyPeer } from '../engine/types.ts';
import { LAST_APPLIED } from './admit.ts';
import type { Ctx } from './context.ts';
import { aligned, goTime, labelsText, multilineMap, rfc1123z, selectorText } from './format.ts';
import { hash32 } from './ids.ts';
import { arr, isObject, obj } from './json.ts';
import type { KubectlResult } from './output.ts';
import { NODE_IP, NODE_NAME, type JsonObject, type Sandbox, type StoredObject } from './sandbox.ts';
import { resolveTargets } from './targets.ts';
import { serviceBackends } from './views.ts';
import { describeNode } from './describe-node.ts';
import { lookupType } from './resources.ts';

const SKIP = [LAST_APPLIED];

function annotationLines(m: JsonObject): string[] {
  const ann = obj(obj(m.metadata).annotations) as Record<string, string>;
  const entries = Object.entries(ann).filter(([k]) => !SKIP.includes(k)).sort(([a], [b]) => (a < b ? -1 : 1));
  if (!entries.length) return ['<none>'];
  // kubectl folds a long (key + value over 140 characters) or multi-line value under its key, each line indented
  // two spaces and cut at 138 characters with "...".
  const out: string[] = [];
  for (const [k, raw] of entries) {
    const v = String(raw).replace(/\n$/, '');
    if (v.length + k.length + 2 > MAX_ANNOTATION || v.includes('\n')) {
      out.push(`${k}:`);
      for (const line of v.split('\n')) out.push(`  ${line.length > MAX_ANNOTATION - 2 ? `${line.slice(0, MAX_ANNOTATION - 2)}...` : line}`);
    } else out.push(`${k}: ${v}`);
  }
  return out;
}

const MAX_ANNOTATION = 140;

function labelLines(m: JsonObject): string[] {
  return multilineMap(obj(obj(m.metadata).labels) as Record<string, string>);
}

function hex(seed: string, n: number): string {
  let s = '';
  for (let i = 0; s.length < n; i++) s += hash32(`${i}|${seed}`).toString(16).padStart(8, '0');
  return s.slice(0, n);
}

/** A container's state (or last state) as kubectl describe words it: Running, Waiting with its reason, Terminated. */
function containerState(label: string, state: JsonObject): [string, string][] {
  if (isObject(state.running)) return [[label, 'Running'], ['  Started:', rfc1123z(state.running.startedAt)]];
  if (isObject(state.waiting)) return [[label, 'Waiting'], ...(state.waiting.reason ? [['  Reason:', String(state.waiting.reason)] as [string, string]] : [])];
  if (isObject(state.terminated)) {
    const t = state.terminated;
    return [[label, 'Terminated'], ...(t.reason ? [['  Reason:', String(t.reason)] as [string, string]] : []), ['  Exit Code:', String(t.exitCode ?? 0)],
      ['  Started:', rfc1123z(t.startedAt)], ['  Finished:', rfc1123z(t.finishedAt)]];
  }
  return [[label, 'Waiting']];
}

export function describePod(o: StoredObject): string {
  const m = o.manifest;
  const spec = obj(m.spec);
  const status = obj(m.status);
  const ip = String(status.podIP ?? '');
  const lines = aligned([
    ['Name:', o.name], ['Namespace:', o.namespace], ['Priority:', String(spec.priority ?? 0)],
    ...(spec.priorityClassName ? [['Priority Class Name:', String(spec.priorityClassName)] as [string, string]] : []),
    ['Service Account:', String(spec.serviceAccountName ?? 'default')], ['Node:', `${spec.nodeName}/${NODE_IP}`],
    ['Start Time:', rfc1123z(status.startTime)], ['Labels:', labelLines(m)], ['Annotations:', annotationLines(m)],
    ['Status:', String(status.phase ?? 'Pending')], ['IP:', ip],
  ]);
  lines.push('IPs:', `  IP:  ${ip}`);
  const owner = arr(obj(m.metadata).ownerReferences).map(obj)[0];
  if (owner) lines.push(...aligned([['Controlled By:', `${owner.kind}/${owner.name}`]], '').map((l) => l.replace(/^(Controlled By:)\s+/, '$1  ')));
  lines.push('Containers:');
  for (const c of arr(spec.containers).map(obj)) {
    const ports = arr(c.ports).map(obj);
    const portText = ports.length ? ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>';
    const hostText = ports.length ? ports.map((p) => `0/${p.protocol ?? 'TCP'}`).join(', ') : '<none>';
    lines.push(`  ${c.name}:`);
    const pairs: [string, string | string[]][] = [
      ['Container ID:', `containerd://${hex(`${o.namespace}/${o.name}/${c.name}`, 64)}`], ['Image:', String(c.image)],
      ['Image ID:', `${String(c.image).split(':')[0]}@sha256:${hex(String(c.image), 64)}`],
      [ports.length > 1 ? 'Ports:' : 'Port:', portText], [ports.length > 1 ? 'Host Ports:' : 'Host Port:', hostText],
    ];
    if (arr(c.command).length) { pairs.push(['Command:', '']); for (const x of arr(c.command)) pairs.push(['', `  ${String(x)}`]); }
    if (arr(c.args).length) { pairs.push(['Args:', '']); for (const x of arr(c.args)) pairs.push(['', `  ${String(x)}`]); }
    const cs = arr(status.containerStatuses).map(obj).find((x) => x.name === c.name);
    pairs.push(...containerState('State:', obj(cs?.state ?? { running: { startedAt: status.startTime } })));
    if (cs && isObject(cs.lastState) && Object.keys(cs.lastState).length) pairs.push(...containerState('Last State:', obj(cs.lastState)));
    pairs.push(['Ready:', cs?.ready === false ? 'False' : 'True'], ['Restart Count:', String(cs?.restartCount ?? 0)], ['Environment:', '<none>'], ['Mounts:', '<none>']);
    for (const l of aligned(pairs, '    ')) lines.push(l);
  }
  const statuses = arr(status.containerStatuses).map(obj);
  const allReady = statuses.every((x) => x.ready !== false);
  const finished = status.phase === 'Succeeded' || status.phase === 'Failed';
  const conditions: [string, boolean][] = [['PodReadyToStartContainers', !finished], ['Initialized', true], ['Ready', allReady], ['ContainersReady', allReady], ['PodScheduled', true]];
  lines.push('Conditions:', '  Type                        Status', ...conditions.map(([t, ok]) => `  ${t.padEnd(28)}${ok ? 'True ' : 'False '}`));
  const tolerations = arr(spec.tolerations).map(obj).map((t) => `${t.key}:${t.effect} op=${t.operator}${t.tolerationSeconds ? ` for ${t.tolerationSeconds}s` : ''}`);
  lines.push(...aligned([
    ['QoS Class:', String(status.qosClass ?? 'BestEffort')], ['Node-Selectors:', labelsText(obj(spec.nodeSelector) as Record<string, string>)],
    ['Tolerations:', tolerations.length ? tolerations : ['<none>']], ['Events:', '<none>'],
  ], '', 29));
  return lines.join('\n');
}

export function describeService(sb: Sandbox, o: StoredObject): string {
  const m = o.manifest;
  const spec = obj(m.spec);
  const svc = o.engine?.kind === 'Service' ? o.engine.value : undefined;
  const backends = svc ? serviceBackends(sb, svc) : [];
  const pairs: [string, string | string[]][] = [
    ['Name:', o.name], ['Namespace:', o.namespace], ['Labels:', labelLines(m)], ['Annotations:', annotationLines(m)],
    ['Selector:', spec.selector ? labelsText(obj(spec.selector) as Record<string, string>) : '<none>'], ['Type:', String(spec.type ?? 'ClusterIP')],
    ['IP Family Policy:', 'SingleStack'], ['IP Families:', 'IPv4'], ['IP:', String(spec.clusterIP || 'None')], ['IPs:', String(spec.clusterIP || 'None')],
  ];
  arr(spec.ports).map(obj).forEach((p, i) => {
    pairs.push(['Port:', `${p.name ?? '<unset>'}  ${p.port}/${p.protocol ?? 'TCP'}`]);
    pairs.push(['TargetPort:', `${p.targetPort}/${p.protocol ?? 'TCP'}`]);
    if (p.nodePort) pairs.push(['NodePort:', `${p.name ?? '<unset>'}  ${p.nodePort}/${p.protocol ?? 'TCP'}`]);
    const eps = o.namespace === 'default' && o.name === 'kubernetes' ? [`${NODE_IP}:6443`] : (backends[i] ?? []).map((b) => `${b.pod.ip}:${b.port}`);
    pairs.push(['Endpoints:', eps.join(',')]);
  });
  pairs.push(['Session Affinity:', String(spec.sessionAffinity ?? 'None')], ['Internal Traffic Policy:', 'Cluster'], ['Events:', '<none>']);
  return aligned(pairs).join('\n');
}

export function describeNamespace(o: StoredObject): string {
  const m = o.manifest;
  return [...aligned([['Name:', o.name], ['Labels:', labelLines(m)], ['Annotations:', annotationLines(m)], ['Status:', String(obj(m.status).phase ?? 'Active')]]),
    '', 'No resource quota.', '', 'No LimitRange resource.'].join('\n');
}

function peerLines(peer: NetworkPolicyPeer, indent: string): string[] {
  const sel = (s: LabelSelector | undefined) => selectorText(s);
  if (peer.podSelector && peer.namespaceSelector) return [`${indent}NamespaceSelector: ${sel(peer.namespaceSelector)}`, `${indent}PodSelector: ${sel(peer.podSelector)}`];
  if (peer.podSelector) return [`${indent}PodSelector: ${sel(peer.podSelector)}`];
  if (peer.namespaceSelector) return [`${indent}NamespaceSelector: ${sel(peer.namespaceSelector)}`];
  if (peer.ipBlock) return [`${indent}IPBlock:`, `${indent}  CIDR: ${peer.ipBlock.cidr}`, `${indent}  Except: ${(peer.ipBlock.except ?? []).join(', ')}`];
  return [];
}

function ruleLines(rules: JsonObject[], direction: 'ingress' | 'egress'): string[] {
  const ind = '    ';
  if (rules.length === 0) return [`${ind}<none> (Selected pods are isolated for ${direction} connectivity)`];
  const out: string[] = [];
  rules.forEach((r, i) => {
    const ports = arr(r.ports).map(obj);
    if (ports.length === 0) out.push(`${ind}To Port: <any> (traffic allowed to all ports)`);
    for (const p of ports) {
      // kubectl 1.31+: a port with endPort is a range.
      if (p.endPort !== undefined && p.port !== undefined) out.push(`${ind}To Port Range: ${p.port}-${p.endPort}/${p.protocol ?? 'TCP'}`);
      else out.push(`${ind}To Port: ${p.port === undefined ? '<nil>' : String(p.port)}/${p.protocol ?? 'TCP'}`);
    }
    const peers = arr(direction === 'ingress' ? r.from : r.to).map((x) => obj(x) as NetworkPolicyPeer);
    const word = direction === 'ingress' ? 'From' : 'To';
    if (peers.length === 0) out.push(`${ind}${word}: <any> (traffic not restricted by ${direction === 'ingress' ? 'source' : 'destination'})`);
    for (const peer of peers) { out.push(`${ind}${word}:`); for (const l of peerLines(peer, `${ind}  `)) out.push(l); }
    if (i !== rules.length - 1) out.push(`${ind}----------`);
  });
  return out;
}

/** The text `kubectl describe networkpolicy` prints. */
export function describeNetworkPolicy(o: StoredObject): string {
  const m = o.manifest;
  const spec = obj(m.spec);
  const types = arr(spec.policyTypes).map(String);
  const podSel = obj(spec.podSelector) as LabelSelector;
  const selText = selectorText(podSel);
  const lines = aligned([['Name:', o.name], ['Namespace:', o.namespace], ['Created on:', goTime(obj(m.metadata).creationTimestamp)], ['Labels:', labelLines(m)], ['Annotations:', annotationLines(m)]]);
  lines.push('Spec:');
  lines.push(`  PodSelector:     ${selText === '<none>' ? '<none> (Allowing the specific traffic to all pods in this namespace)' : selText}`);
  if (types.includes('Ingress')) { lines.push('  Allowing ingress traffic:'); for (const l of ruleLines(arr(spec.ingress).map(obj), 'ingress')) lines.push(l); }
  else lines.push('  Not affecting ingress traffic');
  if (types.includes('Egress')) { lines.push('  Allowing egress traffic:'); for (const l of ruleLines(arr(spec.egress).map(obj), 'egress')) lines.push(l); }
  else lines.push('  Not affecting egress traffic');
  lines.push(`  Policy Types: ${types.join(', ')}`);
  return lines.join('\n');
}

function describeWorkload(o: StoredObject): string {
  const m = o.manifest;
  const spec = obj(m.spec);
  const status = obj(m.status);
  const tspec = obj(obj(spec.template).spec);
  const pairs: [string, string | string[]][] = [
    ['Name:', o.name], ['Namespace:', o.namespace], ['CreationTimestamp:', rfc1123z(obj(m.metadata).creationTimestamp)],
    ['Labels:', labelLines(m)], ['Annotations:', annotationLines(m)], ['Selector:', selectorText(obj(spec.selector) as LabelSelector)],
  ];
  if (spec.replicas !== undefined) pairs.push(['Replicas:', `${spec.replicas} desired | ${status.replicas ?? 0} total | ${status.readyReplicas ?? 0} ready`]);
  if (o.ownedBy) pairs.push(['Controlled By:', o.ownedBy]);
  const lines = aligned(pairs);
  lines.push('Pod Template:', `  Labels:  ${multilineMap(obj(obj(obj(spec.template).metadata).labels) as Record<string, string>).join('\n           ')}`, '  Containers:');
  for (const c of arr(tspec.containers).map(obj)) {
    const ports = arr(c.ports).map(obj).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') || '<none>';
    lines.push(`   ${c.name}:`, ...aligned([['Image:', String(c.image)], ['Port:', ports], ['Environment:', '<none>'], ['Mounts:', '<none>']], '    '));
  }
  lines.push('Events:          <none>');
  return lines.join('\n');
}

export function describeObject(sb: Sandbox, o: StoredObject): string {
  switch (o.kind) {
    case 'Pod': return describePod(o);
    case 'Service': return describeService(sb, o);
    case 'Namespace': return describeNamespace(o);
    case 'NetworkPolicy': return describeNetworkPolicy(o);
    default: return describeWorkload(o);
  }
}

/** describe node [NAME…] / node/NAME: the single node; undefined when the arguments name another type. */
function runDescribeNode(ctx: Ctx): KubectlResult | undefined {
  const pos = ctx.args.positionals;
  if (pos.length === 0 || ctx.args.flags.has('filename')) return undefined;
  const slash = pos[0].indexOf('/');
  const type = lookupType(slash < 0 ? pos[0] : pos[0].slice(0, slash));
  if (!type.ok || type.type.kind !== 'Node') return undefined;
  if (slash >= 0 && pos.some((p) => !/^(nodes?|no)(\.)?\//i.test(p))) return undefined;
  const names = slash < 0 ? pos.slice(1) : pos.map((p) => p.slice(p.indexOf('/') + 1));
  const out = ctx.out;
  const shown = names.length === 0 ? [NODE_NAME] : names.filter((n) => n === NODE_NAME);
  if (shown.length) out.out(shown.map(() => describeNode(ctx)).join('\n\n\n'));
  for (const n of names) if (n !== NODE_NAME) out.fail(`Error from server (NotFound): nodes "${n}" not found`);
  return out.result(ctx.sb);
}

/** Sorted like the API lists them: by namespace and name within each type, types in the order asked for. */
function listOrder(objects: readonly StoredObject[]): StoredObject[] {
  const kinds = [...new Set(objects.map((o) => o.kind))];
  const key = (o: StoredObject) => [kinds.indexOf(o.kind), o.namespace, o.name] as const;
  return [...objects].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  });
}

export function runDescribe(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const node = runDescribeNode(ctx);
  if (node) return node;
  const res = resolveTargets(ctx, { needName: false });
  if (!res.ok) { out.fail(res.error); return out.result(ctx.sb); }
  const { missing } = res.targets;
  // Without names, kubectl describes what the API lists: sorted by namespace and name within each type.
  const listed = ctx.args.positionals.length === 1 && !ctx.args.positionals[0].includes('/');
  const found = listed ? listOrder(res.targets.found) : res.targets.found;
  if (found.length > 0) out.out(found.map((o) => describeObject(ctx.sb, o)).join('\n\n\n'));
  else if (missing.length === 0) out.err(`No resources found in ${ctx.namespace} namespace.`);
  for (const m of missing) out.fail(m);
  return out.result(ctx.sb);
}
