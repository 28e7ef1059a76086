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

/** One piece of output on stdout (1) or stderr (2). */
export interface OutputChunk { readonly fd: 1 | 2; readonly text: string }

export interface KubectlResult {
  readonly sandbox: Sandbox;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly edit?: EditRequest;
  /**
   * stdout and stderr in the order they were written, as a terminal shows them (kubectl run -it prints its
   * "If you don't see a command prompt" on stderr before the container's output and the "deleted" line).
   */
  readonly sequence?: readonly OutputChunk[];
}

/** What a terminal shows of a result: its output in the order it was written. */
export function terminalOutput(r: KubectlResult): string {
  return r.sequence ? r.sequence.map((c) => c.text).join('') : r.stdout + r.stderr;
}

/** Accumulates a command's output. */
export class Out {
  private readonly chunks: OutputChunk[] = [];
  private outText = '';
  private errText = '';
  exitCode = 0;
  get stdout(): string { return this.outText; }
  get stderr(): string { return this.errText; }
  /** Appends raw text to stdout (no newline added). */
  write(text: string): void { if (text) { this.outText += text; this.chunks.push({ fd: 1, text }); } }
  /** Appends raw text to stderr (no newline added). */
  writeErr(text: string): void { if (text) { this.errText += text; this.chunks.push({ fd: 2, text }); } }
  /** Forgets what was written to stdout so far (a command that prints only what follows). */
  clearStdout(): void {
    this.outText = '';
    for (let i = this.chunks.length - 1; i >= 0; i--) if (this.chunks[i].fd === 1) this.chunks.splice(i, 1);
  }
  out(text: string): void { this.write(text.endsWith('\n') || text === '' ? text : `${text}\n`); }
  err(text: string): void { this.writeErr(text.endsWith('\n') || text === '' ? text : `${text}\n`); }
  fail(text: string, code = 1): void { this.err(text); this.exitCode = code; }
  /** Control characters from input (names, images, annotations, file text) are made visible, never sent raw. */
  result(sandbox: Sandbox, edit?: EditRequest): KubectlResult {
    // The order matters only when something went to stderr before something on stdout.
    const firstErr = this.chunks.findIndex((c) => c.fd === 2);
    let lastOut = -1;
    for (let i = this.chunks.length - 1; i >= 0; i--) if (this.chunks[i].fd === 1) { lastOut = i; break; }
    return {
      sandbox, stdout: escapeControl(this.outText), stderr: escapeControl(this.errText), exitCode: this.exitCode, ...(edit ? { edit } : {}),
      ...(firstErr >= 0 && lastOut > firstErr ? { sequence: this.chunks.map((c) => ({ fd: c.fd, text: escapeControl(c.text) })) } : {}),
    };
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
