import { defineConfig } from 'tsdown'
import { likenessPreset } from '../../build/tsdown-preset.ts'

// One build for all three entries so they share chunks: `./node` and the CLI reuse the very
// simulator module of `.`, not a copy (one `SimulatedDropError` class, one state shape). The
// main entry uses only Web-standard APIs, hence the neutral platform; the Node-only entries'
// `node:` imports are left to the runtime.
export default defineConfig(
  likenessPreset({
    entry: { index: 'src/index.ts', node: 'src/node/index.ts', cli: 'src/cli.ts' },
    platform: 'neutral',
  }),
)
