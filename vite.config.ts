/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// Lazy modules travel in two chunks instead of ~25 small ones: gzip compresses one large file much
// better than many 1–2 KB files (all JS −10 KB gzip, measured). The reviewer console is a folder,
// src/ui/review/, and becomes the 'review' chunk; every other lazy module goes to 'editor'. Modules
// the first screen needs start with a `// first-load module` comment and stay out of the groups; so
// do the photo worker, the municipality data and the service worker. tests/build checks the first
// load; tests/architecture.test.ts checks this rule.
const firstLoad = new Map<string, boolean>();

function isFirstLoad(id: string): boolean {
  if (!firstLoad.has(id)) firstLoad.set(id, /^\/\/ first-load module/m.test(readFileSync(id, 'utf8').slice(0, 300)));
  return firstLoad.get(id)!;
}

export function lazyChunk(id: string): string | null {
  if (/\/node_modules\/zod\//.test(id)) return 'editor';
  // Account management (#13): administrators only, never in the agent's path (tests/build checks it).
  // The agent's partner list (#16) serves the online confirm/refuse and history: fetched the first
  // time an agent opens it, then runtime-cached (the action editor's partner picker is precached).
  if (/\/src\/ui\/screens\/Partners\.tsx$/.test(id)) return 'partners';
  if (/\/src\/ui\/admin\/|\/src\/domain\/(accounts-api|csv)\.ts$|\/node_modules\/uqr\//.test(id)) return 'admin';
  if (!/\/src\/.*\.tsx?$/.test(id) || /\/src\/(sw\/|photos\/photo-worker|domain\/municipalit)/.test(id) || isFirstLoad(id)) return null;
  // domain modules only the reviewer console imports travel with it (the campaign calendar and the
  // materials' upload rules: issue 16's upload screen)
  return /\/src\/ui\/review\/|\/src\/domain\/(review|highlight|partner-registry|campaigns|material-upload|report-package-api)\.ts$/.test(id) ? 'review' : 'editor';
}

/**
 * Files an agent's phone never needs offline live under assets/runtime/: the reviewer console and
 * the administrators' chunks (and their CSS), the agent's partner list (needs the network for most
 * of what it does; runtime-cached once opened), and browser-image-compression, the photo fallback for
 * browsers without OffscreenCanvas (such a phone asks the service worker to cache it on its first
 * visit, src/photos/fallback-library.ts). The service worker precaches everything else and caches
 * these when fetched (CacheFirst, src/sw/runtime-cache.ts). tests/build checks both halves.
 */
export const RUNTIME_DIR = 'assets/runtime';
const RUNTIME_CHUNKS = new Set(['review', 'admin', 'partners']);
const RUNTIME_ASSET = /^(review|admin)\.css$|^browser-image-compression\.js$/;

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'service-worker.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,ico,webmanifest}'],
        // Reviewer and administrator code is fetched when those screens open (they need the network
        // anyway); the agent's precache never carries it.
        // The 512 px icons are for installing (the browser fetches them from the manifest, online);
        // offline only the 192 px one is used (notifications).
        globIgnores: [`**/${RUNTIME_DIR}/**`, 'icons/icon-512.png', 'icons/icon-maskable-512.png'],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: { includeDependenciesRecursively: false, groups: [{ name: lazyChunk, debugName: 'lazy' }] },
        chunkFileNames: (chunk) => (RUNTIME_CHUNKS.has(chunk.name) ? `${RUNTIME_DIR}/[name]-[hash].js` : 'assets/[name]-[hash].js'),
        assetFileNames: (asset) => (asset.names.some((n) => RUNTIME_ASSET.test(n)) ? `${RUNTIME_DIR}/[name]-[hash][extname]` : 'assets/[name]-[hash][extname]'),
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/*.test.ts', 'tests/{domain,db,sync,photos}/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['tests/ui/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/helpers/ui-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['tests/server/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['tests/build/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
