import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Relative base: the built app works from any static server path on an office network.
  base: './',
  plugins: [svelte()],
  worker: { format: 'es' },
  // One chunk of ~1.5 MB (MapLibre is most of it): the app is cached once and works offline.
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  preview: { port: 4173, strictPort: true },
});
