import { defineConfig } from 'vitest/config'

// Workspace packages resolve to their `src` through the `@likeness/source` export condition,
// so tests never need a build first.
const conditions = ['@likeness/source', 'import', 'module', 'node', 'default']

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@likeness/source'] } },
  test: {
    projects: ['packages/*'],
  },
})
