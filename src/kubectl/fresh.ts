// A fresh cluster, as kubeadm or kind leaves it: the four system namespaces, the `kubernetes` Service,
// and CoreDNS (two pods labelled k8s-app=kube-dns) behind the kube-dns Service at 10.96.0.10.
// Control-plane static pods (etcd, kube-apiserver, …) run on the host network and are left out: no
// NetworkPolicy can select them.
import { admitRaw } from './admit.ts';
import { DNS_SERVICE_IP, type JsonObject, type Sandbox } from './sandbox.ts';
import { reconcile } from './workloads.ts';

const SYSTEM: readonly JsonObject[] = [
  ...['default', 'kube-node-lease', 'kube-public', 'kube-system'].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
  {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
  },
  {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          containers: [{
            name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3', args: ['-conf', '/etc/coredns/Corefile'],
            ports: [
              { containerPort: 53, name: 'dns', protocol: 'UDP' },
              { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
              { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
            ],
          }],
        },
      },
    },
  },
  {
    apiVersion: 'v1', kind: 'Service',
    metadata: {
      name: 'kube-dns', namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: DNS_SERVICE_IP,
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  },
];

export function emptySandbox(): Sandbox {
  return { format: 'netpol-dojo-sandbox/1', objects: [], counters: { serial: 0, resourceVersion: 200, podIP: 2 } };
}

/** A fresh cluster whose system objects were created at `now`. */
export function freshSandbox(now: string): Sandbox {
  let sb = emptySandbox();
  for (const raw of SYSTEM) {
    const res = admitRaw(sb, raw, 'default', { mode: 'create', now });
    if (!res.ok) throw new Error(`fresh cluster: ${res.error}`);
    sb = reconcile(res.sandbox, now);
  }
  return sb;
}
