// The shape of a stored sandbox (the kubectl state file), checked in full when it is read back: a file
// that parses as JSON but has a null object, `counters: null`, NaN-making counters, a missing manifest or
// an engine view of the wrong kind would otherwise crash (or hang) every later command. The check is of
// structure (types, enums the code switches on, consistency between an object and its views), not a second
// admission: whatever the simulated API server stores must pass it. Pure.
import { z } from 'zod';
import type { Sandbox } from './sandbox.ts';

const KINDS = ['Namespace', 'Pod', 'Service', 'NetworkPolicy', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'] as const;

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const labels = z.record(z.string(), z.string());
const protocol = z.enum(['TCP', 'UDP', 'SCTP']);
const port = z.number().int();
const jsonObject = z.record(z.string(), z.unknown());

const meta = {
  name: z.string().min(1),
  namespace: z.string(),
  labels,
  annotations: labels.optional(),
  creationTimestamp: z.string().optional(),
  uid: z.string().optional(),
};

const selector = z.looseObject({
  matchLabels: labels.optional(),
  matchExpressions: z.array(z.looseObject({
    key: z.string(),
    operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
    values: z.array(z.string()).optional(),
  })).optional(),
});

const peer = z.looseObject({
  podSelector: selector.optional(),
  namespaceSelector: selector.optional(),
  ipBlock: z.looseObject({ cidr: z.string(), except: z.array(z.string()).optional() }).optional(),
});

const policyPort = z.looseObject({ protocol: protocol.optional(), port: z.union([port, z.string()]).optional(), endPort: port.optional() });

const namespaceValue = z.looseObject({
  name: z.string().min(1), labels, declared: z.boolean(), creationTimestamp: z.string().optional(), uid: z.string().optional(),
});

const podValue = z.looseObject({
  ...meta,
  ip: z.string(),
  containers: z.array(z.looseObject({
    name: z.string(), image: z.string(),
    ports: z.array(z.looseObject({ name: z.string().optional(), containerPort: port, protocol })),
    command: z.array(z.string()).optional(), args: z.array(z.string()).optional(),
  })),
  owner: z.enum(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']),
  nodeName: z.string().optional(),
});

const serviceValue = z.looseObject({
  ...meta,
  type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']),
  clusterIP: z.string(),
  selector: labels.optional(),
  ports: z.array(z.looseObject({
    name: z.string().optional(), port, targetPort: z.union([port, z.string()]), protocol,
    nodePort: port.optional(),
  })),
});

const policyValue = z.looseObject({
  ...meta,
  spec: z.looseObject({
    podSelector: selector,
    policyTypes: z.array(z.enum(['Ingress', 'Egress'])).optional(),
    ingress: z.array(z.looseObject({ from: z.array(peer).optional(), ports: z.array(policyPort).optional() })).optional(),
    egress: z.array(z.looseObject({ to: z.array(peer).optional(), ports: z.array(policyPort).optional() })).optional(),
  }),
});

const engine = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('Namespace'), value: namespaceValue }),
  z.object({ kind: z.literal('Pod'), value: podValue }),
  z.object({ kind: z.literal('Service'), value: serviceValue }),
  z.object({ kind: z.literal('NetworkPolicy'), value: policyValue }),
]);

const storedObject = z.object({
  kind: z.enum(KINDS),
  namespace: z.string(),
  name: z.string().min(1),
  manifest: z.looseObject({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: z.looseObject({ name: z.string(), namespace: z.string().optional() }),
    spec: jsonObject.optional(),
    status: jsonObject.optional(),
  }),
  engine: engine.optional(),
  ownedBy: z.string().regex(/^[A-Za-z]+\/.+$/).optional(),
}).superRefine((o, ctx) => {
  const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (o.manifest.kind !== o.kind) problem(['manifest', 'kind'], `is ${o.manifest.kind}, the object is a ${o.kind}`);
  if (o.manifest.metadata.name !== o.name) problem(['manifest', 'metadata', 'name'], 'differs from the object name');
  if ((o.kind === 'Namespace') !== (o.namespace === '')) problem(['namespace'], o.kind === 'Namespace' ? 'must be empty for a Namespace' : 'is required');
  const needsEngine = o.kind === 'Namespace' || o.kind === 'Pod' || o.kind === 'Service' || o.kind === 'NetworkPolicy';
  if (needsEngine && o.engine?.kind !== o.kind) problem(['engine'], `missing or not a ${o.kind}`);
  if (!needsEngine && o.engine) problem(['engine'], `a ${o.kind} has no engine view`);
  if (o.engine && o.engine.value.name !== o.name) problem(['engine', 'value', 'name'], 'differs from the object name');
  if (o.engine && o.engine.kind !== 'Namespace' && o.engine.value.namespace !== o.namespace) problem(['engine', 'value', 'namespace'], 'differs from the object namespace');
});

const sandbox = z.object({
  format: z.literal('netpol-dojo-sandbox/1'),
  objects: z.array(storedObject),
  counters: z.object({ serial: count, resourceVersion: count, podIP: count }),
  logs: z.record(z.string(), z.object({ uid: z.string().optional(), lines: z.array(z.string()).max(10_000) })).optional(),
}).superRefine((sb, ctx) => {
  const seen = new Set<string>();
  sb.objects.forEach((o, i) => {
    const key = `${o.kind}/${o.namespace}/${o.name}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['objects', i], message: `${key} is stored twice` });
    seen.add(key);
  });
});

export type ParsedSandbox = { readonly ok: true; readonly sandbox: Sandbox } | { readonly ok: false; readonly error: string };

/** Checks a parsed state file; the error names the first problem by its path ("objects[3].manifest: …"). */
export function parseSandbox(data: unknown): ParsedSandbox {
  const res = sandbox.safeParse(data);
  if (res.success) return { ok: true, sandbox: data as Sandbox };
  const issue = res.error.issues[0];
  const path = issue.path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
  return { ok: false, error: `${path || '(top level)'}: ${issue.message}` };
}
