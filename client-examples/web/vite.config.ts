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
  plugins: [identityWidget()],
  esbuild: { jsx: 'automatic' },
  server: { port: 5173, strictPort: true, proxy: identityProxy },
  preview: { port: 4173, strictPort: true, proxy: identityProxy },
  build: { sourcemap: true },
});
