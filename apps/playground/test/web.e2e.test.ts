/**
 * The page, end to end, in a real browser: Debian's Chromium (never a downloaded one), headless,
 * driven by playwright-core. It trains a tiny names model for a few steps and must show the
 * backend, a falling loss and a sample. In headless Chromium WebGL2 runs on SwiftShader
 * (software): slow but real, hence the tiny model.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, TINY, tempDir } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `${CHROMIUM} is missing: the browser test needs Debian's Chromium (apt-get install -y chromium)`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts `playground web` and resolves with the address it prints. */
function serve(port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = startCli(['web', '--port', String(port)]);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`the page server did not start:\n${out}`)),
      60_000,
    );
    const read = (d: Buffer) => {
      out += d;
      const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`the page server exited (${code}):\n${out}`)));
  });
}

describe('the web page', () => {
  let server: ChildProcess | undefined;
  let url = '';
  let browser: Browser | undefined;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ child: server, url } = await serve(await freePort()));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  it('is served on 127.0.0.1 and says which backend runs', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await page.goto(
      `${url}?preset=names&steps=24&layers=1&heads=2&embd=16&batch=8&block=8&lr=0.01&evalEvery=12`,
    );
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    const backend = page.locator('#backend');
    const name = await backend.getAttribute('data-name');
    expect(['gpu', 'wasm', 'js']).toContain(name);
    if (name === 'gpu') {
      // headless Chromium gives WebGL2 through SwiftShader
      expect(await backend.getAttribute('data-mode')).toBe('webgl2');
      expect(await backend.textContent()).toMatch(/gpu\.js webgl2/);
    } else {
      // a fallback is never silent
      expect(await page.locator('#backend-note').isVisible()).toBe(true);
    }
  });

  it('trains a few steps: the loss falls and a sample appears', async () => {
    await page.click('#train');
    await expect
      .poll(() => page.locator('#status').getAttribute('data-state'), {
        timeout: 240_000,
        interval: 500,
      })
      .toMatch(/^(done|error)$/);
    expect(await page.locator('#status').textContent()).toMatch(/^done: 24 steps/);
    const chart = await page
      .locator('#loss-chart')
      .evaluate((c) => ({ ...(c as HTMLElement).dataset }));
    expect(Number(chart.steps)).toBe(24);
    expect(Number(chart.lastLoss)).toBeLessThan(Number(chart.firstLoss));
    expect(Number(chart.lastValLoss)).toBeLessThan(Number(chart.firstLoss));
    const sample = (await page.locator('#sample-output').textContent()) ?? '';
    expect(sample.trim().split('\n').length).toBeGreaterThan(1);
    expect(await page.locator('#report').textContent()).toMatch(/val loss \d\.\d{3}/);
    // attention heatmaps for the default prompt: one canvas per head per layer
    expect(await page.locator('#heatmaps canvas').count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('stays responsive while training', async () => {
    await page.fill('#setting-steps', '400');
    await page.click('#train');
    await expect.poll(() => page.locator('#loss-chart').getAttribute('data-steps')).not.toBe('0');
    // a click is handled mid-run: Stop ends the run early
    await page.click('#stop');
    await expect
      .poll(() => page.locator('#status').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('done');
    expect(Number(await page.locator('#loss-chart').getAttribute('data-steps'))).toBeLessThan(400);
  });

  it('loads a checkpoint trained in the terminal', async () => {
    const out = tempDir();
    expect(
      runCli(['train', '--preset', 'reverse', ...TINY, '--steps', '2', '--out', out]).status,
    ).toBe(0);
    const dir = join(out, 'step-00000002');
    await page.setInputFiles(
      '#load-files',
      readdirSync(dir).map((f) => join(dir, f)),
    );
    await expect
      .poll(() => page.locator('#status').textContent(), { timeout: 60_000 })
      .toBe('loaded a reverse checkpoint at step 2');
    expect(await page.locator('#sample-output').textContent()).toMatch(/^1234567 → \d* {2}[✓✗]/);
    // 1 encoder layer, 1 decoder layer (self and cross), 2 heads each
    expect(await page.locator('#heatmaps canvas').count()).toBe(6);
  });

  it('says so when it runs on another backend', async () => {
    const other = await browser!.newPage();
    await other.goto(`${url}?backend=wasm`);
    await other.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    expect(await other.locator('#backend').getAttribute('data-name')).toBe('wasm');
    expect(await other.locator('#backend-note').isVisible()).toBe(true);
    expect(await other.locator('#backend-note').textContent()).toMatch(
      /wasm backend was asked for/,
    );
    await other.close();
  });
});
