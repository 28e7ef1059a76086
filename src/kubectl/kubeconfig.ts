// `kubectl config …` on a simulated kubeconfig: contexts, each naming one simulated cluster (a mock exam
// gives every task its own) and a default namespace. Pure: the caller loads and saves the kubeconfig.

export interface KubeContext {
  readonly name: string;
  /** The cluster the context points at (a folder name for the caller). */
  readonly cluster: string;
  readonly namespace?: string;
}

export interface Kubeconfig {
  readonly format: 'netpol-dojo-kubeconfig/1';
  readonly currentContext: string;
  readonly contexts: readonly KubeContext[];
}

export interface ConfigResult {
  readonly kubeconfig: Kubeconfig;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

const USER = 'candidate';

export function currentContext(kc: Kubeconfig): KubeContext | undefined {
  return kc.contexts.find((c) => c.name === kc.currentContext);
}

function ok(kubeconfig: Kubeconfig, stdout: string): ConfigResult {
  return { kubeconfig, stdout, stderr: '', exitCode: 0 };
}

function fail(kubeconfig: Kubeconfig, stderr: string): ConfigResult {
  return { kubeconfig, stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`, exitCode: 1 };
}

function getContexts(kc: Kubeconfig, names: readonly string[], noHeaders: boolean, outputName: boolean): ConfigResult {
  const list = names.length ? kc.contexts.filter((c) => names.includes(c.name)) : kc.contexts;
  const missing = names.filter((n) => !kc.contexts.some((c) => c.name === n));
  if (missing.length) return fail(kc, `error: context ${missing[0]} not found`);
  if (outputName) return ok(kc, list.map((c) => `${c.name}\n`).join(''));
  const rows = list.map((c) => [c.name === kc.currentContext ? '*' : '', c.name, c.cluster, USER, c.namespace ?? '']);
  const head = ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'];
  const all = noHeaders ? rows : [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return ok(kc, all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] + 3))).join('').trimEnd()).join('\n') + '\n');
}

function view(kc: Kubeconfig, minify: boolean): string {
  const ctxs = minify ? kc.contexts.filter((c) => c.name === kc.currentContext) : kc.contexts;
  const lines = ['apiVersion: v1', 'clusters:'];
  for (const c of ctxs) lines.push('- cluster:', '    certificate-authority-data: DATA+OMITTED', `    server: https://${c.cluster}.netpol-dojo.local:6443`, `  name: ${c.cluster}`);
  lines.push('contexts:');
  for (const c of ctxs) {
    lines.push('- context:', `    cluster: ${c.cluster}`);
    if (c.namespace) lines.push(`    namespace: ${c.namespace}`);
    lines.push(`    user: ${USER}`, `  name: ${c.name}`);
  }
  lines.push(`current-context: ${kc.currentContext}`, 'kind: Config', 'preferences: {}', 'users:', `- name: ${USER}`, '  user:', '    client-certificate-data: DATA+OMITTED', '    client-key-data: DATA+OMITTED');
  return `${lines.join('\n')}\n`;
}

const CONFIG_HELP = `Modify kubeconfig files (simulated: the contexts of this netpol-dojo session).

Available Commands:
  current-context   Display the current-context
  get-contexts      Describe one or many contexts
  set-context       Set a context entry (--current --namespace=NS)
  use-context       Set the current-context in a kubeconfig file
  view              Display merged kubeconfig settings

Usage:
  kubectl config SUBCOMMAND [options]
`;

/** Runs `kubectl config ARGS` (without "config"). */
export function runConfig(kc: Kubeconfig, args: readonly string[]): ConfigResult {
  const flags = args.filter((a) => a.startsWith('-'));
  const words = args.filter((a) => !a.startsWith('-'));
  const [sub, ...rest] = words;
  const flag = (name: string): string | undefined => {
    const eq = flags.find((f) => f.startsWith(`--${name}=`));
    if (eq) return eq.slice(name.length + 3);
    const i = args.indexOf(`--${name}`);
    return i >= 0 && i + 1 < args.length && !args[i + 1].startsWith('-') ? args[i + 1] : undefined;
  };
  switch (sub) {
    case undefined:
    case 'help':
      return ok(kc, CONFIG_HELP);
    case 'current-context':
      return kc.currentContext ? ok(kc, `${kc.currentContext}\n`) : fail(kc, 'error: current-context is not set');
    case 'use-context':
    case 'use': {
      const name = rest[0];
      if (!name) return fail(kc, "error: Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples");
      if (!kc.contexts.some((c) => c.name === name)) return fail(kc, `error: no context exists with the name: "${name}"`);
      return ok({ ...kc, currentContext: name }, `Switched to context "${name}".\n`);
    }
    case 'get-contexts': {
      const output = flag('output') ?? (args.includes('-o') ? args[args.indexOf('-o') + 1] : undefined);
      return getContexts(kc, rest.filter((r) => r !== output), flags.includes('--no-headers'), output === 'name');
    }
    case 'set-context': {
      const current = flags.includes('--current');
      const name = current ? kc.currentContext : rest[0];
      const ns = flag('namespace');
      const target = kc.contexts.find((c) => c.name === name);
      if (!name) return fail(kc, 'error: you must specify a non-empty context name or --current');
      if (!target) return fail(kc, `error: netpol-dojo cannot create new contexts: the session's contexts are ${kc.contexts.map((c) => c.name).join(', ')}`);
      if (ns === undefined) return ok(kc, `Context "${name}" modified.\n`);
      const contexts = kc.contexts.map((c) => (c.name === name ? { ...c, ...(ns ? { namespace: ns } : { namespace: undefined }) } : c));
      return ok({ ...kc, contexts }, `Context "${name}" modified.\n`);
    }
    case 'view':
      return ok(kc, view(kc, flags.includes('--minify')));
    default:
      return fail(kc, `error: netpol-dojo does not simulate "kubectl config ${sub}" (simulated: current-context, get-contexts, set-context, use-context, view)`);
  }
}

export function parseKubeconfig(data: unknown): Kubeconfig | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  if (d.format !== 'netpol-dojo-kubeconfig/1' || typeof d.currentContext !== 'string' || !Array.isArray(d.contexts)) return undefined;
  const ok2 = d.contexts.every((c) => c && typeof c === 'object' && typeof (c as KubeContext).name === 'string' && typeof (c as KubeContext).cluster === 'string'
    && ((c as KubeContext).namespace === undefined || typeof (c as KubeContext).namespace === 'string'));
  return ok2 ? d as unknown as Kubeconfig : undefined;
}
