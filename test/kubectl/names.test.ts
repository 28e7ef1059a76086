// Names and labels made by kubectl's own commands are checked by the simulated API server, with its
// messages; nothing a command prints carries a raw control character; long names print fast.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runKubectl, type KubectlResult } from '../../src/kubectl/index.ts';
import { aligned, table } from '../../src/kubectl/format.ts';
import { Term } from './helpers.ts';

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function clean(r: KubectlResult): void {
  assert.doesNotMatch(r.stdout, RAW_CONTROL, 'stdout');
  assert.doesNotMatch(r.stderr, RAW_CONTROL, 'stderr');
}

/** Runs argv as given (no shell splitting), so arguments may hold anything. */
function k(t: Term, ...argv: string[]): KubectlResult {
  const r = runKubectl(t.sb, argv, t.env());
  t.sb = r.sandbox;
  clean(r);
  return r;
}

test('create namespace, run, expose and create deployment get the API server\'s name errors', () => {
  const t = new Term();
  const before = JSON.stringify(t.sb);
  let r = k(t, 'create', 'namespace', 'Bad_Name');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, `The Namespace "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n`);
  r = k(t, 'run', 'Web', '--image=nginx');
  assert.match(r.stderr, /^The Pod "Web" is invalid: \[metadata\.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist/);
  r = k(t, 'run', 'web', '--image=nginx', '--labels=app=we b');
  assert.match(r.stderr, /^The Pod "web" is invalid: metadata\.labels: Invalid value: "we b": a valid label must be an empty string/);
  r = k(t, 'create', 'deployment', 'd'.repeat(70), '--image=nginx');
  assert.match(r.stderr, /^The Deployment "d{70}" is invalid: \[metadata\.labels: Invalid value: "d{70}": must be no more than 63 characters, /);
  assert.equal(JSON.stringify(t.sb), before, 'nothing was created');
  assert.equal(k(t, 'run', 'web', '--image=nginx', '--port=80').exitCode, 0);
  r = k(t, 'expose', 'pod', 'web', '--name=1web');
  assert.match(r.stderr, /^The Service "1web" is invalid: metadata\.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/);
  assert.equal(k(t, 'expose', 'pod', 'web', '--name=web').exitCode, 0);
});

test('label: kubectl checks the value, the API server the key', () => {
  const t = new Term();
  k(t, 'run', 'web', '--image=nginx');
  let r = k(t, 'label', 'pod', 'web', 'tier=front end');
  assert.equal(r.stderr, `error: invalid label value: "tier=front end": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n`);
  r = k(t, 'label', 'pod', 'web', `tier=${'x'.repeat(64)}`);
  assert.match(r.stderr, /^error: invalid label value: "tier=x{64}": must be no more than 63 characters$/m);
  r = k(t, 'label', 'pod', 'web', 'a=b=c');
  assert.equal(r.stderr, 'error: invalid label spec: a=b=c\n');
  r = k(t, 'label', 'pod', 'web', 'bad key=x');
  assert.match(r.stderr, /^The Pod "web" is invalid: metadata\.labels: Invalid value: "bad key": name part must consist of alphanumeric characters/);
  r = k(t, 'label', 'pod', 'web', '\u001b]0;pwned\u0007=x');
  assert.match(r.stderr, /Invalid value: "\\x1b\]0;pwned\\a": name part must consist/);
  assert.equal(k(t, 'label', 'pod', 'web', 'example.com/tier=front').exitCode, 0);
});

test('control characters from files and arguments come back visible in every message', () => {
  const t = new Term();
  t.files = {
    'evil.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {note: "\\e]0;title\\a\\e[2J"}\nspec: {containers: [{name: c, image: "nginx\\e[31m"}]}\n',
    'kind.yaml': 'apiVersion: v1\nkind: "Pod\\e[2J"\nmetadata: {name: p}\n',
    'key.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec: {containers: [{name: c, image: nginx}], "\\e]8;;http://x\\e\\\\": 1}\n',
  };
  assert.equal(k(t, 'apply', '-f', 'evil.yaml').exitCode, 0);
  for (const argv of [
    ['describe', 'pod', 'p'], ['get', 'pod', 'p', '-o', 'yaml'], ['get', 'pod', 'p', '-o', 'json'], ['get', 'pod', 'p', '-o', 'wide'],
    ['get', 'pod', 'p', '-o', 'jsonpath={.metadata.annotations.note}'], ['apply', '-f', 'kind.yaml'], ['apply', '-f', 'key.yaml'],
    ['get', 'pod', '\u001b[2J'], ['get', '\u001b[2J'], ['-n', '\u001b]0;x\u0007', 'get', 'pods'], ['delete', 'pod', 'p\u0007'], ['exec', 'p', '--', 'wget', '-qO-', '\u001b[2J'],
  ]) k(t, ...argv);
  const jp = k(t, 'get', 'pod', 'p', '-o', 'jsonpath={.metadata.annotations.note}');
  assert.equal(jp.stdout, '\\x1b]0;title\\x07\\x1b[2J');
});

test('a 100 000-character name is refused at once, and tables of long names print fast', () => {
  const t = new Term();
  const name = 'a'.repeat(100_000);
  let start = performance.now();
  const r = k(t, 'create', 'namespace', name);
  assert.ok(performance.now() - start < 1000);
  assert.equal(r.exitCode, 1);
  assert.ok(r.stderr.length < 1000, 'the name is not echoed in full');
  // The table printer itself: padding a 100 000-character column used to take seconds (/\s+$/).
  start = performance.now();
  const text = table(['NAME', 'STATUS', 'AGE'], [[name, 'Active', '5s'], ['default', 'Active', '1d']]);
  const lines = aligned([['Name:', name], ['Labels:', `a${' '.repeat(100_000)}b`]]);
  const ms = performance.now() - start;
  assert.ok(ms < 200, `table and aligned took ${ms.toFixed(0)} ms`);
  assert.equal(text.split('\n')[0], `NAME${' '.repeat(100_000 - 1)}STATUS   AGE`);
  assert.equal(lines.length, 2);
});
