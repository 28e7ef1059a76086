// Wiring of the drill TUI for the real terminal (a separate chunk: the lesson tutor does not load it).
import { resolve } from 'node:path';
import { confStore } from '../progress/conf-store.ts';
import type { DrillTuiHost } from '../ui/run-drill.tsx';
import { drillDeps } from './drill-host.ts';
import { loadScenarioCatalogue } from './list.ts';
import { colorOn } from './tui-deps.ts';
import { kubectlChoice } from './serve-starter.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** The drill TUI's host: scenarios (built-in and packs), conf progress, drill folders, the learner's shell. */
export function drillTuiHost(env: Env): DrillTuiHost {
  const now = () => new Date().toISOString();
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    deps(terminal, packs, exam, kubectl) {
      const cat = loadScenarioCatalogue(packs.map((p) => resolve(p)));
      return {
        ...drillDeps({
          env, now, terminal, scenarios: cat.scenarios, files: cat.files, mode: exam ? 'exam' : 'practice', color: colorOn(env),
          kubectl: kubectlChoice(env, kubectl),
          store: confStore({ dir: env.NETPOL_DOJO_CONFIG_DIR || undefined, profile: env.NETPOL_DOJO_PROFILE || undefined, now }),
        }),
        loadErrors: cat.errors,
      };
    },
  };
}
