// kubectl delete: by name, TYPE/NAME, -f, -l, --all; namespaces take their contents with them.
import { dryRunOf } from './apply.ts';
import type { Ctx } from './context.ts';
import type { KubectlResult } from './output.ts';
import { flagBool, flagValue } from './parse-args.ts';
import { groupOf, qualifiedName, removeObjects, type Sandbox, type StoredObject } from './sandbox.ts';
import { resolveTargets } from './targets.ts';
import { reconcile } from './workloads.ts';

const PROTECTED = ['default', 'kube-system', 'kube-public'];

export function deleteObjects(sb0: Sandbox, objects: readonly StoredObject[], now: string): Sandbox {
  let sb = sb0;
  for (const o of objects) {
    sb = o.kind === 'Namespace'
      ? removeObjects(sb, (x) => (x.kind === 'Namespace' && x.name === o.name) || (x.kind !== 'Namespace' && x.namespace === o.name))
      : removeObjects(sb, (x) => x.kind === o.kind && x.namespace === o.namespace && x.name === o.name);
  }
  return reconcile(sb, now);
}

/** `networkpolicy.networking.k8s.io`, `deployment.apps`, `pod`: how kubectl names a deleted object's type. */
function resourceOf(o: StoredObject): string {
  const g = groupOf(o.kind);
  return `${o.kind.toLowerCase()}${g ? `.${g}` : ''}`;
}

export function runDelete(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const dry = dryRunOf(ctx);
  if (!dry.ok) { out.fail(dry.error); return out.result(ctx.sb); }
  const res = resolveTargets(ctx, { needName: true });
  if (!res.ok) { out.fail(res.error); return out.result(ctx.sb); }
  const { found, missing } = res.targets;
  // Like kubectl: --force with no grace period (or a negative one) means 0, and 0 with --force deletes at once.
  const grace = flagValue(ctx.args, 'grace-period');
  const force = flagBool(ctx.args, 'force') && (grace === undefined || Number(grace) <= 0);
  if (force) {
    out.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
  }
  const allowed: StoredObject[] = [];
  const errors: string[] = [];
  for (const o of found) {
    if (o.kind === 'Namespace' && PROTECTED.includes(o.name)) {
      errors.push(`Error from server (Forbidden): namespaces "${o.name}" is forbidden: this namespace may not be deleted`);
      continue;
    }
    allowed.push(o);
  }
  const sb = dry.mode === 'none' ? deleteObjects(ctx.sb, allowed, ctx.env.now) : ctx.sb;
  const nameOnly = flagValue(ctx.args, 'output') === 'name';
  const suffix = dry.mode === 'client' ? ' (dry run)' : dry.mode === 'server' ? ' (server dry run)' : '';
  for (const o of allowed) out.out(nameOnly ? qualifiedName(o) : `${resourceOf(o)} "${o.name}" ${force ? 'force deleted' : 'deleted'}${suffix}`);
  if (found.length === 0 && missing.length === 0) {
    out.err('No resources found');
  }
  for (const e of errors) out.fail(e);
  if (!flagBool(ctx.args, 'ignore-not-found')) for (const m of missing) out.fail(m);
  return out.result(sb);
}
