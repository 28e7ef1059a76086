// kubectl annotate: key=value adds (any value; --overwrite to change one), key- removes; always "annotated".
import type { Ctx } from './context.ts';
import { runMetaEdit, type MetaChange, type MetaEditor, type MetaOutcome } from './meta-edit.ts';
import type { KubectlResult } from './output.ts';

/** kubectl's KEY=VALUE (split at the first "=") and KEY- pairs; a key both set and removed is refused. */
export function parseAnnotationArgs(args: readonly string[]): { ok: true; changes: MetaChange[] } | { ok: false; error: string } {
  const changes: MetaChange[] = [];
  const invalid: string[] = [];
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) changes.push({ kind: 'set', key: a.slice(0, eq), value: a.slice(eq + 1) });
    else if (a.endsWith('-') && a !== '-') changes.push({ kind: 'remove', key: a.slice(0, -1) });
    else invalid.push(a);
  }
  if (invalid.length) return { ok: false, error: `error: invalid annotation format: ${invalid.join(', ')}` };
  const setKeys = new Set(changes.filter((c) => c.kind === 'set').map((c) => c.key));
  const both = changes.filter((c) => c.kind === 'remove' && setKeys.has(c.key)).map((c) => c.key);
  if (both.length) return { ok: false, error: `error: can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}` };
  return { ok: true, changes };
}

function updateAnnotations(current: Readonly<Record<string, string>>, changes: readonly MetaChange[], overwrite: boolean): MetaOutcome {
  const map = { ...current };
  if (!overwrite) {
    const conflicts = changes.filter((c) => c.kind === 'set' && c.key !== 'kubernetes.io/change-cause' && Object.hasOwn(map, c.key) && map[c.key] !== c.value)
      .map((c) => `'${c.key}' already has a value (${map[c.key]})`);
    if (conflicts.length) return { ok: false, error: `error: --overwrite is false but found the following declared annotation(s): ${conflicts.join('; ')}` };
  }
  let changed = false;
  for (const c of changes) {
    if (c.kind === 'set') { changed ||= map[c.key] !== c.value; map[c.key] = c.value; } else if (Object.hasOwn(map, c.key)) { delete map[c.key]; changed = true; }
  }
  return { ok: true, map, verb: 'annotated', notes: [], changed };
}

const ANNOTATE: MetaEditor = { field: 'annotations', noChanges: 'error: at least one annotation update is required', parse: parseAnnotationArgs, update: updateAnnotations };

export function runAnnotate(ctx: Ctx): KubectlResult {
  return runMetaEdit(ctx, ANNOTATE);
}
