// Names, namespaces, labels: the API server's rules and messages, in the manifest parser (reach, explain,
// lint, and the simulated API server, which admits objects through it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifests } from '../../src/content/manifests.ts';
import {
  isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue,
} from '../../src/content/k8s-names.ts';
import { escapeControl, findControlChars, goQuote, quoteValue } from '../../src/content/control-text.ts';

const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function errors(text: string): string[] {
  const r = parseManifests(text, 'm.yaml');
  return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
}

const pod = (meta: string, spec = '{containers: [{name: c, image: nginx}]}') => `apiVersion: v1\nkind: Pod\nmetadata: ${meta}\nspec: ${spec}\n`;

test('a namespace name must be a DNS-1123 label, with the API server\'s message', () => {
  assert.deepEqual(errors('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: Bad_Name\n'), [
    `4:9: The Namespace "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${LABEL_MSG}`,
  ]);
  assert.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
  assert.deepEqual(isDNS1123Label('a'.repeat(63)), []);
  assert.deepEqual(isDNS1123Label('a'.repeat(64)), ['must be no more than 63 characters']);
});

test('service names are DNS-1035 labels; pods, policies and workloads DNS-1123 subdomains', () => {
  assert.deepEqual(errors('apiVersion: v1\nkind: Service\nmetadata: {name: 123-abc}\n'), [
    `3:18: The Service "123-abc" is invalid: metadata.name: Invalid value: "123-abc": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
  ]);
  assert.deepEqual(errors(pod('{name: web.v2-1}')), [], 'dots are fine in a pod name');
  assert.deepEqual(errors('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow.dns}\nspec: {}\n'), []);
  assert.deepEqual(isDNS1123Subdomain('Web'), ["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]);
  assert.deepEqual(isDNS1123Subdomain(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`), [], '253 characters');
  assert.deepEqual(isDNS1123Subdomain('a'.repeat(254)), ['must be no more than 253 characters']);
  assert.equal(isDNS1035Label('abc-123').length, 0);
  const deploy = errors('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: Web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n');
  assert.match(deploy[0], /^3:18: The Deployment "Web" is invalid: metadata\.name: Invalid value: "Web": a lowercase RFC 1123 subdomain/);
});

test('namespaces of objects, label keys and values, selectors and container names are checked too', () => {
  const [ns] = errors(pod('{name: p, namespace: Team_A}'));
  assert.equal(ns, `3:32: The Pod "p" is invalid: metadata.namespace: Invalid value: "Team_A": ${LABEL_MSG}`);
  const [labels] = errors(pod('{name: p, labels: {"bad key": ok, app: "we b"}}'));
  assert.equal(labels, '3:50: The Pod "p" is invalid: [metadata.labels: Invalid value: "we b": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\'), metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')]');
  assert.deepEqual(errors(pod('{name: p, labels: {app.kubernetes.io/name: web, "": x}}')).length, 1);
  const policy = errors(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np}
spec:
  podSelector: {matchExpressions: [{key: "a/b/c", operator: Exists}]}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {team: "x y"}}
`);
  assert.equal(policy.length, 1);
  assert.match(policy[0], /^5:\d+: The NetworkPolicy "np" is invalid: \[spec\.podSelector\.matchExpressions\[0\]\.key: Invalid value: "a\/b\/c": a qualified name must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\), spec\.ingress\[0\]\.from\[0\]\.namespaceSelector\.matchLabels: Invalid value: "x y": a valid label/);
  assert.match(errors(pod('{name: p}', '{containers: [{name: Web, image: nginx}]}'))[0], /spec\.containers\[0\]\.name: Invalid value: "Web": a lowercase RFC 1123 label/);
  assert.match(errors('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {"-app": web}}\n')[0], /spec\.selector: Invalid value: "-app": name part must consist/);
  assert.deepEqual(isQualifiedName('example.com/MyName'), []);
  assert.deepEqual(isQualifiedName('/x'), ['prefix part must be non-empty']);
  assert.deepEqual(isQualifiedName(`${'a'.repeat(254)}/x`), ['prefix part must be no more than 253 characters']);
  assert.deepEqual(isQualifiedName('x'.repeat(64)), ['name part must be no more than 63 characters']);
  assert.deepEqual(isValidLabelValue(''), []);
  assert.deepEqual(isValidLabelValue('a'.repeat(64)), ['must be no more than 63 characters']);
});

test('a 100 000-character name is rejected at once, and the message does not repeat it', () => {
  const name = 'a'.repeat(100_000);
  for (const text of [
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`,
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}-\n`,
    pod(`{name: ${'a.'.repeat(50_000)}-}`),
    pod(`{name: p, labels: {${'k'.repeat(100_000)}: ${'v-'.repeat(50_000)}}}`),
  ]) {
    const t = performance.now();
    const errs = errors(text);
    const ms = performance.now() - t;
    assert.equal(errs.length, 1);
    assert.ok(ms < 500, `took ${ms.toFixed(0)} ms`);
    assert.ok(errs[0].length < 3000, `message of ${errs[0].length} characters`);
    assert.match(errs[0], /must be no more than (63|253) characters/);
    assert.match(errs[0], /\.\.\. \(100\d{3} characters\)/);
  }
});

test('control characters in names and keys come back visible, never raw', () => {
  const errs = errors('apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x\\e]0;pwned\\a"\n  labels: {"\\e[2J": v}\nspec: {containers: [{name: c, image: nginx}], "\\e[31mnodeName": n}\n');
  assert.equal(errs.length, 1);
  assert.match(errs[0], /strict decoding error: unknown field "spec\.\\x1b\[31mnodeName"/);
  const named = errors('apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x\\e]0;pwned\\a"\n  labels: {"\\e[2J": v}\nspec: {containers: [{name: c, image: nginx}]}\n');
  assert.match(named[0], /^4:9: The Pod "x\\x1b\]0;pwned\\a" is invalid: \[metadata\.name: Invalid value: "x\\x1b\]0;pwned\\a": /);
  assert.match(named[0], /metadata\.labels: Invalid value: "\\x1b\[2J": name part must consist/);
  const kinds = parseManifests('apiVersion: v1\nkind: "Config\\eMap"\nmetadata: {name: c}\n', 'm.yaml');
  assert.ok(kinds.ok);
  for (const line of [...errs, ...named, ...kinds.value.warnings]) assert.doesNotMatch(line, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
});

test('escapeControl, goQuote and findControlChars', () => {
  assert.equal(escapeControl('a\u001b[2Jb\u0007\n\tc\r\u009b\u007f'), 'a\\x1b[2Jb\\x07\n\tc\\x0d\\u009b\\x7f');
  assert.equal(escapeControl('plain text'), 'plain text');
  assert.equal(escapeControl('\u001b[31mred\u001b[39m \u001b[2J', { ownColours: true }), '\u001b[31mred\u001b[39m \\x1b[2J');
  assert.equal(escapeControl('a\nb', { keep: '' }), 'a\\x0ab');
  assert.equal(goQuote('Bad_Name'), '"Bad_Name"');
  assert.equal(goQuote('a"b\\c\n\u001b\u00a0é\u200b'), '"a\\"b\\\\c\\n\\x1b\\u00a0é\\u200b"');
  assert.equal(quoteValue('x'.repeat(300)), `"${'x'.repeat(64)}"... (300 characters)`);
  assert.deepEqual(findControlChars({ title: 'ok', steps: [{ body: 'line 1\nline \u001b]8;;http://evil\u0007two' }], ['k\u001bey']: 'v' }), [
    { path: ['steps', 0, 'body'], line: 2, col: 6, char: '\\x1b' },
    { path: ['k\u001bey'], line: 1, col: 2, char: '\\x1b' },
  ]);
});
