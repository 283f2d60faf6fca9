import { defaultClientConditions } from 'vite'
import { defineProject } from 'vitest/config'
import { BROWSER_DEPS, chromiumBrowser } from '../../build/vitest-browser.ts'

// Component tests run in real Chromium, against the in-page stack (test/backend.ts).
export default defineProject({
  resolve: { conditions: ['@likeness/source', ...defaultClientConditions] },
  optimizeDeps: { include: BROWSER_DEPS },
  test: {
    name: 'ui',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    browser: chromiumBrowser(),
    setupFiles: ['test/setup.ts'],
    // A hang guard, not a speed limit (see test/setup.ts).
    testTimeout: 120_000,
  },
})
