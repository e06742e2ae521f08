import { defineConfig } from 'vite';

// The two baseline pages of `npm run bench:e2e`, built beside the app (never shipped with it).
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: {
    outDir: '../../dist-bench',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rollupOptions: { input: { plain: `${import.meta.dirname}/plain.html`, deck: `${import.meta.dirname}/deck.html` } },
  },
});
