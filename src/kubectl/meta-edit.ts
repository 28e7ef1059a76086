// What `kubectl label` and `kubectl annotate` share: TYPE NAME|-l|--all|-f then KEY=VALUE / KEY- changes to one
// metadata map, --overwrite, --dry-run, admission of the changed object and "<type>/<name> <verb>" lines.
import { admitRaw } from './admit.ts';
import { dryRunOf } from './apply.ts';
import type { Ctx } from './context.ts';
import { obj } from './json.ts';
import type { KubectlResult } from './output.ts';
import { flagBool } from './parse-args.ts';
import { qualifiedName, type Sandbox, type StoredObject } from './sandbox.ts';
import { resolveTargets } from './targets.ts';
import { reconcile } from './workloads.ts';

export type MetaChange = { kind: 'set'; key: string; value: string } | { kind: 'remove'; key: string };

export type MetaOutcome = { ok: true; map: Record<string, string>; verb: string; notes: string[]; changed: boolean } | { ok: false; error: string };

/** One command's rules: which map it edits and what it says (the parts where label and annotate differ). */
export interface MetaEditor {
  readonly field: 'labels' | 'annotations';
  /** "error: at least one label update is required" */
  readonly noChanges: string;
  readonly parse: (args: readonly string[]) => { ok: true; changes: MetaChange[] } | { ok: false; error: string };
  /** Applies the changes to the object's current map (or refuses them). */
  readonly update: (current: Readonly<Record<string, string>>, changes: readonly MetaChange[], overwrite: boolean) => MetaOutcome;
}

export function runMetaEdit(ctx: Ctx, ed: MetaEditor): KubectlResult {
  const out = ctx.out;
  const pos = ctx.args.positionals;
  const isChange = (a: string) => a.includes('=') || (a.endsWith('-') && !a.includes('/'));
  const firstChange = pos.findIndex((a, i) => i > 0 && isChange(a));
  const resourceArgs = firstChange < 0 ? pos : pos.slice(0, firstChange);
  const changeArgs = firstChange < 0 ? [] : pos.slice(firstChange);
  if (changeArgs.length === 0) { out.fail(ed.noChanges); return out.result(ctx.sb); }
  const parsed = ed.parse(changeArgs);
  if (!parsed.ok) { out.fail(parsed.error); return out.result(ctx.sb); }
  const dry = dryRunOf(ctx);
  if (!dry.ok) { out.fail(dry.error); return out.result(ctx.sb); }
  const res = resolveTargets(ctx, { needName: true, positionals: resourceArgs });
  if (!res.ok) { out.fail(res.error); return out.result(ctx.sb); }
  const overwrite = flagBool(ctx.args, 'overwrite');
  let sb: Sandbox = ctx.sb;
  for (const o of res.targets.found) {
    const r = updateObject(sb, o, ed, parsed.changes, overwrite, ctx.env.now);
    if (!r.ok) { out.fail(r.error); continue; }
    for (const n of r.notes) out.out(n);
    out.out(`${qualifiedName(o)} ${r.verb}${dry.mode !== 'none' ? ` (${dry.mode === 'client' ? 'dry run' : 'server dry run'})` : ''}`);
    if (dry.mode === 'none') sb = r.sandbox;
  }
  for (const m of res.targets.missing) out.fail(m);
  return out.result(sb);
}

function updateObject(sb: Sandbox, o: StoredObject, ed: MetaEditor, changes: readonly MetaChange[], overwrite: boolean, now: string):
  { ok: true; sandbox: Sandbox; verb: string; notes: string[] } | { ok: false; error: string } {
  const meta = obj(o.manifest.metadata);
  const r = ed.update(obj(meta[ed.field]) as Record<string, string>, changes, overwrite);
  if (!r.ok) return r;
  if (!r.changed) return { ok: true, sandbox: sb, verb: r.verb, notes: r.notes };
  const raw = { ...o.manifest, metadata: { ...meta, [ed.field]: r.map } };
  const res = admitRaw(sb, raw, o.namespace || 'default', { mode: 'update', now });
  if (!res.ok) return res;
  return { ok: true, sandbox: reconcile(res.sandbox, now), verb: r.verb, notes: r.notes };
}
