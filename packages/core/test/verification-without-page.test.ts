import { QueryClient } from '@tanstack/query-core'
import { expect, it, vi } from 'vitest'
import { harness } from '../../server/test/harness.ts'
import { createLikenessRuntime, VerificationController } from '../src/index.ts'
import { harnessAdapter } from './support.ts'

it('start with `navigate` and no page address does not get stuck in starting', () => {
  const adapter = harnessAdapter(harness())
  const runtime = createLikenessRuntime({ client: new QueryClient(), adapter })
  // A web view host: it navigates itself; there is no `location` (Node here).
  const verification = new VerificationController(runtime, { navigate: vi.fn() })
  const stop = verification.subscribe(() => undefined)
  expect(() => {
    verification.start()
  }).not.toThrow()
  stop()
})
