// kubectl exec POD -- CMD: runs one simulated command in the pod; a non-zero exit becomes kubectl's.
import { compileCluster, type CompiledCluster } from '../engine/compile.ts';
import type { Pod } from '../engine/types.ts';
import type { Ctx } from './context.ts';
import { runCurl, type Remote } from './curl.ts';
import type { KubectlResult } from './output.ts';
import { flagBool } from './parse-args.ts';
import { splitCommandLine } from './parse-args.ts';
import { lookupType } from './resources.ts';
import { CLUSTER_DOMAIN, DNS_SERVICE_IP, findObject, sandboxCluster, type Sandbox } from './sandbox.ts';
import { runDig, runNc, runNslookup, runWget } from './tools.ts';

const SHELLS = ['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash', 'zsh'];
const SIMULATED = 'curl, wget, nc, nslookup, dig, hostname, cat /etc/resolv.conf, echo, sh -c "…"';

function notFound(cmd: string): Remote {
  return {
    stdout: '',
    stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown\n(netpol-dojo simulates ${SIMULATED})\n`,
    code: 126,
  };
}

/** Runs one command line in the pod. */
export function remoteCommand(cc: CompiledCluster, sb: Sandbox, pod: Pod, argv: readonly string[], now: string, tty = false): Remote {
  const [cmd0, ...args] = argv;
  const cmd = cmd0.split('/').pop() ?? cmd0;
  switch (cmd) {
    case 'curl': return runCurl(cc, sb, pod, args, now, tty);
    case 'wget': return runWget(cc, sb, pod, args);
    case 'nc': case 'ncat': case 'netcat': return runNc(cc, sb, pod, args);
    case 'nslookup': return runNslookup(cc, pod, args);
    case 'dig': return runDig(cc, pod, args, now);
    case 'hostname': return { stdout: `${pod.name}\n`, stderr: '', code: 0 };
    case 'echo': return { stdout: `${args.join(' ')}\n`, stderr: '', code: 0 };
    case 'true': case 'sleep': return { stdout: '', stderr: '', code: 0 };
    case 'false': return { stdout: '', stderr: '', code: 1 };
    case 'ping':
      return { stdout: '', stderr: 'netpol-dojo: ping is not simulated. NetworkPolicy rules match TCP, UDP and SCTP only; whether ICMP passes depends on the CNI plugin, so test with curl, wget or nc instead.\n', code: 1 };
    case 'cat': {
      const out: string[] = [];
      for (const f of args) {
        if (f === '/etc/resolv.conf') out.push(`search ${pod.namespace}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${DNS_SERVICE_IP}\noptions ndots:5\n`);
        else if (f === '/etc/hostname') out.push(`${pod.name}\n`);
        else if (f === '/etc/hosts') out.push(`# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${pod.ip}\t${pod.name}\n`);
        else return { stdout: out.join(''), stderr: `cat: ${f}: No such file or directory\n`, code: 1 };
      }
      return { stdout: out.join(''), stderr: '', code: 0 };
    }
    default:
      if (SHELLS.includes(cmd0) || SHELLS.includes(cmd)) {
        const i = args.indexOf('-c');
        if (i >= 0 && args[i + 1] !== undefined) {
          const line = args[i + 1];
          if (/[|;&<>`$]/.test(line.replace(/'[^']*'|"[^"]*"/g, ''))) {
            return { stdout: '', stderr: `netpol-dojo: the simulated shell runs one command; pipes, redirections, variables and ";" are not simulated\n`, code: 2 };
          }
          const inner = splitCommandLine(line);
          return inner.length ? remoteCommand(cc, sb, pod, inner, now, tty) : { stdout: '', stderr: '', code: 0 };
        }
        return { stdout: '', stderr: `netpol-dojo: interactive shells are not simulated; run one command instead, e.g. kubectl exec -n ${pod.namespace} ${pod.name} -- curl -s -m 2 SERVICE (simulated: ${SIMULATED})\n`, code: 1 };
      }
      return notFound(cmd0);
  }
}

export function runExec(ctx: Ctx): KubectlResult {
  const out = ctx.out;
  const pos = ctx.args.positionals;
  if (pos.length === 0) { out.fail("error: expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND are required arguments for the exec command\nSee 'kubectl exec -h' for help and examples"); return out.result(ctx.sb); }
  if (!ctx.args.rest) {
    if (pos.length > 1) out.fail(`error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples`);
    else out.fail('error: you must specify at least one command for the container');
    return out.result(ctx.sb);
  }
  if (pos.length > 1) { out.fail(`error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples`); return out.result(ctx.sb); }
  const command = ctx.args.rest;
  if (command.length === 0) { out.fail('error: you must specify at least one command for the container'); return out.result(ctx.sb); }
  let target = pos[0];
  let pod: Pod | undefined;
  if (target.includes('/')) {
    const [typeText, name] = target.split('/', 2);
    const lt = lookupType(typeText);
    if (!lt.ok) { out.fail(lt.error); return out.result(ctx.sb); }
    if (lt.type.kind === 'Pod') target = name;
    else {
      const owner = findObject(ctx.sb, { kind: lt.type.kind as 'Deployment', namespace: ctx.namespace, name });
      if (!owner) { out.fail(`Error from server (NotFound): ${lt.type.plural}${lt.type.group ? `.${lt.type.group}` : ''} "${name}" not found`); return out.result(ctx.sb); }
      const owners = new Set([`${owner.kind}/${owner.name}`, ...ctx.sb.objects.filter((o) => o.ownedBy === `${owner.kind}/${owner.name}`).map((o) => `${o.kind}/${o.name}`)]);
      const first = ctx.sb.objects.filter((o) => o.kind === 'Pod' && o.namespace === ctx.namespace && o.ownedBy && owners.has(o.ownedBy)).sort((a, b) => (a.name < b.name ? -1 : 1))[0];
      if (!first || first.engine?.kind !== 'Pod') { out.fail(`error: cannot exec into ${typeText}/${name}: it has no running pods`); return out.result(ctx.sb); }
      pod = first.engine.value;
    }
  }
  if (!pod) {
    const o = findObject(ctx.sb, { kind: 'Pod', namespace: ctx.namespace, name: target });
    if (!o || o.engine?.kind !== 'Pod') { out.fail(`Error from server (NotFound): pods "${target}" not found`); return out.result(ctx.sb); }
    pod = o.engine.value;
  }
  const container = ctx.args.flags.get('container')?.at(-1);
  if (container && !pod.containers.some((c) => c.name === container)) {
    out.fail(`error: unable to upgrade connection: container ${container} not found in pod ${pod.name}`);
    return out.result(ctx.sb);
  }
  const cc = compileCluster(sandboxCluster(ctx.sb));
  const r = remoteCommand(cc, ctx.sb, pod, command, ctx.env.now, flagBool(ctx.args, 'tty'));
  out.stdout += r.stdout;
  out.stderr += r.stderr;
  if (r.code !== 0) out.fail(`command terminated with exit code ${r.code}`, r.code);
  return out.result(ctx.sb);
}
