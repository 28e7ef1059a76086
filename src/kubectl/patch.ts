// kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]: the patched object goes through the same
// admission as apply/edit/label (validation, defaults, resourceVersion bump).
import { parse as parseYaml } from 'yaml';
import { admitRaw } from './admit.ts';
import { dryRunOf } from './apply.ts';
import type { Ctx } from './context.ts';
import { isObject, obj } from './json.ts';
import { toJson, toYaml, type KubectlResult } from './output.ts';
import { flagValue } from './parse-args.ts';
import { jsonPatch, mergePatch, strategicPatch, type PatchResult } from './patch-ops.ts';
import { findObject, qualifiedName, type JsonObject } from './sandbox.ts';
import { resolveTargets } from './targets.ts';
import { reconcile } from './workloads.ts';

const TYPES = ['json', 'merge', 'strategic'];

/** The patch text as JSON: kubectl accepts JSON or YAML. */
function parsePatchText(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    try {
      const v: unknown = parseYaml(text);
      if (v === null || v === undefined || typeof v !== 'object') throw new Error('did not find expected node content');
      return { ok: true, value: v };
    } catch (e) {
      const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
      return { ok: false, error: `error: unable to parse "${text}": yaml: ${msg}` };
    }
  }
}

export function runPatch(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const fail = (m: string) => { out.fail(m); return out.result(ctx.sb); };
  const type = flagValue(ctx.args, 'type') ?? 'strategic';
  if (!TYPES.includes(type)) return fail(`error: --type must be one of [json merge strategic], not "${type}"`);
  const format = flagValue(ctx.args, 'output');
  if (format !== undefined && !['yaml', 'json', 'name'].includes(format)) {
    return fail(`error: unable to match a printer suitable for the output format "${format}", allowed formats are: json,jsonpath,name,yaml`);
  }
  const inline = flagValue(ctx.args, 'patch');
  const file = flagValue(ctx.args, 'patch-file');
  if (inline !== undefined && file !== undefined) return fail('error: --patch and --patch-file are mutually exclusive');
  let text = inline;
  if (file !== undefined) {
    text = ctx.env.readFile?.(file);
    if (text === undefined) return fail(`error: unable to read patch file: open ${file}: no such file or directory`);
  }
  if (text === undefined || text.trim() === '') return fail('error: must specify --patch or --patch-file containing the contents of the patch');
  const dry = dryRunOf(ctx);
  if (!dry.ok) return fail(dry.error);
  const res = resolveTargets(ctx, { needName: true });
  if (!res.ok) return fail(res.error);
  if (res.targets.missing.length) return fail(res.targets.missing.join('\n'));
  if (res.targets.found.length !== 1) return fail('error: exactly one resource must be specified: TYPE NAME or TYPE/NAME');
  const o = res.targets.found[0];
  const parsed = parsePatchText(text);
  if (!parsed.ok) return fail(parsed.error);
  if (type !== 'json' && !isObject(parsed.value)) return fail(`error: unable to parse "${text}": json: cannot unmarshal array into Go value of type map[string]interface {}`);
  const patched: PatchResult = type === 'json' ? jsonPatch(o.manifest, parsed.value)
    : type === 'merge' ? { ok: true, value: mergePatch(o.manifest, parsed.value) } : strategicPatch(o.manifest, parsed.value);
  if (!patched.ok) {
    return fail(type === 'json' ? `error: unable to apply patch: ${patched.error}` : `Error from server: ${patched.error}`);
  }
  if (!isObject(patched.value)) return fail('error: unable to apply patch: the patched document is not an object');
  const raw = patched.value as JsonObject;
  const meta = obj(raw.metadata);
  if (meta.name !== o.name) return fail(`Error from server (BadRequest): the name of the object (${String(meta.name ?? '')}) does not match the name on the URL (${o.name})`);
  if (o.namespace && meta.namespace !== o.namespace) return fail('Error from server (BadRequest): the namespace of the provided object does not match the namespace sent on the request');
  if (raw.kind !== o.manifest.kind || raw.apiVersion !== o.manifest.apiVersion) {
    return fail(`Error from server (BadRequest): the kind or apiVersion of the object was changed by the patch; kind and apiVersion are immutable`);
  }
  const admitted = admitRaw(ctx.sb, raw, o.namespace || 'default', { mode: 'update', now: ctx.env.now });
  if (!admitted.ok) return fail(admitted.error);
  const unchanged = admitted.action === 'unchanged';
  const next = unchanged ? ctx.sb : reconcile(admitted.sandbox, ctx.env.now);
  const stored = findObject(next, admitted.ref)?.manifest ?? raw;
  const suffix = dry.mode === 'client' ? ' (dry run)' : dry.mode === 'server' ? ' (server dry run)' : unchanged ? ' (no change)' : '';
  if (format === 'yaml') out.out(toYaml(dry.mode === 'client' ? raw : stored));
  else if (format === 'json') out.out(toJson(dry.mode === 'client' ? raw : stored));
  else if (format === 'name') out.out(qualifiedName(o));
  else out.out(`${qualifiedName(o)} patched${suffix}`);
  return out.result(dry.mode === 'none' ? next : ctx.sb);
}
