// A pack lesson full of terminal escape sequences (OSC 0 title, screen clear, OSC 8 link, BEL, CSI) is drawn
// with every control character visible: no ESC from content reaches the frame, on any screen.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { render, cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/app.tsx';
import { emptyProgress } from '../../src/progress/model.ts';
import type { Lesson } from '../../src/content/lesson-types.ts';
import { preformatted, span, wrapSpans } from '../../src/ui/lines.ts';
import { lessons } from '../fixtures/ui/lessons.ts';
import { testDeps } from '../fixtures/ui/fakes.ts';
import { KEY, waitFor } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => { cleanup(); for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'nd-hostile-')); dirs.push(d); return d; };

const OSC_TITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J\u001b[H';
const LINK = '\u001b]8;;http://evil.example\u001b\\click\u001b]8;;\u001b\\';
const C1 = '\u009b31m';

const hostile: Lesson = {
  ...lessons[0],
  id: 'hostile',
  title: `Hostile ${OSC_TITLE}lesson`,
  summary: `Summary ${CLEAR}with a ${LINK}.`,
  steps: [
    { kind: 'text', title: `Step ${OSC_TITLE}one`, body: `Body ${CLEAR} and ${LINK} and \`code ${C1}\` and **bold \u0007**.\n\n- item ${CLEAR}\n\n\`\`\`\nblock ${OSC_TITLE}\n\`\`\`` },
    { kind: 'yaml', body: `Example ${LINK}`, manifest: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: "x${CLEAR}"  # ${OSC_TITLE}\n`, apply: false },
    {
      kind: 'quiz', id: 'q', question: `Question ${CLEAR}?`,
      choices: [
        { text: `Right ${LINK}`, correct: true, why: `Because ${OSC_TITLE}.` },
        { text: `Wrong ${C1}`, correct: false, why: `No ${CLEAR}.` },
      ],
    },
  ],
};

/** A frame carries no control character but newlines and the SGR colour codes Ink itself writes. */
function assertClean(frame: string): void {
  const rest = frame.replace(/\u001b\[[0-9;]*m/g, '');
  assert.doesNotMatch(rest, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, JSON.stringify(frame.slice(0, 400)));
  assert.ok(!frame.includes('\u001b]'), 'no OSC');
  assert.ok(!frame.includes('\u001b[2J'), 'no screen clear');
}

test('a hostile lesson is drawn with its control characters visible, on the home screen and every step', async () => {
  const app = render(<App deps={testDeps({ dir: tmp(), color: true })} lessons={[hostile, ...lessons]} progress={emptyProgress} />);
  const frames: string[] = [];
  const seen = async (pred: string | RegExp) => { const f = await waitFor(app.lastFrame, pred); frames.push(f); return f; };
  const home = await seen('Lessons');
  assert.match(home, /Hostile \\x1b\]0;pwned\\x07lesson/);
  app.stdin.write(KEY.enter);
  const step1 = await seen('step 1/3');
  assert.match(step1, /Body \\x1b\[2J\\x1b\[H and \\x1b\]8;;http:\/\/evil\.example\\x1b\\click/);
  app.stdin.write(KEY.right);
  await seen('step 2/3');
  app.stdin.write(KEY.right);
  const quiz = await seen('step 3/3');
  assert.match(quiz, /Question \\x1b\[2J\\x1b\[H\?/);
  app.stdin.write('1');
  frames.push(await waitFor(app.lastFrame, (f) => f !== quiz));
  for (const f of [...frames, ...app.frames]) assertClean(f);
});

test('lines: spans, wrapped spans and preformatted output make every control character visible', () => {
  assert.equal(span(`a${CLEAR}b`).text, 'a\\x1b[2J\\x1b[Hb');
  const wrapped = wrapSpans([{ text: `word ${OSC_TITLE} word`, style: 'plain' }], 40);
  assert.equal(wrapped.flat().map((s) => s.text).join(''), 'word \\x1b]0;pwned\\x07 word');
  const pre = preformatted(`out\u001b[31m\tred\r\n`, 80);
  assert.deepEqual(pre.flat().map((s) => s.text), ['out\\x1b[31m  red\\x0d']);
});
