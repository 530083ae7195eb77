import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

// Builds the harness page into browser-test/dist; the test serves it from there on loopback.
export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic' },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 20000,
    reportCompressedSize: false,
    // Minifying a page that only a test loads costs a minute of CPU on a 2-core machine.
    minify: false,
    target: 'esnext',
    rollupOptions: {
      onwarn(warning, warn) {
        // Dependencies' "use client" directives and odd comments are noise for this page.
        if (
          warning.code === 'MODULE_LEVEL_DIRECTIVE' ||
          warning.code === 'INVALID_ANNOTATION' ||
          warning.code === 'SOURCEMAP_ERROR'
        ) {
          return;
        }
        warn(warning);
      },
    },
  },
});
