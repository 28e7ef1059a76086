// -f FILE|DIR|- : reading manifests through the injected file system and validating them.
import { manifestTextProblem, MAX_INPUT_OBJECTS, tooManyObjects } from '../content/input-limits.ts';
import { formatError, parseManifests, type ManifestObject } from '../content/manifests.ts';
import { didYouMean } from '../content/suggest.ts';
import { isObjectKind } from './admit.ts';
import type { Ctx } from './context.ts';
import { obj, str } from './json.ts';
import type { ObjectKind } from './sandbox.ts';

export interface FileObject {
  readonly mo: ManifestObject;
  readonly file: string;
  readonly kind: ObjectKind;
  readonly namespace: string;
  readonly name: string;
}

export type LoadFiles = { ok: true; objects: FileObject[]; warnings: string[] } | { ok: false; error: string };

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

/** Parses manifest text into objects for the sandbox; every problem becomes a kubectl-style error. */
export function parseFileText(text: string, file: string, namespace: string, namespaceSet: boolean): LoadFiles {
  const tooBig = manifestTextProblem(text); // before the YAML parser: see input-limits.ts
  if (tooBig) return { ok: false, error: `error: ${file}: ${tooBig}` };
  const res = parseManifests(text, file, namespace);
  if (!res.ok) return { ok: false, error: res.errors.map((e) => `error: ${formatError(e)}`).join('\n') };
  const warnings: string[] = [];
  const errors: string[] = [];
  for (const w of res.value.warnings) {
    const m = /^(.*?): skipping (\S+) \((.*)\): not simulated/.exec(w);
    if (!m) { warnings.push(w); continue; }
    const [, where, kind, apiVersion] = m;
    if (REAL_KINDS.includes(kind)) { warnings.push(`Warning: ${where}: skipping ${kind}: netpol-dojo does not simulate ${kind} objects`); continue; }
    const hint = didYouMean(kind, SIMULATED);
    errors.push(`error: ${where}: resource mapping not found: no matches for kind "${kind}" in version "${apiVersion}"${hint ? ` (did you mean "${hint}"?)` : '\nensure CRDs are installed first'}`);
  }
  if (res.value.objects.length > MAX_INPUT_OBJECTS) return { ok: false, error: `error: ${file}: ${tooManyObjects(res.value.objects.length)}` };
  const objects: FileObject[] = [];
  for (const mo of res.value.objects) {
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
  if (errors.length) return { ok: false, error: errors.join('\n') };
  return { ok: true, objects, warnings };
}

export function loadFileObjects(ctx: Ctx, paths: readonly string[]): LoadFiles {
  const texts = readTexts(ctx, paths);
  if (!texts.ok) return texts;
  const objects: FileObject[] = [];
  const warnings: string[] = [];
  for (const f of texts.files) {
    const res = parseFileText(f.text, f.file, ctx.namespace, ctx.namespaceSet);
    if (!res.ok) return res;
    if (objects.length + res.objects.length > MAX_INPUT_OBJECTS) return { ok: false, error: `error: ${tooManyObjects(objects.length + res.objects.length)}` };
    for (const o of res.objects) objects.push(o);
    for (const w of res.warnings) warnings.push(w);
  }
  if (objects.length === 0 && warnings.length === 0) return { ok: false, error: `error: no objects passed to ${ctx.verb}` };
  return { ok: true, objects, warnings };
}
