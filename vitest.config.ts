// `npm test` = vue-tsc, then these three vitest projects. vitest reads this file instead of
// vite.config.ts, so the content plugin is not loaded here: unit tests mock the data module,
// and browser tests build and serve real temp copies of the project (tests/support/).
import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'

/**
 * the content plugin's modules, empty: data.ts imports them, and its own tests (which mock
 * them with vi.mock) need them to resolve
 */
const contentModuleStubs: Plugin = {
  name: 'test:content-module-stubs',
  resolveId: (id) => (id.startsWith('virtual:news/') ? `\0${id}` : undefined),
  load: (id) =>
    id.startsWith('\0virtual:news/')
      ? 'export default {}\nexport const problems = []\nexport const articlePayloads = true\nexport function readPayload() { return null }\n'
      : undefined,
}

export default defineConfig({
  plugins: [vue(), contentModuleStubs],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src/client', import.meta.url)) },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/client/**'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'client',
          include: ['tests/unit/client/**/*.test.ts'],
          // components, the store and the router run against a light dom
          environment: 'happy-dom',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // after the unit tests, so builds and chromium do not compete with them for cores
          sequence: { groupOrder: 1 },
          // each file builds a project (seconds) and drives chromium; on a 2-core machine
          // files run one after another, and hooks get time for builds
          fileParallelism: false,
          hookTimeout: 180_000,
          testTimeout: 60_000,
        },
      },
    ],
  },
})
