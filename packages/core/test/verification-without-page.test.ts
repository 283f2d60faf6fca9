import { QueryClient } from '@tanstack/query-core'
import { expect, it, vi } from 'vitest'
import { BASE, harness } from '../../server/test/harness.ts'
import { createHttpAdapter, createLikenessRuntime, VerificationController } from '../src/index.ts'

it('start with `navigate` and no page address does not get stuck in starting', () => {
  const h = harness()
  const adapter = createHttpAdapter({
    baseUrl: BASE,
    fetch: (input, init) => h.handle(new Request(input, init)),
    headers: { 'x-test-user': 'alice' },
    createXhr: false,
  })
  const runtime = createLikenessRuntime({ client: new QueryClient(), adapter })
  // A web view host: it navigates itself; there is no `location` (Node here).
  const verification = new VerificationController(runtime, { navigate: vi.fn() })
  const stop = verification.subscribe(() => undefined)
  expect(() => {
    verification.start()
  }).not.toThrow()
  stop()
})
