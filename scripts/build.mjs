// Bundles the CLI into dist/ with esbuild: one small entry chunk for the non-interactive commands and
// lazily loaded chunks for the TUI (React in production mode). Then precompiles the built-in course into
// dist/course.json (parsing 12 lessons with yaml + zod costs ~100 ms, too much for the TUI's start-up); the
// TUI uses it only while the lesson files still hash to what was compiled.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const banner = "import { createRequire as __ndCreateRequire } from 'node:module'; const require = __ndCreateRequire(import.meta.url);";

/**
 * conf loads the ajv JSON-schema validator (~15 ms of start-up) but uses it only when given a schema, which
 * netpol-dojo never does (src/progress/model.ts validates progress itself). The bundle gets a stand-in that
 * fails loudly if that ever changes. Likewise semver (~5 ms of the TUI's first frame), which conf uses only
 * for `migrations`, an option netpol-dojo does not pass.
 */
const noSchemaValidation = {
  name: 'conf-without-ajv',
  setup(b) {
    b.onResolve({ filter: /^ajv(\/dist\/2020\.js)?$|^ajv-formats$/ }, (args) => (/[\\/]conf[\\/]/.test(args.importer) ? { path: args.path, namespace: 'no-ajv' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'no-ajv' }, () => ({
      contents: "const no = () => { throw new Error('netpol-dojo: conf schema validation is not bundled'); };"
        + ' export class Ajv2020 { constructor() { no(); } } export default { default: no };',
      loader: 'js',
    }));
    b.onResolve({ filter: /^semver$/ }, (args) => (/[\\/]conf[\\/]/.test(args.importer) ? { path: args.path, namespace: 'no-semver' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'no-semver' }, () => ({
      contents: "const no = () => { throw new Error('netpol-dojo: conf migrations (semver) are not bundled'); };"
        + ' export default { eq: no, clean: no, satisfies: no, lte: no, gt: no };',
      loader: 'js',
    }));
  },
};

/**
 * Ink's string-width goes through src/ui/fast-string-width.ts, which answers plain text without Intl.Segmenter
 * and the emoji regex (~25 ms before the TUI's first frame). Only imports that would get the top-level
 * string-width (the one the wrapper delegates to) are redirected; the wrapper's own import is not.
 */
const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    const wrapper = fileURLToPath(new URL('../src/ui/fast-string-width.ts', import.meta.url));
    let top;
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.importer === wrapper || args.pluginData === 'real') return undefined;
      top ??= (await b.resolve('string-width', { resolveDir: dirname(wrapper), kind: 'import-statement', pluginData: 'real' })).path;
      const real = await b.resolve('string-width', { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'real' });
      return real.path === top ? { path: wrapper } : undefined;
    });
  },
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const bundle = await build({
  entryPoints: { cli: 'src/cli/entry.ts' },
  absWorkingDir: root,
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: banner },
  external: ['react-devtools-core'],
  plugins: [noSchemaValidation, fastStringWidth],
  metafile: true,
  logLevel: 'warning',
});
// Kept for the test that proves the non-interactive entry loads no React or Ink before a dynamic import.
writeFileSync(new URL('../dist/meta.json', import.meta.url), JSON.stringify(bundle.metafile));

// The course compiler runs the project's own loader (bundled on the fly) from the package root.
const compiler = await build({
  stdin: {
    contents: `
      import { loadCourse } from './src/content/load.ts';
      import { courseFingerprint } from './src/cli/tui-deps.ts';
      const course = loadCourse('lessons');
      process.stdout.write(JSON.stringify({ format: 1, files: courseFingerprint('lessons'), lessons: course.lessons, errors: course.errors }));
    `,
    resolveDir: root,
    loader: 'ts',
    sourcefile: 'compile-course.ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: banner },
  external: ['react-devtools-core'],
  write: false,
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--input-type=module'], { cwd: root, input: compiler.outputFiles[0].text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (run.status !== 0) {
  process.stderr.write(`build: could not precompile the course (the TUI will parse lessons at start-up):\n${run.stderr}\n`);
} else {
  const compiled = JSON.parse(run.stdout);
  if (compiled.errors.length) {
    process.stderr.write(`build: lessons/ has ${compiled.errors.length} error(s); not precompiled (run netpol-dojo lint lessons/)\n`);
  } else {
    writeFileSync(new URL('../dist/course.json', import.meta.url), JSON.stringify({ format: compiled.format, files: compiled.files, lessons: compiled.lessons }));
  }
}
