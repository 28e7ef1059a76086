// kubectl edit: the object's YAML goes to an editor (the caller spawns it); finishEdit() applies the
// saved text, or hands it back with the errors on top like kubectl reopening the editor.
import { admit } from './admit.ts';
import type { Ctx, KubectlEnv } from './context.ts';
import { parseFileText } from './files.ts';
import { hash32 } from './ids.ts';
import { Out, listOf, toJson, toYaml, type EditRequest, type KubectlResult } from './output.ts';
import { flagValue } from './parse-args.ts';
import { qualifiedName, serverName, type Sandbox } from './sandbox.ts';
import { resolveTargets } from './targets.ts';
import { reconcile } from './workloads.ts';

const HEADER = [
  "# Please edit the object below. Lines beginning with a '#' will be ignored,",
  '# and an empty file will abort the edit. If an error occurs while saving this file will be',
  '# reopened with the relevant failures.',
  '#',
];

function stripComments(text: string): string {
  return text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');
}

export function runEdit(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const format = flagValue(ctx.args, 'output') ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') { out.fail(`error: the flag 'output' must be one of yaml|json`); return out.result(ctx.sb); }
  const res = resolveTargets(ctx, { needName: true });
  if (!res.ok) { out.fail(res.error); return out.result(ctx.sb); }
  for (const m of res.targets.missing) out.fail(m);
  const found = res.targets.found;
  if (found.length === 0) return out.result(ctx.sb);
  const value = found.length === 1 ? found[0].manifest : listOf(found.map((o) => o.manifest));
  const body = format === 'json' ? toJson(value) : toYaml(value);
  const text = `${HEADER.join('\n')}\n${body}`;
  const file = `/tmp/kubectl-edit-${hash32(text).toString().slice(0, 10)}.${format}`;
  const edit: EditRequest = { text, original: text, file, targets: found.map((o) => ({ kind: o.kind, namespace: o.namespace, name: o.name })) };
  return out.result(ctx.sb, edit);
}

function reopen(sb: Sandbox, req: EditRequest, edited: string, problems: readonly string[], what: string): KubectlResult {
  const body = stripComments(edited).replace(/^\n+/, '');
  const errs = problems.flatMap((p) => p.split('\n')).map((l) => `# * ${l}`);
  const text = `${HEADER.join('\n')}\n# ${what} was not valid:\n${errs.join('\n')}\n#\n${body}`;
  return { sandbox: sb, stdout: '', stderr: '', exitCode: 0, edit: { ...req, text, original: text } };
}

/** Applies the text the user saved in the editor. */
export function finishEdit(sb: Sandbox, req: EditRequest, editedText: string, env: KubectlEnv): KubectlResult {
  const out = new Out();
  const content = stripComments(editedText);
  if (content.trim() === '' ) { out.out('Edit cancelled, no changes made.'); return out.result(sb); }
  if (editedText === req.original) {
    if (req.original !== req.text || /^# .* was not valid:$/m.test(req.original)) {
      out.fail(`A copy of your changes has been stored to "${req.file}"\nerror: Edit cancelled, no valid changes were saved.`);
      return out.result(sb);
    }
    out.out('Edit cancelled, no changes made.');
    return out.result(sb);
  }
  const target = req.targets[0];
  const what = target ? serverName(target) : 'the object';
  const parsed = parseFileText(content, req.file, target?.namespace || 'default', false);
  if (!parsed.ok) return reopen(sb, req, editedText, [parsed.error.replace(/^error: /gm, '')], what);
  const objects = parsed.objects;
  for (const fo of objects) {
    if (!req.targets.some((t) => t.kind === fo.kind && t.name === fo.name && (t.namespace === fo.namespace || fo.kind === 'Namespace'))) {
      return reopen(sb, req, editedText, ['At least one of apiVersion, kind and name was changed'], what);
    }
  }
  let next = sb;
  const lines: string[] = [];
  for (const fo of objects) {
    const res = admit(next, fo.mo, { mode: 'update', now: env.now });
    if (!res.ok) return reopen(sb, req, editedText, [res.error], serverName(fo));
    if (res.action === 'unchanged') continue;
    next = reconcile(res.sandbox, env.now);
    lines.push(`${qualifiedName(fo)} edited`);
  }
  if (lines.length === 0) { out.out('Edit cancelled, no changes made.'); return out.result(sb); }
  for (const l of lines) out.out(l);
  return out.result(next);
}
