/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The site's pages: the caller's, and the agent's softphone. */
const pages = {
  main: fileURLToPath(new URL('index.html', import.meta.url)),
  agent: fileURLToPath(new URL('agent.html', import.meta.url)),
};

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs: the same build is served from a CloudFront root or from the local stack.
  base: './',
  build: {
    // amazon-chime-sdk-js alone is over a megabyte; it is loaded on the first call only
    // (see create-meeting-layer.ts), so the warning says nothing about the first page load.
    chunkSizeWarningLimit: 1600,
    rollupOptions: { input: pages },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    restoreMocks: true,
  },
});
