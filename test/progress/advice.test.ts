// Weak topics from recent drill and exam scores, each with a lesson and a drill; the home screen's line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyProgress, recordDrill, recordExam } from '../../src/progress/model.ts';
import { nextStep, topicScores, weakTopics } from '../../src/progress/advice.ts';

const lessons = [
  { id: 'deny-all', title: 'Deny all', tags: ['deny-all', 'basics'] },
  { id: 'ipblock', title: 'ipBlock', tags: ['ipblock', 'egress'] },
];
const scenarios = [
  { id: 'seed-deny-all', title: 'A', tags: ['deny-all', 'ingress'] },
  { id: 'metadata-block', title: 'B', tags: ['egress', 'ipblock'] },
  { id: 'egress-block-one-external-ip', title: 'C', tags: ['egress', 'ipblock', 'external'] },
];
const NOW = '2025-01-01T00:00:00Z';

test('topic scores average recent drill attempts and exam tasks; the weakest come with a lesson and a drill', () => {
  let p = recordDrill(emptyProgress, 'seed-deny-all', { score: 100, passed: true, timeMs: 1, hints: 0 }, NOW);
  p = recordDrill(p, 'metadata-block', { score: 40, passed: false, timeMs: 1, hints: 0 }, NOW);
  p = recordExam(p, { at: NOW, title: 'E', seed: 1, score: 50, passed: false, tasks: [{ scenario: 'metadata-block', score: 20 }, { scenario: 'seed-deny-all', score: 90 }] });
  const scores = topicScores(p, scenarios);
  assert.deepEqual(scores.find((t) => t.topic === 'ipblock'), { topic: 'ipblock', score: 30, samples: 2 });
  assert.deepEqual(scores.find((t) => t.topic === 'deny-all'), { topic: 'deny-all', score: 95, samples: 2 });
  const weak = weakTopics(p, lessons, scenarios);
  assert.deepEqual(weak.map((w) => [w.topic, w.lesson?.id, w.drill?.id]), [['egress', 'ipblock', 'egress-block-one-external-ip'], ['ipblock', 'ipblock', 'egress-block-one-external-ip']]);
  assert.equal(nextStep(p, lessons, scenarios), 'your weakest topic is egress (30% recently): lesson ipblock, then drill egress-block-one-external-ip.');
  assert.equal(nextStep(emptyProgress, lessons, scenarios), 'lesson deny-all (Deny all).');
});
