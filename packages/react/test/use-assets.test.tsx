import { createHttpAdapter } from '@likeness/core'
import { QueryClient } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import { StrictMode, type ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { BASE } from '../../server/test/harness.ts'
import { LikenessProvider } from '../src/index.ts'
import { useAssets, type UseAssetsOptions } from '../src/use-assets.ts'
import { activeAsset, FAST_POLLING, harness, PNG, setup, verify } from './harness.tsx'

type Ctx = ReturnType<typeof setup>

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const png = (name: string) => new File([PNG], name, { type: 'image/png' })
const listRequests = (ctx: Ctx) => ctx.requests.filter((line) => line.startsWith('GET /assets?'))
const uploadRequests = (ctx: Ctx) => ctx.requests.filter((line) => line.startsWith('POST /assets'))

function mount(ctx: Ctx, options: UseAssetsOptions = {}, wrapper = ctx.wrapper) {
  return renderHook(() => useAssets(options), { wrapper })
}

async function ready(result: { current: ReturnType<typeof useAssets> }) {
  await waitFor(() => {
    expect(result.current.isLoading).toBe(false)
  })
}

/**
 * A provider whose adapter holds back the requests `held` picks until the test lets each one
 * go. Everything else about them is the real stack: the HTTP adapter, the handler and the
 * simulator; an aborted request stops waiting and is never sent on.
 */
function holding(ctx: Ctx, held: (request: Request) => boolean) {
  const state = { waiting: [] as (() => void)[], inFlight: 0, most: 0 }
  const adapter = createHttpAdapter({
    baseUrl: BASE,
    headers: { 'x-test-user': 'alice' },
    createXhr: false,
    fetch: async (input, init) => {
      const request = new Request(input, init)
      const url = new URL(request.url)
      ctx.requests.push(
        `${request.method} ${url.pathname.slice(new URL(BASE).pathname.length)}${url.search}`,
      )
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
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  })
  const wrapper = ({ children }: { children: ReactNode }) => (
    <LikenessProvider
      adapter={adapter}
      queryClient={queryClient}
      storage={ctx.storage}
      polling={FAST_POLLING}
    >
      {children}
    </LikenessProvider>
  )
  /** Lets the oldest held request through, once there is one. */
  const release = async () => {
    await waitFor(() => {
      expect(state.waiting.length).toBeGreaterThan(0)
    })
    state.waiting.shift()?.()
  }
  return { state, wrapper, release }
}

const isUpload = (request: Request) => request.method === 'POST'
const isDelete = (request: Request) => request.method === 'DELETE'

describe('useAssets', () => {
  it('does not ask for assets before the person is verified', async () => {
    const ctx = setup()
    const { result } = mount(ctx)
    await ready(result)
    expect(result.current.isVerified).toBe(false)
    expect(result.current.assets).toEqual([])
    expect(result.current.error).toBeNull()
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
    expect(result.current.isVerified).toBe(true)
    expect(result.current.assets.map((item) => [item.id, item.status])).toEqual([
      [asset.id, 'active'],
    ])
    expect(result.current.total).toBe(1)
    expect(result.current.hasNextPage).toBe(false)
    expect(listRequests(ctx)).toEqual(['GET /assets?page=1&pageSize=24'])
    await sleep(80)
    expect(listRequests(ctx)).toHaveLength(1)
  })

  it('uploads a picture and follows it from processing to active, then stops polling', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const seen: string[] = []
    const { result } = renderHook(
      () => {
        const state = useAssets()
        const status = state.uploads[0]?.status
        if (status && seen.at(-1) !== status) seen.push(status)
        return state
      },
      { wrapper: ctx.wrapper },
    )
    await ready(result)
    expect(result.current.assets).toEqual([])

    let ids: string[] = []
    act(() => {
      ids = result.current.upload([png('front.png')])
    })
    expect(ids).toHaveLength(1)
    await waitFor(() => {
      expect(result.current.uploads[0]?.status).toBe('uploaded')
    })
    expect(seen).toEqual(['checking', 'uploading', 'uploaded'])
    const uploaded = result.current.uploads[0]!
    expect(uploaded).toMatchObject({ id: ids[0], name: 'front.png', loaded: PNG.length })
    expect(uploaded.asset?.status).toBe('processing')
    await waitFor(() => {
      expect(result.current.assets.map((asset) => asset.status)).toEqual(['processing'])
    })
    expect(result.current.assets[0]?.id).toBe(uploaded.asset?.id)
    expect(result.current.uploadProgress).toEqual({ loaded: 0, total: 0 })

    // Still processing: the list keeps asking.
    const early = listRequests(ctx).length
    await sleep(60)
    expect(listRequests(ctx).length).toBeGreaterThan(early)

    ctx.h.clock.advance(1000)
    await ctx.h.sim.settle()
    await waitFor(() => {
      expect(result.current.assets.map((asset) => asset.status)).toEqual(['active'])
    })
    await sleep(30)
    const settled = listRequests(ctx).length
    await sleep(120)
    expect(listRequests(ctx)).toHaveLength(settled)
  })

  it('refreshes a list filtered to active assets when one settles in a list that polls', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const { result } = renderHook(
      () => ({ all: useAssets(), active: useAssets({ statuses: ['active'] }) }),
      { wrapper: ctx.wrapper },
    )
    await waitFor(() => {
      expect(result.current.all.isLoading || result.current.active.isLoading).toBe(false)
    })
    act(() => {
      result.current.all.upload([png('front.png')])
    })
    await waitFor(() => {
      expect(result.current.all.assets.map((asset) => asset.status)).toEqual(['processing'])
    })
    // The active list holds nothing processing, so it does not poll by itself.
    expect(result.current.active.assets).toEqual([])

    ctx.h.clock.advance(1000)
    await ctx.h.sim.settle()
    await waitFor(() => {
      expect(result.current.active.assets.map((asset) => asset.name)).toEqual(['front.png'])
    })
  })

  it('rejects text renamed to .png in the browser, without sending it', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const { result } = mount(ctx)
    await ready(result)
    const fake = new File(['not a picture, just words'], 'portrait.png', { type: 'image/png' })
    act(() => {
      result.current.upload([fake])
    })
    await waitFor(() => {
      expect(result.current.uploads[0]?.status).toBe('rejected')
    })
    expect(result.current.uploads[0]?.rejection?.code).toBe('unsupported_type')
    expect(result.current.isUploading).toBe(false)
    await sleep(20)
    expect(uploadRequests(ctx)).toEqual([])
  })

  it('rejects a file over `rules.maxBytes`, without sending it', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const { result } = mount(ctx, { rules: { maxBytes: PNG.length - 1 } })
    await ready(result)
    act(() => {
      result.current.upload([png('big.png')])
    })
    await waitFor(() => {
      expect(result.current.uploads[0]?.rejection?.code).toBe('too_large')
    })
    expect(result.current.uploads[0]?.status).toBe('rejected')
    expect(uploadRequests(ctx)).toEqual([])
  })

  it('never sends more than `concurrency` files at once', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const held = holding(ctx, isUpload)
    let most = 0
    const { result } = renderHook(
      () => {
        const state = useAssets({ concurrency: 2 })
        const uploading = state.uploads.filter((item) => item.status === 'uploading').length
        most = Math.max(most, uploading)
        return state
      },
      { wrapper: held.wrapper },
    )
    await ready(result)
    act(() => {
      result.current.upload(['a', 'b', 'c', 'd', 'e', 'f'].map((name) => png(`${name}.png`)))
    })
    for (let i = 0; i < 6; i += 1) await held.release()
    await waitFor(() => {
      expect(result.current.uploads.every((item) => item.status === 'uploaded')).toBe(true)
    })
    expect(held.state.most).toBe(2)
    expect(most).toBe(2)
    expect(uploadRequests(ctx)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `POST /assets?name=${name}.png`),
    )
    await waitFor(() => {
      expect(result.current.total).toBe(6)
    })
  })

  it('aborts an upload in flight; the next one goes, and only that one reaches the server', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const held = holding(ctx, isUpload)
    const { result } = mount(ctx, { concurrency: 1 }, held.wrapper)
    await ready(result)
    let ids: string[] = []
    act(() => {
      ids = result.current.upload([png('first.png'), png('second.png')])
    })
    await waitFor(() => {
      expect(held.state.waiting).toHaveLength(1)
    })
    act(() => {
      result.current.abortUpload(ids[0]!)
    })
    expect(result.current.uploads.map((item) => item.status)).toEqual(['aborted', 'uploading'])
    await held.release()
    await waitFor(() => {
      expect(result.current.uploads[1]?.status).toBe('uploaded')
    })
    expect(result.current.uploads[0]?.status).toBe('aborted')
    await waitFor(() => {
      expect(result.current.assets.map((asset) => asset.name)).toEqual(['second.png'])
    })
    expect(result.current.total).toBe(1)

    act(() => {
      result.current.dismissUpload(ids[0]!)
    })
    expect(result.current.uploads.map((item) => item.id)).toEqual([ids[1]])
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
    let ids: string[] = []
    act(() => {
      ids = result.current.upload([png('one.png'), png('two.png')])
    })
    await waitFor(() => {
      expect(result.current.uploads.map((item) => item.status)).toEqual(['uploaded', 'failed'])
    })
    const failed = result.current.uploads[1]!
    expect(failed.error?.code).toBe('rate_limited')
    expect(failed.error?.retryable).toBe(true)

    ctx.h.clock.advance(60_000)
    act(() => {
      result.current.retryUpload(ids[1]!)
    })
    await waitFor(() => {
      expect(result.current.uploads[1]?.status).toBe('uploaded')
    })
    expect(result.current.uploads[1]?.error).toBeUndefined()
    expect(uploadRequests(ctx)).toHaveLength(3)
    await waitFor(() => {
      expect(result.current.total).toBe(2)
    })
  })

  it('removes an asset at once, before the server answers', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const keep = await activeAsset(ctx.h, 'alice', 'keep.png')
    const drop = await activeAsset(ctx.h, 'alice', 'drop.png')
    const held = holding(ctx, isDelete)
    const { result } = mount(ctx, {}, held.wrapper)
    await waitFor(() => {
      expect(result.current.assets).toHaveLength(2)
    })
    let removed: Promise<void> = Promise.resolve()
    act(() => {
      removed = result.current.remove(drop.id)
    })
    await waitFor(() => {
      expect(result.current.assets.map((asset) => asset.id)).toEqual([keep.id])
    })
    expect(result.current.total).toBe(1)
    // The server has not even been asked yet.
    await waitFor(() => {
      expect(held.state.waiting).toHaveLength(1)
    })
    expect((await ctx.h.as('alice').get('/assets')).body.total).toBe(2)

    await held.release()
    await act(() => removed)
    expect(result.current.assets.map((asset) => asset.id)).toEqual([keep.id])
    expect(result.current.removeError).toBeNull()
    expect((await ctx.h.as('alice').get('/assets')).body.total).toBe(1)
  })

  it('puts a removed asset back when the server refuses, and reports why', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const first = await activeAsset(ctx.h, 'alice', 'first.png')
    const second = await activeAsset(ctx.h, 'alice', 'second.png')
    ctx.h.sim.faults.add({ method: 'DELETE', path: '/api/*', status: 500 })
    let holdLists = false
    const held = holding(
      ctx,
      (request) => isDelete(request) || (holdLists && request.url.includes('/assets?')),
    )
    const { result } = mount(ctx, {}, held.wrapper)
    await waitFor(() => {
      expect(result.current.assets).toHaveLength(2)
    })
    const before = result.current.assets.map((asset) => asset.id)
    expect(before).toEqual([second.id, first.id])

    let removed: Promise<void> = Promise.resolve()
    act(() => {
      removed = result.current.remove(first.id)
    })
    await waitFor(() => {
      expect(result.current.assets.map((asset) => asset.id)).toEqual([second.id])
    })
    holdLists = true
    await held.release()
    // Back at once, from the cache, while the list is still being read again.
    await waitFor(() => {
      expect(result.current.assets.map((asset) => asset.id)).toEqual(before)
    })
    expect(held.state.waiting).toHaveLength(1)
    await held.release()
    let thrown: unknown
    await act(async () => {
      await removed.catch((error: unknown) => {
        thrown = error
      })
    })
    expect(thrown).toMatchObject({ name: 'LikenessError', code: 'upstream_error' })
    await waitFor(() => {
      expect(result.current.removeError?.code).toBe('upstream_error')
    })
    expect(result.current.assets.map((asset) => asset.id)).toEqual(before)
    expect(result.current.total).toBe(2)
  })

  it('deletes everything: the list empties and the person is no longer verified', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    await activeAsset(ctx.h, 'alice', 'a.png')
    await activeAsset(ctx.h, 'alice', 'b.png')
    const { result } = mount(ctx)
    await waitFor(() => {
      expect(result.current.assets).toHaveLength(2)
    })
    const lists = listRequests(ctx).length
    await act(() => result.current.removeAll())
    await waitFor(() => {
      expect(result.current.isVerified).toBe(false)
    })
    expect(result.current.assets).toEqual([])
    expect(result.current.total).toBe(0)
    expect(result.current.hasNextPage).toBe(false)
    expect(result.current.error).toBeNull()
    expect(ctx.requests).toContain('DELETE /assets')
    await sleep(40)
    // No list request the server would refuse for lack of a verification.
    expect(listRequests(ctx)).toHaveLength(lists)
    expect((await ctx.h.as('alice').get('/verification')).body.session).toBeNull()
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
    const names = (state: ReturnType<typeof useAssets>) => state.assets.map((asset) => asset.name)
    expect(names(result.current.active).sort()).toEqual(['beach.png', 'studio.png'])
    expect(names(result.current.beach)).toEqual(['beach.png', 'beach-sunset.png'])
    expect(names(result.current.processingBeach)).toEqual(['beach-sunset.png'])
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
    expect(result.current.assets).toHaveLength(2)
    expect(result.current.total).toBe(5)
    expect(result.current.hasNextPage).toBe(true)

    await act(() => result.current.fetchNextPage())
    await waitFor(() => {
      expect(result.current.assets).toHaveLength(4)
    })
    expect(result.current.hasNextPage).toBe(true)
    await act(() => result.current.fetchNextPage())
    await waitFor(() => {
      expect(result.current.hasNextPage).toBe(false)
    })
    expect(result.current.isFetchingNextPage).toBe(false)
    expect(result.current.assets.map((asset) => asset.name)).toEqual([
      'e.png',
      'd.png',
      'c.png',
      'b.png',
      'a.png',
    ])
    expect(listRequests(ctx)).toEqual(
      [1, 2, 3].map((page) => `GET /assets?page=${page}&pageSize=2`),
    )
  })

  it('keeps one upload queue under StrictMode', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    const strict = ({ children }: { children: ReactNode }) => (
      <StrictMode>
        <ctx.wrapper>{children}</ctx.wrapper>
      </StrictMode>
    )
    const { result, rerender } = mount(ctx, {}, strict)
    await ready(result)
    act(() => {
      result.current.upload([png('a.png')])
    })
    rerender()
    await waitFor(() => {
      expect(result.current.uploads.map((item) => item.status)).toEqual(['uploaded'])
    })
    expect(uploadRequests(ctx)).toHaveLength(1)
  })
})
