// kubectl label: key=value adds or (with --overwrite) changes, key- removes.
import { admitRaw } from './admit.ts';
import type { Ctx } from './context.ts';
import { obj } from './json.ts';
import type { KubectlResult } from './output.ts';
import { flagBool } from './parse-args.ts';
import { qualifiedName, type Sandbox, type StoredObject } from './sandbox.ts';
import { resolveTargets } from './targets.ts';
import { reconcile } from './workloads.ts';
import { dryRunOf } from './apply.ts';
import { quoteValue } from '../content/control-text.ts';
import { isValidLabelValue } from '../content/k8s-names.ts';

type Change = { kind: 'set'; key: string; value: string } | { kind: 'remove'; key: string };

/**
 * kubectl's own checks of KEY=VALUE and KEY- arguments: the value's syntax (like kubectl, which leaves the
 * key to the API server: a bad key comes back as the server's "metadata.labels: Invalid value").
 */
export function parseLabelArgs(args: readonly string[]): { ok: true; changes: Change[] } | { ok: false; error: string } {
  const changes: Change[] = [];
  for (const a of args) {
    if (a.includes('=')) {
      const parts = a.split('=');
      if (parts.length !== 2) return { ok: false, error: `error: invalid label spec: ${a}` };
      const [key, value] = parts;
      const errs = isValidLabelValue(value);
      if (errs.length) return { ok: false, error: `error: invalid label value: ${quoteValue(a)}: ${errs.join(';')}` };
      changes.push({ kind: 'set', key, value });
    } else if (a.endsWith('-')) {
      changes.push({ kind: 'remove', key: a.slice(0, -1) });
    } else {
      return { ok: false, error: `error: unknown label spec: ${a}` };
    }
  }
  return { ok: true, changes };
}

export function runLabel(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const pos = ctx.args.positionals;
  const isChange = (a: string) => a.includes('=') || (a.endsWith('-') && !a.includes('/'));
  const firstChange = pos.findIndex((a, i) => i > 0 && isChange(a));
  const resourceArgs = firstChange < 0 ? pos : pos.slice(0, firstChange);
  const changeArgs = firstChange < 0 ? [] : pos.slice(firstChange);
  if (changeArgs.length === 0) { out.fail('error: at least one label update is required'); return out.result(ctx.sb); }
  const parsed = parseLabelArgs(changeArgs);
  if (!parsed.ok) { out.fail(parsed.error); return out.result(ctx.sb); }
  const dry = dryRunOf(ctx);
  if (!dry.ok) { out.fail(dry.error); return out.result(ctx.sb); }
  const res = resolveTargets(ctx, { needName: true, positionals: resourceArgs });
  if (!res.ok) { out.fail(res.error); return out.result(ctx.sb); }
  const overwrite = flagBool(ctx.args, 'overwrite');
  let sb: Sandbox = ctx.sb;
  for (const o of res.targets.found) {
    const r = relabel(sb, o, parsed.changes, overwrite, ctx.env.now);
    if (!r.ok) { out.fail(r.error); continue; }
    for (const n of r.notes) out.out(n);
    out.out(`${qualifiedName(o)} ${r.verb}${dry.mode !== 'none' ? ` (${dry.mode === 'client' ? 'dry run' : 'server dry run'})` : ''}`);
    if (dry.mode === 'none') sb = r.sandbox;
  }
  for (const m of res.targets.missing) out.fail(m);
  return out.result(sb);
}

function relabel(sb: Sandbox, o: StoredObject, changes: readonly Change[], overwrite: boolean, now: string):
  { ok: true; sandbox: Sandbox; verb: string; notes: string[] } | { ok: false; error: string } {
  const meta = obj(o.manifest.metadata);
  const labels = { ...(obj(meta.labels) as Record<string, string>) };
  const notes: string[] = [];
  let added = false;
  let removed = false;
  for (const c of changes) {
    if (c.kind === 'set') {
      if (Object.hasOwn(labels, c.key) && labels[c.key] !== c.value && !overwrite) {
        return { ok: false, error: `error: '${c.key}' already has a value (${labels[c.key]}), and --overwrite is false` };
      }
      if (labels[c.key] !== c.value) added = true;
      labels[c.key] = c.value;
    } else if (Object.hasOwn(labels, c.key)) {
      delete labels[c.key];
      removed = true;
    } else notes.push(`label "${c.key}" not found.`);
  }
  if (!added && !removed) return { ok: true, sandbox: sb, verb: 'not labeled', notes };
  const raw = { ...o.manifest, metadata: { ...meta, labels } };
  const res = admitRaw(sb, raw, o.namespace || 'default', { mode: 'update', now });
  if (!res.ok) return res;
  return { ok: true, sandbox: reconcile(res.sandbox, now), verb: added ? 'labeled' : 'unlabeled', notes };
}
