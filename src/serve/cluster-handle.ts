// One simulated cluster as the API server sees it: its state (kept in a state directory shared with the built-in
// kubectl, the drill screen and the exam), changes made under the state lock, and change notifications for watches.
import type { Sandbox } from '../kubectl/sandbox.ts';

export interface ClusterHandle {
  /** The kubeconfig context (and cluster) name that serves this state. */
  readonly name: string;
  /** The state directory (holds cluster.json). */
  readonly stateDir: string;
  /** The current state: cached, re-read when the state file changed on disk (another process wrote it). */
  read(): Sandbox;
  /**
   * Runs `fn` on the latest state while holding the state lock, saves the sandbox it returns when it differs from the
   * one it was given, notifies watchers, and returns fn's value.
   */
  update<T>(fn: (sb: Sandbox, now: string) => { readonly sandbox: Sandbox; readonly value: T }): T;
  /** The wall clock, as an ISO 8601 string (the pure core takes time as this argument). */
  now(): string;
  /** Calls `listener` after every change of the state (made here or, noticed on disk, by another process). */
  onChange(listener: (before: Sandbox, after: Sandbox) => void): () => void;
}
