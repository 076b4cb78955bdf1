/**
 * Helpers of the game-screen browser tests: a signed-in player at a given viewport, the
 * server's round records read with the page's own token, layout checks (inside the viewport,
 * no overlap), a text-contrast check, and screenshots kept when E2E_SCREENSHOTS is set.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { login, signupAccount } from './browser';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
const SHOTS = process.env.E2E_SCREENSHOTS;

export async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** A new player signed in through the login form, on the home screen. */
export async function playerPage(
  browser: Browser,
  baseUrl: string,
  viewport: { width: number; height: number },
  reducedMotion: 'reduce' | 'no-preference' = 'no-preference',
) {
  const account = await signupAccount(baseUrl, 'ui');
  const context = await browser.newContext({ viewport, reducedMotion });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/#/login`);
  await login(page, account.siteId);
  await page.getByTestId('home').waitFor();
  return { page, account, errors };
}

export async function go(page: Page, route: string, ready: string) {
  await page.evaluate((r) => {
    location.hash = `#/${r}`;
  }, route);
  await page.getByTestId(ready).waitFor();
}

/** The player's rounds of a game as the server recorded them, newest first. */
export function serverRounds(page: Page, game: string) {
  return page.evaluate(async (g) => {
    const { accessToken } = JSON.parse(localStorage.getItem('casino.tokens') ?? '{}') as { accessToken?: string };
    const input = encodeURIComponent(JSON.stringify({ json: { game: g, limit: 100 } }));
    const res = await fetch(`/trpc/games.fairness.rounds?input=${input}`, { headers: { authorization: `Bearer ${accessToken}` } });
    const body = (await res.json()) as { result: { data: { json: { items: { bet: number; payout: number }[] } } } };
    return body.result.data.json.items;
  }, game);
}

export async function box(page: Page, testId: string) {
  const b = await page.getByTestId(testId).first().boundingBox();
  if (!b) throw new Error(`${testId} is not visible`);
  return b;
}

/** Each element lies within the viewport's width, and no two of them overlap. */
export async function expectLaidOut(page: Page, testIds: string[]) {
  const width = page.viewportSize()?.width ?? 0;
  const boxes = await Promise.all(testIds.map(async (id) => ({ id, ...(await box(page, id)) })));
  for (const b of boxes) {
    expect(b.x, `${b.id} starts inside the viewport`).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, `${b.id} ends inside the viewport`).toBeLessThanOrEqual(width + 0.5);
    expect(b.height, `${b.id} has a height`).toBeGreaterThan(0);
  }
  for (const a of boxes)
    for (const b of boxes) {
      if (a.id >= b.id) continue;
      const overlap = a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
      expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
    }
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

/** Characters an emoji font would draw (their boxes are empty without one). */
export const emojiIn = (page: Page) =>
  page.evaluate(() =>
    [...(document.querySelector('main')?.textContent ?? '').matchAll(/\p{Emoji_Presentation}|\uFE0F/gu)].map((m) => m[0]),
  );

/**
 * WCAG contrast of every visible text in `main` against its background (semi-transparent
 * layers composited up to the first opaque one; background images ignored): the texts under
 * 4.5:1 (3:1 for large text), as "text — ratio".
 */
export function lowContrast(page: Page) {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba | null => {
      const m = c.match(/^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
    };
    const lum = ([r, g, b]: Rgba) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c[3] > 0) {
          layers.push(c);
          if (c[3] >= 1) break;
        }
      }
      return layers.reduceRight<Rgba>((acc, layer) => over(layer, acc), [20, 18, 31, 1]);
    };
    const bad: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text || el.closest('svg, [aria-hidden="true"], option')) continue;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || rect.width === 0 || Number(style.opacity) === 0) continue;
      const bg = background(el);
      const fgRaw = parse(style.color);
      if (!fgRaw) continue;
      const fg = over(fgRaw, bg);
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = Number.parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) bad.push(`${text.slice(0, 40)} — ${ratio.toFixed(2)}`);
    }
    return bad;
  });
}

/** Words of these elements that the layout broke across two lines ("Horsesho e"). */
export function brokenWords(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const broken: string[] = [];
    for (const el of document.querySelectorAll(sel)) {
      const node = el.firstChild;
      if (!node || node.nodeType !== Node.TEXT_NODE) continue;
      const text = node.textContent ?? '';
      for (const m of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
    return broken;
  }, selector);
}

/** Resolves when every finite animation on the page has finished (reveals, celebrations). */
export const settleAnimations = (page: Page) =>
  page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY);
    await Promise.all(finite.map((a) => a.finished.catch(() => {})));
  });
