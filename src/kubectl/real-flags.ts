// The flags of the real kubectl (1.32, from `kubectl <verb> --help` and `kubectl options`), so that a real
// flag the simulator does not model is named as such instead of being called unknown.
// Notation: "x|name" has the shorthand -x; suffix "!" bool, "[]" repeatable string, "?" optional value.
import { FLAGS, type FlagSpec } from './parse-args.ts';

const GLOBAL = 'as as-group[] as-uid cache-dir certificate-authority client-certificate client-key cluster context disable-compression! '
  + 'insecure-skip-tls-verify! kubeconfig log-flush-frequency match-server-version! n|namespace password profile profile-output '
  + 'request-timeout s|server tls-server-name token user username v|v vmodule warnings-as-errors! h|help!';

const MANAGED = 'allow-missing-template-keys! show-managed-fields! template';

const REAL: Record<string, string> = {
  get: `A|all-namespaces! chunk-size field-selector f|filename[] ignore-not-found! k|kustomize L|label-columns[] no-headers! o|output output-watch-events! raw R|recursive! l|selector server-print! show-kind! show-labels! sort-by subresource w|watch! watch-only! ${MANAGED}`,
  describe: 'A|all-namespaces! chunk-size f|filename[] k|kustomize R|recursive! l|selector show-events!',
  apply: `all! cascade? dry-run? field-manager f|filename[] force! force-conflicts! grace-period k|kustomize openapi-patch! o|output overwrite! prune! prune-allowlist[] R|recursive! l|selector server-side! subresource timeout validate? wait! ${MANAGED}`,
  // `create` also carries the flags of its subcommands (create deployment --image --replicas --port).
  create: `dry-run? edit! field-manager f|filename[] k|kustomize o|output raw R|recursive! save-config! l|selector validate? windows-line-endings! image[] replicas port ${MANAGED}`,
  replace: `cascade? dry-run? field-manager f|filename[] force! grace-period k|kustomize o|output raw R|recursive! save-config! subresource timeout validate? wait! ${MANAGED}`,
  delete: 'all! A|all-namespaces! cascade? dry-run? field-selector f|filename[] force! grace-period ignore-not-found! i|interactive! k|kustomize now! o|output raw R|recursive! l|selector timeout wait!',
  edit: `field-manager f|filename[] k|kustomize o|output output-patch! R|recursive! save-config! subresource validate? windows-line-endings! ${MANAGED}`,
  label: `all! A|all-namespaces! dry-run? field-manager field-selector f|filename[] k|kustomize list! local! o|output overwrite! R|recursive! resource-version l|selector ${MANAGED}`,
  annotate: `all! A|all-namespaces! dry-run? field-manager field-selector f|filename[] k|kustomize list! local! o|output overwrite! R|recursive! resource-version l|selector ${MANAGED}`,
  patch: `dry-run? field-manager f|filename[] k|kustomize local! o|output p|patch patch-file R|recursive! subresource type ${MANAGED}`,
  run: `annotations[] attach! cascade? command! dry-run? env[] expose! field-manager f|filename[] force! grace-period image image-pull-policy k|kustomize l|labels leave-stdin-open! o|output override-type overrides pod-running-timeout port privileged! q|quiet! R|recursive! restart rm! save-config! i|stdin! timeout t|tty! wait! ${MANAGED}`,
  expose: `cluster-ip dry-run? external-ip field-manager f|filename[] k|kustomize l|labels load-balancer-ip name o|output override-type overrides port protocol R|recursive! save-config! selector session-affinity target-port type ${MANAGED}`,
  scale: `all! current-replicas dry-run? f|filename[] k|kustomize o|output R|recursive! replicas resource-version l|selector timeout ${MANAGED}`,
  exec: 'c|container f|filename[] pod-running-timeout q|quiet! i|stdin! t|tty!',
  logs: 'all-containers! all-pods! c|container f|follow! ignore-errors! insecure-skip-tls-verify-backend! limit-bytes max-log-requests pod-running-timeout prefix! p|previous! l|selector since since-time tail timestamps!',
  explain: 'api-version o|output recursive!',
  version: 'client! o|output',
  'api-resources': 'api-group cached! categories[] namespaced! no-headers! o|output sort-by verbs[]',
};

function specs(text: string): FlagSpec[] {
  return text.split(' ').filter(Boolean).map((tok) => {
    const bar = tok.indexOf('|');
    const short = bar < 0 ? undefined : tok.slice(0, bar);
    const rest = bar < 0 ? tok : tok.slice(bar + 1);
    const m = /^([a-z0-9-]+)(!|\[\]|\?)?$/.exec(rest)!;
    const type = m[2] === '!' ? 'bool' : m[2] === '[]' ? 'strings' : m[2] === '?' ? 'optional' : 'string';
    // The simulator's own definition wins where it models the flag (its handlers read values that way).
    const known = FLAGS.find((f) => f.name === m[1]);
    return { name: m[1], ...(short ? { short } : {}), type: known?.type ?? type };
  });
}

/** The global flags of real kubectl (valid before or after any verb). */
export const GLOBAL_FLAGS: readonly FlagSpec[] = specs(GLOBAL);

/** The flags real kubectl accepts for VERB (global ones included); undefined for verbs not in the table. */
export function realFlagsOf(verb: string): readonly FlagSpec[] | undefined {
  const own = REAL[verb];
  return own === undefined ? undefined : [...specs(own), ...GLOBAL_FLAGS];
}

/** The first positional argument, skipping global flags and their values: the verb. */
export function findVerb(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i];
    if (tok === '--') return undefined;
    if (!tok.startsWith('-') || tok === '-') return tok;
    if (tok.includes('=')) continue;
    const spec = tok.startsWith('--') ? GLOBAL_FLAGS.find((f) => f.name === tok.slice(2)) : tok.length === 2 ? GLOBAL_FLAGS.find((f) => f.short === tok[1]) : undefined;
    if (spec && spec.type !== 'bool' && spec.type !== 'optional') i++;
  }
  return undefined;
}
