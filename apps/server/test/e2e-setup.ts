/**
 * Global setup of the `e2e` project: builds both SPAs once so the in-process server
 * of each test serves what a user would get. Starts nothing; each test file runs
 * its own server and browser.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export default function setup() {
  // Fail before spending time on builds: the browser tests cannot run without it.
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(`Chromium not found at ${chromium}. Install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
  try {
    execFileSync('pnpm', ['--filter', '@casino/web', '--filter', '@casino/admin', 'build'], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`Building the SPAs failed:\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}
