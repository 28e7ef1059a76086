// kubectl exec POD -- CMD: runs one simulated command in the pod; a non-zero exit becomes kubectl's.
import type { CompiledCluster } from '../engine/compile.ts';
import type { Pod } from '../engine/types.ts';
import type { Ctx } from './context.ts';
import type { Remote } from './curl.ts';
import { imageProfile } from './images.ts';
import type { KubectlResult } from './output.ts';
import { flagBool } from './parse-args.ts';
import { lookupType } from './resources.ts';
import { findObject, type Sandbox } from './sandbox.ts';
import { execInContainer } from './shell/index.ts';
import { newMachine, runArgv } from './shell/interp.ts';

/**
 * Runs one command in the pod's first container without keeping what it changes (servers' access logs).
 * Prefer execInContainer from ./shell/index.ts, which returns the sandbox afterwards.
 */
export function remoteCommand(cc: CompiledCluster, sb: Sandbox, pod: Pod, argv: readonly string[], now: string, tty = false): Remote {
  const image = pod.containers[0]?.image ?? '';
  const m = newMachine({ cc, sb, now, tty, hits: [], pod, image, profile: imageProfile(image), podEnv: {} });
  return argv.length ? runArgv(m, argv, '') : { stdout: '', stderr: '', code: 0 };
}

/** The pod `kubectl exec TARGET` runs in: POD, pod/POD, or the first pod of a workload (deploy/NAME). */
export function resolveExecTarget(sb: Sandbox, namespace: string, target: string): { ok: true; name: string } | { ok: false; error: string } {
  if (!target.includes('/')) return { ok: true, name: target };
  const [typeText, name] = target.split('/', 2);
  const lt = lookupType(typeText);
  if (!lt.ok) return { ok: false, error: lt.error };
  if (lt.type.kind === 'Pod') return { ok: true, name };
  const owner = findObject(sb, { kind: lt.type.kind as 'Deployment', namespace, name });
  if (!owner) return { ok: false, error: `Error from server (NotFound): ${lt.type.plural}${lt.type.group ? `.${lt.type.group}` : ''} "${name}" not found` };
  const owners = new Set([`${owner.kind}/${owner.name}`, ...sb.objects.filter((o) => o.ownedBy === `${owner.kind}/${owner.name}`).map((o) => `${o.kind}/${o.name}`)]);
  const first = sb.objects.filter((o) => o.kind === 'Pod' && o.namespace === namespace && o.ownedBy && owners.has(o.ownedBy)).sort((a, b) => (a.name < b.name ? -1 : 1))[0];
  if (!first) return { ok: false, error: `error: cannot exec into ${typeText}/${name}: it has no running pods` };
  return { ok: true, name: first.name };
}

export function runExec(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const pos = ctx.args.positionals;
  if (pos.length === 0) { out.fail("error: expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND are required arguments for the exec command\nSee 'kubectl exec -h' for help and examples"); return out.result(ctx.sb); }
  if (!ctx.args.rest) {
    if (pos.length > 1) out.fail(`error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples`);
    else out.fail('error: you must specify at least one command for the container');
    return out.result(ctx.sb);
  }
  if (pos.length > 1) { out.fail(`error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples`); return out.result(ctx.sb); }
  const command = ctx.args.rest;
  if (command.length === 0) { out.fail('error: you must specify at least one command for the container'); return out.result(ctx.sb); }
  const target = resolveExecTarget(ctx.sb, ctx.namespace, pos[0]);
  if (!target.ok) { out.fail(target.error); return out.result(ctx.sb); }
  const name = target.name;
  const container = ctx.args.flags.get('container')?.at(-1);
  const podObj = findObject(ctx.sb, { kind: 'Pod', namespace: ctx.namespace, name });
  const names = podObj?.engine?.kind === 'Pod' ? podObj.engine.value.containers.map((c) => c.name) : [];
  if (container === undefined && names.length > 1) out.err(`Defaulted container "${names[0]}" out of: ${names.join(', ')}`);
  // Like kubectl, -t without -i allocates no terminal (so curl draws its progress meter on stderr).
  const tty = flagBool(ctx.args, 'tty') && flagBool(ctx.args, 'stdin');
  const stdin = flagBool(ctx.args, 'stdin') ? ctx.env.stdin ?? '' : undefined;
  const r = execInContainer(ctx.sb, { namespace: ctx.namespace, name }, command, { now: ctx.env.now, tty, ...(stdin !== undefined ? { stdin } : {}), ...(container !== undefined ? { container } : {}) });
  if (!r.ok) { out.fail(r.kubectl); return out.result(ctx.sb); }
  out.write(r.stdout);
  out.writeErr(r.stderr);
  if (r.code !== 0) out.fail(`command terminated with exit code ${r.code}`, r.code);
  return out.result(r.sandbox);
}
