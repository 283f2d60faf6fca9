// @vitest-environment jsdom
/**
 * The asset list, upload and deletion controllers without React: the real HTTP adapter,
 * handler and simulator in this process, and TanStack's query-core for the cache. jsdom makes
 * query-core poll (`refetchInterval` runs only where there is a `window`).
 */
import { QueryClient } from '@tanstack/query-core'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { activeAsset, harness, PNG, verify } from '../../server/test/harness.ts'
import {
  AssetDeletionController,
  AssetListController,
  createAssetUploads,
  createLikenessRuntime,
  LikenessError,
  type Asset,
  type AssetListOptions,
  type AssetListQuery,
  type HostAdapter,
  type LikenessRuntime,
} from '../src/index.ts'
import { FAST_POLLING, harnessAdapter, requestLog, until, type Store } from './support.ts'

afterEach(() => {
  vi.restoreAllMocks()
})

/** Reads of list pages (`GET /assets?...`). */
const pageReads = (lines: readonly string[]) => lines.filter((l) => l.startsWith('GET /assets?'))
/** Reads of single assets (`GET /assets/{id}`), the way a processing asset is followed. */
const assetReads = (lines: readonly string[]) => lines.filter((l) => l.startsWith('GET /assets/'))
const names = (assets: readonly Asset[]) => assets.map((asset) => asset.name)
const ids = (assets: readonly Asset[]) => assets.map((asset) => asset.id)
const png = (name: string) => new File([PNG], name, { type: 'image/png' })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function setup() {
  const h = harness()
  const log = requestLog()
  const adapter = harnessAdapter(h, { log })
  /**
   * A page on `over` (default: the real adapter). Its QueryClient sets no retry default, so
   * the controllers' own retry policy applies. Polls every 20 ms of real time: the simulator's
   * clock decides what they see.
   */
  const page = (over: HostAdapter = adapter, client = new QueryClient()) =>
    createLikenessRuntime({ client, adapter: over, polling: FAST_POLLING })
  return { h, log, adapter, page, runtime: page() }
}

/** A list that is watched until the test ends; `stop` ends it earlier. */
function watch(runtime: LikenessRuntime, query?: AssetListOptions) {
  const list = new AssetListController(runtime, query)
  const stop = list.subscribe(() => undefined)
  onTestFinished(stop)
  return list
}

const loaded = (list: AssetListController) => until(list, (s) => !s.isLoading)

/**
 * An adapter whose `deleteAsset` calls each wait until `release()` lets the oldest go; then
 * the ones `refused` names throw their error, the others delete on the server.
 */
function heldDeletes(adapter: HostAdapter, refused = new Map<string, LikenessError>()) {
  const waiting: (() => void)[] = []
  const calls: string[] = []
  const held: HostAdapter = {
    ...adapter,
    deleteAsset: async (assetId, options) => {
      calls.push(assetId)
      await new Promise<void>((resolve) => waiting.push(resolve))
      const refusal = refused.get(assetId)
      if (refusal) throw refusal
      return adapter.deleteAsset(assetId, options)
    },
  }
  return { adapter: held, calls, release: () => waiting.shift()?.() }
}

/** An adapter whose `listAssets` calls for `held` queries wait, before the server, until `release()`. */
function heldLists(adapter: HostAdapter, held: (query: AssetListQuery) => boolean) {
  let release!: () => void
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  /** How many calls wait, as a store to await. */
  let count = 0
  const listeners = new Set<() => void>()
  const waiting: Store<number> = {
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSnapshot: () => count,
  }
  const holding: HostAdapter = {
    ...adapter,
    listAssets: async (query = {}, options) => {
      if (held(query)) {
        count += 1
        for (const listener of [...listeners]) listener()
        await gate
      }
      return adapter.listAssets(query, options)
    },
  }
  return { adapter: holding, waiting, release }
}

/** An adapter whose `listAssets` fails with each of `failures` in turn, then reads the list. */
function failingLists(adapter: HostAdapter, failures: LikenessError[]) {
  const calls = { count: 0 }
  const failing: HostAdapter = {
    ...adapter,
    listAssets: async (query, options) => {
      calls.count += 1
      const failure = failures.shift()
      if (failure) throw failure
      return adapter.listAssets(query, options)
    },
  }
  return { calls, adapter: failing }
}

async function uploadOne(runtime: LikenessRuntime, name: string) {
  const uploads = createAssetUploads(runtime)
  uploads.add([png(name)])
  await until(uploads, (s) => s.items[0]?.status === 'uploaded' || s.items[0]?.status === 'failed')
  const [item] = uploads.getSnapshot().items
  expect(item?.status).toBe('uploaded')
  return item?.asset as Asset
}

/** Lets the simulator finish processing what was uploaded. */
async function finishProcessing(h: ReturnType<typeof harness>) {
  h.clock.advance(1000)
  await h.sim.settle()
}

describe('AssetListController', () => {
  it('asks for nothing until watched, and for no list before the person is verified', async () => {
    const { h, log, runtime } = setup()
    const list = new AssetListController(runtime)
    await sleep(20)
    expect(log.lines).toEqual([])

    const stop = list.subscribe(() => undefined)
    await loaded(list)
    expect(list.getSnapshot()).toMatchObject({
      isVerified: false,
      assets: [],
      total: 0,
      error: null,
      hasNextPage: false,
    })
    await sleep(40)
    expect(log.lines).toEqual(['GET /verification'])

    // Verified meanwhile (another tab): once the verification is read again, it lists.
    await verify(h, 'alice')
    const asset = await activeAsset(h, 'alice', 'beach.png')
    await runtime.client.refetchQueries({ queryKey: runtime.keys.verification })
    await until(list, (s) => s.isVerified && !s.isLoading)
    expect(list.getSnapshot()).toMatchObject({ total: 1, hasNextPage: false })
    expect(ids(list.getSnapshot().assets)).toEqual([asset.id])
    expect(pageReads(log.lines)).toEqual(['GET /assets?page=1&pageSize=24'])
    stop()
  })

  it('lists newest first, page by page, and does not follow settled assets', async () => {
    const { h, log, runtime } = setup()
    await verify(h, 'alice')
    for (const name of ['a', 'b', 'c', 'd', 'e']) await activeAsset(h, 'alice', `${name}.png`)
    const list = watch(runtime, { pageSize: 2 })
    await loaded(list)
    expect(names(list.getSnapshot().assets)).toEqual(['e.png', 'd.png'])
    expect(list.getSnapshot()).toMatchObject({ total: 5, hasNextPage: true, isVerified: true })
    await list.fetchNextPage()
    await list.fetchNextPage()
    expect(list.getSnapshot()).toMatchObject({ hasNextPage: false, isFetchingNextPage: false })
    expect(names(list.getSnapshot().assets)).toEqual(['e.png', 'd.png', 'c.png', 'b.png', 'a.png'])
    expect(pageReads(log.lines)).toEqual(
      [1, 2, 3].map((page) => `GET /assets?page=${page}&pageSize=2`),
    )
    await sleep(60)
    expect(assetReads(log.lines)).toEqual([])
  })
})

describe('createAssetUploads with asset lists', () => {
  it('puts an upload first in the newest-first list at once, follows it alone while it processes, and on settling reads again only the list filtered by status', async () => {
    const { h, log, runtime } = setup()
    await verify(h, 'alice')
    for (const name of ['a', 'b', 'c', 'd', 'e']) await activeAsset(h, 'alice', `${name}.png`)
    const all = watch(runtime, { pageSize: 2 })
    const active = watch(runtime, { statuses: ['active'], pageSize: 2 })
    await loaded(all)
    await loaded(active)
    await all.fetchNextPage()
    await all.fetchNextPage()
    expect(all.getSnapshot().hasNextPage).toBe(false)
    const before = log.lines.length

    const asset = await uploadOne(runtime, 'new.png')
    expect(asset.status).toBe('processing')
    // In the loaded pages at once, from the upload's answer: six assets in three pages.
    expect(ids(all.getSnapshot().assets)[0]).toBe(asset.id)
    expect(all.getSnapshot().assets[0]?.status).toBe('processing')
    expect(names(all.getSnapshot().assets).slice(1)).toEqual([
      'e.png',
      'd.png',
      'c.png',
      'b.png',
      'a.png',
    ])
    expect(all.getSnapshot()).toMatchObject({ total: 6, hasNextPage: false })
    // A list of active assets does not show a processing one.
    expect(names(active.getSnapshot().assets)).toEqual(['e.png', 'd.png'])
    expect(active.getSnapshot().total).toBe(5)

    // Several polls while it processes: each one a single `GET /assets/{id}`, no page read.
    await until(log, (lines) => assetReads(lines).length >= 3)
    expect(log.lines.slice(before).filter((line) => line !== `GET /assets/${asset.id}`)).toEqual([
      'POST /assets?name=new.png',
    ])

    const reads = pageReads(log.lines).length
    await finishProcessing(h)
    await until(active, (s) => names(s.assets)[0] === 'new.png')
    expect(names(active.getSnapshot().assets)).toEqual(['new.png', 'e.png'])
    expect(active.getSnapshot().total).toBe(6)
    // The unfiltered list got the settled copy without being read again.
    expect(all.getSnapshot().assets[0]).toMatchObject({ id: asset.id, status: 'active' })
    expect(all.getSnapshot().total).toBe(6)
    expect(pageReads(log.lines).slice(reads)).toEqual([
      'GET /assets?status=active&page=1&pageSize=2',
    ])
    // Settled: nobody asks about it any more.
    const settled = assetReads(log.lines).length
    await sleep(100)
    expect(assetReads(log.lines)).toHaveLength(settled)
  })

  it('reads a searched or oldest-first list again after an upload instead of patching it', async () => {
    const { h, log, runtime } = setup()
    await verify(h, 'alice')
    await activeAsset(h, 'alice', 'old.png')
    const newest = watch(runtime)
    const named = watch(runtime, { name: 'front' })
    const oldest = watch(runtime, { order: 'asc' })
    const active = watch(runtime, { statuses: ['active'] })
    for (const list of [newest, named, oldest, active]) await loaded(list)
    expect(named.getSnapshot().assets).toEqual([])
    const reads = pageReads(log.lines).length

    const asset = await uploadOne(runtime, 'front.png')
    expect(names(newest.getSnapshot().assets)).toEqual(['front.png', 'old.png'])
    expect(newest.getSnapshot().total).toBe(2)
    await until(named, (s) => s.total === 1)
    await until(oldest, (s) => s.total === 2)
    expect(ids(named.getSnapshot().assets)).toEqual([asset.id])
    expect(names(oldest.getSnapshot().assets)).toEqual(['old.png', 'front.png'])
    // Only those two were read again; the active one neither gains it nor is read.
    expect(pageReads(log.lines).slice(reads).sort()).toEqual([
      'GET /assets?name=front&page=1&pageSize=24',
      'GET /assets?order=asc&page=1&pageSize=24',
    ])
    expect(names(active.getSnapshot().assets)).toEqual(['old.png'])
  })

  it('stops following a processing asset once nobody watches the list', async () => {
    const { h, log, runtime } = setup()
    await verify(h, 'alice')
    const list = new AssetListController(runtime)
    const stop = list.subscribe(() => undefined)
    await loaded(list)
    const asset = await uploadOne(runtime, 'front.png')
    await until(log, (lines) => assetReads(lines).length >= 1)
    stop()
    const followed = assetReads(log.lines).length
    await sleep(100)
    expect(assetReads(log.lines)).toHaveLength(followed)
    expect(list.getSnapshot().assets[0]).toMatchObject({ id: asset.id, status: 'processing' })
  })
})

describe('AssetDeletionController', () => {
  it('takes an asset out of every list at once, and holds its id while the server deletes it', async () => {
    const { h, log, adapter, page } = setup()
    await verify(h, 'alice')
    const keep = await activeAsset(h, 'alice', 'keep.png')
    const drop = await activeAsset(h, 'alice', 'drop.png')
    const held = heldDeletes(adapter)
    const runtime = page(held.adapter)
    const all = watch(runtime)
    const active = watch(runtime, { statuses: ['active'] })
    const named = watch(runtime, { name: 'drop' })
    for (const list of [all, active, named]) await loaded(list)
    expect(all.getSnapshot().total).toBe(2)
    const reads = pageReads(log.lines).length

    const deletion = new AssetDeletionController(runtime)
    const removed = deletion.remove(drop)
    expect(deletion.getSnapshot().deleting).toEqual([drop.id])
    await until(all, (s) => s.total === 1)
    expect(ids(all.getSnapshot().assets)).toEqual([keep.id])
    expect(ids(active.getSnapshot().assets)).toEqual([keep.id])
    expect(active.getSnapshot().total).toBe(1)
    expect(named.getSnapshot()).toMatchObject({ assets: [], total: 0 })
    expect(held.calls).toEqual([drop.id])
    expect(deletion.getSnapshot().deleting).toEqual([drop.id])
    // The server still has it.
    expect((await h.as('alice').get('/assets')).body.total).toBe(2)

    held.release()
    expect(await removed).toBe(true)
    expect(deletion.getSnapshot()).toEqual({ deleting: [], isDeletingAll: false, failure: null })
    expect((await h.as('alice').get('/assets')).body.total).toBe(1)
    expect(ids(all.getSnapshot().assets)).toEqual([keep.id])
    expect(all.getSnapshot().total).toBe(1)
    expect(pageReads(log.lines)).toHaveLength(reads)
  })

  it('puts a refused deletion back in every list and says why', async () => {
    const { h, log, adapter, page } = setup()
    await verify(h, 'alice')
    const first = await activeAsset(h, 'alice', 'first.png')
    const second = await activeAsset(h, 'alice', 'second.png')
    const refusal = new LikenessError('forbidden', { status: 403 })
    const held = heldDeletes(adapter, new Map([[first.id, refusal]]))
    const runtime = page(held.adapter)
    const all = watch(runtime)
    const active = watch(runtime, { statuses: ['active'] })
    await loaded(all)
    await loaded(active)
    const before = ids(all.getSnapshot().assets)
    expect(before).toEqual([second.id, first.id])
    const reads = pageReads(log.lines).length

    const deletion = new AssetDeletionController(runtime)
    const removed = deletion.remove(first)
    await until(all, (s) => s.total === 1)
    expect(ids(active.getSnapshot().assets)).toEqual([second.id])
    expect(deletion.getSnapshot()).toMatchObject({ deleting: [first.id], failure: null })

    held.release()
    expect(await removed).toBe(false)
    await until(all, (s) => s.total === 2)
    expect(ids(all.getSnapshot().assets)).toEqual(before)
    await until(active, (s) => s.total === 2)
    expect(ids(active.getSnapshot().assets)).toEqual(before)
    const { failure, deleting } = deletion.getSnapshot()
    expect(deleting).toEqual([])
    expect(failure?.asset).toBe(first)
    expect(failure?.error).toBe(refusal)
    // Put back from the cache, not by reading the lists again.
    expect(pageReads(log.lines)).toHaveLength(reads)
    expect((await h.as('alice').get('/assets')).body.total).toBe(2)

    deletion.dismissFailure()
    expect(deletion.getSnapshot().failure).toBeNull()
  })

  it('two deletions at once, the first refused: only that one comes back, in its place', async () => {
    const { h, adapter, page } = setup()
    await verify(h, 'alice')
    const keep = await activeAsset(h, 'alice', 'keep.png')
    const refused = await activeAsset(h, 'alice', 'refused.png')
    const middle = await activeAsset(h, 'alice', 'middle.png')
    const deleted = await activeAsset(h, 'alice', 'deleted.png')
    const refusal = new LikenessError('upstream_error')
    const held = heldDeletes(adapter, new Map([[refused.id, refusal]]))
    const runtime = page(held.adapter)
    const all = watch(runtime)
    await loaded(all)
    expect(ids(all.getSnapshot().assets)).toEqual([deleted.id, middle.id, refused.id, keep.id])

    const deletion = new AssetDeletionController(runtime)
    const removals = [deletion.remove(refused), deletion.remove(deleted)]
    expect(deletion.getSnapshot().deleting).toEqual([refused.id, deleted.id])
    await until(all, (s) => s.total === 2)
    expect(ids(all.getSnapshot().assets)).toEqual([middle.id, keep.id])
    expect(held.calls).toEqual([refused.id, deleted.id])

    held.release()
    expect(await removals[0]).toBe(false)
    expect(deletion.getSnapshot()).toMatchObject({
      deleting: [deleted.id],
      failure: { asset: refused, error: refusal },
    })
    // Back in its place (after the neighbour still there), while the other is on its way out.
    await until(all, (s) => s.total === 3)
    expect(ids(all.getSnapshot().assets)).toEqual([middle.id, refused.id, keep.id])

    held.release()
    expect(await removals[1]).toBe(true)
    expect(deletion.getSnapshot().deleting).toEqual([])
    expect(ids(all.getSnapshot().assets)).toEqual([middle.id, refused.id, keep.id])
    expect(all.getSnapshot().total).toBe(3)
    expect((await h.as('alice').get('/assets')).body.total).toBe(3)
  })

  it('a list whose first page is on its way during a deletion still loads', async () => {
    const { h, adapter, page } = setup()
    await verify(h, 'alice')
    const keep = await activeAsset(h, 'alice', 'keep.png')
    const drop = await activeAsset(h, 'alice', 'drop.png')
    const lists = heldLists(adapter, (query) => query.name === 'png')
    const runtime = page(lists.adapter)
    const all = watch(runtime)
    await loaded(all)
    const found = watch(runtime, { name: 'png' })
    await until(lists.waiting, (count) => count === 1)
    expect(found.getSnapshot().isLoading).toBe(true)

    const deletion = new AssetDeletionController(runtime)
    expect(await deletion.remove(drop)).toBe(true)
    lists.release()
    await until(found, (s) => !s.isLoading)
    expect(found.getSnapshot()).toMatchObject({ total: 1, error: null })
    expect(ids(found.getSnapshot().assets)).toEqual([keep.id])
    expect(ids(all.getSnapshot().assets)).toEqual([keep.id])
  })

  it('removeAll empties every list and reads the verification again', async () => {
    const { h, log, runtime } = setup()
    await verify(h, 'alice')
    await activeAsset(h, 'alice', 'a.png')
    await activeAsset(h, 'alice', 'b.png')
    const all = watch(runtime)
    const active = watch(runtime, { statuses: ['active'] })
    await loaded(all)
    await loaded(active)
    expect(all.getSnapshot().total).toBe(2)
    const reads = pageReads(log.lines).length
    const verifications = log.lines.filter((line) => line === 'GET /verification').length

    const deletion = new AssetDeletionController(runtime)
    const done = deletion.removeAll()
    expect(deletion.getSnapshot().isDeletingAll).toBe(true)
    expect(await done).toBe(true)
    expect(deletion.getSnapshot()).toEqual({ deleting: [], isDeletingAll: false, failure: null })
    expect(log.lines).toContain('DELETE /assets')
    expect(log.lines.filter((line) => line === 'GET /verification')).toHaveLength(verifications + 1)
    await until(all, (s) => !s.isVerified)
    for (const list of [all, active]) {
      expect(list.getSnapshot()).toMatchObject({
        assets: [],
        total: 0,
        hasNextPage: false,
        error: null,
        isVerified: false,
      })
    }
    // No list read the server would refuse for lack of a verification.
    await sleep(40)
    expect(pageReads(log.lines)).toHaveLength(reads)
    expect((await h.as('alice').get('/verification')).body.session).toBeNull()

    // Verified again: the emptied lists are read again, not taken as known.
    await verify(h, 'alice')
    const asset = await activeAsset(h, 'alice', 'again.png')
    await runtime.client.refetchQueries({ queryKey: runtime.keys.verification })
    await until(all, (s) => s.total === 1)
    await until(active, (s) => s.total === 1)
    expect(ids(all.getSnapshot().assets)).toEqual([asset.id])
    expect(pageReads(log.lines).slice(reads).sort()).toEqual([
      'GET /assets?page=1&pageSize=24',
      'GET /assets?status=active&page=1&pageSize=24',
    ])
  })
})

describe('the retry policy of list reads', () => {
  it('shows a refusal (not found) at once and sends it once', async () => {
    const { h, adapter, page } = setup()
    await verify(h, 'alice')
    const failing = failingLists(adapter, [new LikenessError('not_found')])
    const list = watch(page(failing.adapter))
    await until(list, (s) => s.error !== null)
    expect(list.getSnapshot()).toMatchObject({
      error: { code: 'not_found' },
      isLoading: false,
      isVerified: true,
      assets: [],
    })
    await sleep(40)
    expect(failing.calls.count).toBe(1)
  })

  it('retries a passing failure (service unavailable) without showing it', async () => {
    const { h, adapter, page } = setup()
    await verify(h, 'alice')
    const asset = await activeAsset(h, 'alice', 'beach.png')
    const failing = failingLists(adapter, [
      new LikenessError('upstream_unavailable', { retryAfterMs: 1 }),
    ])
    const list = new AssetListController(page(failing.adapter))
    let shown = false
    const stop = list.subscribe(() => {
      shown ||= list.getSnapshot().error !== null
    })
    await until(list, (s) => s.assets.length > 0)
    expect(ids(list.getSnapshot().assets)).toEqual([asset.id])
    expect(failing.calls.count).toBe(2)
    expect(shown).toBe(false)
    expect(list.getSnapshot().error).toBeNull()
    stop()
  })

  it('shows a rate limit with a long wait at once instead of waiting it out', async () => {
    const { h, adapter, page } = setup()
    await verify(h, 'alice')
    const failing = failingLists(adapter, [
      new LikenessError('rate_limited', { retryAfterMs: 60_000 }),
    ])
    const list = watch(page(failing.adapter))
    await until(list, (s) => s.error !== null)
    expect(list.getSnapshot().error).toMatchObject({ code: 'rate_limited', retryAfterMs: 60_000 })
    expect(list.getSnapshot().isLoading).toBe(false)
    expect(failing.calls.count).toBe(1)
  })

  it('follows the host’s QueryClient when it sets a retry default', async () => {
    const { h, adapter, page } = setup()
    await verify(h, 'alice')
    const failing = failingLists(adapter, [new LikenessError('upstream_unavailable')])
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    const list = watch(page(failing.adapter, client))
    await until(list, (s) => s.error !== null)
    expect(list.getSnapshot().error?.code).toBe('upstream_unavailable')
    expect(failing.calls.count).toBe(1)
  })
})
