// Strict schemas for the Kubernetes objects netpol-dojo simulates. Kubernetes' own OpenAPI schemas let
// unknown fields through, so a typo like `podselector` would silently select every pod; these don't.
// Fields that exist in the real API but do not matter for networking are accepted and ignored.
import { z } from 'zod';
import { inCIDR, isValidCIDR, isValidIP } from '../engine/cidr.ts';

/** Issue params attached to an unknown-field error, so the reporter can suggest the right name. */
export interface UnknownFieldParams { unknownField: string; known: string[] }

// One schema for every ignored field: zod schemas are immutable, and building ~100 of them cost ~10 ms of start-up.
const anything = z.unknown().optional();
const ignored = (names: string[]): Record<string, z.ZodType> =>
  Object.fromEntries(names.map((n) => [n, anything]));

/** An object that rejects fields not in `shape` (plus `ignore`d real-API fields). */
function strict<S extends z.ZodRawShape>(shape: S, ignore: string[] = []) {
  const known = [...Object.keys(shape), ...ignore];
  const full = { ...shape, ...ignored(ignore) } as S;
  return z.object(full).loose().superRefine((value, ctx) => {
    for (const key of Object.keys(value as object)) {
      if (!known.includes(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'unknown field', params: { unknownField: key, known } satisfies UnknownFieldParams });
      }
    }
  });
}

const int = z.number().int();
const portNumber = int.min(1, 'must be between 1 and 65535, inclusive').max(65535, 'must be between 1 and 65535, inclusive');
const protocol = z.enum(['TCP', 'UDP', 'SCTP']);
const portName = z.string().regex(/^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/, 'must be a valid port name (IANA_SVC_NAME: at most 15 lowercase letters, digits and "-", with at least one letter)')
  .refine((s) => !s.includes('--'), 'must not contain consecutive hyphens');
const stringMap = z.record(z.string(), z.string());
const labelKey = z.string().min(1);

const metadata = strict({
  name: z.string().min(1, 'name is required'),
  namespace: z.string().min(1).optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  creationTimestamp: z.union([z.string(), z.null()]).optional(),
  uid: z.string().optional(),
}, ['generateName', 'resourceVersion', 'generation', 'ownerReferences', 'finalizers', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds']);

const templateMetadata = strict({
  name: z.string().optional(),
  namespace: z.string().optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  creationTimestamp: z.union([z.string(), z.null()]).optional(),
}, ['generateName', 'ownerReferences', 'finalizers']);

export const labelSelector = strict({
  matchLabels: stringMap.optional(),
  matchExpressions: z.array(strict({
    key: labelKey,
    operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
    values: z.array(z.string()).optional(),
  }).superRefine((r, ctx) => {
    const n = (r.values ?? []).length;
    if ((r.operator === 'In' || r.operator === 'NotIn') && n === 0) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: `Required value: must be specified when \`operator\` is 'In' or 'NotIn'` });
    }
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && n > 0) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: `Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'` });
    }
  })).optional(),
});

const cidr = z.string().refine(isValidCIDR, { message: 'must be a valid CIDR (for example 10.0.0.0/16 or fd00::/64)' });

const ipBlock = strict({ cidr, except: z.array(cidr).optional() }).superRefine((b, ctx) => {
  (b.except ?? []).forEach((e, i) => {
    if (isValidCIDR(b.cidr) && isValidCIDR(e) && !cidrWithin(e, b.cidr)) {
      ctx.addIssue({ code: 'custom', path: ['except', i], message: `must be a strict subset of \`cidr\` ${b.cidr}` });
    }
  });
});

function cidrWithin(inner: string, outer: string): boolean {
  const [addr, bits] = inner.split('/');
  const [, outerBits] = outer.split('/');
  // inner must lie inside outer and be no larger than it
  return Number(bits) > Number(outerBits) && inCIDR(addr, outer);
}

const peer = strict({
  podSelector: labelSelector.optional(),
  namespaceSelector: labelSelector.optional(),
  ipBlock: ipBlock.optional(),
}).superRefine((p, ctx) => {
  if (!p.podSelector && !p.namespaceSelector && !p.ipBlock) {
    ctx.addIssue({ code: 'custom', path: [], message: 'Required value: must specify a peer (podSelector, namespaceSelector or ipBlock)' });
  }
  if (p.ipBlock && (p.podSelector || p.namespaceSelector)) {
    ctx.addIssue({ code: 'custom', path: [], message: 'Forbidden: may not specify more than 1 peer type: ipBlock cannot be combined with podSelector or namespaceSelector' });
  }
});

const npPort = strict({
  protocol: protocol.optional(),
  port: z.union([portNumber, portName]).optional(),
  endPort: portNumber.optional(),
}).superRefine((p, ctx) => {
  if (p.endPort !== undefined) {
    if (typeof p.port !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['endPort'], message: 'Invalid value: may not be specified when `port` is not a number' });
    } else if (p.endPort < p.port) {
      ctx.addIssue({ code: 'custom', path: ['endPort'], message: `Invalid value: ${p.endPort}: must be greater than or equal to \`port\`` });
    }
  }
});

export const networkPolicySpec = strict({
  podSelector: labelSelector.optional(),
  policyTypes: z.array(z.enum(['Ingress', 'Egress'])).optional(),
  ingress: z.array(strict({ from: z.array(peer).optional(), ports: z.array(npPort).optional() })).optional(),
  egress: z.array(strict({ to: z.array(peer).optional(), ports: z.array(npPort).optional() })).optional(),
});

const containerPort = strict({
  containerPort: portNumber,
  name: portName.optional(),
  protocol: protocol.optional(),
  hostPort: int.optional(),
  hostIP: z.string().optional(),
});

const containerIgnored = ['env', 'envFrom', 'resources', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe',
  'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext',
  'stdin', 'stdinOnce', 'tty', 'workingDir', 'resizePolicy', 'restartPolicy', 'restartPolicyRules'];

const container = strict({
  name: z.string().min(1),
  image: z.string().min(1, 'Required value'),
  ports: z.array(containerPort).optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
}, containerIgnored);

const podSpecIgnored = ['initContainers', 'ephemeralContainers', 'volumes', 'restartPolicy', 'terminationGracePeriodSeconds',
  'activeDeadlineSeconds', 'dnsPolicy', 'dnsConfig', 'nodeSelector', 'serviceAccountName', 'serviceAccount',
  'automountServiceAccountToken', 'hostNetwork', 'hostPID', 'hostIPC', 'hostUsers', 'shareProcessNamespace', 'securityContext',
  'imagePullSecrets', 'hostname', 'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName',
  'priority', 'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead',
  'topologySpreadConstraints', 'setHostnameAsFQDN', 'os', 'schedulingGates', 'resourceClaims', 'resources'];

export const podSpec = strict({
  containers: z.array(container).min(1, 'Required value: at least one container'),
  nodeName: z.string().optional(),
}, podSpecIgnored);

const podStatus = z.object({
  podIP: z.string().refine(isValidIP, { message: 'must be a valid IP address' }).optional(),
  podIPs: z.array(z.object({ ip: z.string() }).loose()).optional(),
  phase: z.string().optional(),
}).loose();

const podTemplate = strict({ metadata: templateMetadata.optional(), spec: podSpec });

const typeMeta = { apiVersion: z.string(), kind: z.string() };

export const namespaceSchema = strict({ ...typeMeta, metadata, spec: z.unknown().optional(), status: z.unknown().optional() });

export const podSchema = strict({ ...typeMeta, metadata, spec: podSpec, status: podStatus.optional() });

export const serviceSchema = strict({
  ...typeMeta,
  metadata,
  spec: strict({
    type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']).optional(),
    selector: stringMap.optional(),
    clusterIP: z.string().optional(),
    ports: z.array(strict({
      name: z.string().optional(),
      port: portNumber,
      targetPort: z.union([portNumber, portName]).optional(),
      protocol: protocol.optional(),
      nodePort: int.optional(),
    }, ['appProtocol'])).optional(),
  }, ['clusterIPs', 'externalIPs', 'sessionAffinity', 'sessionAffinityConfig', 'loadBalancerIP', 'loadBalancerSourceRanges',
    'loadBalancerClass', 'externalName', 'externalTrafficPolicy', 'healthCheckNodePort', 'publishNotReadyAddresses',
    'ipFamilies', 'ipFamilyPolicy', 'allocateLoadBalancerNodePorts', 'internalTrafficPolicy', 'trafficDistribution']).optional(),
  status: z.unknown().optional(),
});

export const networkPolicySchema = strict({ ...typeMeta, metadata, spec: networkPolicySpec.optional(), status: z.unknown().optional() });

const workloadIgnored = ['replicas', 'selector', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'paused',
  'progressDeadlineSeconds', 'serviceName', 'podManagementPolicy', 'updateStrategy', 'volumeClaimTemplates',
  'persistentVolumeClaimRetentionPolicy', 'ordinals', 'parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit',
  'backoffLimitPerIndex', 'maxFailedIndexes', 'manualSelector', 'ttlSecondsAfterFinished', 'completionMode', 'suspend',
  'podFailurePolicy', 'podReplacementPolicy', 'successPolicy', 'managedBy'];

export const workloadSchema = strict({
  ...typeMeta,
  metadata,
  spec: strict({ template: podTemplate }, workloadIgnored),
  status: z.unknown().optional(),
});

export const cronJobSchema = strict({
  ...typeMeta,
  metadata,
  spec: strict({
    schedule: z.string(),
    jobTemplate: strict({ metadata: templateMetadata.optional(), spec: strict({ template: podTemplate }, workloadIgnored) }),
  }, ['timeZone', 'startingDeadlineSeconds', 'concurrencyPolicy', 'suspend', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']),
  status: z.unknown().optional(),
});

export type PodSpecInput = z.infer<typeof podSpec>;
export type NetworkPolicySpecInput = z.infer<typeof networkPolicySpec>;
