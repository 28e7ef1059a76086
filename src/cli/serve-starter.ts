// How the drill and exam commands start netpol-dojo serve: loaded only when a real kubectl is chosen.
import type { KubectlChoice, StartServe } from './real-kubectl.ts';
import { kubectlMode } from './real-kubectl.ts';

type Env = Readonly<Record<string, string | undefined>>;

const startServe: StartServe = async (o) => (await import('../serve/server.ts')).startServe(o);

/** The kubectl choice of a drill or exam: --kubectl, else NETPOL_DOJO_KUBECTL, else auto. */
export function kubectlChoice(env: Env, flag?: string): KubectlChoice {
  const m = kubectlMode(env, flag);
  return { mode: m.ok ? m.mode : 'auto', startServe };
}
