/**
 * Lighthouse's performance category against a page, with its default mobile profile (a mid-tier
 * phone: 412×823 at DPR 1.75, 4× CPU slowdown, simulated slow 4G), in Debian Chromium launched by
 * chrome-launcher. A signed-in page gets its token pair in localStorage first (from a page that
 * loads no script, and with the HTTP cache cleared, so the run is still a cold first load).
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';

export const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

export type LighthouseRun = { score: number; fcp: number; lcp: number; tbt: number; cls: number; si: number; tti: number };

export type Chrome = { port: number; kill(): Promise<void> };

export async function launchChrome(chromePath: string): Promise<Chrome> {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: 'error' });
  return { port: chrome.port, kill: async () => void chrome.kill() };
}

/** Puts `value` under `key` in the origin's localStorage and empties the HTTP cache. */
export async function seedLocalStorage(port: number, origin: string, key: string, value: string | null): Promise<void> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const page = await context.newPage();
    await page.goto(`${origin}/manifest.webmanifest`);
    await page.evaluate(({ k, v }) => (v === null ? localStorage.removeItem(k) : localStorage.setItem(k, v)), { k: key, v: value });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    await page.close();
  } finally {
    // Only drops playwright's connection; the browser stays up for Lighthouse.
    await browser.close();
  }
}

/** One Lighthouse navigation; `keepStorage` keeps the localStorage seeded above. */
export async function lighthouseRun(port: number, url: string, keepStorage: boolean): Promise<LighthouseRun> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance'],
    disableStorageReset: keepStorage,
  });
  if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const value = (id: string) => {
    const v = lhr.audits[id]?.numericValue;
    if (typeof v !== 'number') throw new Error(`lighthouse: no ${id} for ${url}`);
    return v;
  };
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    fcp: value('first-contentful-paint'),
    lcp: value('largest-contentful-paint'),
    tbt: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    si: value('speed-index'),
    tti: value('interactive'),
  };
}

/** The run with the median score (Lighthouse's own advice for a noisy figure). */
export function median(runs: LighthouseRun[]): LighthouseRun {
  const sorted = [...runs].sort((a, b) => a.score - b.score);
  return sorted[Math.floor((sorted.length - 1) / 2)] as LighthouseRun;
}

export const formatRun = (r: LighthouseRun) =>
  `score ${String(r.score).padStart(3)}  FCP ${(r.fcp / 1000).toFixed(2)} s  LCP ${(r.lcp / 1000).toFixed(2)} s  ` +
  `TBT ${Math.round(r.tbt)} ms  CLS ${r.cls.toFixed(3)}  SI ${(r.si / 1000).toFixed(2)} s  TTI ${(r.tti / 1000).toFixed(2)} s`;
