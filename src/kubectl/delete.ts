// kubectl delete: by name, TYPE/NAME, -f, -l, --all; namespaces take their contents with them.
import type { Ctx } from './context.ts';
import type { KubectlResult } from './output.ts';
import { flagBool, flagValue } from './parse-args.ts';
import { removeObjects, type Sandbox, type StoredObject } from './sandbox.ts';
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

export function runDelete(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const res = resolveTargets(ctx, { needName: true });
  if (!res.ok) { out.fail(res.error); return out.result(ctx.sb); }
  const { found, missing } = res.targets;
  if (flagBool(ctx.args, 'force') && flagValue(ctx.args, 'grace-period') === '0') {
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
  const sb = deleteObjects(ctx.sb, allowed, ctx.env.now);
  const nameOnly = flagValue(ctx.args, 'output') === 'name';
  for (const o of allowed) out.out(nameOnly ? `${o.kind.toLowerCase()}/${o.name}` : `${o.kind.toLowerCase()} "${o.name}" deleted`);
  if (found.length === 0 && missing.length === 0) {
    out.err('No resources found');
  }
  for (const e of errors) out.fail(e);
  if (!flagBool(ctx.args, 'ignore-not-found')) for (const m of missing) out.fail(m);
  return out.result(sb);
}
