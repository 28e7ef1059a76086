// Command dispatch. Non-interactive commands never import React or Ink: the TUI is loaded lazily.
import { didYouMean } from '../content/suggest.ts';
import { escapeControl } from '../content/control-text.ts';
import { takeFlag, UsageError, useColor, type CliIO } from './io.ts';
import { PROFILE_NAME } from './paths.ts';

export const VERSION = '0.1.0';

export const HELP = `netpol-dojo ${VERSION}: an offline tutor and exam simulator for Kubernetes NetworkPolicies

Usage:
  netpol-dojo                         open the tutor (lessons, sandbox, progress)
  netpol-dojo lesson [ID]             play a lesson (the course when no ID)
  netpol-dojo reach -f FILE...        who can reach whom (matrix, or -o json)
  netpol-dojo explain -f FILE... --from SPEC --to SPEC
                                      whether one connection is allowed, and why
  netpol-dojo kubectl ARGS...         simulated kubectl on a sandbox cluster
  netpol-dojo drill [ID] [--seed S]   timed exam-style tasks on their own simulated cluster
  netpol-dojo exam [--set NAME] [--seed S] [--resume]
                                      a timed mock exam, a cluster per task, a report at the end
  netpol-dojo grade TASK --answers PATH...
                                      grade answers to a scenario or LESSON/EXERCISE by behaviour
  netpol-dojo env                     shell exports for a second terminal on the running drill
  netpol-dojo serve [--port N]        the sandbox as a Kubernetes API for the real kubectl
  netpol-dojo lint [PATH...]          check lessons, scenarios and manifests
  netpol-dojo list lessons|scenarios|exams
                                      the course, the drills, the exam sets
  netpol-dojo progress show|export|reset

Options: --help, --version, --profile NAME (separate progress and drills per learner; or
NETPOL_DOJO_PROFILE); NO_COLOR disables colours.
SPEC is namespace/pod or an IP address outside the cluster.
`;

type Command = (argv: string[], io: CliIO) => number | Promise<number>;

/** Commands by name; the heavy ones are imported on first use. */
const commands: Record<string, Command> = {
  reach: (a, io) => import('./reach.ts').then((m) => m.runReach(a, io)),
  explain: (a, io) => import('./explain.ts').then((m) => m.runExplain(a, io)),
  ...Object.fromEntries(['kubectl', 'k'].map((n): [string, Command] => [n, (a, io) => import('./kubectl-command.ts').then((m) => m.runKubectlCommand(a, io))])),
  progress: (a, io) => import('./progress-command.ts').then((m) => m.runProgress(a, io)),
  lint: (a, io) => import('./lint.ts').then((m) => m.runLint(a, io)),
  list: (a, io) => import('./list.ts').then((m) => m.runList(a, io)),
  grade: (a, io) => import('./grade.ts').then((m) => m.runGrade(a, io)),
  env: (a, io) => import('./env-command.ts').then((m) => m.runEnv(a, io)),
  task: (a, io) => import('./env-command.ts').then((m) => m.runTask(a, io)),
  serve: (a, io) => import('./serve-command.ts').then((m) => m.runServe(a, io)),
};

/** Registers a command implemented elsewhere (kept here so the table stays in one place). */
export function registerCommand(name: string, cmd: Command): void {
  commands[name] = cmd;
}

function parseArgsMessage(e: unknown): string | undefined {
  const err = e as { code?: string; message?: string };
  if (!err?.code?.startsWith('ERR_PARSE_ARGS')) return undefined;
  const m = /'(-{1,2}[^']+)'/.exec(err.message ?? '');
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && m) return `error: unknown flag: ${m[1]}`;
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && m) return `error: flag needs an argument: ${m[1]}`;
  if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `error: unexpected argument: ${(err.message ?? '').split("'")[1] ?? ''}`;
  return `error: ${err.message}`;
}

/**
 * The streams every command writes to: control characters that came from input or content (names, file
 * text, pack titles) are shown as "\x1b"-style text; only netpol-dojo's own colour codes pass, when on.
 */
export function safeIO(io: CliIO): CliIO {
  const ownColours = useColor(io);
  return {
    ...io,
    stdout: (t) => io.stdout(escapeControl(t, { ownColours })),
    stderr: (t) => io.stderr(escapeControl(t, { ownColours })),
  };
}

/** Takes --profile NAME (anywhere before a "--") out of the arguments; NETPOL_DOJO_PROFILE is the default. */
function splitProfile(argv: readonly string[], env: CliIO['env']): { argv: string[]; profile?: string } {
  const r = takeFlag(argv, 'profile');
  const profile = r.value ?? (env.NETPOL_DOJO_PROFILE || undefined);
  if (profile !== undefined && !PROFILE_NAME.test(profile)) {
    throw new UsageError(`error: invalid profile name "${profile.slice(0, 60)}": use letters, digits, "-" and "_" (at most 40)`);
  }
  return { argv: r.rest, profile };
}

export async function main(argv0: string[], rawIO: CliIO, tui?: (argv: string[], env?: CliIO['env']) => Promise<number>): Promise<number> {
  let io = safeIO(rawIO);
  let argv: string[];
  try {
    const p = splitProfile(argv0, io.env);
    argv = p.argv;
    if (p.profile) io = { ...io, env: { ...io.env, NETPOL_DOJO_PROFILE: p.profile } };
  } catch (e) {
    if (e instanceof UsageError) { io.stderr(`${e.message}\n`); return 2; }
    throw e;
  }
  const [cmd, ...rest] = argv;
  try {
    if (cmd === undefined || cmd === 'lesson' || cmd === 'drill' || cmd === 'exam' || cmd === 'home' || cmd === '--pack' || cmd.startsWith('--pack=')) {
      if (!tui) throw new UsageError('error: the interactive tutor needs a terminal');
      return await tui(argv, io.env);
    }
    if (cmd === '--help' || cmd === '-h' || cmd === 'help') { io.stdout(HELP); return 0; }
    if (cmd === '--version' || cmd === '-v' || cmd === 'version') { io.stdout(`netpol-dojo ${VERSION}\n`); return 0; }
    const run = commands[cmd];
    if (!run) {
      const hint = didYouMean(cmd, [...Object.keys(commands), 'lesson', 'drill', 'exam', 'help']);
      throw new UsageError(`error: unknown command "${cmd}" for "netpol-dojo"${hint ? `\n\nDid you mean this?\n\t${hint}` : ''}\nRun 'netpol-dojo --help' for usage.`);
    }
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) { io.stderr(`${e.message}\n`); return 2; }
    const msg = parseArgsMessage(e);
    if (msg) {
      io.stderr(`${msg}\nSee 'netpol-dojo ${cmd} --help' for usage.\n`);
      return 2;
    }
    const err = e as Error;
    io.stderr(`netpol-dojo: internal error: ${err?.message ?? String(e)}\n${io.env.NETPOL_DOJO_DEBUG ? `${err?.stack ?? ''}\n` : 'Set NETPOL_DOJO_DEBUG=1 for details.\n'}`);
    return 70;
  }
}
