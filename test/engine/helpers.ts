// Test helpers: a small cluster model like the upstream e2e suite (namespaces x, y, z; pods a, b, c in each).
import { clusterFromObjects, parseManifests } from '../../src/content/manifests.ts';
import { compileCluster, evaluate, type CompiledCluster, type Endpoint, type Protocol } from '../../src/engine/index.ts';

export function podsYaml(): string {
  const docs: string[] = [];
  for (const ns of ['x', 'y', 'z']) {
    docs.push(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}, labels: {ns: ${ns}}}`);
    ['a', 'b', 'c'].forEach((pod, i) => {
      const ip = `10.0.${['x', 'y', 'z'].indexOf(ns)}.${i + 1}`;
      docs.push(`apiVersion: v1
kind: Pod
metadata: {name: ${pod}, namespace: ${ns}, labels: {pod: ${pod}}}
spec:
  containers:
  - name: c
    image: agnhost
    ports:
    - {containerPort: 80, name: serve-80-tcp, protocol: TCP}
    - {containerPort: 81, name: serve-81-tcp, protocol: TCP}
    - {containerPort: 80, name: serve-80-udp, protocol: UDP}
    - {containerPort: 81, name: serve-81-udp, protocol: UDP}
    - {containerPort: 80, name: serve-80-sctp, protocol: SCTP}
status: {podIP: ${ip}}`);
    });
  }
  return docs.join('\n---\n');
}

export function build(extra: string, base = podsYaml()): CompiledCluster {
  const res = parseManifests(`${base}\n---\n${extra}`, 'case.yaml');
  if (!res.ok) throw new Error(res.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n'));
  return compileCluster(clusterFromObjects(res.value.objects));
}

export function ep(cc: CompiledCluster, spec: string): Endpoint {
  if (!spec.includes('/')) return { kind: 'ip', ip: spec };
  const i = cc.podIndex.get(spec);
  if (i === undefined) throw new Error(`no pod ${spec}`);
  return { kind: 'pod', pod: cc.cluster.pods[i] };
}

export function can(cc: CompiledCluster, from: string, to: string, port: number | string = 80, protocol: Protocol = 'TCP'): boolean {
  return evaluate(cc, ep(cc, from), ep(cc, to), port, protocol).allowed;
}

/** A NetworkPolicy document from a name, namespace and spec written as YAML flow/block text. */
export function np(name: string, ns: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${spec.replace(/^/gm, '  ')}`;
}
