import type { UserConfig } from 'tsdown'

/**
 * The one build preset every `@likeness/*` package uses: ESM only, declarations, a clean
 * `dist/`, modern targets. A package passes its entries and the platform it runs on.
 */
export function likenessPreset(options: {
  entry: Record<string, string>
  platform?: 'neutral' | 'node' | 'browser'
}): UserConfig {
  return {
    entry: options.entry,
    format: 'esm',
    platform: options.platform ?? 'neutral',
    target: 'es2022',
    dts: true,
    clean: true,
    sourcemap: true,
    outDir: 'dist',
    fixedExtension: false,
    hash: false,
    // Node built-ins are the runtime's, never bundled (the `./node` entries import them).
    deps: { neverBundle: [/^node:/] },
  }
}
