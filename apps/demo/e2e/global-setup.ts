import path from 'node:path'
import { build } from 'vite'

// The journeys run against the production build, so build it from the current sources first:
// a stale dist/ would test yesterday's app.
export default async function globalSetup() {
  const appDir = path.join(import.meta.dirname, '..')
  await build({ configFile: path.join(appDir, 'vite.config.ts'), logLevel: 'warn' })
}
