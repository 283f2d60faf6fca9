import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as api from './index.ts'

// The main entry also runs inside a browser page, so nothing it reaches may need Node.
function reachableModules(entry: URL): Map<string, string> {
  const seen = new Map<string, string>()
  const visit = (url: URL): void => {
    if (seen.has(url.href)) return
    const source = readFileSync(url, 'utf8')
    seen.set(url.href, source)
    for (const [, specifier] of source.matchAll(/^(?:import|export)\b[^'"]*?from '([^']+)'/gm)) {
      if (specifier?.startsWith('.')) visit(new URL(specifier, url))
    }
  }
  visit(entry)
  return seen
}

describe('the main entry', () => {
  it('reaches only Web-standard code: no node: imports, no process, no Buffer', () => {
    const modules = reachableModules(new URL('./index.ts', import.meta.url))
    expect(modules.size).toBeGreaterThan(20)
    for (const [url, source] of modules) {
      const code = source.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')
      expect({ url, nodeImport: /from '(node:|[a-z@])/.test(code) }).toEqual({
        url,
        nodeImport: false,
      })
      expect({ url, nodeGlobal: /\b(process|Buffer|require)\b/.test(code) }).toEqual({
        url,
        nodeGlobal: false,
      })
    }
  })

  it('exports the documented surface', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'CREDENTIAL_CANARY_PREFIX',
        'DEFAULT_MAX_ASSET_BYTES',
        'DEFAULT_TIMINGS',
        'FACE_MISMATCH_MARKER',
        'FAIL_PROMPT_MARKER',
        'MANAGEMENT_PREFIX',
        'SIM_CONTROL_HEADER',
        'SimulatedDropError',
        'createManualClock',
        'createSimulator',
        'createSystemClock',
        'isAdjustableClock',
      ].sort(),
    )
  })
})
