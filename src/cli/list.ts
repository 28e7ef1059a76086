// `netpol-dojo list lessons`: the course in order. Also home of the content-root lookup the CLI shares.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCourse } from '../content/load.ts';
import { packageRoot } from './paths.ts';
import { UsageError, type CliIO } from './io.ts';

export const LIST_HELP = `Usage: netpol-dojo list lessons [--pack DIR]... [-o text|json]

Prints the course in order: number, id, estimated minutes and title. Lessons of content packs
(--pack DIR, repeatable: DIR/lessons/index.yaml) come after the built-in ones.
`;

/** The built-in lessons directory: lessons/ in the package root (the folder holding package.json). */
export function defaultLessonsDir(): string {
  const root = packageRoot();
  if (!root) throw new UsageError(`error: cannot find the netpol-dojo package root (no package.json above ${fileURLToPath(import.meta.url)})`);
  return join(root, 'lessons');
}

export function runList(argv: string[], io: CliIO): number {
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
  if (what !== 'lessons' && what !== 'lesson') {
    throw new UsageError(what === 'scenarios'
      ? 'error: this version of netpol-dojo has no scenarios to list; "netpol-dojo list lessons" lists the course'
      : `error: unknown list "${what}": use "netpol-dojo list lessons"`);
  }
  const output = values.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new UsageError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,text`);
  const course = loadCourse(defaultLessonsDir(), values.pack ?? []);
  for (const e of course.errors) io.stderr(`error: ${e}\n`);
  if (output === 'json') {
    io.stdout(`${JSON.stringify(course.lessons.map((l) => ({ id: l.id, title: l.title, minutes: l.minutes, tags: l.tags, file: l.file })), null, 2)}\n`);
  } else {
    const idW = Math.max(2, ...course.lessons.map((l) => l.id.length));
    const numW = String(course.lessons.length).length + 1;
    const lines = [`${'#'.padEnd(numW)}  ${'ID'.padEnd(idW)}  MIN  TITLE`];
    course.lessons.forEach((l, i) => lines.push(`${String(i + 1).padEnd(numW)}  ${l.id.padEnd(idW)}  ${String(l.minutes).padStart(3)}  ${l.title}`));
    const total = course.lessons.reduce((s, l) => s + l.minutes, 0);
    lines.push('', `${course.lessons.length} lessons, about ${total} minutes. Start one with: netpol-dojo lesson ID`);
    io.stdout(`${lines.join('\n')}\n`);
  }
  return course.errors.length ? 1 : 0;
}
