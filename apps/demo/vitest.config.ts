import { likenessProject } from '../../build/vitest-project.ts'

// The demo's own server, in Node over real HTTP on loopback; the page is covered by e2e/.
export default likenessProject('demo', { include: ['server/**/*.test.ts'] })
