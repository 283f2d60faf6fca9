// Stories and tests only (not exported by the package): a fresh in-page backend per story or
// test, seeded with assets, and adapter decorators that add slowness or failures around the
// real adapter.
import {
  LikenessError,
  type Asset,
  type AssetStatus,
  type HostAdapter,
  type UploadProgress,
} from '@likeness/core'
import type { ReactNode } from 'react'
import { createInPageBackend, PORTRAIT_PNG } from '../../test/backend.ts'
import { createStack, type Stack } from '../../test/stack.tsx'

export { PORTRAIT_PNG }

/** The signed-in person of every story and test. */
export const USER = 'gallery-person'

const bytesOf = (text: string, size = 256) => {
  const bytes = new Uint8Array(size)
  bytes.set(Array.from(text, (char) => char.charCodeAt(0)))
  return bytes
}

/** The head of an MP4 file: enough for the checks and the simulator to call it a video. */
export const VIDEO_BYTES = bytesOf('\0\0\0\x20ftypisom\0\0\x02\0isomiso2mp41')
/** The head of an MP3 file with an ID3 tag: an audio recording to the checks. */
export const AUDIO_BYTES = bytesOf('ID3\x04\0\0\0\0\0\0')

/** A file as a person would pick it. */
export const fileOf = (name: string, bytes: Uint8Array<ArrayBuffer> = PORTRAIT_PNG, type = '') =>
  new File([bytes], name, { type })

/** One asset to put in the gallery before it opens. */
export interface SeedAsset {
  name: string
  bytes?: Uint8Array<ArrayBuffer> | undefined
  /** Uploaded last, after the others have settled, so it stays `processing`. */
  processing?: boolean | undefined
}

/** What a story or test starts from. */
export interface GallerySetup {
  /** Whether the person is verified. Default true. */
  verified?: boolean | undefined
  assets?: readonly SeedAsset[] | undefined
  /** How long new uploads stay processing. Default 1200 ms (long when seeds stay processing). */
  processingMs?: number | undefined
  decorate?: ((adapter: HostAdapter) => HostAdapter) | undefined
}

/** A prepared world: the backend, the person's adapter and a query client of its own. */
export type GalleryWorld = Stack

/** Mixed assets: active photos, a video, a recording, a face mismatch and one processing. */
export const MIXED_ASSETS: readonly SeedAsset[] = [
  { name: 'Front, daylight.png' },
  { name: 'Side profile.png' },
  { name: 'Hello clip.mp4', bytes: VIDEO_BYTES },
  { name: 'Voice sample.mp3', bytes: AUDIO_BYTES },
  { name: 'mismatch - holiday.png' },
  { name: 'Just uploaded.png', processing: true },
]

/**
 * Builds a fresh backend, verifies the person (unless `verified: false`) and uploads the seed
 * assets: the settled ones first, then time jumps ahead so they finish, then the processing
 * ones.
 */
export async function prepareGallery(setup: GallerySetup = {}): Promise<GalleryWorld> {
  const seeds = setup.assets ?? []
  const staysProcessing = seeds.some((seed) => seed.processing)
  const backend = createInPageBackend({
    timings: { assetProcessingMs: setup.processingMs ?? (staysProcessing ? 1e9 : 1200) },
  })
  if (setup.verified ?? true) await backend.verify(USER)
  for (const seed of seeds.filter((one) => !one.processing)) {
    await backend.upload(USER, seed.name, seed.bytes)
  }
  await backend.sim.settle()
  // The simulator's default clock can be pushed forward: the settled assets finish at once.
  ;(backend.sim.clock as { advance?: (ms: number) => void }).advance?.(2e9)
  for (const seed of seeds.filter((one) => one.processing)) {
    await backend.upload(USER, seed.name, seed.bytes)
  }
  return createStack(
    setup.decorate ? { backend, user: USER, decorate: setup.decorate } : { backend, user: USER },
  )
}

/** The Likeness provider of a prepared world, polling fast. */
export function GalleryProviders({
  world,
  children,
}: {
  world: GalleryWorld
  children: ReactNode
}) {
  return <world.Provider>{children}</world.Provider>
}

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(new LikenessError('aborted'))
    })
  })

/** The list never answers: the gallery stays loading. */
export const neverListing = (adapter: HostAdapter): HostAdapter => ({
  ...adapter,
  listAssets: () => new Promise(() => undefined),
})

/** The list fails with a LikenessError (the video service is down). */
export const failingList = (adapter: HostAdapter): HostAdapter => ({
  ...adapter,
  listAssets: () => Promise.reject(new LikenessError('upstream_unavailable', { status: 503 })),
})

/** Deletions fail after a moment, so the optimistic removal is rolled back. */
export const failingDelete = (adapter: HostAdapter): HostAdapter => ({
  ...adapter,
  deleteAsset: async () => {
    await wait(150)
    throw new LikenessError('upstream_unavailable', { status: 503 })
  },
})

/** The first `times` uploads fail with a network error; later ones go through. */
export const failingUpload =
  (times = 1) =>
  (adapter: HostAdapter): HostAdapter => {
    let left = times
    return {
      ...adapter,
      uploadAsset: async (input, options) => {
        if (left-- > 0) {
          await wait(100, options?.signal)
          throw new LikenessError('network')
        }
        return adapter.uploadAsset(input, options)
      },
    }
  }

/**
 * Uploads report progress in `steps` steps, `stepMs` apart, then go through; with `holdAt`
 * (a fraction) they stop there and never finish, to show a file mid-way.
 */
export const slowUpload =
  ({ steps = 4, stepMs = 150, holdAt }: { steps?: number; stepMs?: number; holdAt?: number }) =>
  (adapter: HostAdapter): HostAdapter => ({
    ...adapter,
    uploadAsset: async (input, options) => {
      const total = input.file.size
      const report = (progress: UploadProgress) => options?.onProgress?.(progress)
      for (let step = 1; step <= steps; step++) {
        await wait(stepMs, options?.signal)
        const fraction = step / steps
        if (holdAt !== undefined && fraction > holdAt) {
          return new Promise<Asset>((_resolve, reject) => {
            options?.signal?.addEventListener('abort', () => {
              reject(new LikenessError('aborted'))
            })
          })
        }
        report({ loaded: Math.round(total * fraction), total })
      }
      return adapter.uploadAsset(input, options)
    },
  })

/**
 * Answers the list from `count` generated assets (pages of at most 100), honouring filters,
 * search and order; deletions remove from it. Everything else is the real adapter.
 */
export const manyAssets =
  (count: number) =>
  (adapter: HostAdapter): HostAdapter => {
    const previewUrl = URL.createObjectURL(new Blob([PORTRAIT_PNG], { type: 'image/png' }))
    const start = Date.parse('2026-01-01T00:00:00Z')
    const statuses: AssetStatus[] = ['active', 'active', 'active', 'processing', 'failed']
    let items: Asset[] = Array.from({ length: count }, (_, index) => {
      const status = statuses[index % statuses.length] ?? 'active'
      const at = new Date(start + index * 60_000).toISOString()
      return {
        id: `asset-generated-${String(index + 1).padStart(5, '0')}`,
        name: `Portrait ${index + 1}.png`,
        type: 'image',
        status,
        error: status === 'failed' ? { code: 'FaceMismatch', message: 'Face mismatch' } : undefined,
        previewUrl,
        createdAt: at,
        updatedAt: at,
      }
    })
    return {
      ...adapter,
      listAssets: async (query = {}) => {
        await wait(30)
        const { statuses: only, name, sort = 'createdAt', order = 'desc' } = query
        const page = query.page ?? 1
        const pageSize = Math.min(100, query.pageSize ?? 20)
        const found = items
          .filter((asset) => !only || only.includes(asset.status))
          .filter((asset) => !name || asset.name.toLowerCase().includes(name.toLowerCase()))
          .sort((a, b) => (order === 'asc' ? 1 : -1) * a[sort].localeCompare(b[sort]))
        return {
          items: found.slice((page - 1) * pageSize, page * pageSize),
          total: found.length,
          page,
          pageSize,
        }
      },
      deleteAsset: async (id) => {
        await wait(30)
        items = items.filter((asset) => asset.id !== id)
      },
    }
  }
