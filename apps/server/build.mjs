// Bundles the server (dist/main.js) and the operator command `pnpm admin:create`
// (dist/admin-create.js: the production image has no TypeScript runner) with the workspace
// packages. The server's own npm dependencies stay external (native addons, WASM, and
// packages that load files at run time); everything else the workspace packages use is
// bundled, so nothing has to be resolvable from apps/server that is not declared in its
// package.json.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = new Set(Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@casino/')));
const packageName = (path) => (path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]);

const result = await build({
  write: false,
  // Both directly in dist/: the migrations folder and the SPAs are found relative to it.
  entryPoints: { main: 'src/main.ts', 'admin-create': 'src/cli/admin-create.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  plugins: [
    {
      name: 'externalize-server-deps',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          external.has(packageName(args.path)) ? { path: args.path, external: true } : undefined,
        );
      },
    },
  ],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// Each file replaced by a rename, so a server starting from dist/ while another build runs
// (tests build in parallel processes) reads the old file or the new one, never half of one.
for (const file of result.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  const tmp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(tmp, file.contents);
  renameSync(tmp, file.path);
}
