// Resolving the objects a command acts on: TYPE NAME..., TYPE/NAME..., -f FILE, -l SELECTOR, --all.
import type { Ctx } from './context.ts';
import { loadFileObjects } from './files.ts';
import { obj } from './json.ts';
import { parseSelector, selectorMatches } from './labelsel.ts';
import { flagBool, flagValue } from './parse-args.ts';
import { lookupType, RESOURCE_TYPES, ALL_KINDS, type ResourceType } from './resources.ts';
import { findObject, type ObjectKind, type StoredObject } from './sandbox.ts';

export interface Targets {
  readonly found: StoredObject[];
  /** NotFound messages for named objects that do not exist. */
  readonly missing: string[];
}

export type TargetResult = { ok: true; targets: Targets; types: ResourceType[] } | { ok: false; error: string };

function storedKind(t: ResourceType): ObjectKind | undefined {
  return t.kind === 'Endpoints' || t.kind === 'Node' || t.kind === 'Event' ? undefined : t.kind;
}

function notFound(t: ResourceType, name: string): string {
  return `Error from server (NotFound): ${t.plural}${t.group ? `.${t.group}` : ''} "${name}" not found`;
}

/** `opts.needName`: a bare TYPE without names, -l or --all is an error (delete, label, edit). */
export function resolveTargets(ctx: Ctx, opts: { needName: boolean; positionals?: readonly string[] }): TargetResult {
  const pos = opts.positionals ?? ctx.args.positionals;
  const files = ctx.args.flags.get('filename');
  const allNs = flagBool(ctx.args, 'all-namespaces');
  const found: StoredObject[] = [];
  const missing: string[] = [];
  const types: ResourceType[] = [];
  const add = (t: ResourceType, ns: string, name: string) => {
    const kind = storedKind(t);
    const o = kind ? findObject(ctx.sb, { kind, namespace: t.namespaced ? ns : '', name }) : undefined;
    if (o) { if (!found.includes(o)) found.push(o); } else missing.push(notFound(t, name));
  };
  if (files) {
    const loaded = loadFileObjects(ctx, files);
    if (!loaded.ok) return loaded;
    for (const fo of loaded.objects) {
      const t = RESOURCE_TYPES.find((r) => r.kind === fo.kind)!;
      types.push(t);
      add(t, fo.namespace, fo.name);
    }
    return { ok: true, targets: { found, missing }, types };
  }
  if (pos.length === 0) {
    return { ok: false, error: `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'` };
  }
  if (pos[0].includes('/')) {
    for (const p of pos) {
      const [tn, name] = p.split('/', 2);
      if (!name) return { ok: false, error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'` };
      const lt = lookupType(tn);
      if (!lt.ok) return lt;
      types.push(lt.type);
      add(lt.type, ctx.namespace, name);
    }
    return { ok: true, targets: { found, missing }, types };
  }
  for (const tn of pos[0].split(',').filter(Boolean)) {
    if (tn.toLowerCase() === 'all') { for (const k of ALL_KINDS) types.push(RESOURCE_TYPES.find((r) => r.kind === k)!); continue; }
    const lt = lookupType(tn);
    if (!lt.ok) return lt;
    types.push(lt.type);
  }
  const names = pos.slice(1);
  const selText = flagValue(ctx.args, 'selector');
  const all = flagBool(ctx.args, 'all');
  if (names.length > 0) {
    for (const t of types) for (const n of names) add(t, ctx.namespace, n);
    return { ok: true, targets: { found, missing }, types };
  }
  if (selText === undefined && !all && opts.needName) {
    return { ok: false, error: 'error: resource(s) were provided, but no name was specified' };
  }
  const sel = parseSelector(selText ?? '');
  if (!sel.ok) return sel;
  for (const t of types) {
    const kind = storedKind(t);
    if (!kind) continue;
    for (const o of ctx.sb.objects) {
      if (o.kind !== kind) continue;
      if (t.namespaced && !allNs && o.namespace !== ctx.namespace) continue;
      if (o.ownedBy && opts.needName && all && kind === 'ReplicaSet') continue;
      if (!selectorMatches(sel.terms, obj(obj(o.manifest.metadata).labels) as Record<string, string>)) continue;
      found.push(o);
    }
  }
  return { ok: true, targets: { found, missing }, types };
}
