// Small HTTP helpers of the API server: JSON and Status responses, the request body, the bearer token check.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { statusBody, type ApiStatus } from '../kubectl/api-status.ts';
import type { JsonObject } from '../kubectl/sandbox.ts';

/** Bodies above this are refused (413), like the API server's 3 MiB request limit. */
export const MAX_BODY = 3 * 1024 * 1024;

export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', ...headers, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendStatus(res: ServerResponse, s: ApiStatus, headers: Record<string, string | string[]> = {}): void {
  sendJson(res, s.code, statusBody(s), headers);
}

export function statusText(s: ApiStatus): string {
  return JSON.stringify(statusBody(s));
}

export const UNAUTHORIZED: ApiStatus = { code: 401, reason: 'Unauthorized', message: 'Unauthorized' };

export function notFoundPath(): ApiStatus {
  return { code: 404, reason: 'NotFound', message: 'the server could not find the requested resource', details: {} };
}

/** True when the request carries `Authorization: Bearer TOKEN` with this token. */
export function authorized(req: IncomingMessage, token: string): boolean {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) return false;
  const a = Buffer.from(m[1]);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type BodyResult = { ok: true; text: string; bytes: Buffer } | { ok: false; status: ApiStatus };

export function readBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > MAX_BODY) {
        done = true;
        resolve({ ok: false, status: { code: 413, reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728' } });
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const bytes = Buffer.concat(chunks);
      resolve({ ok: true, text: bytes.toString('utf8'), bytes });
    });
    req.on('error', () => { if (!done) { done = true; resolve({ ok: false, status: { code: 400, reason: 'BadRequest', message: 'the request body could not be read' } }); } });
  });
}

/** Warning headers as the API server sends them (kubectl prints each as "Warning: TEXT"). */
export function warningHeaders(warnings: readonly string[]): Record<string, string[]> {
  return warnings.length ? { Warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`) } : {};
}

export function wantsTable(req: IncomingMessage): boolean {
  return /as=Table/.test(String(req.headers.accept ?? ''));
}

export type { JsonObject };
