// Watches (kubectl get -w, raw ?watch=1 events), a change made by another process on the state file, the
// bearer token (401 without it), several clusters behind one server, and kubectl 1.27 and 1.33 directly.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { Harness, kubectlRelease, SKIP_NO_KUBECTL } from './helpers.ts';

let h: Harness;
before(async () => { h = await Harness.start(['first', 'second']); });
after(async () => { await h?.close(); });

interface Reply { status: number; headers: Record<string, unknown>; body: string }

/** One HTTPS request to the server; `onData` sees a streamed body as it arrives (and may end it). */
function call(path: string, opts: { token?: string | null; accept?: string; onData?: (text: string, stop: () => void) => void } = {}): Promise<Reply> {
  const url = new URL(path, h.serving.url);
  const token = opts.token === undefined ? h.serving.token : opts.token;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      ca: h.serving.certificate, method: 'GET',
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(opts.accept ? { Accept: opts.accept } : {}) },
    }, (res) => {
      let body = '';
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      res.on('data', (d: Buffer) => { body += d.toString(); opts.onData?.(body, () => { req.destroy(); done(); }); });
      res.on('end', done);
      res.on('error', () => done());
    });
    req.on('error', (e) => { if (!req.destroyed) reject(e); });
    req.end();
  });
}

/** The built-in kubectl in a separate process, on the same state directory. */
function otherProcess(args: string[], stateDir: string): Promise<string> {
  const bin = new URL('../../bin/netpol-dojo.js', import.meta.url).pathname;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, 'kubectl', '--state', stateDir, ...args], { timeout: 20_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

test('a request without the token gets 401 and the API server\'s Status', async () => {
  const r = await call('/api/v1/namespaces', { token: null });
  assert.equal(r.status, 401);
  assert.deepEqual(JSON.parse(r.body), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  const wrong = await call('/version', { token: 'f'.repeat(64) });
  assert.equal(wrong.status, 401);
});

test('kubectl with a wrong token is told to log in', { skip: SKIP_NO_KUBECTL }, async () => {
  const r = await h.kubectl(['get', 'ns', `--token=${'0'.repeat(64)}`]);
  assert.equal(r.code, 1);
  // client-go's own words for a 401, as with a real cluster.
  assert.match(r.stderr, /error: You must be logged in to the server \(the server has asked for the client to provide credentials\)\n$/);
});

test('discovery: legacy lists and the aggregated form', async () => {
  const v = JSON.parse((await call('/version')).body);
  assert.equal(v.gitVersion, 'v1.31.4');
  const core = JSON.parse((await call('/api/v1')).body);
  const pods = core.resources.find((r: { name: string }) => r.name === 'pods');
  assert.deepEqual(pods, { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['po'], categories: ['all'] });
  assert.ok(core.resources.some((r: { name: string }) => r.name === 'pods/exec'));
  const agg = await call('/apis', { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' });
  assert.equal(agg.headers['content-type'], 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
  const groups = JSON.parse(agg.body).items.map((i: { metadata: { name: string } }) => i.metadata.name);
  assert.deepEqual(groups, ['apps', 'networking.k8s.io', 'batch', 'discovery.k8s.io']);
  const beta = await call('/api', { accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json' });
  assert.equal(beta.headers['content-type'], 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList');
  const core2 = JSON.parse(beta.body).items[0].versions[0].resources;
  assert.deepEqual(core2.find((r: { resource: string }) => r.resource === 'pods').subresources.map((x: { subresource: string }) => x.subresource), ['attach', 'exec', 'log', 'status']);
  const openapi = JSON.parse((await call('/openapi/v3')).body);
  assert.deepEqual(Object.keys(openapi.paths), ['api/v1', 'apis/apps/v1', 'apis/networking.k8s.io/v1', 'apis/batch/v1']);
});

test('?watch=1 streams ADDED, MODIFIED and DELETED events, also for another process\'s change', async () => {
  const list = JSON.parse((await call('/clusters/first/api/v1/namespaces')).body);
  const rv = list.metadata.resourceVersion;
  const events: { type: string; name: string }[] = [];
  let seenCreate: () => void = () => {};
  const created = new Promise<void>((r) => { seenCreate = r; });
  const watching = call(`/clusters/first/api/v1/namespaces?watch=1&resourceVersion=${rv}`, {
    onData: (text, stop) => {
      events.length = 0;
      for (const line of text.split('\n').slice(0, -1).filter(Boolean)) { // complete lines only
        const e = JSON.parse(line);
        events.push({ type: e.type, name: e.object.metadata.name });
      }
      if (events.some((e) => e.name === 'from-cli')) seenCreate();
      if (events.some((e) => e.type === 'DELETED')) stop();
    },
  });
  await otherProcess(['create', 'namespace', 'from-cli'], h.clusters[0].stateDir);
  await created;
  await otherProcess(['label', 'namespace', 'from-cli', 'a=b'], h.clusters[0].stateDir);
  await otherProcess(['delete', 'namespace', 'from-cli'], h.clusters[0].stateDir);
  await watching;
  assert.deepEqual(events, [{ type: 'ADDED', name: 'from-cli' }, { type: 'MODIFIED', name: 'from-cli' }, { type: 'DELETED', name: 'from-cli' }]);
});

test('sendInitialEvents: the current objects, then a BOOKMARK that ends them', async () => {
  const r = await call('/clusters/first/api/v1/namespaces?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true', {
    onData: (text, stop) => { if (text.includes('BOOKMARK')) stop(); },
  });
  const events = r.body.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const names = JSON.parse((await call('/clusters/first/api/v1/namespaces')).body).items.map((i: { metadata: { name: string } }) => i.metadata.name);
  assert.deepEqual(events.map((e) => e.type), [...names.map(() => 'ADDED'), 'BOOKMARK']);
  assert.deepEqual(events.slice(0, -1).map((e) => e.object.metadata.name), names);
  assert.equal(events[events.length - 1].object.metadata.annotations['k8s.io/initial-events-end'], 'true');
});

test('kubectl get -w prints the table, then a row per change', { skip: SKIP_NO_KUBECTL }, async () => {
  await h.kubectl(['create', 'namespace', 'w']);
  await h.kubectl(['-n', 'w', 'run', 'one', '--image=nginx']);
  const w = h.follow(['-n', 'w', 'get', 'pods', '-w']);
  try {
    const first = await w.lines(2);
    assert.match(first[0], /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    assert.match(first[1], /^one\s+1\/1\s+Running\s+0\s+\S+$/);
    await otherProcess(['-n', 'w', 'run', 'two', '--image=nginx'], h.clusters[0].stateDir);
    const more = await w.lines(3);
    assert.match(more[2], /^two\s+1\/1\s+Running\s+0\s+\S+$/);
  } finally {
    w.stop();
  }
});

test('each cluster is its own context', { skip: SKIP_NO_KUBECTL }, async () => {
  await h.kubectl(['--context', 'second', 'create', 'namespace', 'only-second']);
  const second = await h.kubectl(['--context', 'second', 'get', 'ns', 'only-second', '-o', 'name']);
  assert.equal(second.stdout, 'namespace/only-second\n');
  const first = await h.kubectl(['--context', 'first', 'get', 'ns', 'only-second']);
  assert.equal(first.stderr, 'Error from server (NotFound): namespaces "only-second" not found\n');
});

for (const minor of ['1.27', '1.33']) {
  const bin = kubectlRelease(minor);
  test(`kubectl ${minor}: discovery, get, apply, explain`, { skip: bin ? false : `kubectl ${minor} is not installed` }, async () => {
    const opts = { bin, env: { KUBECACHEDIR: `${h.dir}/cache-${minor}` } };
    const ctx = ['--context', 'second'];
    const resources = await h.kubectl([...ctx, 'api-resources'], opts);
    assert.equal(resources.code, 0, resources.stderr);
    assert.match(resources.stdout, /\nnetworkpolicies\s+netpol\s+networking\.k8s\.io\/v1\s+true\s+NetworkPolicy\n/);
    const ns = `v${minor.replace('.', '-')}`;
    // kubectl 1.32+ sends the typed create commands' objects in protobuf.
    assert.equal((await h.kubectl([...ctx, 'create', 'namespace', ns], opts)).stdout, `namespace/${ns} created\n`);
    assert.equal((await h.kubectl([...ctx, '-n', ns, 'create', 'deployment', 'web', '--image=nginx', '--port=8080', '--replicas=2'], opts)).stdout, 'deployment.apps/web created\n');
    const ports = await h.kubectl([...ctx, '-n', ns, 'get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].spec.containers[0].ports[0].containerPort}'], opts);
    assert.equal(ports.stdout, '8080 8080');
    const file = h.file(`np-${minor}.yaml`, `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: ${ns}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n`);
    const applied = await h.kubectl([...ctx, 'apply', '-f', file], opts);
    assert.equal(applied.stdout, 'networkpolicy.networking.k8s.io/deny created\n', applied.stderr);
    const changed = await h.kubectl([...ctx, 'apply', '-f', h.file(`np2-${minor}.yaml`, readFileSync(file, 'utf8').replace('podSelector: {}', 'podSelector: {matchLabels: {a: b}}'))], opts);
    assert.equal(changed.stdout, 'networkpolicy.networking.k8s.io/deny configured\n', changed.stderr);
    const typo = h.file(`typo-${minor}.yaml`, `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: typo\n  namespace: ${ns}\nspec:\n  podselector: {}\n`);
    const refused = await h.kubectl([...ctx, 'apply', '-f', typo], opts);
    assert.match(refused.stderr, /strict decoding error: unknown field "spec\.podselector"/);
    const got = await h.kubectl([...ctx, '-n', ns, 'get', 'netpol', '-o', 'wide'], opts);
    assert.match(got.stdout, /^NAME\s+POD-SELECTOR\s+AGE\ndeny\s+a=b\s+\S+\n$/);
    const explain = await h.kubectl([...ctx, 'explain', 'networkpolicy.spec.policyTypes'], opts);
    assert.equal(explain.code, 0, explain.stderr);
    assert.match(explain.stdout, /List Egress explicitly for a deny-all-egress policy/);
  });
}
