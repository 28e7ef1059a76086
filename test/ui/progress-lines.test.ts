// The progress screen's lesson lines: status, and the cells predicted right in the lesson's predict steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeLesson, emptyProgress, recordPrediction } from '../../src/progress/model.ts';
import { progressLines } from '../../src/ui/progress-lines.ts';
import { lessons } from '../fixtures/ui/lessons.ts';

const T = '2025-01-01T00:00:00.000Z';

test('a lesson line shows the cells predicted right, only for predict steps the lesson still has', () => {
  const predict = { kind: 'predict', id: 'p1', namespace: 'secure', port: 80, protocol: 'TCP', cells: [] } as const;
  const course = [{ ...lessons[0], steps: [...lessons[0].steps, predict] }, ...lessons.slice(1)];
  let p = completeLesson(emptyProgress, lessons[0].id, T);
  p = recordPrediction(p, lessons[0].id, 'p1', { right: 3, total: 4 }, T);
  p = recordPrediction(p, lessons[1].id, 'removed-step', { right: 1, total: 2 }, T);
  const text = progressLines(p, course, [], 100).map((l) => l.map((s) => s.text).join(''));
  assert.equal(text[1], `✓ done        ${lessons[0].title}  predicted 3/4`);
  assert.equal(text[2], `▸ step 1/${lessons[1].steps.length}    ${lessons[1].title}`);
});
