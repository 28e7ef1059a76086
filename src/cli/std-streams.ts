// The process's standard streams for the non-interactive commands, written and read synchronously on
// their file descriptors:
// - output has real back-pressure: `reach -o json` over thousands of pods streams hundreds of MB to a slow
//   reader without buffering them (process.stdout on a pipe queues every write in memory);
// - a reader that went away (EPIPE: `netpol-dojo kubectl get pods -A | head -1`) is noticed at the write
//   that failed: from then on output is dropped quietly, the command finishes (the sandbox state is still
//   saved) and the process exits with the command's own code, which is 0 for a successful command. Commands
//   with long output may stop early by asking `closed()`. Any other write error is reported on stderr once.
// - stdin is read up to a bound (manifests are at most MAX_MANIFEST_BYTES): `-f -` fed from /dev/zero
//   stops at the bound and is rejected by the size check instead of filling the memory.
import { readSync, writeSync } from 'node:fs';

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** A non-blocking descriptor (one another process or Node itself set O_NONBLOCK on) is retried after a pause. */
const pause = (ms: number): void => { Atomics.wait(sleeper, 0, 0, ms); };

export interface FdWriter {
  readonly write: (text: string) => void;
  /** true once a write failed (the reader went away): nothing more is written. */
  readonly closed: () => boolean;
  /** The error code of a failed write other than EPIPE, if any. */
  readonly failure: () => string | undefined;
}

export function fdWriter(fd: number, onFailure?: (code: string) => void): FdWriter {
  let closed = false;
  let failure: string | undefined;
  const write = (text: string): void => {
    if (closed || text === '') return;
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) {
      try {
        off += writeSync(fd, buf, off, buf.length - off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
        if (code === 'EAGAIN') { pause(1); continue; }
        closed = true;
        if (code !== 'EPIPE') { failure = code; onFailure?.(code); }
        return;
      }
    }
  };
  return { write, closed: () => closed, failure: () => failure };
}

/** Reads stdin to the end, or until more than `limit` bytes have come (the rest is left unread). */
export function readStdinBounded(limit: number, fd = 0): string {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(64 * 1024);
  let total = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') { pause(1); continue; }
      if (code === 'EOF') break; // Windows, at the end of a pipe
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
    total += n;
    if (total > limit) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}
