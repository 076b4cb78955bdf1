/**
 * Global setup of the `e2e` project: builds both SPAs once so the in-process server
 * of each test serves what a user would get. Starts nothing; each test file runs
 * its own server and browser.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertChromium } from './browser';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export default function setup() {
  // Fail before spending time on builds: the browser tests cannot run without it.
  assertChromium();
  try {
    // Vite's own CLI through this Node: works however the tests were started (pnpm, npx, an IDE).
    for (const app of ['web', 'admin']) {
      const cwd = join(root, 'apps', app);
      execFileSync(process.execPath, [join(cwd, 'node_modules/vite/bin/vite.js'), 'build'], { cwd, stdio: 'pipe', encoding: 'utf8' });
    }
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`Building the SPAs failed:\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}
