// The terminal line discipline of interactive exec: what the typed keys become.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineDiscipline, onlcr } from '../../src/serve/stream-tty.ts';

describe('LineDiscipline with a terminal', () => {
  it('echoes typed characters and runs the line on Enter', () => {
    const t = new LineDiscipline(true);
    assert.deepEqual(t.feed('ls'), [{ kind: 'echo', text: 'ls' }]);
    assert.deepEqual(t.feed(' /\r'), [{ kind: 'echo', text: ' /\r\n' }, { kind: 'line', text: 'ls /' }]);
  });

  it('a pasted block runs line by line, in order', () => {
    const t = new LineDiscipline(true);
    assert.deepEqual(t.feed('a\rb\r'), [
      { kind: 'echo', text: 'a\r\n' }, { kind: 'line', text: 'a' },
      { kind: 'echo', text: 'b\r\n' }, { kind: 'line', text: 'b' },
    ]);
  });

  it('backspace erases one character (and nothing at the start of the line); Ctrl-U the whole line', () => {
    const t = new LineDiscipline(true);
    assert.deepEqual(t.feed('\x7fab\x7f\bc\r'), [{ kind: 'echo', text: 'ab\b \b\b \bc\r\n' }, { kind: 'line', text: 'c' }]);
    assert.deepEqual(t.feed('xyz\x15ok\r'), [{ kind: 'echo', text: 'xyz\b \b\b \b\b \bok\r\n' }, { kind: 'line', text: 'ok' }]);
  });

  it('Ctrl-C drops the line; Ctrl-D ends input only on an empty line', () => {
    const t = new LineDiscipline(true);
    assert.deepEqual(t.feed('sleep 9\x03'), [{ kind: 'echo', text: 'sleep 9^C\r\n' }, { kind: 'interrupt' }]);
    assert.deepEqual(t.feed('x\x04'), [{ kind: 'echo', text: 'x' }]);
    assert.deepEqual(t.feed('\x7f\x04'), [{ kind: 'echo', text: '\b \b' }, { kind: 'eof' }]);
  });

  it('arrow keys and other escape sequences are dropped, tabs and control characters ignored', () => {
    const t = new LineDiscipline(true);
    assert.deepEqual(t.feed('\x1b[A\x1b[1;5Ce\tc\x07ho\x1bOA\r'), [{ kind: 'echo', text: 'echo\r\n' }, { kind: 'line', text: 'echo' }]);
  });

  it('multi-byte characters erase as one', () => {
    const t = new LineDiscipline(true);
    assert.deepEqual(t.feed('né\x7f\r'), [{ kind: 'echo', text: 'né\b \b\r\n' }, { kind: 'line', text: 'n' }]);
  });
});

describe('LineDiscipline without a terminal', () => {
  it('splits lines on \\n, no echo, a last partial line runs at end of input', () => {
    const t = new LineDiscipline(false);
    assert.deepEqual(t.feed('one\r\ntw'), [{ kind: 'line', text: 'one' }]);
    assert.deepEqual(t.feed('o\nthr'), [{ kind: 'line', text: 'two' }]);
    assert.deepEqual(t.end(), [{ kind: 'line', text: 'thr' }, { kind: 'eof' }]);
  });
});

it('onlcr turns newlines into CR LF once', () => {
  assert.equal(onlcr('a\nb\r\nc'), 'a\r\nb\r\nc');
});
