import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';

const WIDGET = 'netlify-identity-widget.js';

/**
 * Serves the pinned netlify-identity-widget from node_modules as /netlify-identity-widget.js, a classic
 * script as in Netlify's own instructions (see src/identity.ts for why not a module import).
 */
function identityWidget(): Plugin {
  const source = () => readFileSync(createRequire(import.meta.url).resolve('netlify-identity-widget'));
  return {
    name: 'netlify-identity-widget',
    configureServer(server) {
      server.middlewares.use(`/${WIDGET}`, (_request, response) => {
        response.setHeader('Content-Type', 'text/javascript');
        response.end(source());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: WIDGET, source: source() });
    },
  };
}

/**
 * The page's Content-Security-Policy, written at build time into dist/_headers (Netlify's headers file,
 * applied beside netlify.toml's), because it names the API's origin, which each deployment sets
 * (VITE_GRAPHQL_URL). Scripts only from the page's own origin, none inline and no eval; connections to
 * the page's origin (Identity under /.netlify/identity) and the API's, over https and WebSocket.
 * docs/deploy-netlify.md#content-security-policy explains each directive.
 */
function contentSecurityPolicy(): Plugin {
  let env: Record<string, string> = {};
  return {
    name: 'content-security-policy',
    apply: 'build',
    configResolved(config) {
      env = config.env;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n  Content-Security-Policy: ${policy(env)}\n` });
    },
  };
}

/** The policy for the URLs the page is built with (src/config.ts reads the same variables). */
function policy(env: Record<string, string | undefined>): string {
  const graphql = new URL(env.VITE_GRAPHQL_URL || 'http://localhost:8080/graphql');
  const webSocket = new URL(env.VITE_GRAPHQL_WS_URL || graphql.href.replace(/^http/, 'ws'));
  const identity = env.VITE_IDENTITY_URL ? [new URL(env.VITE_IDENTITY_URL).origin] : [];
  const connect = [...new Set(["'self'", graphql.origin, webSocket.origin, ...identity])];
  return [
    "default-src 'none'",
    "script-src 'self'",
    `connect-src ${connect.join(' ')}`,
    // the identity widget styles its frame with <style> elements it writes
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    // the identity widget's frame (about:blank, written by the page)
    "frame-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * /.netlify/identity on the page's own origin, forwarded to the local identity (ISSUEGRAPH_IDENTITY_URL,
 * else test-run's http://localhost:9999) without the prefix, as Netlify routes it to GoTrue.
 */
const identityProxy = {
  '/.netlify/identity': {
    target: process.env.ISSUEGRAPH_IDENTITY_URL || 'http://localhost:9999',
    changeOrigin: true,
    rewrite: (path: string) => path.replace(/^\/\.netlify\/identity/, ''),
  },
};

// No React plugin needed: esbuild compiles TSX with the automatic JSX runtime.
export default defineConfig({
  plugins: [identityWidget(), contentSecurityPolicy()],
  esbuild: { jsx: 'automatic' },
  server: { port: 5173, strictPort: true, proxy: identityProxy },
  preview: { port: 4173, strictPort: true, proxy: identityProxy },
  build: { sourcemap: true },
});
