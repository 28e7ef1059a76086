// What to practise next: topic scores from recent drill attempts and mock exam tasks, the weakest topics
// with a lesson and a drill for each, and one line for the home screen. Pure.
import type { Progress } from './model.ts';

export interface Tagged { readonly id: string; readonly title: string; readonly tags: readonly string[]; readonly difficulty?: number }

export interface TopicScore { readonly topic: string; readonly score: number; readonly samples: number }

export interface Suggestion extends TopicScore { readonly lesson?: Tagged; readonly drill?: Tagged }

/** A topic is weak below this average. */
export const WEAK_BELOW = 80;
/** Exams looked at (the newest). */
const RECENT_EXAMS = 10;

/** The average recent score of every topic with data: drills' recent attempts and recent exams' tasks. */
export function topicScores(p: Progress, scenarios: readonly Tagged[]): TopicScore[] {
  const tagsOf = new Map(scenarios.map((s) => [s.id, s.tags]));
  const sums = new Map<string, { total: number; n: number }>();
  const add = (scenario: string, score: number) => {
    for (const t of tagsOf.get(scenario) ?? []) {
      const cur = sums.get(t) ?? { total: 0, n: 0 };
      sums.set(t, { total: cur.total + score, n: cur.n + 1 });
    }
  };
  for (const [id, d] of Object.entries(p.drills)) for (const s of d.recent) add(id, s);
  for (const e of p.exams.slice(-RECENT_EXAMS)) for (const t of e.tasks) add(t.scenario, t.score);
  return [...sums.entries()].map(([topic, { total, n }]) => ({ topic, score: Math.round(total / n), samples: n }))
    .sort((a, b) => a.score - b.score || b.samples - a.samples || a.topic.localeCompare(b.topic));
}

/** The weakest topics (below WEAK_BELOW), each with a lesson on it and the drill on it with the lowest best score. */
export function weakTopics(p: Progress, lessons: readonly Tagged[], scenarios: readonly Tagged[], limit = 3): Suggestion[] {
  return topicScores(p, scenarios).filter((t) => t.score < WEAK_BELOW).slice(0, limit).map((t) => {
    const onTopic = lessons.filter((l) => l.tags.includes(t.topic));
    const lesson = onTopic.find((l) => !p.lessons[l.id]?.completed) ?? onTopic[0];
    const drills = scenarios.filter((s) => s.tags.includes(t.topic))
      // Not yet passed first, the easiest first: a weak topic is rebuilt from the ground up.
      .sort((a, b) => (p.drills[a.id]?.bestScore ?? -1) - (p.drills[b.id]?.bestScore ?? -1) || (a.difficulty ?? 2) - (b.difficulty ?? 2) || a.id.localeCompare(b.id));
    const drill = drills.find((s) => !p.drills[s.id]?.passed) ?? drills[0];
    return { ...t, ...(lesson ? { lesson } : {}), ...(drill ? { drill } : {}) };
  });
}

/** One line: the next lesson, else the weakest topic's practice, else a mock exam. */
export function nextStep(p: Progress, lessons: readonly Tagged[], scenarios: readonly Tagged[]): string {
  const open = lessons.find((l) => !p.lessons[l.id]?.completed);
  const weak = weakTopics(p, lessons, scenarios, 1)[0];
  if (weak) {
    const what = [weak.lesson ? `lesson ${weak.lesson.id}` : '', weak.drill ? `drill ${weak.drill.id}` : ''].filter(Boolean).join(', then ');
    return `your weakest topic is ${weak.topic} (${weak.score}% recently)${what ? `: ${what}` : ''}.`;
  }
  if (open) return `lesson ${open.id} (${open.title}).`;
  const tried = Object.keys(p.drills).length;
  if (tried < scenarios.length) return `the drills (${tried} of ${scenarios.length} tried), then a mock exam; every lesson is done.`;
  const last = p.exams.at(-1);
  return last ? `another mock exam (the last one: ${last.score}/100, ${last.passed ? 'passed' : 'not passed'}): netpol-dojo exam.` : 'a mock exam: netpol-dojo exam.';
}

/** "1:30": minutes and whole seconds of a drill time. */
export function durationText(ms: number): string {
  return `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;
}
