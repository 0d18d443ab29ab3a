// playwright.config.mjs — the page's browser tests in Debian's Chromium (/usr/bin/chromium, no downloaded browsers),
// against dist/ served on 127.0.0.1 by web/serve.mjs.
import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PORT = Number(process.env.TCOSCOPE_TEST_PORT || 4173);
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  outputDir: path.join(root, 'test-results/playwright'),
  reporter: 'list',
  workers: 2, // the machine has 2 cores and the tests are CPU-bound (Chromium's renderer): more workers only contend
  // Tests, not files, go to the workers: files differ in length by 5×, and the last file (throughput.spec.mjs, two
  // axe-core walks) otherwise kept one worker busy for a minute while the other sat idle. Every test has its own
  // browser context, so none depends on another having run in the same worker.
  fullyParallel: true,
  retries: 0,
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'off',
  },
  webServer: {
    command: `node web/serve.mjs --port ${PORT}`,
    cwd: root,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false, // never test against some other checkout's server
    timeout: 20_000,
  },
});
