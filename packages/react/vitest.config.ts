import { likenessProject } from '../../build/vitest-project.ts'

export default likenessProject('react', {
  environment: 'jsdom',
  environmentOptions: { jsdom: { url: 'https://app.example/studio' } },
  include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
  setupFiles: ['test/setup.ts'],
})
