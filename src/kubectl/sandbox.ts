// The simulated cluster's state: every stored object as the API server would return it, plus the engine
// view of the ones that matter for networking. Plain JSON data, so a CLI can keep it in a file.
import type { Cluster, Namespace, NetworkPolicy, Pod, Service } from '../engine/types.ts';

export type ObjectKind =
  | 'Namespace' | 'Pod' | 'Service' | 'NetworkPolicy'
  | 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';

export type JsonObject = { [key: string]: unknown };

/** What the engine sees of a stored object (workloads have none: their pods are stored separately). */
export type EngineObject =
  | { readonly kind: 'Namespace'; readonly value: Namespace }
  | { readonly kind: 'Pod'; readonly value: Pod }
  | { readonly kind: 'Service'; readonly value: Service }
  | { readonly kind: 'NetworkPolicy'; readonly value: NetworkPolicy };

export interface StoredObject {
  readonly kind: ObjectKind;
  /** '' for cluster-scoped objects (namespaces). */
  readonly namespace: string;
  readonly name: string;
  /** The object as `kubectl get -o yaml` shows it: server-set metadata, defaults and status included. */
  readonly manifest: JsonObject;
  readonly engine?: EngineObject;
  /** The controller that made this object, as "Kind/name" in the same namespace. */
  readonly ownedBy?: string;
}

export interface Sandbox {
  readonly format: 'netpol-dojo-sandbox/1';
  readonly objects: readonly StoredObject[];
  /** Monotonic counters: uids, resourceVersions, pod addresses, generated names. */
  readonly counters: { readonly serial: number; readonly resourceVersion: number; readonly podIP: number };
  /**
   * What servers logged, by "namespace/pod": lines "CONTAINER<TAB>text", the last few hundred, for the pod with
   * that uid (a pod created again under the same name starts with an empty log).
   */
  readonly logs?: Readonly<Record<string, PodLog>>;
}

export interface PodLog { readonly uid?: string; readonly lines: readonly string[] }

export const NODE_NAME = 'controlplane';
export const NODE_IP = '172.18.0.2';
export const KUBE_VERSION = 'v1.31.4';
export const CLUSTER_DOMAIN = 'cluster.local';
export const DNS_SERVICE_IP = '10.96.0.10';

export interface ObjectRef { readonly kind: ObjectKind; readonly namespace: string; readonly name: string }

export function refOf(o: StoredObject | ObjectRef): ObjectRef {
  return { kind: o.kind, namespace: o.namespace, name: o.name };
}

export function sameRef(a: ObjectRef, b: ObjectRef): boolean {
  return a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

export function findObject(sb: Sandbox, ref: ObjectRef): StoredObject | undefined {
  return sb.objects.find((o) => sameRef(o, ref));
}

export function objectsOf(sb: Sandbox, kind: ObjectKind, namespace?: string): StoredObject[] {
  return sb.objects.filter((o) => o.kind === kind && (namespace === undefined || o.namespace === namespace));
}

export function namespaceExists(sb: Sandbox, ns: string): boolean {
  return sb.objects.some((o) => o.kind === 'Namespace' && o.name === ns);
}

/** Replaces (or appends) one object. */
export function putObject(sb: Sandbox, obj: StoredObject): Sandbox {
  const i = sb.objects.findIndex((o) => sameRef(o, obj));
  const objects = i < 0 ? [...sb.objects, obj] : sb.objects.map((o, j) => (j === i ? obj : o));
  return { ...sb, objects };
}

export function removeObjects(sb: Sandbox, pred: (o: StoredObject) => boolean): Sandbox {
  return { ...sb, objects: sb.objects.filter((o) => !pred(o)) };
}

export function bumpCounters(sb: Sandbox, change: Partial<Sandbox['counters']>): Sandbox {
  return { ...sb, counters: { ...sb.counters, ...change } };
}

/** The engine's view of the sandbox. */
export function sandboxCluster(sb: Sandbox): Cluster {
  const namespaces: Namespace[] = [];
  const pods: Pod[] = [];
  const services: Service[] = [];
  const policies: NetworkPolicy[] = [];
  for (const o of sb.objects) {
    const e = o.engine;
    if (!e) continue;
    switch (e.kind) {
      case 'Namespace': namespaces.push(e.value); break;
      case 'Pod': pods.push(e.value); break;
      case 'Service': services.push(e.value); break;
      case 'NetworkPolicy': policies.push(e.value); break;
      default: {
        const never: never = e;
        throw new Error(`unknown engine object ${String(never)}`);
      }
    }
  }
  return { namespaces, pods, services, policies };
}

/** The kubectl resource name of a kind, plural and lower case ("networkpolicies"). */
export function pluralOf(kind: ObjectKind): string {
  switch (kind) {
    case 'Namespace': return 'namespaces';
    case 'Pod': return 'pods';
    case 'Service': return 'services';
    case 'NetworkPolicy': return 'networkpolicies';
    case 'Deployment': return 'deployments';
    case 'ReplicaSet': return 'replicasets';
    case 'StatefulSet': return 'statefulsets';
    case 'DaemonSet': return 'daemonsets';
    case 'Job': return 'jobs';
    case 'CronJob': return 'cronjobs';
    default: {
      const never: never = kind;
      return String(never);
    }
  }
}

/** The API group of a kind ('' for the core group). */
export function groupOf(kind: ObjectKind): string {
  switch (kind) {
    case 'NetworkPolicy': return 'networking.k8s.io';
    case 'Deployment': case 'ReplicaSet': case 'StatefulSet': case 'DaemonSet': return 'apps';
    case 'Job': case 'CronJob': return 'batch';
    default: return '';
  }
}

/** "pod/x", "networkpolicy.networking.k8s.io/x", "deployment.apps/x": how kubectl names objects in messages. */
export function qualifiedName(ref: ObjectRef): string {
  const g = groupOf(ref.kind);
  return `${ref.kind.toLowerCase()}${g ? `.${g}` : ''}/${ref.name}`;
}

/** `pods "x"` / `networkpolicies.networking.k8s.io "x"`: the form of server error messages. */
export function serverName(ref: ObjectRef): string {
  const g = groupOf(ref.kind);
  return `${pluralOf(ref.kind)}${g ? `.${g}` : ''} "${ref.name}"`;
}
