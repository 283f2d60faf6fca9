import type { AliasOptions } from 'vite'
import { defineProject, type TestProjectInlineConfiguration } from 'vitest/config'

// Workspace packages resolve to their `src` through the `@likeness/source` export condition,
// so tests never need a build first (and never test a stale `dist`).
const conditions = ['@likeness/source', 'import', 'module', 'node', 'default']

/**
 * The Vitest project every package uses: its name, Node by default, tests beside the code or
 * in `test/`, and source resolution of workspace packages.
 */
export function likenessProject(
  name: string,
  test: TestProjectInlineConfiguration['test'] = {},
  options: { alias?: AliasOptions } = {},
): ReturnType<typeof defineProject> {
  return defineProject({
    resolve: { conditions, ...(options.alias ? { alias: options.alias } : {}) },
    ssr: { resolve: { conditions, externalConditions: ['@likeness/source'] } },
    test: {
      name,
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // A hang guard, not a speed limit: tests await state, and a loaded machine is slow.
      testTimeout: 60_000,
      ...test,
    },
  })
}
