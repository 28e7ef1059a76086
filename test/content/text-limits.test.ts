// Lesson and scenario text is bounded by the schema: a 20 MB lesson body used to pass lint and then crash the
// TUI. The message names the field and the limit, not the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLessonSource } from '../../src/content/lesson-parse.ts';
import { parseScenarioSource } from '../../src/content/scenario-parse.ts';
import { MAX_MANIFEST_TEXT, MAX_PROSE, MAX_TITLE } from '../../src/content/lesson-schema.ts';
import { runCli, tempFiles } from '../cli/run-cli.ts';

const lessonFile = fileURLToPath(new URL('../fixtures/pack/lessons/01-pack-hello.yaml', import.meta.url));
const lesson = readFileSync(lessonFile, 'utf8');
const scenario = readFileSync(fileURLToPath(new URL('../../scenarios/seed-deny-all.yaml', import.meta.url)), 'utf8');

/** The lesson with its first text step's body replaced (a plain scalar on one line). */
const withBody = (body: string) => lesson.replace('body: Pods in `lab` talk freely until a policy selects them.', `body: ${body}`);

test('text fields have a maximum length; the message does not echo the text', () => {
  assert.ok(parseLessonSource(withBody('x'.repeat(MAX_PROSE)), 'l.yaml').ok);
  const r = parseLessonSource(withBody('x'.repeat(MAX_PROSE + 1)), 'l.yaml');
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.errors.map((e) => `${e.line}: ${e.path}: ${e.message}`), [
    `23: steps[0].body: is too long: at most ${MAX_PROSE} characters for text (got a string of ${MAX_PROSE + 1} characters)`,
  ]);
  const title = parseLessonSource(lesson.replace('title: A lesson from a content pack', `title: ${'t'.repeat(MAX_TITLE + 1)}`), 'l.yaml');
  assert.match(!title.ok ? title.errors[0].message : '', /^is too long: at most 200 characters for a title/);
  const setup = parseLessonSource(lesson.replace('setup: |\n', `setup: |\n  # ${'#'.repeat(MAX_MANIFEST_TEXT)}\n`), 'l.yaml');
  assert.match(!setup.ok ? `${setup.errors[0].path}: ${setup.errors[0].message}` : '', /^setup: is too long: at most 100000 characters for embedded manifests or files/);
});

test('scenario text too', () => {
  const r = parseScenarioSource(scenario.replace(/^task: \|\n/m, `task: |\n  ${'y'.repeat(MAX_PROSE + 1)}\n`), 's.yaml');
  assert.equal(r.ok, false);
  assert.match(!r.ok ? `${r.errors[0].path}: ${r.errors[0].message}` : '', /^task: is too long: at most 20000 characters for text/);
});

test('lint refuses a lesson with a 200 KB body, and a 20 MB lesson file', async () => {
  const f = tempFiles({ 'long.yaml': withBody('lorem ipsum '.repeat(17_000)), 'huge.yaml': withBody('lorem ipsum '.repeat(1_700_000)) });
  const r = await runCli(['lint', f['long.yaml']]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, `${f['long.yaml']}:23:11: steps[0].body: is too long: at most 20000 characters for text (got a string of 203999 characters)\n`
    + 'lint: checked 1 lesson: 1 error, 0 warnings\n');
  const huge = await runCli(['lint', f['huge.yaml']]);
  assert.equal(huge.code, 1);
  assert.match(huge.stdout, /huge\.yaml:1:1: file too large \(more than 8 MiB\)/);
});
