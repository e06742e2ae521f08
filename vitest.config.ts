import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Unit tests run in Node: geo, io, model and persistence (with fake-indexeddb). Browser behaviour
// is tested end to end by Playwright (tests/e2e).
export default defineConfig({
  plugins: [svelte()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
