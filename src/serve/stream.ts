// kubectl exec / attach against `netpol-dojo serve`: the upgrade request is checked like the API server checks it
// (pod, container, phase: a Status before upgrading), then the WebSocket channel protocol (v5, or v4 for older
// clients) carries the simulated command's stdout/stderr, the learner's keys for an interactive shell, and the exit
// status. kubectl older than v1.30 asks for SPDY instead, which is not served: it gets a Status saying so.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Pod } from '../engine/types.ts';
import { imageProfile } from '../kubectl/images.ts';
import { containerOutcome } from '../kubectl/pod-lifecycle.ts';
import { attachCommand } from '../kubectl/run-expose.ts';
import { findObject } from '../kubectl/sandbox.ts';
import type { ClusterHandle } from './cluster-handle.ts';
import { containerExited, containerWrote, stdinOnce } from '../kubectl/main-process.ts';
import {
  apiStatus, CH_CLOSE, CH_ERROR, CH_RESIZE, CH_STDERR, CH_STDIN, CH_STDOUT, exitStatus, failureStatus, frame, PROTOCOLS, refuseUpgrade,
} from './stream-protocol.ts';
import { cannotRun, isInteractiveShell, openShell, readsStdin, runOnce, type ShellSession } from './stream-shell.ts';
import { LineDiscipline, onlcr } from './stream-tty.ts';

export interface StreamTarget {
  readonly cluster: ClusterHandle;
  readonly namespace: string;
  readonly pod: string;
  readonly subresource: 'exec' | 'attach';
  readonly query: URLSearchParams;
}

export const SPDY_REFUSED = 'netpol-dojo serve streams exec and attach over WebSocket only, which kubectl uses by default from v1.30 on;'
  + ' this kubectl asked for SPDY. Use kubectl v1.30 or newer (kubectl v1.29 also works with KUBECTL_REMOTE_COMMAND_WEBSOCKETS=true),'
  + ' or the built-in one: netpol-dojo kubectl exec …';

/** Largest message accepted from a client (typed keys and piped stdin come in small pieces). */
const MAX_MESSAGE = 1 << 20;
/** Most stdin kept for a command that reads it all (`kubectl exec -i POD -- cat < file`). */
const MAX_STDIN = 1 << 20;

const wss = new WebSocketServer({
  noServer: true,
  maxPayload: MAX_MESSAGE,
  perMessageDeflate: false,
  handleProtocols: (offered: Set<string>) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
});

interface Options { readonly stdin: boolean; readonly stdout: boolean; readonly stderr: boolean; readonly tty: boolean }

/** What the connection does once upgraded. */
type Plan =
  /** Runs one command; with `readStdin` it first reads stdin until the client closes it. */
  | { readonly kind: 'once'; readonly argv: readonly string[]; readonly readStdin: boolean }
  /** A shell reading commands from stdin. */
  | { readonly kind: 'shell'; readonly argv: readonly string[] }
  /** Attached to a process that runs on (a server, `sleep`): nothing to show until the client leaves. */
  | { readonly kind: 'idle' }
  /** Attached to a process that ends at once without input (a shell without stdin). */
  | { readonly kind: 'ended'; readonly code: number };

interface Checked {
  readonly ref: { readonly namespace: string; readonly name: string };
  readonly container: string;
  readonly opts: Options;
  readonly plan: Plan;
}

function flag(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v !== null && (v === '' || v === 'true' || v === '1');
}

/** The plan for attach: the container's main process, as the pod starts it. */
function attachPlan(pod: Pod, container: string, opts: Options): Plan {
  const c = pod.containers.find((x) => x.name === container);
  const image = c?.image ?? '';
  const profile = imageProfile(image);
  const given = [...(c?.command ?? []), ...(c?.args ?? [])];
  if (given.length === 0) {
    if (profile.process === 'serves') return { kind: 'idle' };
    const shell = attachCommand(image);
    if (profile.process === 'fails' || !shell) return { kind: 'ended', code: 2 };
    return opts.stdin ? { kind: 'shell', argv: shell } : { kind: 'ended', code: 0 };
  }
  // Arguments without a command go to the image's entrypoint (curlimages/curl: curl).
  const argv = !c?.command?.length && profile.process === 'fails' ? ['curl', ...given] : given;
  if (isInteractiveShell(argv)) return opts.stdin ? { kind: 'shell', argv } : { kind: 'ended', code: 0 };
  // A process that keeps running (a server, a sleep, a loop) prints nothing the simulator knows of.
  if (containerOutcome(image, c?.command, c?.args) === 'runs') return { kind: 'idle' };
  return { kind: 'once', argv, readStdin: false };
}

/** Checks the request as the API server would; an error is the HTTP status and Status body to refuse it with. */
function check(t: StreamTarget): { ok: true; value: Checked } | { ok: false; code: number; body: string; text?: true } {
  const q = t.query;
  const opts: Options = { stdin: flag(q, 'stdin'), stdout: flag(q, 'stdout'), stderr: flag(q, 'stderr'), tty: flag(q, 'tty') };
  const sb = t.cluster.read();
  const stored = findObject(sb, { kind: 'Pod', namespace: t.namespace, name: t.pod });
  if (!stored || stored.engine?.kind !== 'Pod') {
    return { ok: false, code: 404, body: apiStatus(404, 'NotFound', `pods "${t.pod}" not found`, { name: t.pod, kind: 'pods' }) };
  }
  const pod = stored.engine.value;
  const bad = (message: string) => ({ ok: false as const, code: 400, body: apiStatus(400, 'BadRequest', message) });
  const names = pod.containers.map((c) => c.name);
  let container = q.get('container') ?? '';
  if (container === '') {
    if (names.length !== 1) return bad(`a container name must be specified for pod ${t.pod}, choose one of: [${names.join(' ')}]`);
    container = names[0];
  } else if (!names.includes(container)) {
    return bad(`container ${container} is not valid for pod ${t.pod}`);
  }
  if (!opts.stdin && !opts.stdout && !opts.stderr) return bad('you must specify at least 1 of stdin, stdout, stderr');
  const ref = { namespace: t.namespace, name: t.pod };
  const refused = cannotRun(sb, ref, container);
  if (refused && refused.message.startsWith('container not found')) {
    // The kubelet's refusal (a crash-looping container is not there to run anything): plain text that kubectl
    // prints as "error: unable to upgrade connection: container not found (…)".
    return { ok: false, code: 500, body: refused.message, text: true };
  }
  if (refused) {
    const message = t.subresource === 'attach' ? refused.message.replace('cannot exec into a container', 'cannot attach a container') : refused.message;
    return { ok: false, code: refused.status, body: apiStatus(refused.status, refused.reason, message, refused.reason === 'NotFound' ? { name: t.pod, kind: 'pods' } : undefined) };
  }
  if (t.subresource === 'attach') return { ok: true, value: { ref, container, opts, plan: attachPlan(pod, container, opts) } };
  const argv = q.getAll('command');
  if (argv.length === 0) return bad('you must specify at least one command for the container');
  const plan: Plan = isInteractiveShell(argv)
    ? (opts.stdin ? { kind: 'shell', argv } : { kind: 'once', argv, readStdin: false })
    : { kind: 'once', argv, readStdin: opts.stdin && !opts.tty && readsStdin(argv) };
  return { ok: true, value: { ref, container, opts, plan } };
}

function offeredProtocols(req: IncomingMessage): string[] {
  const h = req.headers['sec-websocket-protocol'];
  return (Array.isArray(h) ? h.join(',') : h ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

export function handleStreamUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, t: StreamTarget): void {
  try {
    const checked = check(t);
    if (!checked.ok) { refuseUpgrade(socket, checked.code, checked.body, checked.text ? 'text/plain; charset=utf-8' : undefined); return; }
    const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
    if (upgrade.startsWith('spdy/')) { refuseUpgrade(socket, 400, apiStatus(400, 'BadRequest', SPDY_REFUSED)); return; }
    if (upgrade !== 'websocket') {
      refuseUpgrade(socket, 400, apiStatus(400, 'BadRequest', `unable to upgrade connection: the upgrade "${upgrade}" is not supported; use a WebSocket (${PROTOCOLS.join(', ')})`));
      return;
    }
    const offered = offeredProtocols(req);
    if (!PROTOCOLS.some((p) => offered.includes(p))) {
      refuseUpgrade(socket, 400, apiStatus(400, 'BadRequest', `requested protocol(s) are not supported: [${offered.join(' ')}]; supports [${PROTOCOLS.join(' ')}]`));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, t, checked.value));
  } catch (e) {
    refuseUpgrade(socket, 500, apiStatus(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`));
  }
}

/** One upgraded connection: the channels, the plan, and the end (status on the error channel, then a normal close). */
function serveConnection(ws: WebSocket, t: StreamTarget, c: Checked): void {
  const { opts, plan, ref } = c;
  let done = false;
  let unwatch = (): void => undefined;
  ws.on('error', () => { done = true; unwatch(); });

  const send = (channel: number, data: string): void => {
    if (done || data.length === 0 || ws.readyState !== ws.OPEN) return;
    ws.send(frame(channel, data));
  };
  const out = (text: string): void => {
    if (!opts.stdout) return;
    send(CH_STDOUT, opts.tty ? onlcr(text) : text);
  };
  const err = (text: string): void => {
    if (opts.tty) out(text); // a terminal has one output stream
    else if (opts.stderr) send(CH_STDERR, text);
  };
  const finish = (code: number, argv: readonly string[], failure?: string, processEnded = true): void => {
    if (done) return;
    if (t.subresource === 'attach' && processEnded) {
      try {
        t.cluster.update((sb, now) => ({ sandbox: containerExited(sb, ref, c.container, code, now), value: undefined }));
      } catch {
        // the pod may be gone already (deleted while attached)
      }
    }
    // attach reports no exit code (the container's status does): the streams just end.
    const status = failure ?? exitStatus(t.subresource === 'attach' ? 0 : code, argv);
    if (ws.readyState === ws.OPEN) ws.send(frame(CH_ERROR, status));
    done = true;
    ws.close(1000);
  };
  const guard = (argv: readonly string[], fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      finish(1, argv, failureStatus(`netpol-dojo serve: ${(e as Error).message}`));
    }
  };

  let session: ShellSession | undefined;
  let tty: LineDiscipline | undefined;
  let stdinText = '';
  // Typed characters may arrive split between messages (a multi-byte character in two pieces).
  const stdin = new StringDecoder('utf8');
  let stdinEnded = false;

  const runCommand = (argv: readonly string[]): void => guard(argv, () => {
    const r = runOnce(t.cluster, ref, c.container, argv, { tty: opts.tty, attach: t.subresource === 'attach', ...(plan.kind === 'once' && plan.readStdin ? { stdin: stdinText } : {}) });
    out(r.stdout);
    err(r.stderr);
    if (t.subresource === 'attach') {
      t.cluster.update((sb) => ({ sandbox: containerWrote(sb, ref, c.container, r.stdout + r.stderr), value: undefined }));
    }
    finish(r.code, argv);
  });

  const shellInput = (actions: ReturnType<LineDiscipline['feed']>): void => {
    if (!session || plan.kind !== 'shell') return;
    const s = session;
    const argv = plan.argv;
    guard(argv, () => {
      for (const a of actions) {
        if (done) return;
        switch (a.kind) {
          case 'echo': out(a.text); break;
          case 'interrupt': out(s.prompt()); break;
          case 'eof':
          case 'line': {
            const step = s.line(a.kind === 'eof' ? null : a.text);
            out(step.stdout);
            err(step.stderr);
            if (step.exited !== undefined) { finish(step.exited, argv); return; }
            if (opts.tty) out(s.prompt());
            break;
          }
          default: {
            const never: never = a;
            throw new Error(`unknown terminal action ${String(never)}`);
          }
        }
      }
    });
  };

  ws.on('message', (raw: RawData, isBinary: boolean) => {
    if (done || !isBinary) return;
    const data = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    if (data.length === 0) return;
    const channel = data[0];
    const body = data.subarray(1);
    // A terminal resize changes nothing in the simulated shell (its output does not depend on the width).
    if (channel === CH_RESIZE) return;
    const closesStdin = channel === CH_CLOSE && body[0] === CH_STDIN;
    if (channel !== CH_STDIN && !closesStdin) return;
    if (stdinEnded) return;
    if (closesStdin) stdinEnded = true;
    if (plan.kind === 'shell' && tty) {
      shellInput(closesStdin ? tty.end() : tty.feed(stdin.write(body)));
    } else if (plan.kind === 'once' && plan.readStdin) {
      if (!closesStdin) { if (stdinText.length < MAX_STDIN) stdinText += stdin.write(body); } else { stdinText += stdin.end(); runCommand(plan.argv); }
    }
  });
  ws.on('close', () => {
    unwatch();
    // A client that leaves an attached shell closes its stdin when the pod says stdinOnce: the shell reads EOF and ends.
    if (!done && t.subresource === 'attach' && session && stdinOnce(t.cluster.read(), ref, c.container)) {
      const code = session.line(null).exited ?? 0;
      try {
        t.cluster.update((sb, now) => ({ sandbox: containerExited(sb, ref, c.container, code, now), value: undefined }));
      } catch {
        // the pod is gone
      }
    }
    done = true;
  });

  switch (plan.kind) {
    case 'once':
      if (!plan.readStdin) runCommand(plan.argv);
      break;
    case 'shell':
      guard(plan.argv, () => {
        const opened = openShell(t.cluster, ref, c.container, plan.argv, opts.tty);
        if (!('prompt' in opened)) {
          out(opened.stdout);
          err(opened.stderr);
          finish(opened.code, plan.argv);
          return;
        }
        session = opened;
        tty = new LineDiscipline(opts.tty);
        if (opts.tty) out(session.prompt());
      });
      break;
    case 'idle':
      // The process runs on; the attachment ends when the client leaves or the pod goes away.
      unwatch = t.cluster.onChange((_before, after) => {
        if (!findObject(after, { kind: 'Pod', namespace: ref.namespace, name: ref.name })) { unwatch(); finish(0, [], undefined, false); }
      });
      break;
    case 'ended':
      finish(plan.code, []);
      break;
    default: {
      const never: never = plan;
      throw new Error(`unknown plan ${String(never)}`);
    }
  }
}
