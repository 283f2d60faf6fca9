import { LikenessError, type Asset, type HostAdapter } from '@likeness/core'
import { QueryClient } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import {
  useAssetDeletion,
  useAssets,
  useUploads,
  type UseAssetsOptions,
  type UseUploadsOptions,
} from '../src/use-assets.ts'
import { activeAsset, harness, harnessAdapter, PNG, setup, verify } from './harness.tsx'

type Ctx = ReturnType<typeof setup>

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const png = (name: string) => new File([PNG], name, { type: 'image/png' })
const listRequests = (ctx: Ctx) => ctx.requests.filter((line) => line.startsWith('GET /assets?'))
const uploadRequests = (ctx: Ctx) => ctx.requests.filter((line) => line.startsWith('POST /assets'))
/** Reads of single assets (`GET /assets/{id}`), the way a processing asset is followed. */
const assetReads = (ctx: Ctx) => ctx.requests.filter((line) => line.startsWith('GET /assets/'))
const names = (assets: readonly Asset[]) => assets.map((asset) => asset.name)
const ids = (assets: readonly Asset[]) => assets.map((asset) => asset.id)

/** The three asset hooks side by side, as a page with a gallery and an upload button has. */
function useAll(options: UseAssetsOptions & UseUploadsOptions = {}) {
  return { list: useAssets(options), uploads: useUploads(options), deletion: useAssetDeletion() }
}

type All = ReturnType<typeof useAll>

function mount(
  ctx: Ctx,
  options: UseAssetsOptions & UseUploadsOptions = {},
  wrapper = ctx.wrapper,
) {
  return renderHook(() => useAll(options), { wrapper })
}

async function ready(result: { current: All }) {
  await waitFor(() => {
    expect(result.current.list.isLoading).toBe(false)
  })
}

/** Starts deleting the listed asset `id`; returns what `remove` is to answer. */
function startRemove(result: { current: All }, id: string): Promise<boolean> {
  const target = result.current.list.assets.find((asset) => asset.id === id)!
  let removed = Promise.resolve(false)
  act(() => {
    removed = result.current.deletion.remove(target)
  })
  return removed
}

/**
 * A provider whose adapter holds back the requests `held` picks until the test lets each one
 * go. Everything else about them is the real stack: the HTTP adapter, the handler and the
 * simulator; an aborted request stops waiting and is never sent on.
 */
function holding(ctx: Ctx, held: (request: Request) => boolean) {
  const state = { waiting: [] as (() => void)[], inFlight: 0, most: 0 }
  const adapter = harnessAdapter(ctx.h, {
    log: ctx.requests,
    send: async (request) => {
      if (!held(request)) return ctx.h.handle(request)
      state.inFlight += 1
      state.most = Math.max(state.most, state.inFlight)
      try {
        await new Promise<void>((resolve, reject) => {
          state.waiting.push(resolve)
          request.signal.addEventListener('abort', () => {
            state.waiting = state.waiting.filter((waiting) => waiting !== resolve)
            reject(new DOMException('The request was aborted.', 'AbortError'))
          })
        })
        return await ctx.h.handle(request)
      } finally {
        state.inFlight -= 1
      }
    },
  })
  /** Lets the oldest held request through, once there is one. */
  const release = async () => {
    await waitFor(() => {
      expect(state.waiting.length).toBeGreaterThan(0)
    })
    state.waiting.shift()?.()
  }
  return { state, wrapper: ctx.page({ adapter }).wrapper, release }
}

/**
 * A provider whose adapter's `listAssets` fails with each of `failures` in turn, then reads
 * the real list; `calls` counts every list read asked for. Its QueryClient sets no retry
 * default, so the hooks' own retry policy applies.
 */
function failingLists(ctx: Ctx, failures: LikenessError[]) {
  const calls = { count: 0 }
  const adapter: HostAdapter = {
    ...ctx.adapter,
    listAssets: async (query, options) => {
      calls.count += 1
      const failure = failures.shift()
      if (failure) throw failure
      return ctx.adapter.listAssets(query, options)
    },
  }
  return { calls, wrapper: ctx.page({ adapter, queryClient: new QueryClient() }).wrapper }
}

const isUpload = (request: Request) => request.method === 'POST'
const isDelete = (request: Request) => request.method === 'DELETE'

describe('useAssets', () => {
  it('does not ask for assets before the person is verified', async () => {
    const ctx = setup()
    const { result } = mount(ctx)
    await ready(result)
    expect(result.current.list.isVerified).toBe(false)
    expect(result.current.list.assets).toEqual([])
    expect(result.current.list.error).toBeNull()
    await sleep(60)
    expect(ctx.requests).toEqual(['GET /verification'])
  })

  it('lists only the verified person’s own assets, and does not poll settled ones', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const asset = await activeAsset(ctx.h, 'alice', 'beach.png')
    await verify(ctx.h, 'bob')
    await activeAsset(ctx.h, 'bob', 'not-yours.png')
    const { result } = mount(ctx)
    await ready(result)
    expect(result.current.list.isVerified).toBe(true)
    expect(result.current.list.assets.map((item) => [item.id, item.status])).toEqual([
      [asset.id, 'active'],
    ])
    expect(result.current.list.total).toBe(1)
    expect(result.current.list.hasNextPage).toBe(false)
    expect(listRequests(ctx)).toEqual(['GET /assets?page=1&pageSize=24'])
    await sleep(80)
    expect(listRequests(ctx)).toHaveLength(1)
    expect(assetReads(ctx)).toEqual([])
  })

  it('filters by status and searches by name', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    await activeAsset(ctx.h, 'alice', 'beach.png')
    await activeAsset(ctx.h, 'alice', 'studio.png')
    await ctx.h.as('alice').upload(PNG, 'name=beach-sunset.png')
    const { result } = renderHook(
      () => ({
        active: useAssets({ statuses: ['active'] }),
        beach: useAssets({ name: 'beach', sort: 'createdAt', order: 'asc' }),
        processingBeach: useAssets({ statuses: ['processing'], name: 'beach' }),
      }),
      { wrapper: ctx.wrapper },
    )
    await waitFor(() => {
      expect(result.current.active.isLoading).toBe(false)
      expect(result.current.beach.isLoading).toBe(false)
      expect(result.current.processingBeach.isLoading).toBe(false)
    })
    expect(names(result.current.active.assets).sort()).toEqual(['beach.png', 'studio.png'])
    expect(names(result.current.beach.assets)).toEqual(['beach.png', 'beach-sunset.png'])
    expect(names(result.current.processingBeach.assets)).toEqual(['beach-sunset.png'])
    expect(ctx.requests).toContain('GET /assets?status=active&page=1&pageSize=24')
    expect(ctx.requests).toContain(
      'GET /assets?name=beach&sort=createdAt&order=asc&page=1&pageSize=24',
    )
  })

  it('loads further pages on request', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      await ctx.h.as('alice').upload(PNG, `name=${name}.png`)
    }
    await ctx.h.sim.settle()
    ctx.h.clock.advance(1000)
    const { result } = mount(ctx, { pageSize: 2 })
    await ready(result)
    expect(result.current.list.assets).toHaveLength(2)
    expect(result.current.list.total).toBe(5)
    expect(result.current.list.hasNextPage).toBe(true)

    await act(() => result.current.list.fetchNextPage())
    await waitFor(() => {
      expect(result.current.list.assets).toHaveLength(4)
    })
    expect(result.current.list.hasNextPage).toBe(true)
    await act(() => result.current.list.fetchNextPage())
    await waitFor(() => {
      expect(result.current.list.hasNextPage).toBe(false)
    })
    expect(result.current.list.isFetchingNextPage).toBe(false)
    expect(names(result.current.list.assets)).toEqual(['e.png', 'd.png', 'c.png', 'b.png', 'a.png'])
    expect(listRequests(ctx)).toEqual(
      [1, 2, 3].map((page) => `GET /assets?page=${page}&pageSize=2`),
    )
  })

  it('shows a refusal to list (404) at once, without retrying it', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const lists = failingLists(ctx, [new LikenessError('not_found')])
    const { result } = renderHook(() => useAssets(), { wrapper: lists.wrapper })
    await waitFor(() => {
      expect(result.current.error?.code).toBe('not_found')
    })
    expect(lists.calls.count).toBe(1)
    expect(result.current.isLoading).toBe(false)
    expect(result.current.isVerified).toBe(true)
    expect(result.current.assets).toEqual([])
  })

  it('retries a list read that failed for a passing reason, without showing the error', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const asset = await activeAsset(ctx.h, 'alice', 'beach.png')
    const lists = failingLists(ctx, [
      new LikenessError('upstream_unavailable', { retryAfterMs: 1 }),
    ])
    let shown = false
    const { result } = renderHook(
      () => {
        const state = useAssets()
        shown ||= state.error !== null
        return state
      },
      { wrapper: lists.wrapper },
    )
    // The core retry schedule waits up to 300 ms (real time) before the second read.
    await waitFor(
      () => {
        expect(ids(result.current.assets)).toEqual([asset.id])
      },
      { timeout: 5000 },
    )
    expect(lists.calls.count).toBe(2)
    expect(result.current.error).toBeNull()
    expect(shown).toBe(false)
  })
})

describe('useUploads', () => {
  it('uploads a picture and follows it from processing to active, then stops polling', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const seen: string[] = []
    const { result } = renderHook(
      () => {
        const state = useAll()
        const status = state.uploads.uploads[0]?.status
        if (status && seen.at(-1) !== status) seen.push(status)
        return state
      },
      { wrapper: ctx.wrapper },
    )
    await ready(result)
    expect(result.current.list.assets).toEqual([])
    const lists = listRequests(ctx).length

    let added: string[] = []
    act(() => {
      added = result.current.uploads.upload([png('front.png')])
    })
    expect(added).toHaveLength(1)
    await waitFor(() => {
      expect(result.current.uploads.uploads[0]?.status).toBe('uploaded')
    })
    expect(seen).toEqual(['checking', 'uploading', 'uploaded'])
    const uploaded = result.current.uploads.uploads[0]!
    expect(uploaded).toMatchObject({ id: added[0], name: 'front.png', loaded: PNG.length })
    expect(uploaded.asset?.status).toBe('processing')
    await waitFor(() => {
      expect(result.current.list.assets.map((asset) => asset.status)).toEqual(['processing'])
    })
    expect(result.current.list.assets[0]?.id).toBe(uploaded.asset?.id)
    expect(result.current.uploads.progress).toEqual({ loaded: 0, total: 0 })

    // Still processing: the asset is read alone, again and again; the list is not read again.
    await waitFor(() => {
      expect(assetReads(ctx).length).toBeGreaterThanOrEqual(2)
    })
    expect(new Set(assetReads(ctx))).toEqual(new Set([`GET /assets/${uploaded.asset?.id}`]))
    expect(listRequests(ctx)).toHaveLength(lists)

    ctx.h.clock.advance(1000)
    await ctx.h.sim.settle()
    await waitFor(() => {
      expect(result.current.list.assets.map((asset) => asset.status)).toEqual(['active'])
    })
    await sleep(30)
    const settled = assetReads(ctx).length
    await sleep(120)
    expect(assetReads(ctx)).toHaveLength(settled)
    expect(listRequests(ctx)).toHaveLength(lists)
  })

  it('refreshes a list filtered to active assets when one settles in another list', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const { result } = renderHook(
      () => ({
        all: useAssets(),
        active: useAssets({ statuses: ['active'] }),
        uploads: useUploads(),
      }),
      { wrapper: ctx.wrapper },
    )
    await waitFor(() => {
      expect(result.current.all.isLoading || result.current.active.isLoading).toBe(false)
    })
    act(() => {
      result.current.uploads.upload([png('front.png')])
    })
    await waitFor(() => {
      expect(result.current.all.assets.map((asset) => asset.status)).toEqual(['processing'])
    })
    // The active list holds nothing processing, so it does not follow anything itself.
    expect(result.current.active.assets).toEqual([])

    ctx.h.clock.advance(1000)
    await ctx.h.sim.settle()
    await waitFor(() => {
      expect(names(result.current.active.assets)).toEqual(['front.png'])
    })
  })

  it('follows a processing upload by reading it alone, never the loaded pages; when it settles only a list filtered by status is read again', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    for (const name of ['a', 'b', 'c', 'd', 'e']) await activeAsset(ctx.h, 'alice', `${name}.png`)
    const { result } = renderHook(
      () => ({
        all: useAssets({ pageSize: 2 }),
        active: useAssets({ statuses: ['active'], pageSize: 2 }),
        uploads: useUploads(),
      }),
      { wrapper: ctx.wrapper },
    )
    await waitFor(() => {
      expect(result.current.all.isLoading || result.current.active.isLoading).toBe(false)
    })
    await act(() => result.current.all.fetchNextPage())
    await act(() => result.current.all.fetchNextPage())
    await waitFor(() => {
      expect(result.current.all.hasNextPage).toBe(false)
    })
    expect(names(result.current.all.assets)).toEqual(['e.png', 'd.png', 'c.png', 'b.png', 'a.png'])
    const before = ctx.requests.length

    act(() => {
      result.current.uploads.upload([png('new.png')])
    })
    await waitFor(() => {
      expect(result.current.uploads.uploads[0]?.status).toBe('uploaded')
    })
    const id = result.current.uploads.uploads[0]!.asset!.id
    // Put first into the loaded pages, from the upload's answer: six assets in three pages.
    await waitFor(() => {
      expect(ids(result.current.all.assets)[0]).toBe(id)
    })
    expect(result.current.all.assets).toHaveLength(6)
    expect(result.current.all.total).toBe(6)
    expect(result.current.all.hasNextPage).toBe(false)

    // Several polls: each one a single `GET /assets/{id}`, none a read of the three pages.
    await waitFor(() => {
      expect(assetReads(ctx).length).toBeGreaterThanOrEqual(3)
    })
    const polling = ctx.requests.slice(before)
    expect(polling.filter((line) => line !== `GET /assets/${id}`)).toEqual([
      'POST /assets?name=new.png',
    ])
    expect(names(result.current.active.assets)).toEqual(['e.png', 'd.png'])

    const lists = listRequests(ctx).length
    ctx.h.clock.advance(1000)
    await ctx.h.sim.settle()
    await waitFor(() => {
      expect(names(result.current.active.assets)).toEqual(['new.png', 'e.png'])
    })
    expect(result.current.all.assets[0]).toMatchObject({ id, status: 'active' })
    await sleep(60)
    // Only the list filtered by status was read again; the settled copy replaced the other's.
    expect(listRequests(ctx).slice(lists)).toEqual(['GET /assets?status=active&page=1&pageSize=2'])
    const settled = assetReads(ctx).length
    await sleep(80)
    expect(assetReads(ctx)).toHaveLength(settled)
  })

  it('puts a finished upload first in the lists it heads, and reads only the others again', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    await activeAsset(ctx.h, 'alice', 'old.png')
    const { result } = renderHook(
      () => ({
        newest: useAssets(),
        oldest: useAssets({ order: 'asc' }),
        named: useAssets({ name: 'front' }),
        active: useAssets({ statuses: ['active'] }),
        uploads: useUploads(),
      }),
      { wrapper: ctx.wrapper },
    )
    await waitFor(() => {
      for (const list of [
        result.current.newest,
        result.current.oldest,
        result.current.named,
        result.current.active,
      ]) {
        expect(list.isLoading).toBe(false)
      }
    })
    const lists = listRequests(ctx).length

    act(() => {
      result.current.uploads.upload([png('front.png')])
    })
    await waitFor(() => {
      expect(names(result.current.newest.assets)).toEqual(['front.png', 'old.png'])
      expect(names(result.current.oldest.assets)).toEqual(['old.png', 'front.png'])
      expect(names(result.current.named.assets)).toEqual(['front.png'])
    })
    expect(result.current.newest.total).toBe(2)
    // Where it falls in an oldest-first or searched list only the server knows: those two are
    // read again; the newest-first list is not, nor the active one, which it does not belong to.
    expect(listRequests(ctx).slice(lists).sort()).toEqual([
      'GET /assets?name=front&page=1&pageSize=24',
      'GET /assets?order=asc&page=1&pageSize=24',
    ])
    expect(names(result.current.active.assets)).toEqual(['old.png'])
    expect(result.current.active.total).toBe(1)
  })

  it('rejects text renamed to .png in the browser, without sending it', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const { result } = mount(ctx)
    await ready(result)
    const fake = new File(['not a picture, just words'], 'portrait.png', { type: 'image/png' })
    act(() => {
      result.current.uploads.upload([fake])
    })
    await waitFor(() => {
      expect(result.current.uploads.uploads[0]?.status).toBe('rejected')
    })
    expect(result.current.uploads.uploads[0]?.rejection?.code).toBe('unsupported_type')
    expect(result.current.uploads.isUploading).toBe(false)
    await sleep(20)
    expect(uploadRequests(ctx)).toEqual([])
  })

  it('rejects a file over `rules.maxBytes`, without sending it', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const { result } = mount(ctx, { rules: { maxBytes: PNG.length - 1 } })
    await ready(result)
    act(() => {
      result.current.uploads.upload([png('big.png')])
    })
    await waitFor(() => {
      expect(result.current.uploads.uploads[0]?.rejection?.code).toBe('too_large')
    })
    expect(result.current.uploads.uploads[0]?.status).toBe('rejected')
    expect(uploadRequests(ctx)).toEqual([])
  })

  it('never sends more than `concurrency` files at once', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const held = holding(ctx, isUpload)
    let most = 0
    const { result } = renderHook(
      () => {
        const state = useAll({ concurrency: 2 })
        const uploading = state.uploads.uploads.filter((item) => item.status === 'uploading')
        most = Math.max(most, uploading.length)
        return state
      },
      { wrapper: held.wrapper },
    )
    await ready(result)
    act(() => {
      result.current.uploads.upload(
        ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => png(`${name}.png`)),
      )
    })
    for (let i = 0; i < 6; i += 1) await held.release()
    await waitFor(() => {
      expect(result.current.uploads.uploads.every((item) => item.status === 'uploaded')).toBe(true)
    })
    expect(held.state.most).toBe(2)
    expect(most).toBe(2)
    expect(uploadRequests(ctx)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `POST /assets?name=${name}.png`),
    )
    await waitFor(() => {
      expect(result.current.list.total).toBe(6)
    })
  })

  it('aborts an upload in flight; the next one goes, and only that one reaches the server', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const held = holding(ctx, isUpload)
    const { result } = mount(ctx, { concurrency: 1 }, held.wrapper)
    await ready(result)
    let added: string[] = []
    act(() => {
      added = result.current.uploads.upload([png('first.png'), png('second.png')])
    })
    await waitFor(() => {
      expect(held.state.waiting).toHaveLength(1)
    })
    act(() => {
      result.current.uploads.abort(added[0]!)
    })
    expect(result.current.uploads.uploads.map((item) => item.status)).toEqual([
      'aborted',
      'uploading',
    ])
    await held.release()
    await waitFor(() => {
      expect(result.current.uploads.uploads[1]?.status).toBe('uploaded')
    })
    expect(result.current.uploads.uploads[0]?.status).toBe('aborted')
    await waitFor(() => {
      expect(names(result.current.list.assets)).toEqual(['second.png'])
    })
    expect(result.current.list.total).toBe(1)

    act(() => {
      result.current.uploads.dismiss(added[0]!)
    })
    expect(result.current.uploads.uploads.map((item) => item.id)).toEqual([added[1]])
  })

  it('keeps the server’s refusal on the item, and retries it', async () => {
    const limits = { upload: { max: 1, windowMs: 60_000 } }
    const ctx = setup(
      'alice',
      harness(
        {
          limits: {
            rateLimits: {
              verification: { max: 10, windowMs: 60_000 },
              video: { max: 10, windowMs: 60_000 },
              ...limits,
            },
          },
        },
        Date.now(),
      ),
    )
    await verify(ctx.h, 'alice')
    const { result } = mount(ctx, { concurrency: 1 })
    await ready(result)
    let added: string[] = []
    act(() => {
      added = result.current.uploads.upload([png('one.png'), png('two.png')])
    })
    await waitFor(() => {
      expect(result.current.uploads.uploads.map((item) => item.status)).toEqual([
        'uploaded',
        'failed',
      ])
    })
    const failed = result.current.uploads.uploads[1]!
    expect(failed.error?.code).toBe('rate_limited')
    expect(failed.error?.retryable).toBe(true)

    ctx.h.clock.advance(60_000)
    act(() => {
      result.current.uploads.retry(added[1]!)
    })
    await waitFor(() => {
      expect(result.current.uploads.uploads[1]?.status).toBe('uploaded')
    })
    expect(result.current.uploads.uploads[1]?.error).toBeUndefined()
    expect(uploadRequests(ctx)).toHaveLength(3)
    await waitFor(() => {
      expect(result.current.list.total).toBe(2)
    })
  })

  it('clears every finished upload', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const { result } = mount(ctx, { rules: { maxBytes: PNG.length } })
    await ready(result)
    act(() => {
      result.current.uploads.upload([png('fits.png'), new File([PNG, PNG], 'big.png')])
    })
    await waitFor(() => {
      expect(result.current.uploads.uploads.map((item) => item.status)).toEqual([
        'uploaded',
        'rejected',
      ])
    })
    act(() => {
      result.current.uploads.clear()
    })
    expect(result.current.uploads.uploads).toEqual([])
    expect(result.current.uploads.isUploading).toBe(false)
    // The asset stays: clearing forgets the uploads, not what they made.
    expect(names(result.current.list.assets)).toEqual(['fits.png'])
  })

  it('keeps one upload queue under StrictMode', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const { result, rerender } = mount(ctx, {}, ctx.page({ strict: true }).wrapper)
    await ready(result)
    act(() => {
      result.current.uploads.upload([png('a.png')])
    })
    rerender()
    await waitFor(() => {
      expect(result.current.uploads.uploads.map((item) => item.status)).toEqual(['uploaded'])
    })
    expect(uploadRequests(ctx)).toHaveLength(1)
  })
})

describe('useAssetDeletion', () => {
  it('removes an asset at once, before the server answers', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const keep = await activeAsset(ctx.h, 'alice', 'keep.png')
    const drop = await activeAsset(ctx.h, 'alice', 'drop.png')
    const held = holding(ctx, isDelete)
    const { result } = mount(ctx, {}, held.wrapper)
    await waitFor(() => {
      expect(result.current.list.assets).toHaveLength(2)
    })
    const removed = startRemove(result, drop.id)
    await waitFor(() => {
      expect(ids(result.current.list.assets)).toEqual([keep.id])
    })
    expect(result.current.list.total).toBe(1)
    expect(result.current.deletion.deleting).toEqual([drop.id])
    // The server has not even been asked yet.
    await waitFor(() => {
      expect(held.state.waiting).toHaveLength(1)
    })
    expect((await ctx.h.as('alice').get('/assets')).body.total).toBe(2)

    await held.release()
    let deleted: boolean | undefined
    await act(async () => {
      deleted = await removed
    })
    expect(deleted).toBe(true)
    expect(ids(result.current.list.assets)).toEqual([keep.id])
    expect(result.current.deletion.deleting).toEqual([])
    expect(result.current.deletion.failure).toBeNull()
    expect((await ctx.h.as('alice').get('/assets')).body.total).toBe(1)
  })

  it('puts an asset back when the server refuses to delete it; `failure` names it until dismissed', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const first = await activeAsset(ctx.h, 'alice', 'first.png')
    const second = await activeAsset(ctx.h, 'alice', 'second.png')
    ctx.h.sim.faults.add({ method: 'DELETE', path: '/api/*', status: 500 })
    const held = holding(ctx, isDelete)
    const { result } = mount(ctx, {}, held.wrapper)
    await waitFor(() => {
      expect(result.current.list.assets).toHaveLength(2)
    })
    const before = ids(result.current.list.assets)
    expect(before).toEqual([second.id, first.id])

    const removed = startRemove(result, first.id)
    await waitFor(() => {
      expect(ids(result.current.list.assets)).toEqual([second.id])
    })
    expect(result.current.deletion.deleting).toEqual([first.id])
    expect(result.current.deletion.failure).toBeNull()
    const lists = listRequests(ctx).length

    await held.release()
    let deleted: boolean | undefined
    await act(async () => {
      deleted = await removed
    })
    // Resolves false rather than throwing; the asset is back, from the cache.
    expect(deleted).toBe(false)
    expect(ids(result.current.list.assets)).toEqual(before)
    expect(result.current.list.total).toBe(2)
    expect(result.current.deletion.deleting).toEqual([])
    expect(result.current.deletion.failure?.asset?.id).toBe(first.id)
    expect(result.current.deletion.failure?.error).toMatchObject({
      name: 'LikenessError',
      code: 'upstream_error',
    })
    // Put back from the cache: the list is not read again to undo the removal.
    expect(listRequests(ctx)).toHaveLength(lists)

    act(() => {
      result.current.deletion.dismissFailure()
    })
    expect(result.current.deletion.failure).toBeNull()
    expect(ids(result.current.list.assets)).toEqual(before)
  })

  it('two deletions at once, the first refused: only that asset comes back', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const keep = await activeAsset(ctx.h, 'alice', 'keep.png')
    const refused = await activeAsset(ctx.h, 'alice', 'refused.png')
    const deleted = await activeAsset(ctx.h, 'alice', 'deleted.png')
    const held = holding(ctx, isDelete)
    const { result } = mount(ctx, {}, held.wrapper)
    await waitFor(() => {
      expect(result.current.list.assets).toHaveLength(3)
    })
    const find = (id: string) => result.current.list.assets.find((asset) => asset.id === id)!
    const [first, second] = [find(refused.id), find(deleted.id)]
    let removals: Promise<boolean>[] = []
    act(() => {
      removals = [result.current.deletion.remove(first), result.current.deletion.remove(second)]
    })
    await waitFor(() => {
      expect(held.state.waiting).toHaveLength(2)
    })
    expect(result.current.deletion.deleting).toEqual([refused.id, deleted.id])
    expect(ids(result.current.list.assets)).toEqual([keep.id])

    ctx.h.sim.faults.add({ method: 'DELETE', path: '/api/*', status: 500, times: 1 })
    const outcomes: boolean[] = []
    for (const removal of removals) {
      await held.release()
      await act(async () => {
        outcomes.push(await removal)
      })
    }
    expect(outcomes).toEqual([false, true])
    expect(result.current.deletion.failure?.asset?.id).toBe(refused.id)
    expect((await ctx.h.as('alice').get('/assets')).body.total).toBe(2)
    // The refused one is back; the one the server deleted stays gone.
    expect(ids(result.current.list.assets)).toEqual([refused.id, keep.id])
    expect(result.current.list.total).toBe(2)
  })

  it('a list still loading when an asset is deleted still loads', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const keep = await activeAsset(ctx.h, 'alice', 'keep.png')
    const drop = await activeAsset(ctx.h, 'alice', 'drop.png')
    let holdSearch = true
    const held = holding(ctx, (request) => holdSearch && request.url.includes('name=keep'))
    const { result, rerender } = renderHook(
      ({ search }: { search: string }) => ({
        all: useAssets(),
        found: useAssets({ name: search || undefined }),
        deletion: useAssetDeletion(),
      }),
      { wrapper: held.wrapper, initialProps: { search: '' } },
    )
    await waitFor(() => {
      expect(result.current.all.assets).toHaveLength(2)
    })
    // The person types a search, and deletes an asset while its results are on the way.
    rerender({ search: 'keep' })
    await waitFor(() => {
      expect(held.state.waiting).toHaveLength(1)
    })
    holdSearch = false
    const target = result.current.all.assets.find((asset) => asset.id === drop.id)!
    let deleted: boolean | undefined
    await act(async () => {
      deleted = await result.current.deletion.remove(target)
    })
    expect(deleted).toBe(true)
    // The search's answer arrives after the deletion, and is kept.
    await held.release()
    await waitFor(() => {
      expect(result.current.found.isLoading).toBe(false)
    })
    expect(ids(result.current.found.assets)).toEqual([keep.id])
  })

  it('deletes everything: the list empties and the person is no longer verified', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    await activeAsset(ctx.h, 'alice', 'a.png')
    await activeAsset(ctx.h, 'alice', 'b.png')
    const { result } = mount(ctx)
    await waitFor(() => {
      expect(result.current.list.assets).toHaveLength(2)
    })
    const lists = listRequests(ctx).length
    let done: boolean | undefined
    await act(async () => {
      done = await result.current.deletion.removeAll()
    })
    expect(done).toBe(true)
    await waitFor(() => {
      expect(result.current.list.isVerified).toBe(false)
    })
    expect(result.current.list.assets).toEqual([])
    expect(result.current.list.total).toBe(0)
    expect(result.current.list.hasNextPage).toBe(false)
    expect(result.current.list.error).toBeNull()
    expect(result.current.deletion).toMatchObject({ isDeletingAll: false, failure: null })
    expect(ctx.requests).toContain('DELETE /assets')
    await sleep(40)
    // No list request the server would refuse for lack of a verification.
    expect(listRequests(ctx)).toHaveLength(lists)
    expect((await ctx.h.as('alice').get('/verification')).body.session).toBeNull()
  })
})
