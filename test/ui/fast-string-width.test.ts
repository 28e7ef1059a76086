// The bundled TUI's string-width shortcut gives string-width's answer: for every "simple" character of the
// Basic Multilingual Plane alone and between others, and for random mixes with anything else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import fastStringWidth, { isSimpleChar } from '../../src/ui/fast-string-width.ts';

const simple: string[] = [];
for (let c = 0; c < 0x10000; c++) if (isSimpleChar(c)) simple.push(String.fromCharCode(c));

test('every simple character is one column wide, alone and next to others', () => {
  assert.ok(simple.length > 1000, `${simple.length} simple characters`);
  for (const ch of ['›', '—', '↑', '↓', '·', '…', '•', '–', '←', '→']) assert.ok(simple.includes(ch), `${ch} is simple`);
  for (const ch of ['✓', '✗', '⚑', '★', '☆', '▸', '○']) assert.equal(fastStringWidth(ch), stringWidth(ch), ch);
  for (let i = 0; i < simple.length; i++) {
    const ch = simple[i];
    const next = simple[(i * 7919 + 1) % simple.length];
    const prev = simple[(i * 104729 + 3) % simple.length];
    assert.equal(stringWidth(ch), 1, `U+${ch.charCodeAt(0).toString(16)}`);
    assert.equal(stringWidth(`a${ch}${next}${ch}b`), 5, `U+${ch.charCodeAt(0).toString(16)} U+${next.charCodeAt(0).toString(16)}`);
    assert.equal(stringWidth(`${prev}${ch}${ch}${prev}`), 4, `U+${prev.charCodeAt(0).toString(16)} U+${ch.charCodeAt(0).toString(16)}`);
  }
});

test('fast and real string-width agree on mixed text, colours included', () => {
  const other = fc.constantFrom('✓', '✗', '⚑', '★', '😀', '👍🏽', '🇩🇪', 'e\u0301', '\u200d', '\ufe0f', '1\ufe0f\u20e3', '한', '\u1100\u1161', '中', '\t', '\n', '\u0000', '\u00ad', '\ud800', 'ｱ', 'ﾞ');
  const piece = fc.oneof(fc.constantFrom(...simple.slice(0, 400), ...simple.slice(-400)), fc.string({ maxLength: 3 }), other,
    fc.constantFrom('\u001b[1m', '\u001b[22m', '\u001b[32m', '\u001b[39m', '\u009b31m', '\u001b]8;;http://x\u0007'));
  fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
    const s = parts.join('');
    assert.equal(fastStringWidth(s), stringWidth(s), JSON.stringify(s));
  }), { numRuns: 5000 });
  assert.equal(fastStringWidth('abc', { ambiguousIsNarrow: false }), stringWidth('abc', { ambiguousIsNarrow: false }));
  assert.equal(fastStringWidth('·', { ambiguousIsNarrow: false }), stringWidth('·', { ambiguousIsNarrow: false }));
});
