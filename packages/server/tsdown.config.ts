import { defineConfig } from 'tsdown'
import { likenessPreset } from '../../build/tsdown-preset.ts'

export default defineConfig(
  likenessPreset({
    entry: { index: 'src/index.ts', node: 'src/node/index.ts' },
    platform: 'neutral',
  }),
)
