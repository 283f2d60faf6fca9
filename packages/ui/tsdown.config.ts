import { defineConfig } from 'tsdown'
import { likenessPreset } from '../../build/tsdown-preset.ts'

export default defineConfig({
  ...likenessPreset({ entry: { index: 'src/index.ts' }, platform: 'browser' }),
  // Components run on the client; keep the directive so React Server Components bundlers know.
  banner: { js: "'use client'" },
})
