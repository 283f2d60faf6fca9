// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://app.example/studio"}
/**
 * Edges the controllers once got wrong: a controller made and dropped (StrictMode) tells the
 * host nothing, and a list read answered after a deletion does not bring the asset back.
 */
import { QueryClient } from '@tanstack/query-core'
import { expect, it, vi } from 'vitest'
import { activeAsset, harness, verify } from '../../server/test/harness.ts'
import {
  AssetDeletionController,
  AssetListController,
  createLikenessRuntime,
  VerificationController,
  type HostAdapter,
} from '../src/index.ts'
import { harnessAdapter, until } from './support.ts'

function setup() {
  const h = harness()
  return { h, adapter: harnessAdapter(h) }
}

it('a controller nobody subscribes to calls no host callback (StrictMode drops one)', async () => {
  const { h, adapter } = setup()
  const runtime = createLikenessRuntime({ client: new QueryClient(), adapter })
  await verify(h, 'alice')
  // The cache already knows (another component on the page read it).
  runtime.client.setQueryData(runtime.keys.verification, await adapter.getVerification())
  const onVerified = vi.fn()
  // What useController does under StrictMode: the initialiser runs twice, one is dropped.
  new VerificationController(runtime, { onVerified })
  const kept = new VerificationController(runtime, { onVerified })
  expect(onVerified).not.toHaveBeenCalled()
  const stop = kept.subscribe(() => undefined)
  expect(onVerified).toHaveBeenCalledOnce()
  stop()
})

it('a list read answered after a successful deletion does not bring the asset back', async () => {
  const { h, adapter } = setup()
  await verify(h, 'alice')
  const keep = await activeAsset(h, 'alice', 'keep.png')
  const drop = await activeAsset(h, 'alice', 'drop.png')
  // The server answers the list read at once; the answer takes a while to arrive.
  let slow = false
  let arrive!: () => void
  const late = new Promise<void>((resolve) => {
    arrive = resolve
  })
  const slowLists: HostAdapter = {
    ...adapter,
    listAssets: async (query, options) => {
      const page = await adapter.listAssets(query, options)
      if (slow) await late
      return page
    },
  }
  const runtime = createLikenessRuntime({ client: new QueryClient(), adapter: slowLists })
  const list = new AssetListController(runtime)
  const stop = list.subscribe(() => undefined)
  await until(list, (s) => s.total === 2)
  slow = true
  const refetched = list.refetch()
  const deletion = new AssetDeletionController(runtime)
  expect(await deletion.remove(drop)).toBe(true)
  expect(list.getSnapshot().assets.map((a) => a.id)).toEqual([keep.id])
  arrive()
  await refetched
  // Deleted on the server (total 1), yet the list shows it again, with total 2.
  expect((await h.as('alice').get('/assets')).body.total).toBe(1)
  expect(list.getSnapshot().assets.map((a) => a.id)).toEqual([keep.id])
  expect(list.getSnapshot().total).toBe(1)
  stop()
})
