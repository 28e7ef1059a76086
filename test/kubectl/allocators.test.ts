// Address allocators at their limits end with the API server's error instead of looping forever:
// NodePorts (30000–32767), ClusterIPs (10.96.0.0/16), pod IPs (10.244.0.0/16). Explicit values that are
// taken (or invalid) are refused like the API server does. States are built directly at the limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshSandbox, runKubectl, type Sandbox, type StoredObject } from '../../src/kubectl/index.ts';
import { intToIP, ipToInt } from '../../src/kubectl/ids.ts';
import { parseSandbox } from '../../src/kubectl/state-schema.ts';

const NOW = '2025-03-01T10:00:00Z';

function kubectl(sb: Sandbox, line: string, stdin?: string) {
  return runKubectl(sb, line.split(' '), { now: NOW, stdin });
}

function ok(sb: Sandbox, line: string): Sandbox {
  const r = kubectl(sb, line);
  assert.equal(r.exitCode, 0, r.stderr);
  return r.sandbox;
}

function service(name: string, clusterIP: string, nodePorts: readonly number[] = []): StoredObject {
  const ports = nodePorts.map((nodePort, i) => ({ name: `p${i}`, port: 1000 + i, targetPort: 1000 + i, protocol: 'TCP' as const, nodePort }));
  return {
    kind: 'Service', namespace: 'filler', name,
    manifest: { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'filler' }, spec: { clusterIP, type: nodePorts.length ? 'NodePort' : 'ClusterIP' } },
    engine: { kind: 'Service', value: { name, namespace: 'filler', labels: {}, type: nodePorts.length ? 'NodePort' : 'ClusterIP', clusterIP, ports } },
  };
}

function pod(name: string, ip: string): StoredObject {
  return {
    kind: 'Pod', namespace: 'filler', name,
    manifest: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'filler' }, spec: {}, status: { podIP: ip } },
    engine: { kind: 'Pod', value: { name, namespace: 'filler', labels: {}, ip, containers: [], owner: 'Pod' } },
  };
}

function base(): Sandbox {
  return ok(ok(freshSandbox(NOW), 'create namespace filler'), 'run web --image=nginx --port=80');
}

function withObjects(sb: Sandbox, objects: readonly StoredObject[]): Sandbox {
  const next = { ...sb, objects: [...sb.objects, ...objects] };
  const check = parseSandbox(JSON.parse(JSON.stringify(next)));
  assert.equal(check.ok, true, check.ok ? '' : check.error);
  return next;
}

/** Every usable address of 10.244.0.0/16 except `keep` (.0, .1 and .255 of each /24 are never handed out). */
function podAddresses(keep: readonly string[] = []): string[] {
  const out: string[] = [];
  const b = ipToInt('10.244.0.0');
  for (let h = 0; h < 65536; h++) {
    const last = h & 255;
    if (last === 0 || last === 1 || last === 255) continue;
    const ip = intToIP(b + h);
    if (!keep.includes(ip)) out.push(ip);
  }
  return out;
}

const nodePortSvc = (name: string, nodePort?: number) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  type: NodePort\n  selector: {run: web}\n  ports: [{port: 80${nodePort ? `, nodePort: ${nodePort}` : ''}}]\n`;

test('NodePorts: a taken or out-of-range explicit port is invalid; a full range is an internal error, not a hang', () => {
  let sb = base();
  sb = kubectl(sb, 'apply -f -', nodePortSvc('first', 30080)).sandbox;
  let r = kubectl(sb, 'apply -f -', nodePortSvc('second', 30080));
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'The Service "second" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n');
  r = kubectl(sb, 'apply -f -', nodePortSvc('second', 8080));
  assert.equal(r.stderr, 'The Service "second" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767\n');
  r = kubectl(sb, 'apply -f -', nodePortSvc('first', 30080));
  assert.equal(r.exitCode, 0, 're-applying a service with its own port is fine');
  assert.equal(r.stdout, 'service/first unchanged\n');

  // Every port but 31000 taken: the allocator finds that one; then the range is full.
  const allBut31000 = Array.from({ length: 2768 }, (_, i) => 30000 + i).filter((p) => p !== 31000);
  sb = withObjects(base(), [service('filler-a', '10.96.200.1', allBut31000.slice(0, 1400)), service('filler-b', '10.96.200.2', allBut31000.slice(1400))]);
  r = kubectl(sb, 'expose pod web --port=80 --type=NodePort --name=last-one');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(kubectl(r.sandbox, 'get svc last-one').stdout, /80:31000\/TCP/);
  sb = r.sandbox;
  const t0 = Date.now();
  r = kubectl(sb, 'expose pod web --port=80 --type=NodePort --name=one-too-many');
  assert.ok(Date.now() - t0 < 5000);
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'Error from server (InternalError): Internal error occurred: failed to allocate a nodePort: range is full\n');
  assert.equal(r.sandbox, sb, 'nothing stored');
  r = runKubectl(sb, ['create', '-f', 'svc.yaml'], { now: NOW, readFile: (p) => (p === 'svc.yaml' ? nodePortSvc('from-file') : undefined) });
  assert.equal(r.stderr, 'Error from server (InternalError): error when creating "svc.yaml": Internal error occurred: failed to allocate a nodePort: range is full\n');
  assert.equal(kubectl(sb, 'expose pod web --port=80 --name=plain').exitCode, 0, 'ClusterIP services need no NodePort');
});

test('ClusterIPs: a taken or invalid explicit address is invalid; a full range is an internal error, not a hang', () => {
  let sb = base();
  const svcWithIP = (name: string, ip: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec: {clusterIP: "${ip}", selector: {run: web}, ports: [{port: 80}]}\n`;
  let r = kubectl(sb, 'apply -f -', svcWithIP('dup', '10.96.0.10'));
  assert.equal(r.stderr, 'The Service "dup" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated\n');
  r = kubectl(sb, 'apply -f -', svcWithIP('junk', 'banana'));
  assert.equal(r.stderr, 'The Service "junk" is invalid: spec.clusterIPs[0]: Invalid value: "banana": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)\n');
  assert.equal(kubectl(sb, 'apply -f -', svcWithIP('headless', 'None')).exitCode, 0);

  // 10.96.1.0–10.96.255.255 (the allocator's range) all taken but one address.
  const fillers: StoredObject[] = [];
  const b = ipToInt('10.96.0.0');
  for (let n = 256; n < 65536; n++) {
    const ip = intToIP(b + n);
    const last = n & 255;
    if (last === 0 || last === 255 || ip === '10.96.77.77') continue;
    fillers.push(service(`s${n}`, ip));
  }
  sb = withObjects(base(), fillers);
  r = kubectl(sb, 'expose pod web --port=80 --name=last-one');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(kubectl(r.sandbox, 'get svc last-one').stdout, /10\.96\.77\.77/);
  const t0 = Date.now();
  r = kubectl(r.sandbox, 'expose pod web --port=80 --name=one-too-many');
  assert.ok(Date.now() - t0 < 5000);
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'Error from server (InternalError): Internal error occurred: failed to allocate a serviceIP: range is full\n');
  sb = r.sandbox;
  r = kubectl(sb, 'apply -f -', svcWithIP('explicit', '10.96.0.99'));
  assert.equal(r.exitCode, 0, 'an explicit free address outside the allocator\'s range still works');
});

test('pod IPs: the last free address is used, then the pod CIDR is exhausted (an error, not a hang)', () => {
  const fillers = podAddresses(['10.244.0.2', '10.244.0.3', '10.244.200.7']).map((ip, i) => pod(`p${i}`, ip));
  const sb0 = base(); // web holds 10.244.0.2, kube-dns pods hold the first addresses too
  const taken = new Set(sb0.objects.flatMap((o) => (o.engine?.kind === 'Pod' ? [o.engine.value.ip] : [])));
  let sb = withObjects(sb0, fillers.filter((p) => p.engine?.kind === 'Pod' && !taken.has(p.engine.value.ip)));
  const used = new Set(sb.objects.flatMap((o) => (o.engine?.kind === 'Pod' ? [o.engine.value.ip] : [])));
  const free = podAddresses().filter((ip) => !used.has(ip));
  assert.deepEqual(free, ['10.244.200.7']);
  let r = kubectl(sb, 'run last --image=nginx');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(kubectl(r.sandbox, 'get pod last -o wide').stdout, /10\.244\.200\.7/);
  sb = r.sandbox;
  const t0 = Date.now();
  r = kubectl(sb, 'run one-too-many --image=nginx');
  assert.ok(Date.now() - t0 < 5000);
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'Error from server (InternalError): Internal error occurred: failed to allocate a pod IP for pod "one-too-many": the pod CIDR 10.244.0.0/16 is exhausted (no IP addresses available in range set)\n');
  r = kubectl(sb, 'create deployment more --image=nginx --replicas=3');
  assert.equal(r.exitCode, 0, 'the Deployment is stored; its pods cannot start, like pods stuck in ContainerCreating');
  assert.equal(r.sandbox.objects.filter((o) => o.kind === 'Pod' && o.name.startsWith('more-')).length, 0);
});

test('pod IPs: a stored counter past the end wraps around to free addresses', () => {
  const sb = { ...base(), counters: { ...base().counters, podIP: 10_000_000 } };
  const r = kubectl(sb, 'run next --image=nginx');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(kubectl(r.sandbox, 'get pod next -o wide').stdout, /10\.244\.\d+\.\d+/);
});
