// Bad requests get the API server's Status answers and never take the server down.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { connect } from 'node:tls';
import { Harness } from './helpers.ts';

let h: Harness;
before(async () => { h = await Harness.start(); });
after(async () => { await h?.close(); });

function send(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, any> }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, h.serving.url), { method, ca: h.serving.certificate, headers: { Authorization: `Bearer ${h.serving.token}`, 'Content-Type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.startsWith('{') ? JSON.parse(text) : { text } }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('malformed bodies, paths and parameters are Status errors', async () => {
  const np = '/apis/networking.k8s.io/v1/namespaces/default/networkpolicies';
  const notJson = await send('POST', np, '{"kind":');
  assert.equal(notJson.status, 400);
  assert.equal(notJson.body.kind, 'Status');
  assert.match(notJson.body.message, /^couldn't get version\/kind; json parse error: /);
  const array = await send('POST', np, '[1,2]');
  assert.equal(array.status, 400);
  const wrongKind = await send('POST', np, JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }));
  assert.equal(wrongKind.status, 400);
  const noName = await send('POST', np, JSON.stringify({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: {}, spec: {} }));
  assert.equal(noName.status, 422);
  assert.equal(noName.body.message, 'NetworkPolicy.networking.k8s.io "" is invalid: metadata.name: Required value: name or generateName is required');
  const badValidation = await send('POST', `${np}?fieldValidation=Loose`, '{}');
  assert.equal(badValidation.status, 400);
  assert.equal(badValidation.body.message, 'fieldValidation parameter unsupported: Loose, must be one of Ignore, Warn, or Strict');
  const patchType = await send('PATCH', `${np}/x`, '{}', { 'Content-Type': 'text/plain' });
  assert.equal(patchType.status, 415);
  const tooBig = await send('POST', np, Buffer.alloc(3 * 1024 * 1024 + 10, 0x20));
  assert.equal(tooBig.status, 413);
  const badPath = await send('GET', '/api/v1/namespaces/%E0%A4%A/pods');
  assert.equal(badPath.status, 404);
  const unknown = await send('GET', '/apis/example.com/v1/widgets');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.message, 'the server could not find the requested resource');
  const badProto = await send('POST', '/api/v1/namespaces', Buffer.from([0x6b, 0x38, 0x73, 0x00, 0xff]), { 'Content-Type': 'application/vnd.kubernetes.protobuf' });
  assert.equal(badProto.status, 400);
  const badSelector = await send('GET', '/api/v1/pods?labelSelector=a%20in%20(', undefined);
  assert.equal(badSelector.status, 400);
  const viewWrite = await send('DELETE', '/api/v1/namespaces/default/endpoints/kubernetes');
  assert.equal(viewWrite.status, 405);
  const ok = await send('GET', '/api/v1/namespaces/default');
  assert.equal(ok.status, 200, 'the server still answers');
  assert.equal(ok.body.metadata.name, 'default');
});

test('an upgrade request to anything but exec/attach is refused; a client that hangs up is harmless', async () => {
  const raw = (text: string) => new Promise<string>((resolve) => {
    const url = new URL(h.serving.url);
    const s = connect({ host: url.hostname, port: Number(url.port), ca: h.serving.certificate, servername: 'localhost' }, () => s.write(text));
    let got = '';
    s.on('data', (d: Buffer) => { got += d.toString(); });
    s.on('close', () => resolve(got));
    s.on('error', () => resolve(got));
  });
  const refused = await raw(`GET /api/v1/namespaces HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nAuthorization: Bearer ${h.serving.token}\r\n\r\n`);
  assert.match(refused, /^HTTP\/1\.1 404 Not Found\r\n/);
  const anonymous = await raw('GET /api/v1/namespaces/default/pods/x/exec HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
  assert.match(anonymous, /^HTTP\/1\.1 401 Unauthorized\r\n/);
  const ok = await send('GET', '/version');
  assert.equal(ok.status, 200);
});
