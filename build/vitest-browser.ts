import { playwright } from '@vitest/browser-playwright'

/**
 * Flags Chromium needs here: headless, no sandbox (CI runs as root), and no background
 * connections, which a machine with a closed network refuses many at a time.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/**
 * Vitest browser mode in the system's Chromium (Debian's package), driven by Playwright.
 * Nothing is downloaded: `CHROMIUM_PATH` overrides where the browser is.
 */
export function chromiumBrowser() {
  return {
    enabled: true,
    headless: true,
    provider: playwright({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: CHROMIUM_ARGS,
      },
    }),
    instances: [{ browser: 'chromium' as const }],
    screenshotFailures: false,
  }
}

/**
 * Dependencies Vite pre-bundles up front for browser tests, so it never discovers one mid-run
 * and reloads the page under a running test.
 */
export const BROWSER_DEPS = [
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-dom/client',
  'radix-ui',
  '@tanstack/react-query',
  '@tanstack/react-virtual',
  '@testing-library/react',
  '@testing-library/jest-dom/vitest',
]
