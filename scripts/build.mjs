// Bundles the CLI into dist/ with esbuild: one small entry chunk for the non-interactive commands and
// lazily loaded chunks for the TUI (React in production mode).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/entry.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __ndCreateRequire } from 'node:module'; const require = __ndCreateRequire(import.meta.url);" },
  external: ['react-devtools-core'],
  logLevel: 'warning',
});
