import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'easyrouter-sim',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
})
