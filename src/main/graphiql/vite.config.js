import { defineConfig } from 'vite';

// Output is committed: the server serves it at /graphiql with no internet access and no inline script.
export default defineConfig({
  base: '/graphiql/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../resources/static/graphiql',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4000,
  },
});
