// The remote-command channel protocol of the Kubernetes API (exec and attach over WebSocket): every binary message
// starts with one channel byte; the error channel carries a JSON metav1.Status once the command has ended.
import type { Duplex } from 'node:stream';

export const PROTOCOL_V5 = 'v5.channel.k8s.io';
export const PROTOCOL_V4 = 'v4.channel.k8s.io';
/** Subprotocols served, best first. */
export const PROTOCOLS: readonly string[] = [PROTOCOL_V5, PROTOCOL_V4];

export const CH_STDIN = 0;
export const CH_STDOUT = 1;
export const CH_STDERR = 2;
export const CH_ERROR = 3;
export const CH_RESIZE = 4;
/** v5: `[255, channel]` half-closes that channel (the client sends it when its stdin ends). */
export const CH_CLOSE = 255;

/** One outgoing message: the channel byte, then the payload. */
export function frame(channel: number, data: string | Uint8Array): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = channel;
  body.copy(out, 1);
  return out;
}

/** What the error channel says when the command ended: Success, or the NonZeroExitCode failure kubectl maps to its exit code. */
export function exitStatus(code: number, argv: readonly string[]): string {
  if (code === 0) return JSON.stringify({ metadata: {}, status: 'Success' });
  return JSON.stringify({
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  });
}

/** A failure that is not an exit code (kubectl prints its message). */
export function failureStatus(message: string): string {
  return JSON.stringify({ metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 });
}

export type ApiReason = 'NotFound' | 'BadRequest' | 'Forbidden' | 'InternalError';

const HTTP_TEXT: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

/** An API server error Status object (the body of a refused request). */
export function apiStatus(code: number, reason: ApiReason, message: string, details?: { name?: string; kind?: string }): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });
}

/** Refuses an upgrade request on the raw socket with a JSON Status body, as the API server does before upgrading. */
export function refuseUpgrade(socket: Duplex, code: number, body: string, contentType = 'application/json'): void {
  const payload = Buffer.from(body, 'utf8');
  const head = `HTTP/1.1 ${code} ${HTTP_TEXT[code] ?? 'Error'}\r\n`
    + `Content-Type: ${contentType}\r\n`
    + 'Cache-Control: no-cache, private\r\n'
    + `Content-Length: ${payload.length}\r\n`
    + 'Connection: close\r\n\r\n';
  if (socket.destroyed) return;
  socket.on('error', () => { /* the client went away: nothing to tell */ });
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), payload]));
}
