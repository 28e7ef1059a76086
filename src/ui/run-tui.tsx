// Starts the Ink app: parses `[lesson [ID]] [--pack DIR]...`, loads the course and progress, renders, and
// resolves with the exit code when the learner quits (the one exit path: the keymap's quit → useApp().exit()).
import React from 'react';
import { render, type Instance } from 'ink';
import { parseArgs } from 'node:util';
import { didYouMean } from '../content/suggest.ts';
import { App } from './app.tsx';
import type { CourseLoad, EditorResult, TuiDeps } from './deps.ts';

export const LESSON_HELP = `Usage: netpol-dojo lesson [ID] [--pack DIR]...

Opens the tutor: the course list, or the lesson ID straight away (resuming where you left off).
Keys are shown at the bottom of the screen. Exercises open your $EDITOR (then $VISUAL, then vi).
`;

/** What the TUI needs from its caller; src/cli/tui-deps.ts builds it for the real terminal. */
export interface TuiHost {
  /** Builds the dependencies; `terminal` releases and restores the screen around the editor. */
  readonly deps: (terminal: TerminalControl, packs: readonly string[]) => TuiDeps;
  readonly loadCourse: (packs: readonly string[]) => Promise<CourseLoad>;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
  /** Starts another screen after the tutor exits (the drills, with the same packs); resolves with its exit code. */
  readonly launch?: (screen: 'drill', packs: readonly string[]) => Promise<number>;
}

export interface TerminalControl {
  /** Hands the terminal to a child process and takes it back when `run` settles. */
  release(run: () => Promise<EditorResult>): Promise<EditorResult>;
}

/** Hands the terminal to a child (editor, shell) and takes it back, around the running Ink instance. */
export function terminalControl(host: Pick<TuiHost, 'stdin' | 'stdout'>, instance: () => Instance | undefined): TerminalControl {
  return {
    async release(run) {
      const { stdin, stdout } = host;
      instance()?.clear();
      if (stdin.isTTY) stdin.setRawMode(false);
      // Stop reading the terminal while the child owns it: a shell with job control makes this process a
      // background group, and a read from the terminal would then fail with EIO. Reading resumes when Ink
      // listens again (net.Socket restarts a stopped handle on the next read).
      const handle = (stdin as unknown as { _handle?: { reading?: boolean; readStop?: () => number; readStart?: () => number } })._handle;
      const stopped = !!handle?.readStop && !!handle.reading;
      if (stopped) { handle!.reading = false; handle!.readStop!(); }
      const ignoreEio = (e: NodeJS.ErrnoException) => { if (e.code !== 'EIO') throw e; };
      stdin.on('error', ignoreEio);
      stdout.write('\x1b[?25h'); // show the cursor for the child
      try {
        return await run();
      } finally {
        // The stream still counts a read as pending, so it would never ask again: restart the handle here.
        if (stopped && handle && !handle.reading && handle.readStart) { handle.reading = true; handle.readStart(); }
        stdin.off('error', ignoreEio);
        stdout.write('\x1b[?25l\x1b[2J\x1b[H'); // fresh screen: Ink redraws everything on the next frame
      }
    },
  };
}

/** An Ink app on the whole terminal: its terminal control (for editors and shells) and a run until it exits. */
export function fullScreen(host: Pick<TuiHost, 'stdin' | 'stdout' | 'stderr'>): { terminal: TerminalControl; run: (element: React.ReactElement) => Promise<void> } {
  let instance: Instance | undefined;
  return {
    terminal: terminalControl(host, () => instance),
    async run(element) {
      // On resize the terminal reflows old rows; start from a clean screen and let Ink draw the whole frame
      // (registered before Ink's own listener, which re-renders right after).
      const onResize = () => { host.stdout.write('\x1b[2J\x1b[H'); instance?.clear(); };
      host.stdout.on('resize', onResize);
      instance = render(element, { stdout: host.stdout, stdin: host.stdin, stderr: host.stderr, exitOnCtrlC: false, patchConsole: false });
      try {
        await instance.waitUntilExit();
      } finally {
        host.stdout.off('resize', onResize);
      }
    },
  };
}

export async function runTui(argv: readonly string[], host: TuiHost): Promise<number> {
  const [cmd, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: cmd === 'lesson' || cmd === 'home' ? rest : [...argv],
      options: { pack: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const m = /'(-{1,2}[^' ]+)/.exec((e as Error).message);
    const what = (e as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? 'flag needs an argument' : 'unknown flag';
    host.stderr.write(`error: ${m ? `${what}: ${m[1]}` : (e as Error).message}\nSee 'netpol-dojo lesson --help' for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) { host.stdout.write(LESSON_HELP); return 0; }
  if (positionals.length > 1 || (cmd !== 'lesson' && positionals.length > 0)) {
    host.stderr.write(`error: unexpected argument: ${positionals[cmd === 'lesson' ? 1 : 0]}\nSee 'netpol-dojo lesson --help' for usage.\n`);
    return 2;
  }
  if (!host.stdin.isTTY || !host.stdout.isTTY) {
    host.stderr.write('error: the tutor needs an interactive terminal (stdin and stdout must be a TTY)\nWithout one, see `netpol-dojo list lessons` and `netpol-dojo progress show`.\n');
    return 2;
  }
  const packs = values.pack ?? [];
  const course = await host.loadCourse(packs);
  const lessonId = positionals[0];
  if (lessonId !== undefined && !course.lessons.some((l) => l.id === lessonId)) {
    const hint = didYouMean(lessonId, course.lessons.map((l) => l.id));
    host.stderr.write(`error: no lesson with id "${lessonId}"${hint ? `\n\nDid you mean this?\n\t${hint}` : ''}\nRun 'netpol-dojo list lessons' for the course.\n`);
    return 2;
  }
  const screen = fullScreen(host);
  const terminal = screen.terminal;
  let launch: 'drill' | undefined;
  const deps = { ...host.deps(terminal, packs), onLaunch: (which: 'drill') => { launch = which; } };
  const loaded = deps.store.load();
  const notices = [
    ...(loaded.notice ? [loaded.notice] : []),
    ...(course.errors.length ? [`${course.errors.length} problem(s) in the course files; run \`netpol-dojo lint\` for details. ${course.errors[0]}`] : []),
  ];
  await screen.run(<App deps={deps} lessons={course.lessons} progress={loaded.progress} notices={notices} openLesson={lessonId} />);
  if (launch && host.launch) return host.launch(launch, packs);
  return 0;
}
