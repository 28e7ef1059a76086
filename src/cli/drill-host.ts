// The drill's effects on the real machine. Each drill lives in a folder of the data directory:
//   drills/<id>[@seed]/cluster.json    the drill's cluster (the simulated kubectl's state file)
//   drills/<id>[@seed]/drill.json      the session (scenario, seed, start time, hints, end)
//   drills/<id>[@seed]/workspace/      skeleton files and answer files: the learner's working directory
//   drills/<id>[@seed]/bin/            kubectl, k and task for the learner's shell
// and current-drill.json points at the running one, for `netpol-dojo env` in a second terminal.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, unwatchFile, watch, watchFile, writeFileSync, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Scenario } from '../content/scenario-types.ts';
import { scenarioForSeed } from '../content/scenarios.ts';
import type { LoadedText } from '../content/load.ts';
import { compileCluster } from '../engine/index.ts';
import type { Sandbox } from '../kubectl/index.ts';
import { sandboxCluster } from '../kubectl/index.ts';
import { startSession, timeLeftMs, type DrillMode, type DrillSession } from '../practice/drill.ts';
import { matrixGrid } from '../practice/lesson-run.ts';
import { gradeCluster, matchingWrongAnswers, prepareScenario } from '../practice/task-run.ts';
import type { ProgressStore } from '../progress/store.ts';
import type { DrillDeps, DrillHandle } from '../ui/drill-deps.ts';
import type { EditorResult } from '../ui/deps.ts';
import type { TerminalControl } from '../ui/run-tui.tsx';
import { saveDrillFile } from './drill-save.ts';
import { readAnswerFiles } from './answer-files.ts';
import { loadSandbox, saveSandbox } from './kubectl-command.ts';
import { packageRoot } from './paths.ts';
import { chooseRealKubectl, realShim, type KubectlChoice, type RealKubectl } from './real-kubectl.ts';

type Env = Readonly<Record<string, string | undefined>>;

const errText = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);

import { currentPointer, drillsRoot, readSession, runningDrill, writeAtomic } from './session-files.ts';

export { currentPointer, drillsRoot, readSession, runningDrill };

export function drillFolder(env: Env, id: string, seed: number | undefined): string {
  return join(drillsRoot(env), seed === undefined ? id : `${id}@${seed}`);
}

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The command that runs this netpol-dojo: node and the entry script (works from a clone and when installed). */
function selfCommand(): string {
  const root = packageRoot() ?? process.cwd();
  return `${shQuote(process.execPath)} ${shQuote(join(root, 'bin', 'netpol-dojo.js'))}`;
}

export interface ShimOptions {
  /** What the kubectl shim passes before the learner's arguments (default: the drill's state folder). */
  readonly kubectlArgs?: readonly string[];
  /** The environment `task` runs with (default: this drill). */
  readonly taskEnv?: Readonly<Record<string, string>>;
  /** The word in the prompt before the time left (default "drill"). */
  readonly label?: string;
  /** kubectl and k run this real kubectl binary on this kubeconfig (netpol-dojo serve) instead of the built-in one. */
  readonly real?: { readonly binary: string; readonly kubeconfig: string };
}

/** kubectl, k and task for the learner's shell: each drives this drill's (or exam's) cluster. */
export function writeShims(dir: string, opts: ShimOptions = {}): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const self = selfCommand();
  const kArgs = (opts.kubectlArgs ?? ['--state', dir]).map(shQuote).join(' ');
  const taskEnv = Object.entries(opts.taskEnv ?? { NETPOL_DOJO_DRILL: dir }).map(([k, v]) => `${k}=${shQuote(v)}`).join(' ');
  const kubectl = opts.real ? realShim(opts.real.binary, opts.real.kubeconfig) : `#!/bin/sh\n# netpol-dojo: kubectl on the simulated cluster\nexec ${self} kubectl ${kArgs} "$@"\n`;
  const task = `#!/bin/sh\n# netpol-dojo: the task and the time left\n${taskEnv} exec ${self} task "$@"\n`;
  for (const [name, text] of [['kubectl', kubectl], ['k', kubectl], ['task', task]] as const) {
    writeFileSync(join(bin, name), text);
    chmodSync(join(bin, name), 0o755);
  }
  // Start-up files that keep the learner's own shell settings and add the drill's prompt.
  const prompt = `[${opts.label ?? 'drill'} $(task --left 2>/dev/null)]`;
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

export interface ShellOptions {
  readonly cwd?: string;
  /** The kubeconfig of the real kubectl (netpol-dojo serve), exported as KUBECONFIG in the shell. */
  readonly kubeconfig?: string;
  /** Replaces the drill's variables (NETPOL_DOJO_STATE, NETPOL_DOJO_DRILL). */
  readonly extraEnv?: Readonly<Record<string, string>>;
  readonly banner?: string;
}

/** Spawns the learner's shell in the workspace; resolves when it exits. */
export function spawnShell(env: Env, dir: string, terminal: TerminalControl, opts: ShellOptions = {}): Promise<EditorResult> {
  const shell = env.SHELL?.trim() || '/bin/sh';
  const name = shell.split('/').pop() ?? 'sh';
  const bin = join(dir, 'bin');
  const own = opts.extraEnv ?? { NETPOL_DOJO_STATE: dir, NETPOL_DOJO_DRILL: dir };
  const childEnv: Record<string, string | undefined> = { ...process.env, ...own, PATH: `${bin}:${process.env.PATH ?? ''}`, ...(opts.kubeconfig ? { KUBECONFIG: opts.kubeconfig } : {}) };
  let args: string[] = ['-i'];
  if (name === 'bash') args = ['--rcfile', join(dir, 'bashrc'), '-i'];
  else if (name === 'zsh') childEnv.ZDOTDIR = join(dir, 'zsh');
  else childEnv.ENV = join(dir, 'shrc');
  return terminal.release(() => new Promise<EditorResult>((done) => {
    const banner = opts.banner ?? 'netpol-dojo: your shell in the drill\'s workspace. kubectl and k drive the drill\'s cluster; `task` shows the task.';
    process.stdout.write(`\n${banner}\nType exit to go back to the screen.\n\n`);
    const child = spawn(shell, args, { stdio: 'inherit', cwd: opts.cwd ?? join(dir, 'workspace'), env: childEnv });
    child.on('error', (e) => done({ ok: false, error: `could not start your shell "${shell}": ${errText(e)}` }));
    child.on('exit', () => done({ ok: true }));
  }));
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
  /** Built-in kubectl, or the learner's real one through netpol-dojo serve. */
  readonly kubectl?: KubectlChoice;
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
  let real: RealKubectl | undefined;
  let builtinLabel: string | undefined;
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
    saveDrillFile(dir, session);
    const chosen = chooseRealKubectl(o.kubectl, o.env, dir, [{ name: 'drill', stateDir: dir, ...(sc.namespace ? { namespace: sc.namespace } : {}) }], 'drill');
    real = chosen.real;
    builtinLabel = chosen.real ? undefined : chosen.label;
    writeShims(dir, real ? { real: { binary: real.binary, kubeconfig: real.kubeconfig } } : {});
    writeAtomic(currentPointer(o.env), `${JSON.stringify({ dir, scenario: sc.id, seed: sc.seed })}\n`);
  } catch (e) {
    return { ok: false, error: `cannot prepare the drill folder ${dir}: ${errText(e)}` };
  }
  const state = (): Sandbox => loadSandbox(dir, o.now()).sandbox;
  const ns = sc.namespace ?? sandboxCluster(task.initial).pods.find((p) => p.namespace !== 'kube-system')?.namespace ?? 'default';
  const handle: DrillHandle = {
    session, scenario: sc, workspace, resumed: resume,
    grade() {
      const learner = state();
      const files = readAnswerFiles(workspace, task.spec);
      const report = gradeCluster(task, learner, files);
      return { report, feedback: matchingWrongAnswers(task, sc.wrongAnswers, learner, report, o.now(), files) };
    },
    saveSession(s) {
      try { saveDrillFile(dir, s); } catch { /* the screen keeps the session; the next save retries */ }
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
    kubectlLabel: () => builtinLabel ?? real?.label() ?? 'built-in kubectl',
    async openTerminal() {
      if (real) {
        const up = await real.ready;
        if (!up.ok) {
          // The server did not start: the terminal still works, with the built-in kubectl.
          builtinLabel = 'built-in kubectl (real kubectl: server failed)';
          try { writeShims(dir); } catch { /* the old shims stay */ }
          real = undefined;
        }
      }
      return spawnShell(o.env, dir, o.terminal, real ? { kubeconfig: real.kubeconfig } : {});
    },
    close() {
      void real?.close();
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
