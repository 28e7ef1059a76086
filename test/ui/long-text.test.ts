// Very long text through the TUI's layout: a 20 MB lesson body passed lint, then the TUI died with
// "Maximum call stack size exceeded" (`out.push(...lines)` with 250 000 lines). Lint now refuses such text
// (test/content/text-limits.test.ts); the layout copes with it anyway.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reduce } from '../../src/ui/app-state.ts';
import { lessonView } from '../../src/ui/lesson-view.ts';
import { lineText, preformatted, wrapSpans, span } from '../../src/ui/lines.ts';
import { markupLines } from '../../src/ui/markup.ts';
import { emptyProgress, setStep } from '../../src/progress/model.ts';
import type { Lesson } from '../../src/content/lesson-types.ts';
import { basics } from '../fixtures/ui/lessons.ts';
import { fakeRunner } from '../fixtures/ui/fakes.ts';

const NOW = '2025-03-01T09:00:00.000Z';
const LONG = 'lorem ipsum dolor sit amet consectetur '.repeat(300_000); // 11.7 MB, ~150 000 lines at 80 columns

test('markup and wrapping lay out 150 000+ lines', () => {
  const para = markupLines(LONG, 80);
  assert.ok(para.length > 140_000, `${para.length} lines`);
  for (const l of [para[0], para[para.length - 1]]) assert.ok(lineText(l).length <= 80);
  const word = markupLines('x'.repeat(12_000_000), 80);
  assert.equal(word.length, 150_000);
  assert.equal(wrapSpans([span('y'.repeat(12_000_000))], 80, 2).length, 153_847);
  assert.equal(preformatted('a\n'.repeat(200_000), 80).length, 200_000);
});

test('a lesson step with an 11 MB body renders its first screen', () => {
  const lesson: Lesson = { ...basics, steps: [{ kind: 'text', title: 'Long', body: LONG }, ...basics.steps.slice(1)] };
  const s = reduce(initialState([lesson], setStep(emptyProgress, lesson.id, 0, NOW)), { type: 'open', lessonId: lesson.id, now: NOW });
  const v = lessonView(s, lesson, fakeRunner.stepOutput(lesson, 0, NOW), undefined, 80, 24);
  assert.ok(v.body.length > 0);
  assert.match(lineText(v.body[0]), /Long/);
});
