import { test } from 'node:test';
import assert from 'node:assert/strict';
import { besideLines, lineText, preformatted, span, wrapSpans } from '../../src/ui/lines.ts';
import { inlineSpans, markupLines } from '../../src/ui/markup.ts';
import { yamlLines } from '../../src/ui/yaml-lines.ts';
import { matrixLines } from '../../src/ui/matrix-lines.ts';

const texts = (lines: readonly (readonly { text: string }[])[]) => lines.map((l) => l.map((s) => s.text).join(''));

test('wrapping keeps words whole, never exceeds the width, and indents continuation lines', () => {
  const lines = wrapSpans([span('alpha beta gamma delta epsilon zeta eta theta')], 16, 2, [span('- ')]);
  const t = texts(lines);
  assert.deepEqual(t, ['- alpha beta', '  gamma delta', '  epsilon zeta', '  eta theta']);
  for (const l of t) assert.ok(l.length <= 16);
  const long = texts(wrapSpans([span('x'.repeat(30))], 12));
  assert.deepEqual(long, ['x'.repeat(12), 'x'.repeat(12), 'x'.repeat(6)]);
});

test('inline markup: `code` and **bold**; unpaired markers stay literal', () => {
  assert.deepEqual(inlineSpans('use `podSelector: {}` for **all** pods'), [
    span('use '), span('podSelector: {}', 'code'), span(' for '), span('all', 'bold'), span(' pods'),
  ]);
  assert.deepEqual(inlineSpans('a ` b ** c'), [span('a ` b ** c')]);
});

test('markup: paragraphs reflow, lists get markers and hanging indents, blank lines separate', () => {
  const text = 'First line\ncontinues here.\n\n- one item that is long enough to wrap around\n- two\n\n1. first\n2. second';
  const t = texts(markupLines(text, 24));
  assert.deepEqual(t, [
    'First line continues',
    'here.',
    '',
    '• one item that is long',
    '  enough to wrap around',
    '• two',
    '',
    '1. first',
    '2. second',
  ]);
});

test('YAML highlighting separates keys, values, comments and list dashes', () => {
  const [l1, l2, l3] = yamlLines('metadata:\n  name: web # the app\n  - port: 80\n', 80);
  assert.deepEqual(l1.map((s) => s.style), ['yaml-key', 'yaml-punct']);
  assert.deepEqual(l2.map((s) => [s.text, s.style]), [['  ', 'plain'], ['name', 'yaml-key'], [':', 'yaml-punct'], [' ', 'plain'], ['web ', 'yaml-value'], ['# the app', 'yaml-comment']]);
  assert.deepEqual(l3.map((s) => s.style), ['plain', 'yaml-punct', 'yaml-key', 'yaml-punct', 'plain', 'yaml-value']);
  assert.equal(lineText(yamlLines('a: "x # not a comment"', 80)[0]), 'a: "x # not a comment"');
  assert.equal(yamlLines('a: "x # not a comment"', 80)[0].some((s) => s.style === 'yaml-comment'), false);
  const cut = yamlLines(`key: ${'v'.repeat(40)}`, 20);
  assert.equal(cut.length, 3);
  for (const l of cut) assert.ok(lineText(l).length <= 20);
});

test('a matrix shows ✓/✗/· with a legend and a count', () => {
  const t = texts(matrixLines({ title: 'secure on 80/TCP', rows: ['secure/a', 'secure/b'], cols: ['secure/a', 'secure/b'], allowed: [[undefined, true], [false, undefined]] }, 80));
  assert.equal(t[0], 'secure on 80/TCP');
  assert.match(t[2], /^secure\/a\s+·\s+✓$/);
  assert.match(t[3], /^secure\/b\s+✗\s+·$/);
  assert.match(t.join('\n'), /1=secure\/a {2}2=secure\/b/);
  assert.match(t.join('\n'), /1 of 2 connections allowed/);
});

test('preformatted output keeps lines; side by side pads the left column', () => {
  assert.deepEqual(texts(preformatted('NAME   READY\nweb    1/1\n', 80)), ['NAME   READY', 'web    1/1']);
  const both = texts(besideLines([[span('left')]], [[span('right')], [span('more')]], 6, 2));
  assert.deepEqual(both, ['left    right', '        more']);
});
