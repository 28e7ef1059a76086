// reach over thousands of pods: the output is more than one string can hold (3,500 pods make 12 million
// results, ~617 MB of JSON), so it is streamed; it used to fail with "Invalid string length" (exit 70).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempFiles } from './run-cli.ts';

/** n pods in 10 namespaces; n1's pods labelled a1 accept only n1's a2 pods. */
function cluster(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: n${i % 10}, labels: {app: a${i % 7}}}\nspec: {containers: [{name: c, image: nginx}]}\n`);
  }
  docs.push('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np, namespace: n1}\n'
    + 'spec: {podSelector: {matchLabels: {app: a1}}, ingress: [{from: [{podSelector: {matchLabels: {app: a2}}}]}]}\n');
  return docs.join('---\n');
}

test('reach -o json over 3,500 pods streams 12 million results that parse as the JSON contract', async () => {
  const f = tempFiles({ 'pods.yaml': cluster(3500) });
  const prefix = '{"port":80,"protocol":"TCP","results":[';
  let pending = '';
  let started = false;
  let results = 0;
  let allowed = 0;
  let bytes = 0;
  let chunks = 0;
  let first: unknown;
  let last: unknown;
  // Checks the output as it comes; the whole never exists. Every eighth run of complete results is parsed as
  // a JSON array (parsing all 12 million takes ~7 s); the others are counted.
  const count = (text: string, word: string): number => {
    let n = 0;
    for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + word.length)) n++;
    return n;
  };
  const feed = (chunk: string): void => {
    chunks++;
    bytes += chunk.length;
    pending += chunk;
    if (!started) {
      if (pending.length < prefix.length) return;
      assert.equal(pending.slice(0, prefix.length), prefix);
      pending = pending.slice(prefix.length);
      started = true;
    }
    const cut = Math.max(pending.lastIndexOf('true}'), pending.lastIndexOf('false}'));
    if (cut < 0) return;
    const end = pending.indexOf('}', cut) + 1;
    const run = pending.slice(pending.startsWith(',') ? 1 : 0, end);
    pending = pending.slice(end);
    if (chunks % 8 === 1 || first === undefined || pending.startsWith(']')) {
      const part = JSON.parse(`[${run}]`) as { from: string; to: string; allowed: boolean }[];
      first ??= part[0];
      last = part[part.length - 1];
      results += part.length;
      for (const x of part) if (x.allowed) allowed++;
    } else {
      assert.ok(run.startsWith('{"from":"'), run.slice(0, 40));
      results += count(run, '"allowed":');
      allowed += count(run, '"allowed":true}');
    }
  };
  const r = await runCli(['reach', '-f', f['pods.yaml'], '-o', 'json'], {}, feed);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(pending, ']}\n');
  assert.equal(results, 3500 * 3500);
  // Denied: the 50 a1 pods of n1 from every pod but the 50 a2 pods of n1 (and themselves).
  assert.equal(allowed, 3500 * 3500 - 50 * 3450 + 50);
  assert.deepEqual(first, { from: 'n0/p0', to: 'n0/p0', allowed: true });
  assert.deepEqual(last, { from: 'n9/p3499', to: 'n9/p3499', allowed: true });
  assert.ok(bytes > 2 ** 29, `more than the longest string (${bytes} characters)`);
  assert.ok(chunks > 1000, `streamed in pieces (${chunks})`);
});

test('the reach matrix is streamed too and keeps its format', async () => {
  const f = tempFiles({ 'pods.yaml': cluster(400) });
  const whole = await runCli(['reach', '-f', f['pods.yaml']]);
  assert.equal(whole.code, 0, whole.stderr);
  const pieces: string[] = [];
  const streamed = await runCli(['reach', '-f', f['pods.yaml']], {}, (c) => { pieces.push(c); });
  assert.ok(pieces.length > 1, 'written in pieces');
  assert.equal(pieces.join(''), whole.stdout);
  const lines = whole.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2 + 400 + 3);
  assert.match(lines[0], /^port 80\/TCP: rows are sources/);
  assert.match(lines[lines.length - 1], /^\d+ of 159600 connections allowed/);
  assert.equal(streamed.code, 0);
});
