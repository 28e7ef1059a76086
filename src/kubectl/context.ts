// What every command handler receives.
import type { Out } from './output.ts';
import type { ParsedArgs } from './parse-args.ts';
import type { Sandbox } from './sandbox.ts';

export interface KubectlEnv {
  readonly now: string;
  readonly readFile?: (path: string) => string | undefined;
  readonly listDir?: (path: string) => string[] | undefined;
  readonly stdin?: string;
  /** The namespace of the current kubeconfig context (kubectl's default when -n is not given). */
  readonly defaultNamespace?: string;
  /** stdin is a terminal on which the caller drives an interactive shell itself (kubectl run -it … -- sh only creates the pod). */
  readonly terminal?: boolean;
  /** The caller keeps streaming what `logs -f` would print next (the CLI does; a lesson step cannot). */
  readonly follows?: boolean;
}

export interface Ctx {
  readonly sb: Sandbox;
  readonly verb: string;
  readonly args: ParsedArgs;
  readonly env: KubectlEnv;
  /** -n/--namespace, or "default". */
  readonly namespace: string;
  readonly namespaceSet: boolean;
  readonly out: Out;
}
