import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { likenessProject } from '../../build/vitest-project.ts'

// The hook tests of packages/react, run again with React 18.3. Every import of React, React DOM,
// TanStack Query and Testing Library, from the tests and from the hooks' sources alike, is
// pointed at this folder's copies, which pnpm links against React 18.
const local = createRequire(import.meta.url)
const root = (name: string) => dirname(local.resolve(`${name}/package.json`))
const redirected = ['react-dom', 'react', '@tanstack/react-query', '@testing-library/react']

export default likenessProject(
  'react-18',
  {
    environment: 'jsdom',
    environmentOptions: { jsdom: { url: 'https://app.example/studio' } },
    dir: fileURLToPath(new URL('../../packages/react/test', import.meta.url)),
    include: ['**/*.test.{ts,tsx}'],
    env: { LIKENESS_EXPECT_REACT: '18' },
    setupFiles: [fileURLToPath(new URL('../../packages/react/test/setup.ts', import.meta.url))],
  },
  {
    alias: redirected.map((name) => ({
      find: new RegExp(`^${name.replace('/', '\\/')}(?=/|$)`),
      replacement: root(name),
    })),
  },
)
