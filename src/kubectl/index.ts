// The simulated kubectl: public surface and command dispatch. Pure: no I/O, no clock (env.now).
import { didYouMean } from '../content/suggest.ts';
import type { Cluster } from '../engine/types.ts';
import { runApply, runCreateFromFiles, runReplace } from './apply.ts';
import type { Ctx, KubectlEnv } from './context.ts';
import { runDelete } from './delete.ts';
import { runDescribe } from './describe.ts';
import { runEdit } from './edit.ts';
import { runExec } from './exec.ts';
import { runExplain } from './explain.ts';
import { runGet } from './get.ts';
import { runLabel } from './label.ts';
import { runLogs } from './logs.ts';
import { runAnnotate } from './annotate.ts';
import { runPatch } from './patch.ts';
import { Out, type KubectlResult } from './output.ts';
import { flagBool, flagValue, parseArgs } from './parse-args.ts';
import { runCreateSub, runExpose, runRun, runScale } from './run-expose.ts';
import { GLOBAL_FLAGS, findVerb, realFlagsOf } from './real-flags.ts';
import { KUBE_VERSION, type Sandbox } from './sandbox.ts';
import { sandboxCluster as clusterOf } from './sandbox.ts';

export type { Sandbox, StoredObject, ObjectKind, ObjectRef } from './sandbox.ts';
export type { KubectlEnv } from './context.ts';
export type { KubectlResult, EditRequest, OutputChunk } from './output.ts';
export { terminalOutput } from './output.ts';
export { freshSandbox } from './fresh.ts';
export { applyManifestText } from './apply.ts';
export { splitCommandLine } from './parse-args.ts';
export { finishEdit } from './edit.ts';

/** The engine view of the sandbox. */
export function sandboxCluster(sb: Sandbox): Cluster {
  return clusterOf(sb);
}

type Handler = (ctx: Ctx) => KubectlResult;

const COMMON = ['namespace', 'help'];

interface Verb { readonly run: Handler; readonly flags: readonly string[] }

const VERBS: Record<string, Verb> = {
  get: { run: runGet, flags: ['all-namespaces', 'output', 'selector', 'show-labels', 'filename', 'no-headers', 'recursive', 'sort-by', 'watch', 'watch-only', 'output-watch-events'] },
  describe: { run: runDescribe, flags: ['all-namespaces', 'selector', 'filename', 'recursive'] },
  apply: { run: runApply, flags: ['filename', 'dry-run', 'output', 'recursive', 'validate', 'force'] },
  create: { run: (ctx) => (ctx.args.flags.has('filename') ? runCreateFromFiles(ctx) : runCreateSub(ctx)), flags: ['filename', 'dry-run', 'output', 'save-config', 'validate', 'image', 'replicas', 'port', 'recursive'] },
  replace: { run: runReplace, flags: ['filename', 'dry-run', 'output', 'force', 'recursive', 'validate'] },
  delete: { run: runDelete, flags: ['filename', 'selector', 'all', 'all-namespaces', 'force', 'grace-period', 'now', 'wait', 'ignore-not-found', 'recursive', 'output', 'dry-run'] },
  edit: { run: runEdit, flags: ['output', 'filename'] },
  label: { run: runLabel, flags: ['overwrite', 'selector', 'all', 'all-namespaces', 'dry-run', 'output', 'filename'] },
  annotate: { run: runAnnotate, flags: ['overwrite', 'selector', 'all', 'all-namespaces', 'dry-run', 'output', 'filename'] },
  patch: { run: runPatch, flags: ['patch', 'patch-file', 'type', 'dry-run', 'output', 'filename'] },
  run: { run: runRun, flags: ['image', 'labels', 'selector', 'port', 'dry-run', 'output', 'restart', 'rm', 'stdin', 'tty', 'command', 'env', 'expose'] },
  expose: { run: runExpose, flags: ['port', 'target-port', 'name', 'protocol', 'type', 'selector', 'labels', 'dry-run', 'output', 'filename'] },
  scale: { run: runScale, flags: ['replicas', 'filename'] },
  exec: { run: runExec, flags: ['stdin', 'tty', 'container', 'quiet'] },
  logs: { run: runLogs, flags: ['container', 'tail', 'follow', 'previous'] },
  explain: { run: runExplain, flags: ['recursive', 'api-version', 'output'] },
  version: { run: runVersion, flags: ['client', 'output'] },
  'api-resources': { run: runApiResources, flags: ['output'] },
};

const REAL_VERBS = ['api-versions', 'attach', 'auth', 'autoscale', 'certificate', 'cluster-info', 'completion', 'config', 'cordon',
  'cp', 'debug', 'diff', 'drain', 'events', 'kustomize', 'options', 'plugin', 'port-forward', 'proxy', 'rollout', 'set',
  'taint', 'top', 'uncordon', 'wait'];

function runVersion(ctx: Ctx): KubectlResult {
  const client = flagBool(ctx.args, 'client');
  ctx.out.out(`Client Version: ${KUBE_VERSION}\nKustomize Version: v5.4.2${client ? '' : `\nServer Version: ${KUBE_VERSION}`}`);
  return ctx.out.result(ctx.sb);
}

function runApiResources(ctx: Ctx): KubectlResult {
  ctx.out.out([
    'NAME              SHORTNAMES   APIVERSION             NAMESPACED   KIND',
    'endpoints         ep           v1                     true         Endpoints',
    'namespaces        ns           v1                     false        Namespace',
    'nodes             no           v1                     false        Node',
    'pods              po           v1                     true         Pod',
    'services          svc          v1                     true         Service',
    'daemonsets        ds           apps/v1                true         DaemonSet',
    'deployments       deploy       apps/v1                true         Deployment',
    'replicasets       rs           apps/v1                true         ReplicaSet',
    'statefulsets      sts          apps/v1                true         StatefulSet',
    'cronjobs          cj           batch/v1               true         CronJob',
    'jobs                           batch/v1               true         Job',
    'networkpolicies   netpol       networking.k8s.io/v1   true         NetworkPolicy',
  ].join('\n'));
  return ctx.out.result(ctx.sb);
}

const HELP = `kubectl (simulated by netpol-dojo) controls the sandbox cluster.

Commands:
  get, describe                      show objects (pods, services, namespaces, networkpolicies, endpoints, deployments, …)
  apply, create, replace, delete     change objects from -f FILE|DIR|- ; create namespace|deployment
  edit, label, annotate              change one object in $EDITOR / its labels / its annotations
  patch TYPE NAME -p PATCH           change one object with a strategic, merge (--type merge) or JSON (--type json) patch
  run, expose, scale                 start a pod, put a Service in front of it, resize a deployment
  exec POD -- CMD                    run a command in a pod: sh -c '…', curl, wget, nc, nslookup, dig (per image); -it POD -- sh
  logs POD                           a server pod's log: one access line per connection it received
  explain networkpolicy[.FIELD]      field documentation, offline
  version, api-resources

Flags: -n/--namespace, -A, -l, -o wide|yaml|json|name|jsonpath=…, --show-labels, -f, --dry-run=client.
Use "kubectl <command> --help" for the flags of one command.
`;

/** Runs one kubectl command line (without the leading "kubectl") against the sandbox. */
export function runKubectl(sb: Sandbox, args: readonly string[], env: KubectlEnv): KubectlResult {
  const out = new Out();
  const verbName = findVerb(args);
  if (verbName !== undefined && verbName !== 'help' && !VERBS[verbName]) {
    if (REAL_VERBS.includes(verbName)) {
      out.fail(`error: netpol-dojo does not simulate "kubectl ${verbName}" (simulated: ${Object.keys(VERBS).join(', ')})`);
      return out.result(sb);
    }
    const hint = didYouMean(verbName, [...Object.keys(VERBS), ...REAL_VERBS]);
    out.fail(`error: unknown command "${verbName}" for "kubectl"${hint ? `\n\nDid you mean this?\n\t${hint}` : ''}`);
    return out.result(sb);
  }
  const verb = verbName === undefined || verbName === 'help' ? undefined : VERBS[verbName];
  const parsed = parseArgs(args, (verbName && realFlagsOf(verbName)) || GLOBAL_FLAGS);
  if (!parsed.ok) {
    out.fail(`error: ${parsed.error}\nSee 'kubectl${verbName ? ` ${verbName}` : ''} --help' for usage.`);
    return out.result(sb);
  }
  const a = parsed.args;
  const allowed = new Set([...COMMON, ...(verb?.flags ?? [])]);
  for (const name of a.flags.keys()) {
    if (!allowed.has(name)) {
      out.fail(`error: netpol-dojo does not simulate the flag --${name}${verbName ? ` of "kubectl ${verbName}"` : ''}`);
      return out.result(sb);
    }
  }
  if (verbName === undefined) {
    if (flagBool(a, 'help') || a.flags.size === 0) { out.out(HELP); return out.result(sb); }
    out.fail(`error: a command is required\nSee 'kubectl --help' for usage.`);
    return out.result(sb);
  }
  if (verbName === 'help' || !verb) { out.out(HELP); return out.result(sb); }
  if (flagBool(a, 'help')) {
    out.out(`Usage: kubectl ${verbName} [flags]\n\nFlags accepted by the simulator: ${[...allowed].filter((f) => f !== 'help').map((f) => `--${f}`).join(', ')}\n`);
    return out.result(sb);
  }
  const nsFlag = flagValue(a, 'namespace');
  const ctx: Ctx = {
    sb, verb: verbName, env, out,
    args: { ...a, positionals: a.positionals.slice(1) },
    namespace: nsFlag ?? env.defaultNamespace ?? 'default', namespaceSet: nsFlag !== undefined,
  };
  if (nsFlag === '') { out.fail('error: namespace must not be empty'); return out.result(sb); }
  return verb.run(ctx);
}
