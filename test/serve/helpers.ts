// Test harness for the API server: a server on a temporary state directory in this process, and the real
// kubectl run against it asynchronously (a synchronous child would block the server's event loop).
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { startServe, type ServeCluster, type Serving } from '../../src/serve/server.ts';

/** The kubectl on PATH, or undefined (tests then skip with a message). */
export function kubectlOnPath(): string | undefined {
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(d, 'kubectl');
    if (d && existsSync(p)) return p;
  }
  return undefined;
}

/** A specific kubectl release, e.g. "1.27", when installed next to the version dispatcher. */
export function kubectlRelease(minor: string): string | undefined {
  const p = `/usr/lib/google-cloud-sdk/bin/kubectl.${minor}`;
  return existsSync(p) ? p : undefined;
}

export const SKIP_NO_KUBECTL = kubectlOnPath() ? false : 'kubectl is not on PATH: the real-kubectl tests are skipped';

export interface Run { readonly code: number; readonly stdout: string; readonly stderr: string }

export class Harness {
  readonly dir: string;
  readonly kubeconfig: string;
  private constructor(readonly serving: Serving, dir: string, readonly clusters: readonly ServeCluster[]) {
    this.dir = dir;
    this.kubeconfig = join(dir, 'kubeconfig.yaml');
    writeFileSync(this.kubeconfig, serving.kubeconfigText(), { mode: 0o600 });
  }

  static async start(names: readonly string[] = ['netpol-dojo'], pollMs = 50): Promise<Harness> {
    const dir = mkdtempSync(join(tmpdir(), 'netpol-dojo-serve-'));
    const clusters = names.map((name) => ({ name, stateDir: join(dir, 'clusters', name) }));
    const serving = await startServe({ clusters, pollMs });
    return new Harness(serving, dir, clusters);
  }

  get stateDir(): string { return this.clusters[0].stateDir; }

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { ...process.env, KUBECONFIG: this.kubeconfig, KUBECACHEDIR: join(this.dir, 'cache'), HOME: this.dir, ...extra };
  }

  /** Runs kubectl (the one on PATH unless `bin` names another) with the server's kubeconfig. */
  kubectl(args: readonly string[], opts: { bin?: string; stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
    const bin = opts.bin ?? kubectlOnPath() ?? 'kubectl';
    return new Promise((resolve) => {
      const child = execFile(bin, [...args], { env: this.env(opts.env), timeout: 20_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      });
      if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
      else child.stdin?.end();
    });
  }

  /** Starts a long-running kubectl (get -w); `lines` resolves once stdout has at least n lines. */
  follow(args: readonly string[]): { lines: (n: number) => Promise<string[]>; stop: () => void } {
    const child = spawn(kubectlOnPath() ?? 'kubectl', [...args], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const waiters: { n: number; resolve: (l: string[]) => void }[] = [];
    const check = () => {
      // Complete lines only: a chunk may end in the middle of one.
      const lines = out.split('\n').slice(0, -1).filter(Boolean);
      for (const w of [...waiters]) if (lines.length >= w.n) { waiters.splice(waiters.indexOf(w), 1); w.resolve(lines); }
    };
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); check(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); check(); });
    return {
      lines: (n) => new Promise((resolve, reject) => {
        waiters.push({ n, resolve });
        check();
        child.on('exit', () => setImmediate(() => { if (waiters.length) reject(new Error(`kubectl exited; output so far:\n${out}`)); }));
      }),
      stop: () => { child.kill('SIGTERM'); },
    };
  }

  file(name: string, text: string): string {
    const p = join(this.dir, name);
    writeFileSync(p, text);
    return p;
  }

  async close(): Promise<void> {
    await this.serving.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
