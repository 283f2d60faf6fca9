import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'

// The demo uses the packages' sources in development and in its build, so it never waits on a
// package build. The production bundle has no inline scripts, so it runs under a strict CSP.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: { conditions: ['@likeness/source', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true, modulePreload: { polyfill: false } },
})
