// The exam terminal with the learner's real kubectl: `netpol-dojo serve` runs inside the drill or exam process, a
// kubeconfig (mode 0600) points at it, and the shims `kubectl`/`k` run the real binary on that kubeconfig.
// NETPOL_DOJO_KUBECTL (or --kubectl) picks: auto (the real one when a kubectl is on PATH), real, builtin.
import { execFile } from 'node:child_process';
import { accessSync, chmodSync, closeSync, constants, openSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

export type KubectlMode = 'auto' | 'real' | 'builtin';

export const KUBECTL_MODES: readonly KubectlMode[] = ['auto', 'real', 'builtin'];

/** The mode from --kubectl (when given) or NETPOL_DOJO_KUBECTL; auto by default. */
export function kubectlMode(env: Env, flag?: string): { ok: true; mode: KubectlMode } | { ok: false; error: string } {
  const text = (flag ?? env.NETPOL_DOJO_KUBECTL ?? 'auto').trim().toLowerCase() || 'auto';
  if ((KUBECTL_MODES as readonly string[]).includes(text)) return { ok: true, mode: text as KubectlMode };
  const where = flag !== undefined ? '--kubectl' : 'NETPOL_DOJO_KUBECTL';
  return { ok: false, error: `error: ${where} must be one of ${KUBECTL_MODES.join(', ')}, not "${text}"` };
}

/** True for the shims netpol-dojo writes (they must never be taken for the real kubectl). */
function isOwnShim(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(200);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('latin1').includes('netpol-dojo');
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The first executable `kubectl` on PATH that is not one of netpol-dojo's shims. */
export function findRealKubectl(env: Env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = resolve(dir, 'kubectl');
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
    } catch {
      continue;
    }
    if (!isOwnShim(file)) return file;
  }
  return undefined;
}

/** The kubectl that will run against the server (the version dispatcher picks by the server's version). */
export function kubectlVersion(binary: string, kubeconfig: string, env: Env): Promise<string | undefined> {
  return new Promise((done) => {
    execFile(binary, ['version', '-o', 'json', '--request-timeout=5s'], {
      env: { ...process.env, ...env, KUBECONFIG: kubeconfig }, timeout: 15_000, maxBuffer: 1 << 20,
    }, (_err, stdout) => {
      try {
        const v = JSON.parse(String(stdout)) as { clientVersion?: { gitVersion?: string } };
        const text = v.clientVersion?.gitVersion;
        done(typeof text === 'string' && text ? text.replace(/-dispatcher$/, '') : undefined);
      } catch {
        done(undefined);
      }
    });
  });
}

/** "1.31" of "v1.31.4". */
export function minorOf(version: string): string {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  return m ? `${m[1]}.${m[2]}` : version;
}

export interface ServedCluster { readonly name: string; readonly stateDir: string; readonly namespace?: string }

export interface ServeHandle {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  kubeconfigText(currentContext?: string): string;
  close(): Promise<void>;
}

export type StartServe = (o: { clusters: readonly ServedCluster[]; port?: number; host?: string; token?: string }) => Promise<ServeHandle>;

/** The real kubectl of one drill or exam: the server, its kubeconfig file and the version in use. */
export interface RealKubectl {
  readonly binary: string;
  readonly kubeconfig: string;
  /** Resolves when the server listens and the kubeconfig is written (or with the reason it could not start). */
  readonly ready: Promise<{ ok: true } | { ok: false; error: string }>;
  /** What the screen shows: "real kubectl 1.31 (serve)" once known, "real kubectl (starting…)" before. */
  label(): string;
  close(): Promise<void>;
}

export interface RealKubectlOptions {
  readonly binary: string;
  /** Where the kubeconfig goes (written with mode 0600). */
  readonly kubeconfig: string;
  readonly clusters: readonly ServedCluster[];
  readonly currentContext: string;
  readonly env: Env;
  readonly startServe: StartServe;
  /** Writes a file with mode 0600 atomically. */
  readonly writeSecret: (file: string, text: string) => void;
}

/** Every real kubectl started by this process, so that the process can end: listening servers keep it alive. */
const running = new Set<RealKubectl>();

/** Closes every server this process started (the drill and exam commands call it when their screen ends). */
export async function closeAllRealKubectl(): Promise<void> {
  await Promise.all([...running].map((r) => r.close()));
}

export function startRealKubectl(o: RealKubectlOptions): RealKubectl {
  let server: ServeHandle | undefined;
  let version: string | undefined;
  let failed: string | undefined;
  let closed = false;
  const ready = (async (): Promise<{ ok: true } | { ok: false; error: string }> => {
    try {
      server = await o.startServe({ clusters: o.clusters, host: '127.0.0.1' });
      if (closed) { await server.close(); return { ok: false, error: 'closed' }; }
      o.writeSecret(o.kubeconfig, server.kubeconfigText(o.currentContext));
      version = await kubectlVersion(o.binary, o.kubeconfig, o.env);
      return { ok: true };
    } catch (e) {
      failed = (e as Error)?.message ?? String(e);
      return { ok: false, error: `the simulator's API server did not start: ${failed}` };
    }
  })();
  const handle: RealKubectl = {
    binary: o.binary,
    kubeconfig: o.kubeconfig,
    ready,
    label() {
      if (failed) return 'built-in kubectl (real kubectl: server failed)';
      if (!server) return 'real kubectl (starting…)';
      if (!version) return 'real kubectl';
      // Through serve, exec and attach stream over WebSocket, kubectl's default from 1.30 on.
      const m = /^(\d+)\.(\d+)$/.exec(minorOf(version));
      const old = m !== null && Number(m[1]) === 1 && Number(m[2]) < 30;
      return `real kubectl ${minorOf(version)}${old ? ' (exec needs 1.30+)' : ''}`;
    },
    async close() {
      closed = true;
      running.delete(handle);
      await ready.catch(() => undefined);
      const s = server;
      server = undefined;
      if (s) await s.close();
    },
  };
  running.add(handle);
  return handle;
}

/** Marks the kubectl shim that runs the real kubectl (`netpol-dojo env` looks for it). */
export const REAL_SHIM_MARK = '(through netpol-dojo serve)';

/** The shim lines for the real kubectl: the binary on the drill's kubeconfig. */
export function realShim(binary: string, kubeconfig: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return `#!/bin/sh\n# netpol-dojo: your kubectl on the simulated cluster ${REAL_SHIM_MARK}\nKUBECONFIG=${q(kubeconfig)} exec ${q(binary)} "$@"\n`;
}

export function kubeconfigFile(dir: string): string {
  return join(dir, 'kubeconfig.yaml');
}

/** How the drill or exam terminal gets its kubectl: the choice, and the server starter (injected: tests fake it). */
export interface KubectlChoice {
  readonly mode: KubectlMode;
  readonly startServe?: StartServe;
}

/** Writes a secret file (kubeconfig with a token): mode 0600, atomically. */
export function writeSecretFile(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/**
 * The real kubectl for a drill or exam folder, when the choice and the machine allow it; otherwise the reason the
 * built-in one is used (shown on the screen).
 */
export function chooseRealKubectl(choice: KubectlChoice | undefined, env: Env, dir: string, clusters: readonly ServedCluster[], currentContext: string):
  { real: RealKubectl } | { real?: undefined; label: string } {
  if (!choice || choice.mode === 'builtin' || !choice.startServe) return { label: 'built-in kubectl' };
  const binary = findRealKubectl(env);
  if (!binary) return { label: choice.mode === 'real' ? 'built-in kubectl (no kubectl on PATH)' : 'built-in kubectl' };
  return { real: startRealKubectl({ binary, kubeconfig: kubeconfigFile(dir), clusters, currentContext, env, startServe: choice.startServe, writeSecret: writeSecretFile }) };
}
