// Which kubectl command lines attach the caller's stdin to a container (exec -i, run -i), and whether they open an
// interactive shell (a shell without -c, with -t): the CLI feeds such a shell line by line from its terminal. Pure.
import { resolveExecTarget } from '../exec.ts';
import { flagBool, flagValue, parseArgs } from '../parse-args.ts';
import { findVerb, realFlagsOf } from '../real-flags.ts';
import { attachCommand } from '../run-expose.ts';
import type { Sandbox } from '../sandbox.ts';
import { isShellCommand } from './index.ts';

export interface AttachPlan {
  readonly verb: 'exec' | 'run';
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string;
  /** The command in the container (for run without one, the image's shell). */
  readonly argv: readonly string[];
  readonly tty: boolean;
  /** run --rm: the pod is deleted when the session ends. */
  readonly rm: boolean;
  /** A shell reading its commands from stdin. */
  readonly shell: boolean;
}

/** The attach plan of `kubectl exec -i …` / `kubectl run -i …` (args without "kubectl"), or undefined for other lines. */
export function attachPlan(sb: Sandbox, args: readonly string[], defaultNamespace?: string): AttachPlan | undefined {
  const verb = findVerb(args);
  if (verb !== 'exec' && verb !== 'run') return undefined;
  const parsed = parseArgs(args, realFlagsOf(verb) ?? []);
  if (!parsed.ok) return undefined;
  const a = parsed.args;
  if (!flagBool(a, 'stdin') || flagBool(a, 'help') || flagValue(a, 'dry-run') !== undefined) return undefined;
  const namespace = flagValue(a, 'namespace') ?? defaultNamespace ?? 'default';
  const target = a.positionals[1];
  if (!target) return undefined;
  const tty = flagBool(a, 'tty');
  if (verb === 'exec') {
    if (!a.rest || a.rest.length === 0) return undefined;
    const r = resolveExecTarget(sb, namespace, target);
    if (!r.ok) return undefined;
    const container = flagValue(a, 'container');
    return { verb, namespace, pod: r.name, ...(container ? { container } : {}), argv: a.rest, tty, rm: false, shell: isShellCommand(a.rest) };
  }
  const image = flagValue(a, 'image');
  if (!image) return undefined;
  const argv = a.rest ?? (a.positionals.length > 2 ? a.positionals.slice(2) : undefined);
  const command = argv && argv.length ? argv : attachCommand(image);
  if (!command) return undefined;
  return { verb, namespace, pod: target, argv: command, tty, rm: flagBool(a, 'rm'), shell: isShellCommand(command) };
}
