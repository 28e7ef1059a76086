// -f FILE|DIR|- : reading manifests through the injected file system and validating them.
import { manifestTextProblem, MAX_INPUT_OBJECTS, tooManyObjects } from '../content/input-limits.ts';
import { readManifestDocs } from '../content/manifest-docs.ts';
import { formatError, parseManifests, type ManifestObject, type ParsedManifests } from '../content/manifests.ts';
import { didYouMean } from '../content/suggest.ts';
import { isObjectKind } from './admit.ts';
import type { Ctx } from './context.ts';
import { chunkAt, documentChunks, rejectDoc } from './doc-reject.ts';
import { mappingError, yamlSyntaxError, type CommandError, type RejectedDoc, type Validate } from './doc-errors.ts';
import { obj, str } from './json.ts';
import type { ObjectKind } from './sandbox.ts';

export interface FileObject {
  readonly mo: ManifestObject;
  readonly file: string;
  readonly kind: ObjectKind;
  readonly namespace: string;
  readonly name: string;
}

export type LoadFiles =
  | { ok: true; objects: FileObject[]; entries: (FileObject | RejectedDoc)[]; warnings: string[]; errors: CommandError[] }
  | { ok: false; error: string };

const MANIFEST_EXT = /\.(ya?ml|json)$/i;

/** Kinds a real cluster has that the simulator skips with a warning instead of failing. */
const REAL_KINDS = ['ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'Ingress',
  'IngressClass', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'LimitRange', 'ResourceQuota', 'HorizontalPodAutoscaler',
  'PodDisruptionBudget', 'PriorityClass', 'EndpointSlice', 'Endpoints', 'CustomResourceDefinition', 'ReplicationController', 'Lease', 'RuntimeClass'];
const SIMULATED = ['Namespace', 'Pod', 'Service', 'NetworkPolicy', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

function readTexts(ctx: Ctx, paths: readonly string[]): { ok: true; files: { file: string; text: string }[] } | { ok: false; error: string } {
  const files: { file: string; text: string }[] = [];
  for (const p of paths) {
    if (p === '-') { files.push({ file: 'STDIN', text: ctx.env.stdin ?? '' }); continue; }
    const entries = ctx.env.listDir?.(p);
    if (entries) {
      for (const name of entries.filter((n) => MANIFEST_EXT.test(n)).sort()) {
        const full = `${p.replace(/\/+$/, '')}/${name}`;
        const text = ctx.env.readFile?.(full);
        if (text !== undefined) files.push({ file: full, text });
      }
      continue;
    }
    const text = ctx.env.readFile?.(p);
    if (text === undefined) return { ok: false, error: `error: the path "${p}" does not exist` };
    files.push({ file: p, text });
  }
  return { ok: true, files };
}

export interface ParseOptions {
  /** Apply-style: each rejected document is a value for the write step, the others still go in. */
  readonly perObject?: boolean;
  readonly validate?: Validate;
}

interface Collected { objects: FileObject[]; warnings: string[]; errors: string[]; mapping: CommandError[] }

function collect(value: ParsedManifests, text: string, file: string, namespace: string, namespaceSet: boolean, perObject: boolean): Collected {
  const warnings: string[] = [];
  const errors: string[] = [];
  const mapping: CommandError[] = [];
  for (const w of value.warnings) {
    const m = /^(.*?): skipping (\S+) \((.*)\): not simulated/.exec(w);
    if (!m) { warnings.push(w); continue; }
    const [, where, kind, apiVersion] = m;
    if (REAL_KINDS.includes(kind)) { warnings.push(`Warning: ${where}: skipping ${kind}: netpol-dojo does not simulate ${kind} objects`); continue; }
    const hint = didYouMean(kind, SIMULATED);
    if (perObject) {
      const doc = readManifestDocs(text).map((d) => obj(d.value)).find((d) => d.kind === kind && d.apiVersion === apiVersion);
      const meta = obj(doc?.metadata);
      mapping.push(mappingError(str(meta.name) ?? '', str(meta.namespace) ?? '', file, kind, apiVersion, hint ? `${where}: did you mean "${hint}"?` : undefined));
      continue;
    }
    errors.push(`error: ${where}: resource mapping not found: no matches for kind "${kind}" in version "${apiVersion}"${hint ? ` (did you mean "${hint}"?)` : '\nensure CRDs are installed first'}`);
  }
  const objects: FileObject[] = [];
  for (const mo of value.objects) {
    const raw = obj(mo.raw);
    const kind = raw.kind;
    if (!isObjectKind(kind)) { errors.push(`error: ${formatError({ ...mo.source, message: `kind "${String(kind)}" is not simulated` })}`); continue; }
    const meta = obj(raw.metadata);
    const own = str(meta.namespace);
    if (kind !== 'Namespace' && own && namespaceSet && own !== namespace) {
      errors.push(`error: the namespace from the provided object "${own}" does not match the namespace "${namespace}". You must pass '--namespace=${own}' to perform this operation.`);
      continue;
    }
    objects.push({ mo, file, kind, namespace: kind === 'Namespace' ? '' : own ?? namespace, name: String(meta.name) });
  }
  return { objects, warnings, errors, mapping };
}

/** Parses manifest text into objects for the sandbox; every problem becomes a kubectl-style error. */
export function parseFileText(text: string, file: string, namespace: string, namespaceSet: boolean, opts: ParseOptions = {}): LoadFiles {
  const tooBig = manifestTextProblem(text); // before the YAML parser: see input-limits.ts
  if (tooBig) return { ok: false, error: `error: ${file}: ${tooBig}` };
  const perObject = opts.perObject ?? false;
  const res = parseManifests(text, file, namespace);
  if (!res.ok && !perObject) return { ok: false, error: res.errors.map((e) => `error: ${formatError(e)}`).join('\n') };
  const entries: (FileObject | RejectedDoc)[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  const mapping: CommandError[] = [];
  const add = (c: Collected) => {
    entries.push(...c.objects); warnings.push(...c.warnings); errors.push(...c.errors); mapping.push(...c.mapping);
  };
  if (res.ok) add(collect(res.value, text, file, namespace, namespaceSet, perObject));
  else {
    const syntax = res.errors.find((e) => e.message.startsWith('error converting YAML to JSON'));
    if (syntax) return { ok: false, error: yamlSyntaxError(file, syntax.line, syntax.message) };
    // The documents without errors in one parse (the others blanked, so lines stay those of the file),
    // then each failing document on its own; entries keep the file's order.
    const chunks = documentChunks(text);
    const bad = new Set(res.errors.map((e) => chunkAt(chunks, e.line)));
    const kept = chunks.flatMap((c, i) => (bad.has(i) ? c.lines.map(() => '') : c.lines)).join('\n');
    const good = parseManifests(kept, file, namespace);
    if (!good.ok) return { ok: false, error: good.errors.map((e) => `error: ${formatError(e)}`).join('\n') };
    const ordered: { line: number; entry: FileObject | RejectedDoc }[] = [];
    const addAt = (c: Collected, line?: number) => {
      for (const o of c.objects) ordered.push({ line: line ?? o.mo.source.line, entry: o });
      add({ ...c, objects: [] });
    };
    addAt(collect(good.value, kept, file, namespace, namespaceSet, perObject));
    for (const i of [...bad].sort((x, y) => x - y)) {
      const c = chunks[i];
      const chunk = c.lines.join('\n');
      const one = parseManifests(chunk, file, namespace);
      if (one.ok) { addAt(collect(one.value, chunk, file, namespace, namespaceSet, perObject), c.start + 1); continue; }
      const errs = one.errors.map((e) => ({ ...e, line: e.line + c.start }));
      const r = rejectDoc(chunk, errs, file, namespace, opts.validate ?? 'strict');
      if (r.kind === 'fatal') return { ok: false, error: r.error };
      if (r.kind === 'mapping') { mapping.push(r.error); continue; }
      if (r.kind === 'rejected') { ordered.push({ line: c.start + 1, entry: r.doc }); continue; }
      warnings.push(...r.warnings);
      addAt(collect(r.value, chunk, file, namespace, namespaceSet, perObject), c.start + 1);
    }
    entries.push(...ordered.sort((x, y) => x.line - y.line).map((o) => o.entry));
  }
  const objects = entries.filter((e): e is FileObject => !('rejected' in e));
  if (objects.length > MAX_INPUT_OBJECTS) return { ok: false, error: `error: ${file}: ${tooManyObjects(objects.length)}` };
  if (errors.length) return { ok: false, error: errors.join('\n') };
  if (!perObject && mapping.length) return { ok: false, error: mapping.map((m) => m.alone).join('\n') };
  return { ok: true, objects, entries, warnings, errors: mapping };
}

export function loadFileObjects(ctx: Ctx, paths: readonly string[], opts: ParseOptions = {}): LoadFiles {
  const texts = readTexts(ctx, paths);
  if (!texts.ok) return texts;
  const objects: FileObject[] = [];
  const entries: (FileObject | RejectedDoc)[] = [];
  const warnings: string[] = [];
  const errors: CommandError[] = [];
  for (const f of texts.files) {
    const res = parseFileText(f.text, f.file, ctx.namespace, ctx.namespaceSet, opts);
    if (!res.ok) return res;
    if (objects.length + res.objects.length > MAX_INPUT_OBJECTS) return { ok: false, error: `error: ${tooManyObjects(objects.length + res.objects.length)}` };
    objects.push(...res.objects); entries.push(...res.entries); warnings.push(...res.warnings); errors.push(...res.errors);
  }
  if (entries.length === 0 && warnings.length === 0 && errors.length === 0) return { ok: false, error: `error: no objects passed to ${ctx.verb}` };
  return { ok: true, objects, entries, warnings, errors };
}
