// The setup every browser test file shares: the real server, Debian's Chromium, one page with
// its console errors collected, and everything closed afterwards. Registers the hooks of the
// describe() it is called in; the handle's fields are there from beforeAll on.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { collectErrors, launch } from './browser.ts';
import { startTwinServer, type RunningServer } from './twin-server.ts';

export interface TwinSession {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** the page opened at `path` (no page when `path` is null) */
  readonly page: Page;
  /** console errors, page errors and HTTP errors of `page` since it opened */
  readonly errors: string[];
}

export interface SessionOptions {
  /** stores what the page is to show (scenarios, runs, sweeps) before the browser starts */
  seed?: (server: RunningServer) => Promise<void>;
  /** the address opened in the page, '/' by default; null: no shared page */
  path?: string | null;
  /** a selector the page has once the app is up */
  ready?: string;
  /** ms to wait after `ready`, for the first scene to be drawn */
  settleMs?: number;
  viewport?: { width: number; height: number };
}

export function twinSession(o: SessionOptions = {}): TwinSession {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let errors: string[] = [];
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`twinSession: no ${what} (used before beforeAll?)`);
    return v;
  };

  beforeAll(async () => {
    server = await startTwinServer();
    await o.seed?.(server);
    browser = await launch();
    const path = o.path === undefined ? '/' : o.path;
    if (path === null) return;
    // reduced motion: flows stand still and windows switch without a flicker, so the pixels
    // of a paused frame come from the data alone
    page = await browser.newPage({
      viewport: o.viewport ?? { width: 1600, height: 900 },
      reducedMotion: 'reduce',
    });
    errors = collectErrors(page);
    await page.goto(`${server.url}${path}`);
    if (o.ready) await page.waitForSelector(o.ready);
    if (o.settleMs) await page.waitForTimeout(o.settleMs);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    get server() {
      return need(server, 'server');
    },
    get browser() {
      return need(browser, 'browser');
    },
    get page() {
      return need(page, 'page');
    },
    get errors() {
      return errors;
    },
  };
}
