import { likenessProject } from '../../build/vitest-project.ts'

export default likenessProject('server')
