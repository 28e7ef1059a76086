// Results of a command and the structured printers (-o yaml, -o json, -o name).
import { Document, isScalar, visit } from 'yaml';
import { escapeControl } from '../content/control-text.ts';
import { sortKeys } from './json.ts';
import { groupOf, type JsonObject, type ObjectKind, type Sandbox } from './sandbox.ts';

/** kubectl edit hands the caller a text to open in an editor; finishEdit() takes the edited text back. */
export interface EditRequest {
  readonly text: string;
  readonly targets: readonly { readonly kind: ObjectKind; readonly namespace: string; readonly name: string }[];
  /** The text as first presented (comments included): saving it unchanged cancels the edit. */
  readonly original: string;
  readonly file: string;
}

export interface KubectlResult {
  readonly sandbox: Sandbox;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly edit?: EditRequest;
}

/** Accumulates a command's output. */
export class Out {
  stdout = '';
  stderr = '';
  exitCode = 0;
  out(text: string): void { this.stdout += text.endsWith('\n') || text === '' ? text : `${text}\n`; }
  err(text: string): void { this.stderr += text.endsWith('\n') || text === '' ? text : `${text}\n`; }
  fail(text: string, code = 1): void { this.err(text); this.exitCode = code; }
  /** Control characters from input (names, images, annotations, file text) are made visible, never sent raw. */
  result(sandbox: Sandbox, edit?: EditRequest): KubectlResult {
    return { sandbox, stdout: escapeControl(this.stdout), stderr: escapeControl(this.stderr), exitCode: this.exitCode, ...(edit ? { edit } : {}) };
  }
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** YAML the way kubectl prints it: sorted keys, "- " items at the parent's indentation, timestamps quoted. */
export function toYaml(v: unknown): string {
  const doc = new Document(sortKeys(v), { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && TIMESTAMP.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0, minContentWidth: 0 });
}

/**
 * JSON as kubectl prints it. DEL and the C1 controls, which JSON may carry raw, are written as \u escapes
 * (as Go's encoder does for C1), so the output stays JSON after the terminal-safety escaping of the CLI.
 */
export function toJson(v: unknown): string {
  // eslint-disable-next-line no-control-regex
  return `${JSON.stringify(sortKeys(v), null, 4).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

export function listOf(items: readonly JsonObject[]): JsonObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** "pod/x", "networkpolicy.networking.k8s.io/x": the -o name form for a kind name. */
export function nameForm(kind: string, name: string): string {
  const g = isStoredKind(kind) ? groupOf(kind) : '';
  return `${kind.toLowerCase()}${g ? `.${g}` : ''}/${name}`;
}

function isStoredKind(k: string): k is ObjectKind {
  return ['Namespace', 'Pod', 'Service', 'NetworkPolicy', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'].includes(k);
}

export const OUTPUT_FORMATS = ['json', 'yaml', 'name', 'wide'];

export function badOutput(format: string, allowed: readonly string[] = OUTPUT_FORMATS): string {
  return `error: unable to match a printer suitable for the output format "${format}", allowed formats are: ${[...allowed].sort().join(',')}`;
}
