// kubectl explain for NetworkPolicy, offline.
import { didYouMean } from '../content/suggest.ts';
import type { Ctx } from './context.ts';
import { NETWORK_POLICY_DOC, type FieldDoc } from './explain-docs.ts';
import type { KubectlResult } from './output.ts';
import { flagBool } from './parse-args.ts';
import { lookupType } from './resources.ts';

function wrap(text: string, indent: string, width = 76): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    if (para.trim() === '') { out.push(''); continue; }
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + word.length + 1 > width) { out.push(indent + line); line = word; } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out;
}

function fieldHead(f: FieldDoc, indent: string): string {
  return `${indent}${f.name}\t<${f.type}>${f.required ? ' -required-' : ''}`;
}

function recursiveLines(fields: readonly FieldDoc[], indent: string): string[] {
  return fields.flatMap((f) => [fieldHead(f, indent), ...recursiveLines(f.fields ?? [], `${indent}  `)]);
}

export function explainText(path: readonly string[], recursive: boolean): { ok: true; text: string } | { ok: false; error: string } {
  let node: FieldDoc = NETWORK_POLICY_DOC;
  const walked: string[] = [];
  for (const seg of path) {
    const next = (node.fields ?? []).find((f) => f.name === seg);
    if (!next) {
      const hint = didYouMean(seg, (node.fields ?? []).map((f) => f.name));
      return { ok: false, error: `error: field "${seg}" does not exist${hint ? `\n\nDid you mean this?\n\t${hint}` : ''}` };
    }
    node = next;
    walked.push(seg);
  }
  const lines = ['GROUP:      networking.k8s.io', 'KIND:       NetworkPolicy', 'VERSION:    v1', ''];
  if (walked.length) lines.push(`FIELD: ${node.name} <${node.type}>${node.required ? ' -required-' : ''}`, '');
  lines.push('DESCRIPTION:', ...wrap(node.description, '    '), '');
  if (node.fields?.length) {
    lines.push('FIELDS:');
    if (recursive) lines.push(...recursiveLines(node.fields, '  '));
    else for (const f of node.fields) lines.push(fieldHead(f, '  '), ...wrap(f.description, '    '), '');
  }
  return { ok: true, text: `${lines.join('\n').replace(/\n+$/, '')}\n\n` };
}

export function runExplain(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const arg = ctx.args.positionals[0];
  if (!arg) { out.fail("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nSee 'kubectl explain -h' for help and examples"); return out.result(ctx.sb); }
  const [typeText, ...path] = arg.split('.');
  const lt = lookupType(typeText);
  if (!lt.ok) { out.fail(lt.error); return out.result(ctx.sb); }
  if (lt.type.kind !== 'NetworkPolicy') {
    out.fail(`error: netpol-dojo explains networkpolicies only (try: kubectl explain networkpolicy.spec, or the official docs for ${lt.type.plural})`);
    return out.result(ctx.sb);
  }
  const res = explainText(path, flagBool(ctx.args, 'recursive'));
  if (!res.ok) { out.fail(res.error); return out.result(ctx.sb); }
  out.out(res.text);
  return out.result(ctx.sb);
}
