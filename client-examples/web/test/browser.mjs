// Shared by the browser tests: Debian's Chromium driven by playwright-core, the page built for the
// running server, and screenshots under test-results/.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const here = fileURLToPath(new URL('..', import.meta.url));
export const RESULTS = join(here, 'test-results');

/** The running server (client-examples/local-server.sh start prints these). */
export const SERVER = required('ISSUEGRAPH_URL');
export const IDENTITY = required('ISSUEGRAPH_IDENTITY_URL');

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: start the server with eval "$(client-examples/local-server.sh start)"`);
  }
  return value.replace(/\/$/, '');
}

export function launch() {
  // Never a downloaded browser: Debian's, with the network-quiet flags of the project's CI.
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/**
 * Builds the page for the running server and serves it on WEB_PORT (the origin the server's CORS
 * setting allows); resolves to its URL and a close function.
 */
export async function servePage() {
  const outDir = join(here, 'dist-test');
  process.env.VITE_GRAPHQL_URL = `${SERVER}/graphql`;
  process.env.VITE_IDENTITY_URL = IDENTITY;
  await build({ root: here, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(outDir, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  const port = Number(process.env.WEB_PORT || 0);
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

export async function shot(page, name) {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}
