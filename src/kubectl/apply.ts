// apply -f, create -f, replace -f, and the lesson helper applyManifestText.
import { admit, LAST_APPLIED, type AdmitMode } from './admit.ts';
import { applyPatchIsEmpty } from './apply-diff.ts';
import type { Ctx } from './context.ts';
import { plainError, renderRejected, validateOf, type CommandError, type RejectedDoc } from './doc-errors.ts';
import { loadFileObjects, parseFileText, type FileObject } from './files.ts';
import { obj, sortKeys } from './json.ts';
import { toJson, toYaml, type KubectlResult, Out } from './output.ts';
import { flagValue } from './parse-args.ts';
import { findObject, qualifiedName, type JsonObject, type Sandbox } from './sandbox.ts';
import { reconcile } from './workloads.ts';

export type DryRun = 'none' | 'client' | 'server';

export function dryRunOf(ctx: Ctx): { ok: true; mode: DryRun } | { ok: false; error: string } {
  const v = flagValue(ctx.args, 'dry-run');
  if (v === undefined || v === 'none' || v === 'false') return { ok: true, mode: 'none' };
  if (v === '' || v === 'client' || v === 'true') return { ok: true, mode: 'client' };
  if (v === 'server') return { ok: true, mode: 'server' };
  return { ok: false, error: `error: Invalid dry-run value (${v}). Must be "none", "server", or "client".` };
}

/** The user's object as apply records it in the last-applied annotation. */
function lastApplied(raw: JsonObject): string {
  const meta = { ...obj(raw.metadata), annotations: { ...obj(obj(raw.metadata).annotations) } };
  return `${JSON.stringify(sortKeys({ ...raw, metadata: meta }))}\n`;
}

/** The configuration the previous apply recorded on the live object (undefined: never applied). */
function lastAppliedOf(manifest: JsonObject): unknown {
  const text = obj(obj(manifest.metadata).annotations)[LAST_APPLIED];
  if (typeof text !== 'string') return undefined;
  try { return JSON.parse(text); } catch { return undefined; }
}

function withLastApplied(fo: FileObject): FileObject {
  const raw = obj(fo.mo.raw);
  const meta = obj(raw.metadata);
  const annotations = { ...obj(meta.annotations), [LAST_APPLIED]: lastApplied(raw) };
  return { ...fo, mo: { ...fo.mo, raw: { ...raw, metadata: { ...meta, annotations } } } };
}

export interface WriteOutcome { sandbox: Sandbox; lines: string[]; errors: CommandError[]; written: JsonObject[] }

/** kubectl prints one error on its own; several as a list, each in its "Error from server (Reason): …" form. */
export function errorTexts(errors: readonly CommandError[]): string[] {
  return errors.length === 1 ? [errors[0].alone] : errors.map((e) => e.among);
}

function verbFor(mode: AdmitMode, exists: boolean): string {
  return mode === 'replace' ? 'replacing' : mode === 'update' ? 'updating' : exists && mode === 'apply' ? 'patching' : 'creating';
}

/** Writes objects one by one like kubectl: an object that fails is reported and the others still go in. */
export function writeObjects(sb0: Sandbox, objects: readonly (FileObject | RejectedDoc)[], mode: AdmitMode, now: string, dryRun: DryRun, before: readonly CommandError[] = []): WriteOutcome {
  let sb = sb0;
  const lines: string[] = [];
  const errors: CommandError[] = [...before];
  const written: JsonObject[] = [];
  const suffix = dryRun === 'none' ? '' : ` (${dryRun === 'client' ? 'dry run' : 'server dry run'})`;
  for (const fo0 of objects) {
    if ('rejected' in fo0) { errors.push(renderRejected(fo0, verbFor(mode, findObject(sb, fo0) !== undefined))); continue; }
    const fo = mode === 'apply' ? withLastApplied(fo0) : fo0;
    if (dryRun === 'client') {
      const existing = findObject(sb, fo);
      lines.push(`${qualifiedName(fo)} ${mode === 'replace' ? 'replaced' : existing && mode === 'apply' ? 'configured' : 'created'}${suffix}`);
      written.push(obj(fo.mo.raw));
      continue;
    }
    const before = mode === 'apply' ? findObject(sb, fo) : undefined;
    const res = admit(sb, fo.mo, { mode, now, file: fo.file });
    if (!res.ok) { errors.push(plainError(res.error)); continue; }
    const next = reconcile(res.sandbox, now);
    // kubectl says "unchanged" only when its patch is empty; a patch that changes nothing still says "configured".
    const action = res.action === 'unchanged' && before && !applyPatchIsEmpty(lastAppliedOf(before.manifest), obj(fo.mo.raw), before.manifest) ? 'configured' : res.action;
    lines.push(`${qualifiedName(res.ref)} ${action}${suffix}`);
    written.push(findObject(next, res.ref)?.manifest ?? {});
    if (dryRun === 'none') sb = next;
  }
  return { sandbox: sb, lines, errors, written };
}

function runFileWrite(ctx: Ctx, mode: AdmitMode): KubectlResult {
  const out = ctx.out;
  const files = ctx.args.flags.get('filename');
  if (!files || files.length === 0) {
    out.fail(mode === 'apply' ? 'error: must specify one of -f and -k' : mode === 'replace' ? 'error: must specify --filename to replace' : 'error: must specify one of -f and -k');
    return out.result(ctx.sb);
  }
  const dry = dryRunOf(ctx);
  if (!dry.ok) { out.fail(dry.error); return out.result(ctx.sb); }
  const validate = validateOf(flagValue(ctx.args, 'validate'));
  if (!validate.ok) { out.fail(validate.error); return out.result(ctx.sb); }
  const loaded = loadFileObjects(ctx, files, { perObject: true, validate: validate.mode });
  if (!loaded.ok) { out.fail(loaded.error); return out.result(ctx.sb); }
  for (const w of loaded.warnings) out.err(w);
  const res = writeObjects(ctx.sb, loaded.entries, mode, ctx.env.now, dry.mode, loaded.errors);
  const format = flagValue(ctx.args, 'output');
  if (format === 'yaml' || format === 'json') {
    const value = res.written.length === 1 ? res.written[0] : { apiVersion: 'v1', items: res.written, kind: 'List', metadata: { resourceVersion: '' } };
    out.out(format === 'yaml' ? toYaml(value) : toJson(value));
  } else if (format === 'name') {
    for (const l of res.lines) out.out(l.split(' ')[0]);
  } else {
    for (const l of res.lines) out.out(l);
  }
  for (const e of errorTexts(res.errors)) out.fail(e);
  return out.result(res.sandbox);
}

export const runApply = (ctx: Ctx) => runFileWrite(ctx, 'apply');
export const runCreateFromFiles = (ctx: Ctx) => runFileWrite(ctx, 'create');
export const runReplace = (ctx: Ctx) => runFileWrite(ctx, 'replace');

/**
 * kubectl apply of manifest text (lessons and exercises). All or nothing: if any object fails, the
 * sandbox is returned unchanged with every error.
 */
export function applyManifestText(sb: Sandbox, text: string, file: string, now: string):
  { ok: true; sandbox: Sandbox; output: string } | { ok: false; error: string } {
  const parsed = parseFileText(text, file, 'default', false, { perObject: true });
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const res = writeObjects(sb, parsed.entries, 'apply', now, 'none', parsed.errors);
  if (res.errors.length) return { ok: false, error: errorTexts(res.errors).join('\n') };
  const out = new Out();
  for (const w of parsed.warnings) out.out(w);
  for (const l of res.lines) out.out(l);
  return { ok: true, sandbox: res.sandbox, output: out.stdout };
}
