// The validation fast path never accepts what zod rejects, nor anything zod would change; and it does
// accept ordinary valid objects (otherwise it would be no faster).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cronJobSchema, namespaceSchema, networkPolicySchema, podSchema, serviceSchema, workloadSchema } from '../../src/content/k8s-schema.ts';
import { fastAccepts } from '../../src/content/fast-validate.ts';

const container = { name: 'c', image: 'nginx', ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }], command: ['sh'], args: ['-c', 'x'], env: [{ name: 'A', value: 'b' }] };
const podSpec = { containers: [container], nodeName: 'n1', restartPolicy: 'Always' };
const meta = { name: 'a', namespace: 'ns', labels: { app: 'web', 'app.kubernetes.io/name': 'x' }, annotations: { note: 'n' }, uid: 'u1', resourceVersion: '1' };
const valid: [string, unknown, object][] = [
  ['namespace', namespaceSchema, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns', labels: { team: 'a' } } }],
  ['pod', podSchema, { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: podSpec, status: { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }], phase: 'Running', extra: 1 } }],
  ['service', serviceSchema, { apiVersion: 'v1', kind: 'Service', metadata: meta, spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }, { port: 53, targetPort: 5353 }] } }],
  ['networkpolicy', networkPolicySchema, {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta,
    spec: {
      podSelector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'x', operator: 'Exists' }] },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {} }, { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchLabels: { app: 'x' } } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 80 }, { port: 'http', protocol: 'TCP' }, { port: 8000, endPort: 8100 }] }],
      egress: [{ to: [{ ipBlock: { cidr: 'fd00::/64' } }], ports: [{ protocol: 'UDP' }] }, {}],
    },
  }],
  ['deployment', workloadSchema, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: podSpec } } }],
  ['cronjob', cronJobSchema, { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: podSpec } } } } }],
];

type Schema = { safeParse(v: unknown): { success: boolean; data?: unknown } };

function paths(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...path, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...path, k], out);
  return out;
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  const [head, ...rest] = path;
  if (rest.length === 0 && value === undefined) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1); else delete copy[head];
  } else copy[head] = setAt(copy[head], rest, value);
  return copy;
}

test('ordinary valid objects take the fast path', () => {
  for (const [name, schema, value] of valid) {
    assert.ok((schema as Schema).safeParse(value).success, `${name} is valid`);
    assert.ok(fastAccepts(schema as never, value), `${name} is accepted by the fast path`);
  }
});

test('the fast path accepts only what zod accepts unchanged', () => {
  const odd = fc.constantFrom<unknown>(undefined, null, '', 'x', 'TCP', 'SCTP', 'tcp', 'In', 'NotIn', 'Exists', 'Ingress', 'http', 'http--x', 'HTTP', 'a'.repeat(16),
    0, 1, -1, 80, 65535, 65536, 1.5, Number.NaN, Number.POSITIVE_INFINITY, true, [], [{}], {}, { a: 1 }, { a: 'b' }, '10.0.0.0/8', '10.0.0.0/33', '10.1.0.0/16', '11.0.0.0/16',
    '10.0.0.1', '10.0.0.256', 'fd00::/64', { matchLabels: {} }, [{ podSelector: {} }], [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }]);
  const extraKey = fc.constantFrom('podselector', 'foo', 'status', 'constructor', '__proto__', 'matchLabels', 'spec');
  fc.assert(fc.property(fc.constantFrom(...valid), fc.array(fc.tuple(fc.nat(), fc.boolean(), odd, extraKey), { minLength: 1, maxLength: 3 }), ([, schema, value], edits) => {
    let v: unknown = value;
    for (const [at, addKey, x, key] of edits) {
      const all = paths(v);
      const p = all[at % all.length];
      if (addKey) {
        const target = p.reduce<any>((o, k) => o?.[k], v);
        if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
          const obj = { ...target };
          Object.defineProperty(obj, key, { value: x, enumerable: true, writable: true, configurable: true });
          v = p.length ? setAt(v, p, obj) : obj;
          continue;
        }
      }
      v = setAt(v, p, x);
    }
    if (fastAccepts(schema as never, v)) {
      const r = (schema as Schema).safeParse(v);
      assert.ok(r.success, `fast path accepted what zod rejects: ${JSON.stringify(v)}`);
      assert.deepStrictEqual(r.data, v);
    }
  }), { numRuns: Number(process.env.FAST_VALIDATE_RUNS) || 3000 });
});
