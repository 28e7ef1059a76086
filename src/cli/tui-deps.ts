// Wiring of the TUI's effects for the real terminal: clock, conf-backed progress, the learner's editor,
// workspace files under the user's data dir, and the course on disk. Loaded only with the TUI.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ExerciseStep, Lesson } from '../content/lesson-types.ts';
import { confStore } from '../progress/conf-store.ts';
import { dataDir, packageRoot } from './paths.ts';

export { dataDir };
import type { CourseLoad, EditorResult, LessonRunner, TuiDeps, Workspace } from '../ui/deps.ts';
import type { TerminalControl, TuiHost } from '../ui/run-tui.tsx';

type Env = Readonly<Record<string, string | undefined>>;

const errText = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);

/** The lesson files of a lessons directory with their content hashes: decides whether dist/course.json is current. */
export function courseFingerprint(lessonsDir: string): { name: string; sha1: string }[] {
  return readdirSync(lessonsDir).filter((n) => /\.ya?ml$/i.test(n)).sort().map((name) => ({
    name,
    sha1: createHash('sha1').update(readFileSync(join(lessonsDir, name))).digest('hex'),
  }));
}

/** The course precompiled by `npm run build`, if the lesson files are still the ones it was compiled from. */
export function precompiledCourse(root: string): CourseLoad | undefined {
  try {
    const data = JSON.parse(readFileSync(join(root, 'dist', 'course.json'), 'utf8')) as { format?: number; files?: { name: string; sha1: string }[]; lessons?: Lesson[] };
    if (data.format !== 1 || !Array.isArray(data.files) || !Array.isArray(data.lessons)) return undefined;
    const now = courseFingerprint(join(root, 'lessons'));
    if (now.length !== data.files.length || now.some((f, i) => f.name !== data.files![i].name || f.sha1 !== data.files![i].sha1)) return undefined;
    return { lessons: data.lessons, errors: [] };
  } catch {
    return undefined;
  }
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');

/** Exercise files at <dir>/<lesson>/<exercise>.yaml, created from the starter text the first time. */
export function fileWorkspace(dir: string): Workspace {
  const pathFor = (lessonId: string, exercise: ExerciseStep) => join(dir, safeName(lessonId), `${safeName(exercise.id)}.yaml`);
  return {
    pathFor,
    prepare(lessonId: string, exercise: ExerciseStep) {
      const file = pathFor(lessonId, exercise);
      try {
        if (!existsSync(file)) {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, exercise.starter.endsWith('\n') || exercise.starter === '' ? exercise.starter : `${exercise.starter}\n`);
        }
        return { ok: true, file };
      } catch (e) {
        return { ok: false, error: `cannot create the workspace file ${file}: ${errText(e)}` };
      }
    },
    read(file: string) {
      try {
        return { ok: true, text: readFileSync(file, 'utf8') };
      } catch (e) {
        return { ok: false, error: `cannot read ${file}: ${errText(e)}` };
      }
    },
  };
}

/** The editor command: $EDITOR, then $VISUAL, then vi (convention 5). */
export function editorCommand(env: Env): string {
  return env.EDITOR?.trim() || env.VISUAL?.trim() || 'vi';
}

/**
 * Runs the editor on `file` through the shell (so EDITOR may carry arguments, like "code --wait"), with the
 * terminal handed over by `terminal.release`. Resolves when the editor exits; never rejects.
 */
export function spawnEditor(env: Env, terminal: TerminalControl): (file: string) => Promise<EditorResult> {
  return (file) => terminal.release(() => new Promise<EditorResult>((done) => {
    const editor = editorCommand(env);
    const child = spawn('/bin/sh', ['-c', `${editor} "$1"`, 'netpol-dojo-editor', file], { stdio: 'inherit', env: process.env });
    child.on('error', (e) => done({ ok: false, error: `could not start the editor "${editor}": ${errText(e)}` }));
    child.on('exit', (code, signal) => {
      if (signal) done({ ok: false, error: `the editor "${editor}" was stopped by ${signal}` });
      else if (code === 127) done({ ok: false, error: `editor "${editor}" not found: set $EDITOR (e.g. export EDITOR=vim)` });
      else if (code !== 0) done({ ok: false, error: `the editor "${editor}" exited with code ${code}; your file was not graded` });
      else done({ ok: true });
    });
  }));
}

/** Colours unless NO_COLOR is set or the terminal is dumb. */
export function colorOn(env: Env): boolean {
  return env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

let runner: Promise<LessonRunner> | undefined;
/** The lesson engine (kubectl, grader, engine, zod) is a separate chunk, loaded after the first frame. */
function loadRunner(): Promise<LessonRunner> {
  runner ??= import('../ui/lesson-runner.ts').then((m) => m.lessonRunner);
  return runner;
}

export function tuiHost(env: Env): TuiHost {
  const now = () => new Date().toISOString();
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    async launch(_screen, packs) {
      const [{ runDrillTui }, { drillTuiHost }] = await Promise.all([import('../ui/run-drill.tsx'), import('./drill-tui-host.ts')]);
      return runDrillTui(packs.flatMap((p) => ['--pack', p]), drillTuiHost(env));
    },
    async loadCourse(packs): Promise<CourseLoad> {
      const root = packageRoot() ?? process.cwd();
      // Packs need the full loader (ids are checked across the built-in course and every pack).
      const pre = packs.length === 0 ? precompiledCourse(root) : undefined;
      if (pre) return pre;
      const { loadCourse } = await import('../content/load.ts');
      return loadCourse(join(root, 'lessons'), packs.map((p) => resolve(p)));
    },
    deps(terminal, packs): TuiDeps {
      const bench = env.NETPOL_DOJO_BENCH_FIRST_FRAME !== undefined;
      return {
        now,
        store: confStore({ dir: env.NETPOL_DOJO_CONFIG_DIR || undefined, profile: env.NETPOL_DOJO_PROFILE || undefined, now }),
        loadRunner,
        loadScenarioIndex: async () => {
          const { loadScenarioCatalogue } = await import('./list.ts');
          return loadScenarioCatalogue(packs.map((p: string) => resolve(p))).scenarios.map((x) => ({ id: x.id, title: x.title, tags: x.tags, difficulty: x.difficulty }));
        },
        workspace: fileWorkspace(join(dataDir(env), 'workspace')),
        editFile: spawnEditor(env, terminal),
        color: colorOn(env),
        ...(bench ? { onReady: () => benchReady() } : {}),
      };
    },
  };
}

/** Start-up benchmark: report the first frame's time and memory, then leave (scripts/bench-startup.ts). */
function benchReady(): void {
  const ms = performance.now();
  const rssMB = process.memoryUsage().rss / 1024 / 1024;
  process.stdout.write(`\n@@first-frame ms=${ms.toFixed(1)} rss=${rssMB.toFixed(1)}@@\n`);
  process.exit(0);
}

