// A scripted terminal over the simulated kubectl with a fixed clock that advances per command.
import { applyManifestText, freshSandbox, runKubectl, splitCommandLine, type KubectlEnv, type KubectlResult, type Sandbox } from '../../src/kubectl/index.ts';

export const START = '2025-03-01T09:00:00Z';

export class Term {
  sb: Sandbox;
  private t: number;
  files: Record<string, string> = {};
  constructor(start = START, readonly stepSeconds = 0) {
    this.sb = freshSandbox(start);
    this.t = Date.parse(start);
  }
  get now(): string { return new Date(this.t).toISOString(); }
  advance(seconds: number): void { this.t += seconds * 1000; }
  env(stdin?: string): KubectlEnv {
    return {
      now: this.now,
      readFile: (p) => this.files[p],
      listDir: (p) => {
        const prefix = `${p.replace(/\/+$/, '')}/`;
        const names = Object.keys(this.files).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length)).filter((n) => !n.includes('/'));
        return names.length ? names : undefined;
      },
      stdin,
    };
  }
  /** Runs "kubectl ..." or "k ..." as typed. */
  k(line: string, stdin?: string): KubectlResult {
    this.advance(this.stepSeconds);
    const argv = splitCommandLine(line);
    if (argv[0] !== 'kubectl' && argv[0] !== 'k') throw new Error(`not a kubectl line: ${line}`);
    const r = runKubectl(this.sb, argv.slice(1), this.env(stdin));
    this.sb = r.sandbox;
    return r;
  }
  apply(text: string, file = 'test.yaml'): string {
    const r = applyManifestText(this.sb, text, file, this.now);
    if (!r.ok) throw new Error(r.error);
    this.sb = r.sandbox;
    return r.output;
  }
}
