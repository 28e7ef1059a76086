// kubectl get: tables (plain, -o wide, --show-labels, -A), -o yaml|json|name|jsonpath|custom-columns, --sort-by.
import { selectorText, labelsText, age, table } from './format.ts';
import { arr, obj } from './json.ts';
import type { Ctx } from './context.ts';
import { parseSelector, selectorMatches } from './labelsel.ts';
import { badOutput, listOf, nameForm, toJson, toYaml, type KubectlResult } from './output.ts';
import { flagBool, flagValue } from './parse-args.ts';
import { ALL_KINDS, lookupType, RESOURCE_TYPES, type ResourceType } from './resources.ts';
import { KUBE_VERSION, NODE_IP, type JsonObject, type Sandbox } from './sandbox.ts';
import { endpointAddresses, listItems, type Item } from './views.ts';
import { loadFileObjects } from './files.ts';
import { jsonPath } from './jsonpath.ts';
import { customColumnsTable, parseCustomColumns, sortByPath } from './columns.ts';
import { podColumns } from './pod-lifecycle.ts';

export interface Columns { header: string[]; row: (it: Item) => string[] }

/** What the column code reads: the cluster (endpoints) and the clock (ages). */
export interface ColumnView { readonly sb: Sandbox; readonly now: string }

function containersOf(m: JsonObject): JsonObject[] {
  return arr(obj(m.spec).containers).map(obj);
}

function templateContainers(m: JsonObject): JsonObject[] {
  return arr(obj(obj(obj(m.spec).template).spec).containers).map(obj);
}

function servicePorts(m: JsonObject): string {
  const ports = arr(obj(m.spec).ports).map(obj);
  if (ports.length === 0) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function endpointsText(list: string[]): string {
  if (list.length === 0) return '<none>';
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
}

/** The columns of `kubectl get TYPE` (and `-o wide`): the built-in printer's and the server-side Table's. */
export function columnsFor(ctx: ColumnView, type: ResourceType, wide: boolean): Columns {
  const now = ctx.now;
  const created = (it: Item) => age(obj(it.manifest.metadata).creationTimestamp, now);
  const status = (it: Item) => obj(it.manifest.status);
  const images = (cs: JsonObject[]) => [cs.map((c) => String(c.name)).join(','), cs.map((c) => String(c.image)).join(',')];
  switch (type.kind) {
    case 'Pod':
      return {
        header: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', ...(wide ? ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] : [])],
        row: (it) => {
          const c = podColumns(it.manifest, now);
          return [it.name, c.ready, c.status, c.restarts, created(it),
            ...(wide ? [String(status(it).podIP ?? '<none>'), String(obj(it.manifest.spec).nodeName ?? '<none>'), '<none>', '<none>'] : [])];
        },
      };
    case 'Service':
      return {
        header: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', ...(wide ? ['SELECTOR'] : [])],
        row: (it) => {
          const spec = obj(it.manifest.spec);
          const type = String(spec.type ?? 'ClusterIP');
          const ext = type === 'LoadBalancer' ? '<pending>' : type === 'ExternalName' ? String(spec.externalName ?? '<none>') : '<none>';
          return [it.name, type, String(spec.clusterIP || '<none>'), ext, servicePorts(it.manifest), created(it),
            ...(wide ? [spec.selector ? labelsText(obj(spec.selector) as Record<string, string>) : '<none>'] : [])];
        },
      };
    case 'Namespace':
      return { header: ['NAME', 'STATUS', 'AGE'], row: (it) => [it.name, String(status(it).phase ?? 'Active'), created(it)] };
    case 'NetworkPolicy':
      return { header: ['NAME', 'POD-SELECTOR', 'AGE'], row: (it) => [it.name, selectorText(obj(obj(it.manifest.spec).podSelector)), created(it)] };
    case 'Endpoints':
      return {
        header: ['NAME', 'ENDPOINTS', 'AGE'],
        row: (it) => {
          const svc = ctx.sb.objects.find((o) => o.kind === 'Service' && o.namespace === it.namespace && o.name === it.name);
          return [it.name, endpointsText(svc?.engine?.kind === 'Service' ? endpointAddresses(ctx.sb, svc.engine.value) : []), created(it)];
        },
      };
    case 'Deployment':
      return {
        header: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (it) => {
          const s = status(it);
          const want = Number(obj(it.manifest.spec).replicas ?? 1);
          return [it.name, `${s.readyReplicas ?? 0}/${want}`, String(s.updatedReplicas ?? 0), String(s.availableReplicas ?? 0), created(it),
            ...(wide ? [...images(templateContainers(it.manifest)), selectorText(obj(obj(it.manifest.spec).selector))] : [])];
        },
      };
    case 'ReplicaSet':
      return {
        header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (it) => {
          const s = status(it);
          return [it.name, String(obj(it.manifest.spec).replicas ?? 1), String(s.replicas ?? 0), String(s.readyReplicas ?? 0), created(it),
            ...(wide ? [...images(templateContainers(it.manifest)), selectorText(obj(obj(it.manifest.spec).selector))] : [])];
        },
      };
    case 'StatefulSet':
      return {
        header: ['NAME', 'READY', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES'] : [])],
        row: (it) => [it.name, `${status(it).readyReplicas ?? 0}/${obj(it.manifest.spec).replicas ?? 1}`, created(it), ...(wide ? images(templateContainers(it.manifest)) : [])],
      };
    case 'DaemonSet':
      return {
        header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (it) => {
          const s = status(it);
          const nodeSel = obj(obj(obj(obj(it.manifest.spec).template).spec).nodeSelector) as Record<string, string>;
          return [it.name, '1', String(s.currentNumberScheduled ?? 0), String(s.numberReady ?? 0), String(s.updatedNumberScheduled ?? 0), String(s.numberAvailable ?? 0),
            labelsText(nodeSel), created(it), ...(wide ? [...images(templateContainers(it.manifest)), selectorText(obj(obj(it.manifest.spec).selector))] : [])];
        },
      };
    case 'Job':
      return {
        header: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (it) => [it.name, 'Running', `0/${obj(it.manifest.spec).completions ?? 1}`, created(it), created(it),
          ...(wide ? [...images(templateContainers(it.manifest)), '<none>'] : [])],
      };
    case 'CronJob':
      return {
        header: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
        row: (it) => [it.name, String(obj(it.manifest.spec).schedule ?? ''), '<none>', obj(it.manifest.spec).suspend ? 'True' : 'False', '0', '<none>', created(it)],
      };
    case 'Node':
      return {
        header: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', ...(wide ? ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'] : [])],
        row: (it) => [it.name, 'Ready', 'control-plane', created(it), KUBE_VERSION, ...(wide ? [NODE_IP, '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0-generic', 'containerd://1.7.24'] : [])],
      };
    case 'Event':
      return { header: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], row: () => [] };
    default: {
      const never: never = type.kind;
      return never;
    }
  }
}

function prefixed(type: ResourceType, name: string): string {
  return `${type.singular}${type.group ? `.${type.group}` : ''}/${name}`;
}

/** Prints items grouped by type in the requested format. Returns false when a bad format was asked for. */
export function printItems(ctx: Ctx, unsorted: readonly { type: ResourceType; items: Item[] }[], single: boolean, allNs: boolean): void {
  const out = ctx.out;
  const format = flagValue(ctx.args, 'output') ?? '';
  const sortBy = flagValue(ctx.args, 'sort-by');
  const groups: { type: ResourceType; items: Item[] }[] = [];
  for (const g of unsorted) {
    if (sortBy === undefined) { groups.push(g); continue; }
    const sorted = sortByPath(g.items, (it) => it.manifest, sortBy);
    if (!sorted.ok) { out.fail(sorted.error); return; }
    groups.push({ type: g.type, items: sorted.items });
  }
  const items = groups.flatMap((g) => g.items);
  if (format === 'custom-columns' || format.startsWith('custom-columns=')) {
    const cols = parseCustomColumns(format.slice('custom-columns='.length));
    if (!cols.ok) { out.fail(cols.error); return; }
    out.write(customColumnsTable(cols.columns, items.map((i) => i.manifest), !flagBool(ctx.args, 'no-headers')));
    return;
  }
  if (format === 'yaml' || format === 'json') {
    const value = single && items.length === 1 ? items[0].manifest : listOf(items.map((i) => i.manifest));
    out.out(format === 'yaml' ? toYaml(value) : toJson(value));
    return;
  }
  if (format === 'name') {
    for (const it of items) out.out(it.stored ? nameForm(it.stored.kind, it.name) : prefixed(it.type, it.name));
    return;
  }
  if (format.startsWith('jsonpath=') || format.startsWith('jsonpath-as-json=')) {
    const value = single && items.length === 1 ? items[0].manifest : listOf(items.map((i) => i.manifest));
    const res = jsonPath(value, format.slice(format.indexOf('=') + 1));
    if (!res.ok) { out.fail(res.error); return; }
    out.write(res.text);
    return;
  }
  const wide = format === 'wide';
  const showLabels = flagBool(ctx.args, 'show-labels');
  const noHeaders = flagBool(ctx.args, 'no-headers');
  const multi = groups.length > 1;
  const blocks: string[] = [];
  for (const g of groups) {
    if (g.items.length === 0) continue;
    const cols = columnsFor({ sb: ctx.sb, now: ctx.env.now }, g.type, wide);
    const nsCol = allNs && g.type.namespaced;
    const header = [...(nsCol ? ['NAMESPACE'] : []), ...cols.header, ...(showLabels ? ['LABELS'] : [])];
    const rows = g.items.map((it) => {
      const r = cols.row(it);
      if (multi) r[0] = prefixed(g.type, r[0]);
      return [...(nsCol ? [it.namespace] : []), ...r, ...(showLabels ? [labelsText(obj(obj(it.manifest.metadata).labels) as Record<string, string>)] : [])];
    });
    blocks.push(table(noHeaders ? undefined : header, rows));
  }
  out.write(blocks.join('\n'));
}

export function runGet(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const format = flagValue(ctx.args, 'output') ?? '';
  if (format && !['wide', 'yaml', 'json', 'name', 'custom-columns'].includes(format) && !/^(jsonpath(-as-json)?|custom-columns)=/.test(format)) {
    out.fail(badOutput(format, ['custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'wide', 'yaml']));
    return out.result(ctx.sb);
  }
  const allNs = flagBool(ctx.args, 'all-namespaces');
  const ns = allNs ? undefined : ctx.namespace;
  const selText = flagValue(ctx.args, 'selector');
  const sel = parseSelector(selText ?? '');
  if (!sel.ok) { out.fail(sel.error); return out.result(ctx.sb); }
  const pos = ctx.args.positionals;
  const files = ctx.args.flags.get('filename');
  const requests: { type: ResourceType; names: string[] }[] = [];
  if (files) {
    const loaded = loadFileObjects(ctx, files);
    if (!loaded.ok) { out.fail(loaded.error); return out.result(ctx.sb); }
    for (const o of loaded.objects) {
      const type = RESOURCE_TYPES.find((t) => t.kind === o.kind)!;
      requests.push({ type, names: [o.name] });
    }
  } else if (pos.length === 0) {
    out.fail(`You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples`);
    return out.result(ctx.sb);
  } else if (pos[0].includes('/')) {
    for (const p of pos) {
      const [t, name] = p.split('/', 2);
      if (!name) { out.fail(`error: arguments in resource/name form must have a single resource and name`); return out.result(ctx.sb); }
      const lt = lookupType(t);
      if (!lt.ok) { out.fail(lt.error); return out.result(ctx.sb); }
      requests.push({ type: lt.type, names: [name] });
    }
  } else {
    for (const t of pos[0].split(',').filter(Boolean)) {
      if (t.toLowerCase() === 'all') {
        for (const k of ALL_KINDS) requests.push({ type: RESOURCE_TYPES.find((r) => r.kind === k)!, names: pos.slice(1) });
        continue;
      }
      const lt = lookupType(t);
      if (!lt.ok) { out.fail(lt.error); return out.result(ctx.sb); }
      requests.push({ type: lt.type, names: pos.slice(1) });
    }
  }
  const named = requests.some((r) => r.names.length > 0);
  if (named && allNs && !files) { out.fail('error: a resource cannot be retrieved by name across all namespaces'); return out.result(ctx.sb); }
  const isAll = !files && pos[0]?.split(',').some((t) => t.toLowerCase() === 'all');
  const groups: { type: ResourceType; items: Item[] }[] = [];
  const errors: string[] = [];
  for (const r of requests) {
    const listed = listItems(ctx.sb, r.type, r.type.namespaced ? ns : undefined)
      .filter((it) => sel.terms.length === 0 || selectorMatches(sel.terms, obj(obj(it.manifest.metadata).labels) as Record<string, string>));
    if (r.names.length === 0) { groups.push({ type: r.type, items: listed }); continue; }
    const items: Item[] = [];
    for (const name of r.names) {
      const it = listed.find((i) => i.name === name);
      if (it) items.push(it);
      else errors.push(`Error from server (NotFound): ${r.type.plural}${r.type.group ? `.${r.type.group}` : ''} "${name}" not found`);
    }
    const g = groups.find((x) => x.type === r.type);
    if (g) for (const it of items) g.items.push(it); else groups.push({ type: r.type, items });
  }
  const merged = groups.filter((g) => !(isAll && g.items.length === 0));
  const total = merged.reduce((n, g) => n + g.items.length, 0);
  if (total > 0) printItems(ctx, merged, named && requests.length === 1 && requests[0].names.length === 1, allNs);
  else if (errors.length === 0) {
    if (format === 'yaml' || format === 'json') printItems(ctx, merged, false, allNs);
    // A watch on nothing (yet) says nothing: the rows come as objects appear.
    else if (!flagBool(ctx.args, 'watch') && !flagBool(ctx.args, 'watch-only')) out.err(ns === undefined || requests.every((r) => !r.type.namespaced) ? 'No resources found' : `No resources found in ${ns} namespace.`);
  }
  for (const e of errors) out.fail(e);
  // --watch-only: no list first, only the changes (the terminal front end prints them as they come).
  if (flagBool(ctx.args, 'watch-only')) out.clearStdout();
  else if (flagBool(ctx.args, 'output-watch-events') && (format === '' || format === 'wide') && out.stdout) {
    // The listed objects are the watch's first events: an EVENT column, wide enough for MODIFIED.
    const text = out.stdout;
    out.clearStdout();
    const headers = !flagBool(ctx.args, 'no-headers');
    out.write(text.split('\n').map((l, i) => (l === '' ? l : `${(headers && i === 0 ? 'EVENT' : 'ADDED').padEnd(WATCH_EVENT_WIDTH)}${l}`)).join('\n'));
  }
  return out.result(ctx.sb);
}

/** The EVENT column of get -w --output-watch-events: "MODIFIED" and three spaces. */
export const WATCH_EVENT_WIDTH = 11;
