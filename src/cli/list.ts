// `netpol-dojo list lessons`: the course in order. Also home of the content-root lookup the CLI shares.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCourse, readScenarioFiles, type LoadedText } from '../content/load.ts';
import { formatContentError } from '../content/lesson-parse.ts';
import type { Scenario } from '../content/scenario-types.ts';
import { assembleScenarios } from '../content/scenarios.ts';
import { packageRoot } from './paths.ts';
import { UsageError, type CliIO } from './io.ts';

export const LIST_HELP = `Usage: netpol-dojo list lessons|scenarios|exams [--pack DIR]... [-o text|json]

Prints the course in order: number, id, estimated minutes and title. Lessons of content packs
(--pack DIR, repeatable: DIR/lessons/index.yaml) come after the built-in ones.
"list scenarios" prints the drills: id, difficulty, minutes, points, title and topics.
`;

/** The built-in lessons directory: lessons/ in the package root (the folder holding package.json). */
export function defaultLessonsDir(): string {
  const root = packageRoot();
  if (!root) throw new UsageError(`error: cannot find the netpol-dojo package root (no package.json above ${fileURLToPath(import.meta.url)})`);
  return join(root, 'lessons');
}

/** The built-in scenarios directory: scenarios/ in the package root. */
export function defaultScenariosDir(): string {
  return join(dirname(defaultLessonsDir()), 'scenarios');
}

/** The scenario catalogue: built-in scenarios, then every pack's; problems as formatted errors. */
export function loadScenarioCatalogue(packs: readonly string[]): { scenarios: Scenario[]; files: LoadedText[]; errors: string[] } {
  const read = readScenarioFiles(defaultScenariosDir(), packs);
  const cat = assembleScenarios(read.files);
  return { scenarios: [...cat.scenarios], files: read.files, errors: [...read.errors, ...cat.errors.map(formatContentError)] };
}

function listScenarios(io: CliIO, packs: readonly string[], output: string): number {
  const cat = loadScenarioCatalogue(packs);
  for (const e of cat.errors) io.stderr(`error: ${e}\n`);
  const list = cat.scenarios;
  if (output === 'json') {
    io.stdout(`${JSON.stringify(list.map((s) => ({ id: s.id, title: s.title, difficulty: s.difficulty, minutes: s.minutes, points: s.points, tags: s.tags, variants: s.variants?.seeds ?? [], file: s.file })), null, 2)}\n`);
  } else {
    const idW = list.reduce((w, s) => Math.max(w, s.id.length), 2);
    const lines = [`${'ID'.padEnd(idW)}  DIFF  MIN  PTS  TOPICS / TITLE`];
    for (const s of list) lines.push(`${s.id.padEnd(idW)}  ${'★'.repeat(s.difficulty).padEnd(4)}  ${String(s.minutes).padStart(3)}  ${String(s.points).padStart(3)}  ${s.title}${s.tags.length ? ` [${s.tags.join(', ')}]` : ''}`);
    lines.push('', `${list.length} scenarios. Start one with: netpol-dojo drill ID`);
    io.stdout(`${lines.join('\n')}\n`);
  }
  return cat.errors.length ? 1 : 0;
}

async function listExams(io: CliIO, packs: readonly string[], output: string): Promise<number> {
  const { loadExamSets } = await import('./exam-tui-host.ts');
  const cat = loadScenarioCatalogue(packs);
  const { sets, errors } = loadExamSets(packs, new Set(cat.scenarios.map((s) => s.id)));
  for (const e of errors) io.stderr(`error: ${e}\n`);
  if (output === 'json') {
    io.stdout(`${JSON.stringify(sets.map((s) => ({ id: s.id, title: s.title, minutes: s.minutes, passMark: s.passMark, tasks: s.tasks, file: s.file })), null, 2)}\n`);
  } else {
    const idW = Math.max(2, ...sets.map((s) => s.id.length));
    const lines = [`${'ID'.padEnd(idW)}  TASKS  MIN  PASS  TITLE`];
    for (const s of sets) lines.push(`${s.id.padEnd(idW)}  ${String(s.tasks.length).padStart(5)}  ${String(s.minutes).padStart(3)}  ${String(s.passMark).padStart(3)}%  ${s.title}`);
    lines.push('', `${sets.length} exam sets. Start one with: netpol-dojo exam --set ID (or draw one: netpol-dojo exam --seed S)`);
    io.stdout(`${lines.join('\n')}\n`);
  }
  return errors.length ? 1 : 0;
}

export function runList(argv: string[], io: CliIO): number | Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      pack: { type: 'string', multiple: true },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) { io.stdout(LIST_HELP); return 0; }
  const [what, ...extra] = positionals;
  if (what === undefined) throw new UsageError(`error: list what? Use "netpol-dojo list lessons"\n\n${LIST_HELP}`);
  if (extra.length) throw new UsageError(`error: unexpected argument: ${extra[0]}`);
  const output = values.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new UsageError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,text`);
  if (what === 'scenarios' || what === 'scenario' || what === 'drills') return listScenarios(io, values.pack ?? [], output);
  if (what === 'exams' || what === 'exam') return listExams(io, values.pack ?? [], output);
  if (what !== 'lessons' && what !== 'lesson') throw new UsageError(`error: unknown list "${what}": use "netpol-dojo list lessons", "list scenarios" or "list exams"`);
  const course = loadCourse(defaultLessonsDir(), values.pack ?? []);
  for (const e of course.errors) io.stderr(`error: ${e}\n`);
  if (output === 'json') {
    io.stdout(`${JSON.stringify(course.lessons.map((l) => ({ id: l.id, title: l.title, minutes: l.minutes, tags: l.tags, file: l.file })), null, 2)}\n`);
  } else {
    const idW = course.lessons.reduce((w, l) => Math.max(w, l.id.length), 2);
    const numW = String(course.lessons.length).length + 1;
    const lines = [`${'#'.padEnd(numW)}  ${'ID'.padEnd(idW)}  MIN  TITLE`];
    course.lessons.forEach((l, i) => lines.push(`${String(i + 1).padEnd(numW)}  ${l.id.padEnd(idW)}  ${String(l.minutes).padStart(3)}  ${l.title}`));
    const total = course.lessons.reduce((s, l) => s + l.minutes, 0);
    lines.push('', `${course.lessons.length} lessons, about ${total} minutes. Start one with: netpol-dojo lesson ID`);
    io.stdout(`${lines.join('\n')}\n`);
  }
  return course.errors.length ? 1 : 0;
}
