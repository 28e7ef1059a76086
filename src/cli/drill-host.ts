// The drill's effects on the real machine. Each drill lives in a folder of the data directory:
//   drills/<id>[@seed]/cluster.json    the drill's cluster (the simulated kubectl's state file)
//   drills/<id>[@seed]/drill.json      the session (scenario, seed, start time, hints, end)
//   drills/<id>[@seed]/workspace/      skeleton files and answer files: the learner's working directory
//   drills/<id>[@seed]/bin/            kubectl, k and task for the learner's shell
// and current-drill.json points at the running one, for `netpol-dojo env` in a second terminal.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, unwatchFile, watch, watchFile, writeFileSync, renameSync, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Scenario } from '../content/scenario-types.ts';
import { scenarioForSeed } from '../content/scenarios.ts';
import type { LoadedText } from '../content/load.ts';
import { compileCluster } from '../engine/index.ts';
import type { Sandbox } from '../kubectl/index.ts';
import { sandboxCluster } from '../kubectl/index.ts';
import { parseSession, startSession, timeLeftMs, type DrillMode, type DrillSession } from '../practice/drill.ts';
import { matrixGrid } from '../practice/lesson-run.ts';
import { gradeCluster, matchingWrongAnswers, prepareScenario } from '../practice/task-run.ts';
import type { ProgressStore } from '../progress/store.ts';
import type { DrillDeps, DrillHandle } from '../ui/drill-deps.ts';
import type { EditorResult } from '../ui/deps.ts';
import type { TerminalControl } from '../ui/run-tui.tsx';
import { loadSandbox, saveSandbox } from './kubectl-command.ts';
import { dataDir, packageRoot } from './paths.ts';

type Env = Readonly<Record<string, string | undefined>>;

const errText = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);

export function drillsRoot(env: Env): string {
  return join(dataDir(env), 'drills');
}

export function currentPointer(env: Env): string {
  return join(dataDir(env), 'current-drill.json');
}

export function drillFolder(env: Env, id: string, seed: number | undefined): string {
  return join(drillsRoot(env), seed === undefined ? id : `${id}@${seed}`);
}

function writeAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export function readSession(dir: string): DrillSession | undefined {
  try { return parseSession(JSON.parse(readFileSync(join(dir, 'drill.json'), 'utf8'))); } catch { return undefined; }
}

/** The folder of the running drill: $NETPOL_DOJO_DRILL, else the current-drill pointer. */
export function runningDrill(env: Env): string | undefined {
  if (env.NETPOL_DOJO_DRILL) return env.NETPOL_DOJO_DRILL;
  try {
    const p = JSON.parse(readFileSync(currentPointer(env), 'utf8')) as { dir?: unknown };
    return typeof p.dir === 'string' ? p.dir : undefined;
  } catch {
    return undefined;
  }
}

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The command that runs this netpol-dojo: node and the entry script (works from a clone and when installed). */
function selfCommand(): string {
  const root = packageRoot() ?? process.cwd();
  return `${shQuote(process.execPath)} ${shQuote(join(root, 'bin', 'netpol-dojo.js'))}`;
}

/** kubectl, k and task for the learner's shell: each drives this drill's cluster. */
export function writeShims(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const self = selfCommand();
  const kubectl = `#!/bin/sh\n# netpol-dojo: kubectl on the drill's simulated cluster\nexec ${self} kubectl --state ${shQuote(dir)} "$@"\n`;
  const task = `#!/bin/sh\n# netpol-dojo: the drill's task and the time left\nNETPOL_DOJO_DRILL=${shQuote(dir)} exec ${self} task "$@"\n`;
  for (const [name, text] of [['kubectl', kubectl], ['k', kubectl], ['task', task]] as const) {
    writeFileSync(join(bin, name), text);
    chmodSync(join(bin, name), 0o755);
  }
  // Start-up files that keep the learner's own shell settings and add the drill's prompt.
  const prompt = `[drill $(task --left 2>/dev/null)]`;
  writeFileSync(join(dir, 'bashrc'), `[ -f ~/.bashrc ] && . ~/.bashrc\nexport PATH=${shQuote(bin)}:"$PATH"\nalias k=kubectl\nPS1='${prompt} \\w \\$ '\n`);
  mkdirSync(join(dir, 'zsh'), { recursive: true });
  writeFileSync(join(dir, 'zsh', '.zshrc'), `[ -f ~/.zshrc ] && ZDOTDIR=~ . ~/.zshrc\nexport PATH=${shQuote(bin)}:"$PATH"\nalias k=kubectl\nsetopt PROMPT_SUBST\nPROMPT='${prompt} %~ %# '\n`);
  writeFileSync(join(dir, 'shrc'), `export PATH=${shQuote(bin)}:"$PATH"\nalias k=kubectl\nPS1='${prompt} $ '\n`);
  return bin;
}

/** The environment of a shell working on the drill (also what `netpol-dojo env` prints). */
export function drillEnv(dir: string): Record<string, string> {
  return { NETPOL_DOJO_STATE: dir, NETPOL_DOJO_DRILL: dir, PATH_PREFIX: join(dir, 'bin') };
}

/** Spawns the learner's shell in the workspace; resolves when it exits. */
export function spawnShell(env: Env, dir: string, terminal: TerminalControl): Promise<EditorResult> {
  const shell = env.SHELL?.trim() || '/bin/sh';
  const name = shell.split('/').pop() ?? 'sh';
  const bin = join(dir, 'bin');
  const childEnv: Record<string, string | undefined> = { ...process.env, NETPOL_DOJO_STATE: dir, NETPOL_DOJO_DRILL: dir, PATH: `${bin}:${process.env.PATH ?? ''}` };
  let args: string[] = ['-i'];
  if (name === 'bash') args = ['--rcfile', join(dir, 'bashrc'), '-i'];
  else if (name === 'zsh') childEnv.ZDOTDIR = join(dir, 'zsh');
  else childEnv.ENV = join(dir, 'shrc');
  return terminal.release(() => new Promise<EditorResult>((done) => {
    process.stdout.write(`\nnetpol-dojo: your shell in the drill's workspace. kubectl and k drive the drill's cluster; \`task\` shows the task.\nType exit to go back to the drill screen.\n\n`);
    const child = spawn(shell, args, { stdio: 'inherit', cwd: join(dir, 'workspace'), env: childEnv });
    child.on('error', (e) => done({ ok: false, error: `could not start your shell "${shell}": ${errText(e)}` }));
    child.on('exit', () => done({ ok: true }));
  }));
}

function readFiles(workspace: string, paths: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of paths) {
    try { out[p] = readFileSync(join(workspace, p), 'utf8'); } catch { /* not written yet */ }
  }
  return out;
}

export interface DrillHostOptions {
  readonly env: Env;
  readonly now: () => string;
  readonly store: ProgressStore;
  readonly scenarios: readonly Scenario[];
  readonly files: readonly LoadedText[];
  readonly terminal: TerminalControl;
  readonly mode: DrillMode;
  readonly color: boolean;
}

/** Opens (or resumes) a drill's folder and returns its handle. */
export function openDrill(o: DrillHostOptions, id: string, seed: number | undefined, fresh: boolean): { ok: true; handle: DrillHandle } | { ok: false; error: string } {
  const found = scenarioForSeed(o.files, id, seed);
  if (!found.ok) return found;
  const sc = found.scenario;
  const now = o.now();
  const prepared = prepareScenario(sc, now);
  if (!prepared.ok) return { ok: false, error: `scenario ${id}: ${prepared.error}` };
  const task = prepared.task;
  const dir = drillFolder(o.env, sc.id, sc.seed);
  const workspace = join(dir, 'workspace');
  const old = readSession(dir);
  const resume = !fresh && old !== undefined && !old.finished && timeLeftMs(old, now) > 0 && existsSync(join(dir, 'cluster.json'));
  let session: DrillSession;
  try {
    mkdirSync(workspace, { recursive: true });
    if (resume) session = old!;
    else {
      session = startSession(sc, now, o.mode);
      saveSandbox(dir, task.initial);
    }
    for (const f of sc.files) {
      const file = join(workspace, f.path);
      if (!existsSync(file)) { mkdirSync(dirname(file), { recursive: true }); writeFileSync(file, f.content); }
    }
    writeFileSync(join(workspace, 'TASK.md'), `# ${sc.title}\n\n${sc.task}`);
    writeAtomic(join(dir, 'drill.json'), `${JSON.stringify(session, null, 2)}\n`);
    writeShims(dir);
    writeAtomic(currentPointer(o.env), `${JSON.stringify({ dir, scenario: sc.id, seed: sc.seed })}\n`);
  } catch (e) {
    return { ok: false, error: `cannot prepare the drill folder ${dir}: ${errText(e)}` };
  }
  const answerPaths = task.spec.goals.flatMap((g) => (g.kind === 'answer-file' ? [g.path] : []));
  const state = (): Sandbox => loadSandbox(dir, o.now()).sandbox;
  const ns = sc.namespace ?? sandboxCluster(task.initial).pods.find((p) => p.namespace !== 'kube-system')?.namespace ?? 'default';
  const handle: DrillHandle = {
    session, scenario: sc, workspace, resumed: resume,
    grade() {
      const learner = state();
      const files = readFiles(workspace, answerPaths);
      const report = gradeCluster(task, learner, files);
      return { report, feedback: matchingWrongAnswers(task, sc.wrongAnswers, learner, report, o.now(), files) };
    },
    saveSession(s) {
      try { writeAtomic(join(dir, 'drill.json'), `${JSON.stringify(s, null, 2)}\n`); } catch { /* the screen keeps the session; the next save retries */ }
    },
    resetCluster() { saveSandbox(dir, task.initial); },
    grids(port, protocol) {
      return { start: matrixGrid(task.initial, ns, port, protocol), now: matrixGrid(state(), ns, port, protocol) };
    },
    gridPorts() {
      const cc = compileCluster(sandboxCluster(task.reference));
      const seen = new Set<string>();
      const out: { port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }[] = [];
      for (const p of cc.cluster.pods.filter((x) => x.namespace === ns)) {
        for (const c of p.containers) for (const cp of c.ports) {
          const k = `${cp.containerPort}/${cp.protocol}`;
          if (!seen.has(k)) { seen.add(k); out.push({ port: cp.containerPort, protocol: cp.protocol }); }
        }
      }
      return out.length ? out : [{ port: 80, protocol: 'TCP' }];
    },
    watch(onChange) {
      const file = join(dir, 'cluster.json');
      const listener = () => onChange();
      watchFile(file, { interval: 300 }, listener);
      let w: FSWatcher | undefined;
      try { w = watch(workspace, { recursive: false }, () => onChange()); } catch { w = undefined; }
      return () => { unwatchFile(file, listener); w?.close(); };
    },
    openTerminal: () => spawnShell(o.env, dir, o.terminal),
    close() {
      try {
        const cur = runningDrill({ ...o.env, NETPOL_DOJO_DRILL: undefined });
        if (cur === dir) rmSync(currentPointer(o.env), { force: true });
      } catch { /* nothing to clean */ }
    },
  };
  return { ok: true, handle };
}

export function drillDeps(o: DrillHostOptions): DrillDeps {
  return {
    now: o.now,
    scenarios: o.scenarios,
    store: o.store,
    color: o.color,
    open: (id, seed, fresh) => openDrill(o, id, seed, fresh),
  };
}
