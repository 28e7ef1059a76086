// The pure API operations behind the server: Status values, the write path's validation modes, conflicts,
// field selectors, server-side Tables and the protobuf request decoder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshSandbox } from '../../src/kubectl/index.ts';
import { apiGet, apiList, parseSelectors } from '../../src/kubectl/api-read.ts';
import { decodeProtobufObject } from '../../src/kubectl/api-protobuf.ts';
import { statusBody, statusFromText } from '../../src/kubectl/api-status.ts';
import { tableBody } from '../../src/kubectl/api-table.ts';
import { apiCreate, apiDelete, apiPatch, apiReplace, apiWriteScale, type FieldValidation } from '../../src/kubectl/api-write.ts';
import { RESOURCE_TYPES } from '../../src/kubectl/resources.ts';
import type { Sandbox } from '../../src/kubectl/sandbox.ts';

const NOW = '2025-03-01T09:00:00Z';
const type = (kind: string) => RESOURCE_TYPES.find((t) => t.kind === kind)!;
const opts = (fieldValidation: FieldValidation = 'Strict') => ({ now: NOW, fieldValidation });

function policy(spec: Record<string, unknown>, name = 'p'): Record<string, unknown> {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec };
}

function created(sb: Sandbox, kind: string, ns: string, body: unknown): Sandbox {
  const r = apiCreate(sb, type(kind), ns, body, opts());
  assert.ok(r.ok, JSON.stringify(!r.ok && r.status));
  return r.value.sandbox;
}

test('statuses carry the API server\'s reason, code and details', () => {
  assert.deepEqual(statusFromText('Error from server (NotFound): pods "x" not found'),
    { code: 404, reason: 'NotFound', message: 'pods "x" not found', details: { name: 'x', group: '', kind: 'pods' } });
  const inv = statusFromText('The NetworkPolicy "p" is invalid: [spec.a: Invalid value: 1: bad, spec.b: Required value]', 'networking.k8s.io');
  assert.equal(inv.code, 422);
  assert.equal(inv.message, 'NetworkPolicy.networking.k8s.io "p" is invalid: [spec.a: Invalid value: 1: bad, spec.b: Required value]');
  assert.deepEqual(inv.details?.causes, [
    { reason: 'FieldValueInvalid', message: 'Invalid value: 1: bad', field: 'spec.a' },
    { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.b' },
  ]);
  assert.deepEqual(statusBody({ code: 409, reason: 'AlreadyExists', message: 'm' }), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'm', reason: 'AlreadyExists', code: 409 });
});

test('fieldValidation Strict refuses, Warn warns, Ignore drops an unknown field', () => {
  const sb = freshSandbox(NOW);
  const body = policy({ podselector: { matchLabels: { a: 'b' } } });
  const strict = apiCreate(sb, type('NetworkPolicy'), 'default', body, opts('Strict'));
  assert.ok(!strict.ok);
  assert.equal(strict.status.code, 400);
  assert.equal(strict.status.message, 'NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "spec.podselector"');
  const warn = apiCreate(sb, type('NetworkPolicy'), 'default', body, opts('Warn'));
  assert.ok(warn.ok);
  assert.deepEqual(warn.value.warnings, ['unknown field "spec.podselector"']);
  assert.deepEqual((warn.value.object.spec as Record<string, unknown>).podSelector, {});
  const ignore = apiCreate(sb, type('NetworkPolicy'), 'default', body, opts('Ignore'));
  assert.ok(ignore.ok);
  assert.deepEqual(ignore.value.warnings, []);
});

test('create, conflicts, not found, protected namespaces', () => {
  let sb = created(freshSandbox(NOW), 'NetworkPolicy', 'default', policy({ podSelector: {} }));
  const again = apiCreate(sb, type('NetworkPolicy'), 'default', policy({ podSelector: {} }), opts());
  assert.ok(!again.ok);
  assert.equal(again.status.message, 'networkpolicies.networking.k8s.io "p" already exists');
  assert.equal(again.status.code, 409);
  const stored = apiGet(sb, type('NetworkPolicy'), 'default', 'p');
  assert.ok(stored.ok);
  const rv = (stored.value.manifest.metadata as Record<string, unknown>).resourceVersion;
  const stale = apiReplace(sb, type('NetworkPolicy'), 'default', 'p', { ...policy({ podSelector: { matchLabels: { x: 'y' } } }), metadata: { name: 'p', resourceVersion: '1' } }, opts());
  assert.ok(!stale.ok);
  assert.equal(stale.status.reason, 'Conflict');
  const fresh = apiReplace(sb, type('NetworkPolicy'), 'default', 'p', { ...policy({ podSelector: { matchLabels: { x: 'y' } } }), metadata: { name: 'p', resourceVersion: rv } }, opts());
  assert.ok(fresh.ok);
  sb = fresh.value.sandbox;
  const wrongNs = apiCreate(sb, type('NetworkPolicy'), 'default', { ...policy({}), metadata: { name: 'q', namespace: 'other' } }, opts());
  assert.ok(!wrongNs.ok);
  assert.equal(wrongNs.status.message, 'the namespace of the provided object does not match the namespace sent on the request');
  const noNs = apiCreate(sb, type('NetworkPolicy'), 'nowhere', policy({}), opts());
  assert.ok(!noNs.ok);
  assert.equal(noNs.status.message, 'namespaces "nowhere" not found');
  const del = apiDelete(sb, type('Namespace'), '', 'kube-system', NOW);
  assert.ok(!del.ok);
  assert.equal(del.status.code, 403);
  const missing = apiPatch(sb, type('NetworkPolicy'), 'default', 'zzz', 'merge', {}, opts());
  assert.ok(!missing.ok);
  assert.equal(missing.status.message, 'networkpolicies.networking.k8s.io "zzz" not found');
});

test('patches of each type, and the scale subresource', () => {
  let sb = created(freshSandbox(NOW), 'NetworkPolicy', 'default', policy({ podSelector: { matchLabels: { a: 'b' } } }));
  const smp = apiPatch(sb, type('NetworkPolicy'), 'default', 'p', 'strategic', { spec: { podSelector: { matchLabels: { c: 'd' } } } }, opts());
  assert.ok(smp.ok);
  assert.deepEqual((smp.value.object.spec as Record<string, any>).podSelector.matchLabels, { a: 'b', c: 'd' });
  sb = smp.value.sandbox;
  const bad = apiPatch(sb, type('NetworkPolicy'), 'default', 'p', 'json', [{ op: 'test', path: '/spec/podSelector', value: 1 }], opts());
  assert.ok(!bad.ok);
  assert.equal(bad.status.message, 'testing value /spec/podSelector failed: test failed');
  sb = created(sb, 'Deployment', 'default', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  const scaled = apiWriteScale(sb, type('Deployment'), 'default', 'web', 'merge', { spec: { replicas: 3 } }, opts());
  assert.ok(scaled.ok);
  assert.deepEqual(scaled.value.object.spec, { replicas: 3 });
  const sel = parseSelectors('app=web', 'status.phase=Running', type('Pod'));
  assert.ok(sel.ok);
  assert.equal(apiList(scaled.value.sandbox, type('Pod'), 'default', sel.value).length, 3);
  const negative = apiWriteScale(sb, type('Deployment'), 'default', 'web', 'merge', { spec: { replicas: -1 } }, opts());
  assert.ok(!negative.ok);
  assert.equal(negative.status.code, 422);
});

test('field selectors the API server does not support are refused', () => {
  const r = parseSelectors('', 'spec.foo=bar', type('Pod'));
  assert.ok(!r.ok);
  assert.equal(r.status.message, 'field label not supported: spec.foo');
});

test('the server-side Table has the -o wide columns at priority 1 and PartialObjectMetadata rows', () => {
  const sb = freshSandbox(NOW);
  const items = apiList(sb, type('Pod'), 'kube-system', { labels: [], fields: [] });
  const t = tableBody(sb, NOW, type('Pod'), items, { includeObject: 'Metadata' });
  const cols = t.columnDefinitions as { name: string; priority: number }[];
  assert.deepEqual(cols.map((c) => `${c.name}:${c.priority}`), ['Name:0', 'Ready:0', 'Status:0', 'Restarts:0', 'Age:0', 'IP:1', 'Node:1', 'Nominated Node:1', 'Readiness Gates:1']);
  const rows = t.rows as { cells: string[]; object: Record<string, unknown> }[];
  assert.equal(rows.length, 2);
  assert.equal(rows[0].cells[2], 'Running');
  assert.equal(rows[0].object.kind, 'PartialObjectMetadata');
});

/** A protobuf field (length-delimited or varint) for the decoder test. */
function field(no: number, value: Uint8Array | string | number): number[] {
  const varint = (n: number) => { const out: number[] = []; do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n); return out; };
  if (typeof value === 'number') return [...varint(no << 3), ...varint(value)];
  const bytes = typeof value === 'string' ? [...Buffer.from(value)] : [...value];
  return [...varint((no << 3) | 2), ...varint(bytes.length), ...bytes];
}

test('protobuf bodies (kubectl 1.32+ typed create) decode to the object\'s JSON', () => {
  const label = new Uint8Array([...field(1, 'app'), ...field(2, 'web')]);
  const meta = new Uint8Array([...field(1, 'shop'), ...field(2, ''), ...field(11, label)]);
  const ns = new Uint8Array([...field(1, meta), ...field(2, new Uint8Array()), ...field(3, new Uint8Array())]);
  const typeMeta = new Uint8Array([...field(1, 'v1'), ...field(2, 'Namespace')]);
  const unknown = new Uint8Array([...field(1, typeMeta), ...field(2, ns), ...field(3, ''), ...field(4, '')]);
  const r = decodeProtobufObject(new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...unknown]));
  assert.ok(r.ok);
  assert.deepEqual(r.value, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { app: 'web' } }, spec: {}, status: {} });
  const bad = decodeProtobufObject(new Uint8Array([1, 2, 3, 4]));
  assert.ok(!bad.ok);
  const truncated = decodeProtobufObject(new Uint8Array([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x50]));
  assert.ok(!truncated.ok);
});
