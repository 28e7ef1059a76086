// Starts the mock exam TUI: `exam [--set NAME] [--minutes N] [--tasks N] [--seed S] [--student NAME]
// [--out FILE] [--resume | --new] [--pack DIR]...`.
import React from 'react';
import { parseArgs } from 'node:util';
import { ExamApp } from './exam-app.tsx';
import type { ExamDeps } from './exam-deps.ts';
import { fullScreen, type TerminalControl, type TuiHost } from './run-tui.tsx';

export const EXAM_HELP = `Usage: netpol-dojo exam [--set NAME] [--minutes N] [--tasks N] [--seed S] [--student NAME] [--out FILE]
                        [--resume | --new] [--kubectl auto|real|builtin] [--pack DIR]...

A mock exam like the CKS: 120 minutes, about 16 tasks drawn from the scenarios (topics spread, points
adding up to 100; the same --seed gives the same exam), or a curated set (--set; netpol-dojo list exams).
67 % passes. Every task has its own cluster behind a kubectl context: each task starts with
"kubectl config use-context k8s-tN", and work done in the wrong context lands in the wrong cluster. There
is no feedback until the end (E), or until the time is up; then a report with every task's points, time,
failed checks, your policies beside the reference, and explanations. Everything is saved as it happens:
after a closed terminal, \`netpol-dojo exam --resume\` continues with the same time left (the clock runs
only while the exam screen runs). Results go to the data directory (and --out FILE).
The exam terminal (t) uses your own kubectl when one is on PATH, through a loopback API server of the
simulator (the screen names its version); --kubectl builtin (or NETPOL_DOJO_KUBECTL=builtin) picks the
built-in one, --kubectl real insists on yours.
`;

export interface ExamStart {
  readonly resume: boolean;
  readonly fresh: boolean;
  readonly set?: string;
  readonly minutes?: number;
  readonly tasks?: number;
  readonly seed?: number;
  readonly student?: string;
  readonly out?: string;
  readonly packs: readonly string[];
  /** auto, real or builtin: the kubectl of the exam terminal (default: NETPOL_DOJO_KUBECTL, else auto). */
  readonly kubectl?: string;
}

export interface ExamTuiHost extends Pick<TuiHost, 'stdin' | 'stdout' | 'stderr'> {
  /** Prepares (or resumes) the exam; an error is a message for stderr (exit 2). */
  readonly prepare: (start: ExamStart, terminal: TerminalControl) => { ok: true; deps: ExamDeps } | { ok: false; error: string };
}

function int(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new Error(`invalid --${name} "${v}": a whole number from ${min} to ${max}`);
  return n;
}

export async function runExamTui(argv: readonly string[], host: ExamTuiHost): Promise<number> {
  let start: ExamStart;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        set: { type: 'string' }, minutes: { type: 'string' }, tasks: { type: 'string' }, seed: { type: 'string' },
        student: { type: 'string' }, out: { type: 'string' }, resume: { type: 'boolean' }, new: { type: 'boolean' },
        pack: { type: 'string', multiple: true }, kubectl: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) { host.stdout.write(EXAM_HELP); return 0; }
    if (positionals.length) throw new Error(`unexpected argument: ${positionals[0]}`);
    if (values.resume && values.new) throw new Error('--resume and --new cannot be used together');
    if (values.kubectl !== undefined && !['auto', 'real', 'builtin'].includes(values.kubectl)) throw new Error(`invalid --kubectl "${values.kubectl}": auto, real or builtin`);
    start = {
      resume: values.resume ?? false, fresh: values.new ?? false, set: values.set, student: values.student, out: values.out, packs: values.pack ?? [],
      ...(values.kubectl !== undefined ? { kubectl: values.kubectl } : {}),
      minutes: int(values.minutes, 'minutes', 1, 600), tasks: int(values.tasks, 'tasks', 1, 100), seed: int(values.seed, 'seed', 0, 2 ** 31),
    };
  } catch (e) {
    host.stderr.write(`error: ${(e as Error).message}\nSee 'netpol-dojo exam --help' for usage.\n`);
    return 2;
  }
  if (!host.stdin.isTTY || !host.stdout.isTTY) {
    host.stderr.write('error: the mock exam needs an interactive terminal (stdin and stdout must be a TTY)\n');
    return 2;
  }
  const screen = fullScreen(host);
  const prepared = host.prepare(start, screen.terminal);
  if (!prepared.ok) { host.stderr.write(`${prepared.error}\n`); return 2; }
  await screen.run(<ExamApp deps={prepared.deps} />);
  return 0;
}
