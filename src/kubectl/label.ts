// kubectl label: key=value adds or (with --overwrite) changes, key- removes.
import type { Ctx } from './context.ts';
import { runMetaEdit, type MetaChange, type MetaEditor, type MetaOutcome } from './meta-edit.ts';
import type { KubectlResult } from './output.ts';
import { quoteValue } from '../content/control-text.ts';
import { isValidLabelValue } from '../content/k8s-names.ts';

/**
 * kubectl's own checks of KEY=VALUE and KEY- arguments: the value's syntax (like kubectl, which leaves the
 * key to the API server: a bad key comes back as the server's "metadata.labels: Invalid value").
 */
export function parseLabelArgs(args: readonly string[]): { ok: true; changes: MetaChange[] } | { ok: false; error: string } {
  const changes: MetaChange[] = [];
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

function updateLabels(current: Readonly<Record<string, string>>, changes: readonly MetaChange[], overwrite: boolean): MetaOutcome {
  const labels = { ...current };
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
  const changed = added || removed;
  return { ok: true, map: labels, verb: !changed ? 'not labeled' : added ? 'labeled' : 'unlabeled', notes, changed };
}

const LABEL: MetaEditor = { field: 'labels', noChanges: 'error: at least one label update is required', parse: parseLabelArgs, update: updateLabels };

export function runLabel(ctx: Ctx): KubectlResult {
  return runMetaEdit(ctx, LABEL);
}
