// Request bodies in the API server's protobuf encoding (`Content-Type: application/vnd.kubernetes.protobuf`),
// which kubectl 1.32+ uses for its typed `create namespace|deployment|service|job|cronjob` commands: the
// "k8s\0" envelope (runtime.Unknown) around the object's message, decoded to the object's JSON form for the
// kinds the simulator stores. Field numbers are those of the Kubernetes API's generated.proto files; a field
// the tables do not list is skipped. Pure.
import type { JsonObject } from './sandbox.ts';

/** scalar kinds; a trailing "?" marks an optional (pointer) field whose zero value is kept. */
type Scalar = 'string' | 'int' | 'int?' | 'bool' | 'bool?' | 'map' | 'quantities' | 'time' | 'intstr' | 'bytes';
/** [json name, scalar kind or message name, repeated] */
type Field = readonly [string, string, boolean?];
type Message = Readonly<Record<number, Field>>;

const SCALARS: readonly string[] = ['string', 'int', 'int?', 'bool', 'bool?', 'map', 'quantities', 'time', 'intstr', 'bytes'];

const MESSAGES: Readonly<Record<string, Message>> = {
  Unknown: { 1: ['typeMeta', 'TypeMeta'], 2: ['raw', 'bytes'], 3: ['contentEncoding', 'string'], 4: ['contentType', 'string'] },
  TypeMeta: { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] },
  ObjectMeta: {
    1: ['name', 'string'], 2: ['generateName', 'string'], 3: ['namespace', 'string'], 5: ['uid', 'string'], 6: ['resourceVersion', 'string'],
    7: ['generation', 'int'], 8: ['creationTimestamp', 'time'], 11: ['labels', 'map'], 12: ['annotations', 'map'],
    13: ['ownerReferences', 'OwnerReference', true], 14: ['finalizers', 'string', true],
  },
  OwnerReference: { 1: ['kind', 'string'], 3: ['name', 'string'], 4: ['uid', 'string'], 5: ['apiVersion', 'string'], 6: ['controller', 'bool?'], 7: ['blockOwnerDeletion', 'bool?'] },
  LabelSelector: { 1: ['matchLabels', 'map'], 2: ['matchExpressions', 'LabelSelectorRequirement', true] },
  LabelSelectorRequirement: { 1: ['key', 'string'], 2: ['operator', 'string'], 3: ['values', 'string', true] },
  Namespace: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'NamespaceSpec'], 3: ['status', 'Empty'] },
  NamespaceSpec: { 1: ['finalizers', 'string', true] },
  Pod: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'], 3: ['status', 'Empty'] },
  PodTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  PodSpec: {
    2: ['containers', 'Container', true], 3: ['restartPolicy', 'string'], 4: ['terminationGracePeriodSeconds', 'int?'], 5: ['activeDeadlineSeconds', 'int?'],
    6: ['dnsPolicy', 'string'], 7: ['nodeSelector', 'map'], 8: ['serviceAccountName', 'string'], 9: ['serviceAccount', 'string'], 10: ['nodeName', 'string'],
    11: ['hostNetwork', 'bool'], 16: ['hostname', 'string'], 17: ['subdomain', 'string'], 19: ['schedulerName', 'string'], 20: ['initContainers', 'Container', true],
    22: ['tolerations', 'Toleration', true], 24: ['priorityClassName', 'string'], 25: ['priority', 'int?'], 30: ['enableServiceLinks', 'bool?'], 31: ['preemptionPolicy', 'string'],
  },
  Container: {
    1: ['name', 'string'], 2: ['image', 'string'], 3: ['command', 'string', true], 4: ['args', 'string', true], 5: ['workingDir', 'string'],
    6: ['ports', 'ContainerPort', true], 7: ['env', 'EnvVar', true], 8: ['resources', 'ResourceRequirements'], 13: ['terminationMessagePath', 'string'],
    14: ['imagePullPolicy', 'string'], 16: ['stdin', 'bool'], 17: ['stdinOnce', 'bool'], 18: ['tty', 'bool'], 20: ['terminationMessagePolicy', 'string'],
  },
  ContainerPort: { 1: ['name', 'string'], 2: ['hostPort', 'int'], 3: ['containerPort', 'int'], 4: ['protocol', 'string'], 5: ['hostIP', 'string'] },
  EnvVar: { 1: ['name', 'string'], 2: ['value', 'string'] },
  ResourceRequirements: { 1: ['limits', 'quantities'], 2: ['requests', 'quantities'] },
  Toleration: { 1: ['key', 'string'], 2: ['operator', 'string'], 3: ['value', 'string'], 4: ['effect', 'string'], 5: ['tolerationSeconds', 'int?'] },
  Service: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'ServiceSpec'], 3: ['status', 'Empty'] },
  ServiceSpec: {
    1: ['ports', 'ServicePort', true], 2: ['selector', 'map'], 3: ['clusterIP', 'string'], 4: ['type', 'string'], 5: ['externalIPs', 'string', true],
    7: ['sessionAffinity', 'string'], 10: ['externalName', 'string'], 11: ['externalTrafficPolicy', 'string'], 17: ['ipFamilyPolicy', 'string'],
    18: ['clusterIPs', 'string', true], 19: ['ipFamilies', 'string', true], 22: ['internalTrafficPolicy', 'string'],
  },
  ServicePort: { 1: ['name', 'string'], 2: ['protocol', 'string'], 3: ['port', 'int'], 4: ['targetPort', 'intstr'], 5: ['nodePort', 'int'], 6: ['appProtocol', 'string'] },
  Deployment: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'DeploymentSpec'], 3: ['status', 'Empty'] },
  DeploymentSpec: {
    1: ['replicas', 'int?'], 2: ['selector', 'LabelSelector'], 3: ['template', 'PodTemplateSpec'], 4: ['strategy', 'DeploymentStrategy'],
    5: ['minReadySeconds', 'int'], 6: ['revisionHistoryLimit', 'int?'], 7: ['paused', 'bool'], 9: ['progressDeadlineSeconds', 'int?'],
  },
  DeploymentStrategy: { 1: ['type', 'string'], 2: ['rollingUpdate', 'RollingUpdateDeployment'] },
  RollingUpdateDeployment: { 1: ['maxUnavailable', 'intstr'], 2: ['maxSurge', 'intstr'] },
  ReplicaSet: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'ReplicaSetSpec'], 3: ['status', 'Empty'] },
  ReplicaSetSpec: { 1: ['replicas', 'int?'], 2: ['selector', 'LabelSelector'], 3: ['template', 'PodTemplateSpec'], 4: ['minReadySeconds', 'int'] },
  Job: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'JobSpec'], 3: ['status', 'Empty'] },
  JobSpec: {
    1: ['parallelism', 'int?'], 2: ['completions', 'int?'], 3: ['activeDeadlineSeconds', 'int?'], 4: ['selector', 'LabelSelector'], 5: ['manualSelector', 'bool?'],
    6: ['template', 'PodTemplateSpec'], 7: ['backoffLimit', 'int?'], 8: ['ttlSecondsAfterFinished', 'int?'], 9: ['completionMode', 'string'], 10: ['suspend', 'bool?'],
  },
  CronJob: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'CronJobSpec'], 3: ['status', 'Empty'] },
  CronJobSpec: {
    1: ['schedule', 'string'], 2: ['startingDeadlineSeconds', 'int?'], 3: ['concurrencyPolicy', 'string'], 4: ['suspend', 'bool?'], 5: ['jobTemplate', 'JobTemplateSpec'],
    6: ['successfulJobsHistoryLimit', 'int?'], 7: ['failedJobsHistoryLimit', 'int?'], 8: ['timeZone', 'string'],
  },
  JobTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'JobSpec'] },
  NetworkPolicy: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'NetworkPolicySpec'] },
  NetworkPolicySpec: { 1: ['podSelector', 'LabelSelector'], 2: ['ingress', 'NetworkPolicyIngressRule', true], 3: ['egress', 'NetworkPolicyEgressRule', true], 4: ['policyTypes', 'string', true] },
  NetworkPolicyIngressRule: { 1: ['ports', 'NetworkPolicyPort', true], 2: ['from', 'NetworkPolicyPeer', true] },
  NetworkPolicyEgressRule: { 1: ['ports', 'NetworkPolicyPort', true], 2: ['to', 'NetworkPolicyPeer', true] },
  NetworkPolicyPeer: { 1: ['podSelector', 'LabelSelector'], 2: ['namespaceSelector', 'LabelSelector'], 3: ['ipBlock', 'IPBlock'] },
  NetworkPolicyPort: { 1: ['protocol', 'string'], 2: ['port', 'intstr'], 3: ['endPort', 'int?'] },
  IPBlock: { 1: ['cidr', 'string'], 2: ['except', 'string', true] },
  Empty: {},
};

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array, readonly end = buf.length) {}
  done(): boolean { return this.pos >= this.end; }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end || shift > 63n) throw new Error('truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  bytes(): Uint8Array {
    const n = Number(this.varint());
    if (n < 0 || this.pos + n > this.end) throw new Error('truncated field');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
    if (this.pos > this.end) throw new Error('truncated field');
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const int = (v: bigint) => Number(BigInt.asIntN(64, v));

function decodeMap(entries: Uint8Array[], quantity: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) {
    const r = new Reader(e);
    let key = '';
    let value = '';
    while (!r.done()) {
      const tag = int(r.varint());
      const [no, wire] = [tag >>> 3, tag & 7];
      if (wire !== 2) { r.skip(wire); continue; }
      const b = r.bytes();
      if (no === 1) key = utf8.decode(b);
      else if (no === 2) value = quantity ? String(decodeMessage(b, 'Quantity_').string ?? '') : utf8.decode(b);
    }
    out[key] = value;
  }
  return out;
}

function scalarOf(kind: string, wire: number, r: Reader): unknown {
  switch (kind) {
    case 'string': return utf8.decode(r.bytes());
    case 'bytes': return r.bytes();
    case 'int': case 'int?': return int(r.varint());
    case 'bool': case 'bool?': return r.varint() !== 0n;
    case 'time': {
      const t = decodeMessage(r.bytes(), 'Time_');
      const s = Number(t.seconds ?? 0);
      return s === 0 ? null : new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    case 'intstr': {
      const v = decodeMessage(r.bytes(), 'IntOrString_');
      return Number(v.type ?? 0) === 1 ? String(v.strVal ?? '') : Number(v.intVal ?? 0);
    }
    default: throw new Error(`wire type ${wire} for ${kind}`);
  }
}

const INTERNAL: Readonly<Record<string, Message>> = {
  Quantity_: { 1: ['string', 'string'] },
  Time_: { 1: ['seconds', 'int'], 2: ['nanos', 'int'] },
  IntOrString_: { 1: ['type', 'int?'], 2: ['intVal', 'int?'], 3: ['strVal', 'string'] },
};

function decodeMessage(buf: Uint8Array, name: string): JsonObject {
  const schema = MESSAGES[name] ?? INTERNAL[name];
  const r = new Reader(buf);
  const out: JsonObject = {};
  const lists = new Map<string, unknown[]>();
  const maps = new Map<string, { entries: Uint8Array[]; quantity: boolean }>();
  while (!r.done()) {
    const tag = int(r.varint());
    const no = tag >>> 3;
    const wire = tag & 7;
    const field = schema?.[no];
    if (!field) { r.skip(wire); continue; }
    const [json, kind, repeated] = field;
    if (kind === 'map' || kind === 'quantities') {
      const m = maps.get(json) ?? { entries: [], quantity: kind === 'quantities' };
      m.entries.push(r.bytes());
      maps.set(json, m);
      continue;
    }
    const value = SCALARS.includes(kind) ? scalarOf(kind, wire, r) : decodeMessage(r.bytes(), kind);
    if (repeated) {
      const l = lists.get(json) ?? [];
      l.push(value);
      lists.set(json, l);
      continue;
    }
    const zero = value === '' || ((kind === 'int' || kind === 'bool') && (value === 0 || value === false)) || value === null;
    if (!zero || name.endsWith('_')) out[json] = value;
  }
  for (const [k, l] of lists) out[k] = l;
  for (const [k, m] of maps) out[k] = decodeMap(m.entries, m.quantity);
  return out;
}

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

export type ProtobufDecode = { ok: true; value: JsonObject } | { ok: false; error: string };

/** Decodes a "k8s\0"-enveloped object of a kind the simulator stores. */
export function decodeProtobufObject(buf: Uint8Array): ProtobufDecode {
  if (buf.length < 4 || MAGIC.some((b, i) => buf[i] !== b)) return { ok: false, error: 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]' };
  try {
    const unknown = decodeMessage(buf.subarray(4), 'Unknown');
    const tm = (unknown.typeMeta ?? {}) as JsonObject;
    const kind = String(tm.kind ?? '');
    const apiVersion = String(tm.apiVersion ?? '');
    if (!MESSAGES[kind] || kind === 'Unknown' || kind === 'TypeMeta' || !/^[A-Z]/.test(kind) || ['ObjectMeta', 'Empty'].includes(kind)) {
      return { ok: false, error: `no kind "${kind}" is registered for version "${apiVersion}" in the simulated cluster's protobuf decoder` };
    }
    const raw = unknown.raw instanceof Uint8Array ? unknown.raw : new Uint8Array();
    return { ok: true, value: { apiVersion, kind, ...decodeMessage(raw, kind) } };
  } catch (e) {
    return { ok: false, error: `unable to decode the protobuf body: ${(e as Error).message}` };
  }
}
