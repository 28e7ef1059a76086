#!/usr/bin/env node
// Thin entry: run the bundled CLI (dist/, built by `npm run build`), or the TypeScript sources via tsx in a
// development checkout that has not been built yet.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    process.stderr.write('netpol-dojo: not built yet: run `npm ci && npm run build` first\n');
    process.exit(2);
  }
  await import(new URL('../src/cli/entry.ts', import.meta.url).href);
}
