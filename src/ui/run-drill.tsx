// Starts the drill TUI: parses `drill [ID] [--seed S] [--pack DIR]... [--exam]`, loads the scenarios and
// progress, renders, and resolves with the exit code when the learner quits.
import React from 'react';
import { parseArgs } from 'node:util';
import { didYouMean } from '../content/suggest.ts';
import { DrillApp } from './drill-app.tsx';
import type { DrillDeps } from './drill-deps.ts';
import { fullScreen, type TerminalControl, type TuiHost } from './run-tui.tsx';

export const DRILL_HELP = `Usage: netpol-dojo drill [ID] [--seed S] [--exam] [--kubectl auto|real|builtin] [--pack DIR]...

Timed exam-style tasks, each on its own simulated cluster. Without ID, a picker (by topic and
difficulty, with your best score and time). In a drill: t opens your shell in the drill's workspace
with kubectl (and k) driving the drill's cluster and \`task\` printing the task; ? shows a hint (it
costs ${10} points); g shows the reachability grid at the start and now; r puts the starting cluster back;
s submits. Checks update live, also while you work in a second terminal: eval "$(netpol-dojo env)".
--exam hides the checks until you submit. An unfinished drill is resumed; Enter on the results or
r in the picker starts over. The terminal uses your own kubectl when one is on PATH, through a loopback
API server of the simulator (the screen names its version); --kubectl builtin (or NETPOL_DOJO_KUBECTL=builtin)
picks the built-in one.
`;

export interface DrillTuiHost extends Pick<TuiHost, 'stdin' | 'stdout' | 'stderr'> {
  readonly deps: (terminal: TerminalControl, packs: readonly string[], exam: boolean, kubectl?: string) => DrillDeps & { readonly loadErrors: readonly string[] };
}

export async function runDrillTui(argv: readonly string[], host: DrillTuiHost): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { pack: { type: 'string', multiple: true }, seed: { type: 'string' }, exam: { type: 'boolean' }, kubectl: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    host.stderr.write(`error: ${(e as Error).message}\nSee 'netpol-dojo drill --help' for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) { host.stdout.write(DRILL_HELP); return 0; }
  if (positionals.length > 1) { host.stderr.write(`error: unexpected argument: ${positionals[1]}\nSee 'netpol-dojo drill --help' for usage.\n`); return 2; }
  if (values.kubectl !== undefined && !['auto', 'real', 'builtin'].includes(values.kubectl)) { host.stderr.write(`error: invalid --kubectl "${values.kubectl}": auto, real or builtin\nSee 'netpol-dojo drill --help' for usage.\n`); return 2; }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 31)) { host.stderr.write(`error: invalid --seed "${values.seed}": a whole number from 0 to 2147483648\n`); return 2; }
  if (!host.stdin.isTTY || !host.stdout.isTTY) {
    host.stderr.write('error: drills need an interactive terminal (stdin and stdout must be a TTY)\nWithout one, grade answers with `netpol-dojo grade ID --answers FILE`.\n');
    return 2;
  }
  const screen = fullScreen(host);
  const deps = host.deps(screen.terminal, values.pack ?? [], values.exam ?? false, values.kubectl);
  const id = positionals[0];
  if (id !== undefined && !deps.scenarios.some((s) => s.id === id)) {
    const hint = didYouMean(id, deps.scenarios.map((s) => s.id));
    host.stderr.write(`error: no scenario with id "${id}"${hint ? `\n\nDid you mean this?\n\t${hint}` : ''}\nRun 'netpol-dojo list scenarios' for the drills.\n`);
    return 2;
  }
  const loaded = deps.store.load();
  const notices = [
    ...(loaded.notice ? [loaded.notice] : []),
    ...(deps.loadErrors.length ? [`${deps.loadErrors.length} problem(s) in the scenario files; run \`netpol-dojo lint\` for details. ${deps.loadErrors[0]}`] : []),
  ];
  await screen.run(<DrillApp deps={deps} progress={loaded.progress} notices={notices} openId={id} seed={seed} />);
  return 0;
}
