import { defineConfig } from 'vite';

// The console is served by the API process (src/infrastructure/http/console-pages.ts) under a
// strict CSP: nothing may be inlined (no data: fonts, no inline scripts or styles), so every
// asset is a hashed file under /assets/.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  resolve: { alias: { '@console': `${import.meta.dirname}/src` } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: '../dist/console',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    // The budget is 300 KB gzip of initial JavaScript (bench/console-budget.mjs measures it).
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      // Mantine marks its modules "use client" for React Server Components; irrelevant in a bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
