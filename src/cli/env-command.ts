// `netpol-dojo env` (shell exports that join the running drill from a second terminal) and
// `netpol-dojo task [--left]` (the running drill's task and time left; the drill shell's `task`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clock, timeLeftMs } from '../practice/drill.ts';
import { leftMs } from '../practice/exam.ts';
import { readExamSession, readSession, runningDrill } from './session-files.ts';
import type { CliIO } from './io.ts';
import { kubeconfigFile, REAL_SHIM_MARK } from './real-kubectl.ts';

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The kubeconfig of the drill's real kubectl (netpol-dojo serve), when its shims use one. */
function realKubeconfig(dir: string): string | undefined {
  try {
    if (!readFileSync(join(dir, 'bin', 'kubectl'), 'utf8').includes(REAL_SHIM_MARK)) return undefined;
  } catch {
    return undefined;
  }
  return kubeconfigFile(dir);
}

const NO_DRILL = 'error: no drill is running; start one with `netpol-dojo drill`\n';

export function runEnv(argv: string[], io: CliIO): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout('Usage: eval "$(netpol-dojo env)"\n\nPoints this shell at the running drill: kubectl and k drive its cluster, `task` prints the task.\n');
    return 0;
  }
  const dir = runningDrill({ ...io.env, NETPOL_DOJO_DRILL: undefined });
  const session = dir ? readSession(dir) : undefined;
  if (!dir || !session) { io.stderr(NO_DRILL); return 1; }
  const now = new Date().toISOString();
  io.stdout([
    `export NETPOL_DOJO_STATE=${shQuote(dir)}`,
    `export NETPOL_DOJO_DRILL=${shQuote(dir)}`,
    `export PATH=${shQuote(join(dir, 'bin'))}:"$PATH"`,
    'alias k=kubectl',
    ...(realKubeconfig(dir) ? [`export KUBECONFIG=${shQuote(realKubeconfig(dir)!)}`] : []),
    `cd ${shQuote(join(dir, 'workspace'))}`,
    `# netpol-dojo: drill ${session.scenarioId}${session.seed !== undefined ? ` (seed ${session.seed})` : ''}, ${clock(timeLeftMs(session, now))} left; run \`task\` for the task`,
    '',
  ].join('\n'));
  return 0;
}

/** `task` in the exam shell: the task open on the exam screen (or task N), and the exam's time left. */
function examTask(argv: string[], io: CliIO, dir: string): number {
  const session = readExamSession(dir);
  if (!session) { io.stderr('error: no exam is running\n'); return 1; }
  const left = leftMs(session);
  const leftText = session.finished ? 'finished' : left > 0 ? `${clock(left)} left` : 'time is up';
  if (argv.includes('--left')) { io.stdout(`${leftText}\n`); return 0; }
  const n = argv.find((a) => /^\d+$/.test(a));
  const i = n === undefined ? session.current : Number(n) - 1;
  const t = session.plan.tasks[i];
  if (!t) { io.stderr(`error: the exam has tasks 1 to ${session.plan.tasks.length}\n`); return 1; }
  let text = '';
  try { text = readFileSync(join(dir, 'workspace', t.context, 'TASK.md'), 'utf8'); } catch { text = `# Task ${i + 1}: ${t.scenario}\n`; }
  io.stdout(`${text.trimEnd()}\n\n[task ${i + 1} of ${session.plan.tasks.length}: ${leftText}; \`task N\` shows task N]\n`);
  return 0;
}

export function runTask(argv: string[], io: CliIO): number {
  if (io.env.NETPOL_DOJO_EXAM) return examTask(argv, io, io.env.NETPOL_DOJO_EXAM);
  const dir = runningDrill(io.env);
  const session = dir ? readSession(dir) : undefined;
  if (!dir || !session) { io.stderr(NO_DRILL); return 1; }
  const left = timeLeftMs(session, new Date().toISOString());
  const leftText = session.finished ? 'finished' : left > 0 ? `${clock(left)} left` : 'time is up';
  if (argv.includes('--left')) { io.stdout(`${leftText}\n`); return 0; }
  let task = '';
  try { task = readFileSync(join(dir, 'workspace', 'TASK.md'), 'utf8'); } catch { task = `# ${session.title}\n`; }
  io.stdout(`${task.trimEnd()}\n\n[${session.scenarioId}: ${leftText}]\n`);
  return 0;
}
