import path from 'node:path'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { defaultClientConditions } from 'vite'
import { defineConfig } from 'vitest/config'
import { chromiumBrowser } from './build/vitest-browser.ts'

export default defineConfig({
  test: {
    projects: [
      'packages/*',
      'tests/*',
      {
        // Every story is a test in real Chromium: it renders, its play function passes, and
        // axe finds no violation.
        plugins: [storybookTest({ configDir: path.join(import.meta.dirname, '.storybook') })],
        resolve: { conditions: ['@likeness/source', ...defaultClientConditions] },
        test: {
          name: 'storybook',
          browser: chromiumBrowser(),
          setupFiles: ['.storybook/vitest.setup.ts'],
        },
      },
    ],
  },
})
