/**
 * The dependency rule: the SPAs, packages/ui and packages/client import nothing from the
 * server side but `type AppRouter` (biome.json noRestrictedImports). Checked by linting
 * probe files placed in each client folder (one biome run; biome reports nothing for stdin).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { root } from './process';

const clients = ['apps/web/src', 'apps/admin/src', 'packages/ui/src', 'packages/client/src'];
const forbidden = [
  "import { applyChanges } from '@casino/api';",
  "import { applyChange } from '@casino/api/wallet';",
  "import { users } from '@casino/db';",
  "import { users } from '@casino/db/schema';",
  "import { inTransaction } from '../../../packages/api/src/deps';",
  "import { users } from '../../../packages/db/src/schema/users';",
];
const allowed = "import type { AppRouter } from '@casino/api';\nexport type Probe = AppRouter;\n";

it('refuses every server import in the client folders and allows `type AppRouter`', () => {
  const tag = randomBytes(4).toString('hex');
  const probes = clients.flatMap((dir) => [
    ...forbidden.map((line, i) => ({ file: join(root, dir, `zz-probe-${tag}-${i}.ts`), line, refused: true })),
    { file: join(root, dir, `zz-probe-${tag}-ok.ts`), line: allowed, refused: false },
  ]);
  for (const p of probes) {
    const name = /\{ (\w+) \}/.exec(p.line)?.[1];
    writeFileSync(p.file, p.refused ? `${p.line}\nexport const probe = [${name}];\n` : p.line);
  }
  let out = '';
  try {
    const biome = join(root, 'node_modules/@biomejs/biome/bin/biome');
    execFileSync(process.execPath, [biome, 'lint', '--max-diagnostics=none', ...probes.map((p) => p.file)], { cwd: root, stdio: 'pipe' });
  } catch (e) {
    out = `${(e as { stdout?: Buffer }).stdout ?? ''}${(e as { stderr?: Buffer }).stderr ?? ''}`;
  } finally {
    for (const p of probes) rmSync(p.file, { force: true });
  }
  const flagged = (file: string) =>
    new RegExp(`${relative(root, file).replaceAll('.', '\\.')}:\\d+:\\d+ lint/style/noRestrictedImports`).test(out);
  expect(probes.filter((p) => flagged(p.file) !== p.refused).map((p) => `${relative(root, p.file)}: ${p.line}`)).toEqual([]);
});
