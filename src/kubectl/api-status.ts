// The API server's error values (metav1.Status) for the simulated cluster's write and read paths, built from
// the texts the simulated kubectl prints ("Error from server (NotFound): …", "The Pod "x" is invalid: …") so
// that a real kubectl that receives them prints the same words. Pure.
import type { ResourceType } from './resources.ts';
import type { JsonObject, ObjectKind } from './sandbox.ts';

export interface StatusCause { readonly reason?: string; readonly message: string; readonly field?: string }

export interface ApiStatus {
  readonly code: number;
  readonly reason: string;
  readonly message: string;
  readonly details?: { readonly name?: string; readonly group?: string; readonly kind?: string; readonly causes?: readonly StatusCause[] };
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: ApiStatus };

const CODES: Record<string, number> = {
  BadRequest: 400, Unauthorized: 401, Forbidden: 403, NotFound: 404, MethodNotAllowed: 405, NotAcceptable: 406,
  AlreadyExists: 409, Conflict: 409, Gone: 410, RequestEntityTooLarge: 413, UnsupportedMediaType: 415, Invalid: 422,
  TooManyRequests: 429, InternalError: 500, ServiceUnavailable: 503, Timeout: 504,
};

export function codeOf(reason: string): number {
  return CODES[reason] ?? 500;
}

export function failure(reason: string, message: string, details?: ApiStatus['details']): { ok: false; status: ApiStatus } {
  return { ok: false, status: { code: codeOf(reason), reason, message, ...(details ? { details } : {}) } };
}

/** The Status object as the API server sends it. */
export function statusBody(s: ApiStatus): JsonObject {
  const details = s.details ? {
    ...(s.details.name !== undefined ? { name: s.details.name } : {}),
    ...(s.details.group ? { group: s.details.group } : {}),
    ...(s.details.kind ? { kind: s.details.kind } : {}),
    ...(s.details.causes?.length ? { causes: s.details.causes.map((c) => ({ ...(c.reason ? { reason: c.reason } : {}), message: c.message, ...(c.field ? { field: c.field } : {}) })) } : {}),
  } : undefined;
  return {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: s.message, reason: s.reason,
    ...(details ? { details } : {}), code: s.code,
  };
}

export function notFound(type: ResourceType, name: string): { ok: false; status: ApiStatus } {
  return failure('NotFound', `${resourceName(type)} "${name}" not found`, { name, group: type.group, kind: type.plural });
}

export function resourceName(type: { plural: string; group: string }): string {
  return `${type.plural}${type.group ? `.${type.group}` : ''}`;
}

const CAUSE_START = /, (?=[A-Za-z$][\w$.[\]-]*(?:\[[^\]]*\])?: )/;

/** "field: Invalid value: …" → a cause with its field (what kubectl lists under "The X "n" is invalid:"). */
export function causeOf(text: string): StatusCause {
  const m = /^([A-Za-z$][^:\s]*): (.*)$/s.exec(text);
  if (!m) return { message: text };
  const reason = /^(Invalid value|Required value|Forbidden|Duplicate value|Unsupported value|Not found|Too long|Too many)/.exec(m[2]);
  const reasons: Record<string, string> = {
    'Invalid value': 'FieldValueInvalid', 'Required value': 'FieldValueRequired', Forbidden: 'FieldValueForbidden',
    'Duplicate value': 'FieldValueDuplicate', 'Unsupported value': 'FieldValueNotSupported', 'Not found': 'FieldValueNotFound',
    'Too long': 'FieldValueTooLong', 'Too many': 'FieldValueTooMany',
  };
  return { ...(reason ? { reason: reasons[reason[1]] } : {}), message: m[2], field: m[1] };
}

/** 422 Invalid for an object with these causes ("spec.x: Invalid value: …"). */
export function invalid(kind: ObjectKind | string, group: string, name: string, causes: readonly string[]): { ok: false; status: ApiStatus } {
  const list = causes.length === 1 ? causes[0] : `[${causes.join(', ')}]`;
  return failure('Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${list}`, { name, group, kind, causes: causes.map(causeOf) });
}

const FROM_SERVER = /^Error from server(?: \((\w+)\))?: (?:error when \w+ "[^"]*": )?(.*)$/s;
const IS_INVALID = /^The (\w+) "([^"]*)" is invalid: (.*)$/s;

/** Turns one of the simulated kubectl's error texts into the Status the API server would have sent. */
export function statusFromText(text: string, group = ''): ApiStatus {
  const first = text.split('\nhint: ')[0];
  const inv = IS_INVALID.exec(first);
  if (inv) {
    const body = inv[3];
    const causes = body.startsWith('[') && body.endsWith(']') ? body.slice(1, -1).split(CAUSE_START) : [body];
    return invalid(inv[1], group, inv[2], causes).status;
  }
  const fs = FROM_SERVER.exec(first);
  if (fs) {
    const reason = fs[1] ?? 'BadRequest';
    const message = fs[2];
    const named = /^(\S+) "([^"]*)" (not found|already exists)$/.exec(message);
    if (named) {
      const [plural, ...g] = named[1].split('.');
      return { code: codeOf(reason), reason, message, details: { name: named[2], group: g.join('.'), kind: plural } };
    }
    return { code: codeOf(reason), reason, message };
  }
  return { code: 400, reason: 'BadRequest', message: first.replace(/^error: /, '') };
}
