// The cluster model the engine reasons about. Plain immutable data: no classes, no I/O.

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export type Labels = Readonly<Record<string, string>>;

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export interface ObjectMeta {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly annotations?: Labels;
  /** ISO timestamp; set by the simulated API (injected clock), absent for file-only objects. */
  readonly creationTimestamp?: string;
  readonly uid?: string;
}

export interface Namespace {
  readonly name: string;
  /** Always includes kubernetes.io/metadata.name. */
  readonly labels: Labels;
  /** false when the namespace was only referenced, never declared. */
  readonly declared: boolean;
  readonly creationTimestamp?: string;
  readonly uid?: string;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
}

export interface Container {
  readonly name: string;
  readonly image: string;
  readonly ports: readonly ContainerPort[];
  readonly command?: readonly string[];
  readonly args?: readonly string[];
}

export type WorkloadKind = 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'ReplicationController' | 'Job' | 'CronJob';

export interface Pod extends ObjectMeta {
  readonly ip: string;
  readonly containers: readonly Container[];
  /** The kind of object this pod stands for (a workload's pod template becomes one pod). */
  readonly owner: WorkloadKind;
  readonly nodeName?: string;
}

export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort: number | string;
  readonly protocol: Protocol;
  readonly nodePort?: number;
}

export interface Service extends ObjectMeta {
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  readonly clusterIP: string;
  /** undefined = a service without selector (no endpoints managed). */
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
}

export interface IPBlock {
  readonly cidr: string;
  readonly except?: readonly string[];
}

export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: IPBlock;
}

export interface NetworkPolicyPort {
  readonly protocol?: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface NetworkPolicyIngressRule {
  readonly from?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  readonly to?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

export type PolicyType = 'Ingress' | 'Egress';

/** The spec exactly as authored (validated); defaulting happens at compile time. */
export interface NetworkPolicySpec {
  readonly podSelector: LabelSelector;
  readonly policyTypes?: readonly PolicyType[];
  readonly ingress?: readonly NetworkPolicyIngressRule[];
  readonly egress?: readonly NetworkPolicyEgressRule[];
}

export interface NetworkPolicy extends ObjectMeta {
  readonly spec: NetworkPolicySpec;
}

export interface Cluster {
  readonly namespaces: readonly Namespace[];
  readonly pods: readonly Pod[];
  readonly services: readonly Service[];
  readonly policies: readonly NetworkPolicy[];
}

/** One end of a connection: a pod, or an address outside the cluster. */
export type Endpoint =
  | { readonly kind: 'pod'; readonly pod: Pod }
  | { readonly kind: 'ip'; readonly ip: string };

/** The port being probed: a number, or a name resolved on the destination pod. */
export type ProbePort = number | string;

export const NAME_LABEL = 'kubernetes.io/metadata.name';

export const emptyCluster: Cluster = { namespaces: [], pods: [], services: [], policies: [] };
