// The simulated API server's write path for one validated object: namespace checks, defaulting,
// server-set metadata (uid, resourceVersion, creationTimestamp, generation), address allocation and
// immutability rules. Returns a new sandbox; never mutates.
import { parseManifests, type ManifestObject } from '../content/manifests.ts';
import { effectivePolicyTypes } from '../engine/compile.ts';
import { isValidIP } from '../engine/cidr.ts';
import type { NetworkPolicy, Pod, Service, ServicePort, WorkloadKind } from '../engine/types.ts';
import { NAME_LABEL } from '../engine/types.ts';
import { hash32, intToIP, ipToInt, makeUid } from './ids.ts';
import { arr, compact, deepEqual, isObject, obj, stableJson, str } from './json.ts';
import { podStatus } from './pod-lifecycle.ts';
import {
  bumpCounters, findObject, namespaceExists, NODE_IP, NODE_NAME, putObject, serverName,
  type EngineObject, type JsonObject, type ObjectKind, type ObjectRef, type Sandbox, type StoredObject,
} from './sandbox.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const KINDS: readonly ObjectKind[] = ['Namespace', 'Pod', 'Service', 'NetworkPolicy', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

export function isObjectKind(k: unknown): k is ObjectKind {
  return typeof k === 'string' && (KINDS as readonly string[]).includes(k);
}

export type AdmitMode = 'apply' | 'create' | 'replace' | 'update';

export interface AdmitOptions {
  readonly mode: AdmitMode;
  readonly now: string;
  /** The file named in "error when creating FILE" messages. */
  readonly file?: string;
  /** The pod's controller ("ReplicaSet/web-abc") and its top-level workload kind. */
  readonly ownedBy?: string;
  readonly ownerKind?: WorkloadKind;
}

export type AdmitAction = 'created' | 'configured' | 'unchanged' | 'replaced';

export type AdmitResult =
  | { readonly ok: true; readonly sandbox: Sandbox; readonly ref: ObjectRef; readonly action: AdmitAction }
  | { readonly ok: false; readonly error: string };

/** Validates one raw object with the strict manifest parser. */
export function parseOne(raw: JsonObject, defaultNamespace: string): { ok: true; object: ManifestObject } | { ok: false; error: string } {
  const res = parseManifests(JSON.stringify(raw), 'object', defaultNamespace);
  if (!res.ok) return { ok: false, error: res.errors.map((e) => e.message).join('\n') };
  const object = res.value.objects[0];
  if (!object) return { ok: false, error: `error: the object is not a kind kubectl can store here` };
  return { ok: true, object };
}


function errorWhen(mode: AdmitMode, file: string | undefined): string {
  if (!file) return '';
  const verb = mode === 'replace' ? 'replacing' : mode === 'update' ? 'updating' : 'creating';
  return `error when ${verb} "${file}": `;
}

/** Timestamps as the API server writes them: RFC 3339, whole seconds, UTC. */
export function serverTime(now: string): string {
  const d = new Date(now);
  return Number.isNaN(d.getTime()) ? now : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// ---- defaulting ---------------------------------------------------------------------------------

function imagePullPolicy(image: string): string {
  const last = image.split('/').pop() ?? image;
  const tag = last.includes('@') ? 'digest' : last.includes(':') ? last.split(':').pop() : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** The pod spec with the defaults the API server fills in. */
export function defaultPodSpec(spec: JsonObject, scheduled: boolean): JsonObject {
  const containers = arr(spec.containers).map((c) => {
    const co = obj(c);
    const ports = arr(co.ports).map((p) => ({ protocol: 'TCP', ...obj(p) }));
    return {
      imagePullPolicy: imagePullPolicy(str(co.image) ?? ''), resources: {},
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
      ...co, ...(ports.length ? { ports } : {}),
    };
  });
  return {
    dnsPolicy: 'ClusterFirst', enableServiceLinks: true, ...(scheduled ? { nodeName: NODE_NAME } : {}),
    preemptionPolicy: 'PreemptLowerPriority', priority: 0, restartPolicy: 'Always', schedulerName: 'default-scheduler',
    securityContext: {}, serviceAccount: 'default', serviceAccountName: 'default', terminationGracePeriodSeconds: 30,
    tolerations: [
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ],
    ...spec,
    containers,
  };
}

function takenPodIPs(sb: Sandbox): Set<string> {
  return new Set(sb.objects.flatMap((o) => (o.engine?.kind === 'Pod' ? [o.engine.value.ip] : [])));
}

export const POD_CIDR = '10.244.0.0/16';
export const SERVICE_CIDR = '10.96.0.0/16';
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

/**
 * Pod addresses come from 10.244.0.0/16 in creation order, like a single-node cluster's CNI (.0, .1 and
 * .255 of every /24 are never handed out). Every address is tried at most once: a full CIDR is an error.
 */
function allocatePodIP(sb: Sandbox): { ok: true; ip: string; sb: Sandbox } | { ok: false } {
  const taken = takenPodIPs(sb);
  const base = ipToInt('10.244.0.0');
  const start = Number.isSafeInteger(sb.counters.podIP) && sb.counters.podIP >= 0 ? sb.counters.podIP : 0;
  for (let i = 0; i < 65536; i++) {
    const n = start + i;
    const host = n % 65536;
    const last = host & 255;
    const ip = intToIP(base + host);
    if (last === 0 || last === 255 || last === 1 || taken.has(ip)) continue;
    return { ok: true, ip, sb: bumpCounters(sb, { podIP: n + 1 }) };
  }
  return { ok: false };
}

function takenServiceIPs(sb: Sandbox): Set<string> {
  return new Set(sb.objects.flatMap((o) => (o.engine?.kind === 'Service' ? [o.engine.value.clusterIP] : [])));
}

/**
 * ClusterIPs are spread over 10.96.1.0–10.96.255.254 by a hash of the name, like the random allocator but
 * stable. Every address is tried at most once: undefined when the range is full.
 */
function allocateServiceIP(sb: Sandbox, ns: string, name: string): string | undefined {
  const taken = takenServiceIPs(sb);
  const base = ipToInt('10.96.0.0');
  let n = 256 + (hash32(`${ns}/${name}`) % (65536 - 512));
  for (let i = 0; i < 65536 - 256; i++) {
    const ip = intToIP(base + n);
    n = n + 1 >= 65536 ? 256 : n + 1;
    const last = ip.split('.')[3];
    if (last !== '0' && last !== '255' && !taken.has(ip)) return ip;
  }
  return undefined;
}

/** NodePorts held by services other than `self`. */
function nodePortsInUse(sb: Sandbox, self: ObjectRef): Set<number> {
  const used = new Set<number>();
  for (const o of sb.objects) {
    if (o.engine?.kind !== 'Service' || (o.namespace === self.namespace && o.name === self.name)) continue;
    for (const p of o.engine.value.ports) if (p.nodePort) used.add(p.nodePort);
  }
  return used;
}

/** A free port of 30000–32767, starting at a hash of `seed`; each port is tried once: undefined when full. */
function allocateNodePort(seed: string, used: Set<number>): number | undefined {
  const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  let n = NODE_PORT_MIN + (hash32(seed) % size);
  for (let i = 0; i < size; i++) {
    if (!used.has(n)) { used.add(n); return n; }
    n = n + 1 > NODE_PORT_MAX ? NODE_PORT_MIN : n + 1;
  }
  return undefined;
}

type ServicePortsResult = { ok: true; ports: Service['ports'] } | { ok: false; error: string };

/**
 * The NodePorts of a NodePort/LoadBalancer service: explicit ones are checked (range, taken by another
 * service, repeated), ports kept from the stored service stay, the rest are allocated.
 */
function serviceNodePorts(sb: Sandbox, mo: Extract<ManifestObject, { kind: 'Service' }>, ns: string, name: string, old: Service | undefined, when: string): ServicePortsResult {
  const type = mo.service.type;
  if (type !== 'NodePort' && type !== 'LoadBalancer') return { ok: true, ports: mo.service.ports.map((p) => ({ ...p, nodePort: undefined })) };
  const used = nodePortsInUse(sb, { kind: 'Service', namespace: ns, name });
  const invalid = (i: number, detail: string) => `The Service "${name}" is invalid: spec.ports[${i}].nodePort: ${detail}`;
  const fixed: (number | undefined)[] = [];
  for (const [i, p] of mo.service.ports.entries()) {
    if (p.nodePort) {
      if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
        return { ok: false, error: invalid(i, `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`) };
      }
      if (used.has(p.nodePort)) return { ok: false, error: invalid(i, `Invalid value: ${p.nodePort}: provided port is already allocated`) };
      const j = mo.service.ports.findIndex((q, k) => k < i && q.nodePort === p.nodePort && q.protocol === p.protocol);
      if (j >= 0) return { ok: false, error: invalid(i, `Duplicate value: ${p.nodePort}`) };
      fixed.push(p.nodePort);
    } else {
      const kept = old?.ports.find((q) => q.port === p.port && q.protocol === p.protocol)?.nodePort;
      fixed.push(kept !== undefined && !used.has(kept) && !fixed.includes(kept) ? kept : undefined);
    }
  }
  for (const n of fixed) if (n !== undefined) used.add(n);
  const ports: ServicePort[] = [];
  for (const [i, p] of mo.service.ports.entries()) {
    const nodePort = fixed[i] ?? allocateNodePort(`${ns}/${name}/${i}`, used);
    if (nodePort === undefined) return { ok: false, error: `Error from server (InternalError): ${when}Internal error occurred: failed to allocate a nodePort: range is full` };
    ports.push({ ...p, nodePort });
  }
  return { ok: true, ports };
}

// ---- admission ----------------------------------------------------------------------------------

interface Built { manifest: JsonObject; engine?: EngineObject; sb: Sandbox }
type BuildResult = { ok: true; built: Built } | { ok: false; error: string };

interface ServerMeta { uid: string; creationTimestamp: string; resourceVersion: string; generation?: number }

function metadataOf(raw: JsonObject, ns: string | undefined, server: ServerMeta, extra: JsonObject = {}): JsonObject {
  const m = obj(raw.metadata);
  const labels = obj(m.labels);
  const annotations = obj(m.annotations);
  return compact({
    ...(Object.keys(annotations).length ? { annotations } : {}),
    creationTimestamp: server.creationTimestamp,
    generation: server.generation,
    ...(Object.keys(labels).length ? { labels } : {}),
    name: m.name,
    namespace: ns,
    ownerReferences: m.ownerReferences,
    ...extra,
    resourceVersion: server.resourceVersion,
    uid: server.uid,
  }) as JsonObject;
}

/** The API server's defaults of a Deployment strategy: RollingUpdate, with 25 % surge and unavailability. */
function deploymentStrategy(given: unknown): JsonObject {
  const s = obj(given);
  const type = s.type ?? 'RollingUpdate';
  if (type !== 'RollingUpdate') return { ...s, type };
  const ru = obj(s.rollingUpdate);
  return { ...s, rollingUpdate: { maxSurge: ru.maxSurge ?? '25%', maxUnavailable: ru.maxUnavailable ?? '25%', ...ru }, type };
}

function workloadSpecDefaults(kind: ObjectKind, spec: JsonObject): JsonObject {
  const template = obj(spec.template);
  const tmeta = obj(template.metadata);
  const tspec = { ...obj(template.spec) };
  delete tspec.nodeName;
  const defTemplate = { metadata: { ...tmeta, creationTimestamp: null }, spec: defaultPodSpec(tspec, false) };
  switch (kind) {
    case 'Deployment':
      return { progressDeadlineSeconds: 600, replicas: 1, revisionHistoryLimit: 10, ...spec, strategy: deploymentStrategy(spec.strategy), template: defTemplate };
    case 'ReplicaSet': case 'StatefulSet':
      return { replicas: 1, ...spec, template: defTemplate };
    case 'Job':
      return { backoffLimit: 6, completions: 1, parallelism: 1, ...spec, template: { ...defTemplate, spec: { ...defTemplate.spec, restartPolicy: obj(template.spec).restartPolicy ?? 'Never' } } };
    default:
      return { ...spec, ...(spec.template ? { template: defTemplate } : {}) };
  }
}

function selectorProblem(kind: ObjectKind, name: string, spec: JsonObject): string | undefined {
  if (kind !== 'Deployment' && kind !== 'ReplicaSet' && kind !== 'StatefulSet' && kind !== 'DaemonSet') return undefined;
  const sel = spec.selector;
  if (!isObject(sel)) return `The ${kind} "${name}" is invalid: spec.selector: Required value`;
  const labels = obj(obj(obj(spec.template).metadata).labels);
  const ml = obj(sel.matchLabels);
  const mismatch = Object.entries(ml).some(([k, v]) => labels[k] !== v) || arr(sel.matchExpressions).length > 0 && Object.keys(ml).length === 0 && Object.keys(labels).length === 0;
  if (mismatch || Object.keys(ml).length === 0 && arr(sel.matchExpressions).length === 0) {
    const shown = Object.entries(labels).map(([k, v]) => `"${k}":"${v}"`).join(', ');
    return `The ${kind} "${name}" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{${shown}}: \`selector\` does not match template \`labels\``;
  }
  return undefined;
}

function containersKey(spec: JsonObject): string {
  return stableJson(arr(spec.containers).map((c) => {
    const co = obj(c);
    return { name: co.name, ports: arr(co.ports).map((p) => ({ protocol: 'TCP', ...obj(p) })), command: co.command, args: co.args };
  }));
}

function build(sb0: Sandbox, mo: ManifestObject, raw: JsonObject, kind: ObjectKind, ns: string, existing: StoredObject | undefined, server: ServerMeta, opts: AdmitOptions): BuildResult {
  let sb = sb0;
  const name = String(obj(raw.metadata).name);
  const spec = obj(raw.spec);
  const head = (apiVersion: string) => ({ apiVersion, kind });
  switch (kind) {
    case 'Namespace': {
      if (mo.kind !== 'Namespace') break;
      const labels = { ...mo.labels, [NAME_LABEL]: name };
      const m = metadataOf({ ...raw, metadata: { ...obj(raw.metadata), labels } }, undefined, server);
      const manifest = { ...head('v1'), metadata: m, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
      return { ok: true, built: { sb, manifest, engine: { kind: 'Namespace', value: { name, labels, declared: true, creationTimestamp: server.creationTimestamp, uid: server.uid } } } };
    }
    case 'Pod': {
      if (mo.kind !== 'Pod') break;
      if (existing && containersKey(obj(existing.manifest.spec)) !== containersKey(spec)) {
        return { ok: false, error: `The Pod "${name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`, \`spec.initContainers[*].image\`, \`spec.activeDeadlineSeconds\`, \`spec.tolerations\` (only additions to existing tolerations) or \`spec.terminationGracePeriodSeconds\`` };
      }
      let ip = existing?.engine?.kind === 'Pod' ? existing.engine.value.ip : undefined;
      if (!ip && mo.pod.ip && isValidIP(mo.pod.ip) && !takenPodIPs(sb).has(mo.pod.ip)) ip = mo.pod.ip;
      if (!ip) {
        const a = allocatePodIP(sb);
        if (!a.ok) {
          return { ok: false, error: `Error from server (InternalError): ${errorWhen(opts.mode, opts.file)}Internal error occurred: failed to allocate a pod IP for pod "${name}": the pod CIDR ${POD_CIDR} is exhausted (no IP addresses available in range set)` };
        }
        ip = a.ip; sb = a.sb;
      }
      const startTime = str(obj(existing?.manifest.status).startTime) ?? server.creationTimestamp;
      const podSpec = defaultPodSpec(spec, true);
      const ownerRefs = opts.ownedBy ? { ownerReferences: [ownerReference(sb, ns, opts.ownedBy)] } : {};
      const manifest = {
        ...head('v1'), metadata: metadataOf(raw, ns, server, ownerRefs), spec: podSpec,
        status: podStatus(podSpec, ip, startTime, { name, namespace: ns, uid: server.uid }),
      };
      const value: Pod = {
        ...mo.pod, namespace: ns, ip, nodeName: NODE_NAME, owner: opts.ownerKind ?? 'Pod',
        annotations: obj(obj(raw.metadata).annotations) as Record<string, string>, creationTimestamp: server.creationTimestamp, uid: server.uid,
      };
      return { ok: true, built: { sb, manifest, engine: { kind: 'Pod', value } } };
    }
    case 'Service': {
      if (mo.kind !== 'Service') break;
      const old = existing?.engine?.kind === 'Service' ? existing.engine.value : undefined;
      const asked = str(spec.clusterIP);
      if (old && asked && asked !== old.clusterIP) {
        return { ok: false, error: `The Service "${name}" is invalid: spec.clusterIPs[0]: Invalid value: []string{"${asked}"}: may not change once set` };
      }
      const type = mo.service.type;
      const when = errorWhen(opts.mode, opts.file);
      if (!old && asked && asked !== 'None') {
        if (!isValidIP(asked)) return { ok: false, error: `The Service "${name}" is invalid: spec.clusterIPs[0]: Invalid value: "${asked}": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)` };
        if (takenServiceIPs(sb).has(asked)) {
          return { ok: false, error: `The Service "${name}" is invalid: spec.clusterIPs: Invalid value: []string{"${asked}"}: failed to allocate IP ${asked}: provided IP is already allocated` };
        }
      }
      const clusterIP = old?.clusterIP ?? (asked && asked !== '' ? asked : type === 'ExternalName' ? '' : allocateServiceIP(sb, ns, name));
      if (clusterIP === undefined) return { ok: false, error: `Error from server (InternalError): ${when}Internal error occurred: failed to allocate a serviceIP: range is full` };
      const allocated = serviceNodePorts(sb, mo, ns, name, old, when);
      if (!allocated.ok) return allocated;
      const ports = allocated.ports;
      const manifest = {
        ...head('v1'), metadata: metadataOf(raw, ns, server),
        spec: compact({
          clusterIP, clusterIPs: clusterIP ? [clusterIP] : undefined, internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
          ...spec,
          ports: ports.map((p) => compact({ name: p.name, nodePort: p.nodePort, port: p.port, protocol: p.protocol, targetPort: p.targetPort })),
          sessionAffinity: spec.sessionAffinity ?? 'None', type,
        }),
        status: { loadBalancer: {} },
      };
      if (arr(spec.ports).length === 0) delete (manifest.spec as JsonObject).ports;
      const value: Service = { ...mo.service, namespace: ns, clusterIP, ports, creationTimestamp: server.creationTimestamp, uid: server.uid };
      return { ok: true, built: { sb, manifest, engine: { kind: 'Service', value } } };
    }
    case 'NetworkPolicy': {
      if (mo.kind !== 'NetworkPolicy') break;
      const policyTypes = effectivePolicyTypes(mo.policy);
      const withProto = (rules: unknown) => arr(rules).map((r) => {
        const ro = obj(r);
        return ro.ports ? { ...ro, ports: arr(ro.ports).map((p) => ({ protocol: 'TCP', ...obj(p) })) } : ro;
      });
      const stored = compact({ ...spec, podSelector: spec.podSelector ?? {}, ingress: spec.ingress ? withProto(spec.ingress) : undefined, egress: spec.egress ? withProto(spec.egress) : undefined, policyTypes: [...policyTypes] }, true) as JsonObject;
      const manifest = { ...head('networking.k8s.io/v1'), metadata: metadataOf(raw, ns, server), spec: stored };
      const value: NetworkPolicy = { ...mo.policy, namespace: ns, spec: { ...mo.policy.spec, policyTypes }, creationTimestamp: server.creationTimestamp, uid: server.uid };
      return { ok: true, built: { sb, manifest, engine: { kind: 'NetworkPolicy', value } } };
    }
    default: {
      const problem = selectorProblem(kind, name, spec);
      if (problem) return { ok: false, error: problem };
      const apiVersion = kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
      const manifest = { ...head(apiVersion), metadata: metadataOf(raw, ns, server), spec: workloadSpecDefaults(kind, spec), status: obj(existing?.manifest.status) };
      return { ok: true, built: { sb, manifest } };
    }
  }
  return { ok: false, error: `error: ${kind} "${name}" does not match its parsed form` };
}

function ownerReference(sb: Sandbox, ns: string, ownedBy: string): JsonObject {
  const [kind, name] = ownedBy.split('/');
  const owner = isObjectKindText(kind) ? findObject(sb, { kind, namespace: ns, name }) : undefined;
  return {
    apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1', blockOwnerDeletion: true, controller: true, kind, name,
    uid: str(obj(owner?.manifest.metadata).uid) ?? makeUid(ownedBy),
  };
}

function isObjectKindText(k: string | undefined): k is ObjectKind {
  return isObjectKind(k);
}

/**
 * Stores one validated object. `mo.raw` must be present (parseManifests keeps it). The namespace is the
 * object's own or `defaultNamespace`; cluster-scoped kinds ignore it.
 */
export function admit(sb: Sandbox, mo: ManifestObject, opts: AdmitOptions): AdmitResult {
  const raw = { ...(mo.raw ?? {}) } as JsonObject;
  const kind = raw.kind;
  const name = String(obj(raw.metadata).name ?? '');
  if (!isObjectKind(kind)) return { ok: false, error: `error: kind "${String(kind)}" is not supported by the simulated cluster` };
  const ns = kind === 'Namespace' ? '' : mo.kind === 'Pod' ? mo.pod.namespace : mo.kind === 'Service' ? mo.service.namespace : mo.kind === 'NetworkPolicy' ? mo.policy.namespace : '';
  const ref: ObjectRef = { kind, namespace: ns, name };
  const when = errorWhen(opts.mode, opts.file);
  if (kind !== 'Namespace' && !namespaceExists(sb, ns)) {
    return { ok: false, error: `Error from server (NotFound): ${when}namespaces "${ns}" not found` };
  }
  const existing = findObject(sb, ref);
  if (existing && opts.mode === 'create') return { ok: false, error: `Error from server (AlreadyExists): ${when}${serverName(ref)} already exists` };
  if (!existing && (opts.mode === 'replace' || opts.mode === 'update')) return { ok: false, error: `Error from server (NotFound): ${when}${serverName(ref)} not found` };
  const em = obj(existing?.manifest.metadata);
  let serial = sb.counters.serial;
  const uid = str(em.uid) ?? makeUid(`${++serial}:${kind}/${ns}/${name}`);
  const creationTimestamp = str(em.creationTimestamp) ?? serverTime(opts.now);
  const hasGeneration = kind !== 'Namespace' && kind !== 'Pod' && kind !== 'Service';
  const sameServer: ServerMeta = { uid, creationTimestamp, resourceVersion: str(em.resourceVersion) ?? '', generation: hasGeneration ? Number(em.generation ?? 1) : undefined };
  const first = build(bumpCounters(sb, { serial }), mo, raw, kind, ns, existing, sameServer, opts);
  if (!first.ok) return first;
  if (existing && deepEqual(first.built.manifest, existing.manifest)) return { ok: true, sandbox: sb, ref, action: 'unchanged' };
  const specChanged = !existing || !deepEqual(first.built.manifest.spec, existing.manifest.spec);
  const resourceVersion = String(sb.counters.resourceVersion + 1);
  const generation = hasGeneration ? (existing ? Number(em.generation ?? 1) + (specChanged ? 1 : 0) : 1) : undefined;
  const meta = { ...obj(first.built.manifest.metadata), resourceVersion, ...(generation !== undefined ? { generation } : {}) };
  const manifest = { ...first.built.manifest, metadata: meta };
  const stored: StoredObject = { kind, namespace: ns, name, manifest, engine: first.built.engine, ownedBy: opts.ownedBy ?? existing?.ownedBy };
  const next = bumpCounters(putObject(first.built.sb, stored), { resourceVersion: sb.counters.resourceVersion + 1 });
  const action: AdmitAction = !existing ? 'created' : opts.mode === 'replace' ? 'replaced' : 'configured';
  return { ok: true, sandbox: next, ref, action };
}

/** Parses and admits a raw object in one go (kubectl run/expose/create/label build raw objects). */
export function admitRaw(sb: Sandbox, raw: JsonObject, defaultNamespace: string, opts: AdmitOptions): AdmitResult {
  const parsed = parseOne(raw, defaultNamespace);
  if (!parsed.ok) return parsed;
  return admit(sb, parsed.object, opts);
}
