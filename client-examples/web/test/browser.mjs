// Shared by the browser tests: Debian's Chromium driven by playwright-core, the page built for the
// running server, and screenshots under test-results/.
import { mkdirSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const here = fileURLToPath(new URL('..', import.meta.url));
// SCREENSHOTS_DIR: elsewhere, e.g. the real-GoTrue run of .ci/identity-servers.sh keeps its own
export const RESULTS = process.env.SCREENSHOTS_DIR || join(here, 'test-results');

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

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.ico': 'image/x-icon' };

/** Where the page finds Identity: its own origin, as on a Netlify site (`/.netlify/identity`). */
export const IDENTITY_PATH = '/.netlify/identity';

/**
 * Forwards a request under IDENTITY_PATH to the identity at IDENTITY, without the prefix, as Netlify
 * routes a site's /.netlify/identity to GoTrue. Same origin, so the widget needs no CORS: GoTrue's own
 * CORS refuses the X-Nf-Client header the widget sends (docs/identity.md#what-the-real-servers-showed).
 */
function forwardToIdentity(request, response) {
  const target = new URL(IDENTITY + request.url.slice(IDENTITY_PATH.length));
  const upstream = httpRequest(target, { method: request.method, headers: { ...request.headers, host: target.host } },
    (answer) => {
      response.writeHead(answer.statusCode, answer.headers);
      answer.pipe(response);
    });
  upstream.on('error', () => response.writeHead(502).end());
  request.pipe(upstream);
}

/**
 * The headers of a Netlify `_headers` file that apply to every path (`/*`): the build writes the
 * page's Content-Security-Policy there (vite.config.ts), and the test server sends it as Netlify would.
 */
async function siteHeaders(file) {
  const headers = {};
  let everyPath = false;
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (!line.startsWith(' ')) {
      everyPath = line.trim() === '/*';
    } else if (everyPath && line.includes(':')) {
      const at = line.indexOf(':');
      headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return headers;
}

/**
 * Builds the page for the running server and serves it on WEB_PORT (the origin the server's CORS
 * setting allows), with the identity under IDENTITY_PATH and the headers the build wrote for Netlify;
 * resolves to its URL and a close function.
 */
export async function servePage() {
  const outDir = join(here, 'dist-test');
  let headers = {};
  const server = createServer(async (request, response) => {
    if (request.url.startsWith(`${IDENTITY_PATH}/`)) {
      forwardToIdentity(request, response);
      return;
    }
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(outDir, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  const port = Number(process.env.WEB_PORT || 0);
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  process.env.VITE_GRAPHQL_URL = `${SERVER}/graphql`;
  process.env.VITE_IDENTITY_URL = `${url}${IDENTITY_PATH}`;
  await build({ root: here, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  headers = await siteHeaders(join(outDir, '_headers'));
  if (!headers['Content-Security-Policy']) {
    throw new Error('the build wrote no Content-Security-Policy into _headers');
  }
  return { url, close: () => server.close() };
}

/** Waits until a condition on the test's own state holds (what it recorded of the page's traffic). */
export async function until(condition, timeout = 15_000) {
  for (const start = Date.now(); !condition(); ) {
    if (Date.now() - start > timeout) {
      throw new Error(`not within ${timeout} ms: ${condition}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Adds to `violations` every Content-Security-Policy violation in a browser context's pages and their
 * frames (Chromium reports each as a console error), so that a test can fail on any.
 */
export function recordCspViolations(context, violations) {
  context.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      violations.push(`${message.location().url}: ${message.text()}`);
    }
  });
}

export async function shot(page, name) {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}
