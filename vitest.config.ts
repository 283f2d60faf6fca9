import path from 'node:path'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { defaultClientConditions } from 'vite'
import { defineConfig } from 'vitest/config'
import { BROWSER_DEPS, chromiumBrowser } from './build/vitest-browser.ts'

/**
 * Every story as a test in real Chromium: it renders, its play function passes, and axe finds
 * no violation; once per theme and language pair.
 */
function storybookProject(name: string, globals: { theme: string; locale: string }) {
  return {
    plugins: [storybookTest({ configDir: path.join(import.meta.dirname, '.storybook') })],
    resolve: { conditions: ['@likeness/source', ...defaultClientConditions] },
    optimizeDeps: { include: BROWSER_DEPS },
    define: { __LK_STORY_GLOBALS__: JSON.stringify(globals) },
    // A hang guard, not a speed limit: a story's render, play and axe check may take a while
    // on a loaded machine.
    test: { name, browser: chromiumBrowser(), testTimeout: 120_000 },
  }
}

export default defineConfig({
  test: {
    projects: [
      'packages/*',
      'tests/*',
      'apps/demo',
      storybookProject('storybook', { theme: 'light', locale: 'en' }),
      storybookProject('storybook-dark-zh', { theme: 'dark', locale: 'zh-CN' }),
    ],
  },
})
