// `netpol-dojo env` (shell exports that join the running drill from a second terminal) and
// `netpol-dojo task [--left]` (the running drill's task and time left; the drill shell's `task`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clock, timeLeftMs } from '../practice/drill.ts';
import { readSession, runningDrill } from './drill-host.ts';
import type { CliIO } from './io.ts';

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

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
    `cd ${shQuote(join(dir, 'workspace'))}`,
    `# netpol-dojo: drill ${session.scenarioId}${session.seed !== undefined ? ` (seed ${session.seed})` : ''}, ${clock(timeLeftMs(session, now))} left; run \`task\` for the task`,
    '',
  ].join('\n'));
  return 0;
}

export function runTask(argv: string[], io: CliIO): number {
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
