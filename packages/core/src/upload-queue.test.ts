import { describe, expect, it } from 'vitest'
import type { Asset, UploadAssetInput, UploadProgress } from './asset.ts'
import { LikenessError } from './errors.ts'
import { checkFile } from './file-checks.ts'
import { createUploadQueue, type UploadQueueOptions, type UploadSnapshot } from './upload-queue.ts'

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function png(name: string, size = 100): File {
  const bytes = new Uint8Array(size)
  bytes.set(PNG_HEAD)
  return new File([bytes], name, { type: 'image/png' })
}

function asset(name: string): Asset {
  return {
    id: `asset-20260521164235-${name.slice(0, 5).padEnd(5, 'x')}`,
    name,
    type: 'image',
    status: 'processing',
    createdAt: '2026-05-21T08:42:35.000Z',
    updatedAt: '2026-05-21T08:42:35.000Z',
  }
}

interface Call {
  input: UploadAssetInput
  signal: AbortSignal
  progress: (progress: UploadProgress) => void
  resolve: () => void
  reject: (error: unknown) => void
}

/** The queue's `upload` input as a function whose calls the test answers by hand. */
function manualUpload() {
  const calls: Call[] = []
  const upload: UploadQueueOptions['upload'] = (input, { signal, onProgress }) =>
    new Promise<Asset>((resolve, reject) => {
      signal.addEventListener('abort', () => {
        reject(new LikenessError('aborted'))
      })
      calls.push({
        input,
        signal,
        progress: onProgress,
        resolve: () => {
          resolve(asset(input.name ?? 'unnamed'))
        },
        reject,
      })
    })
  return { calls, upload }
}

/**
 * A queue whose upload does not honour its signal: it answers when the test calls `finish`.
 * `uploaded` has the id of each asset the queue reported.
 */
function signalIgnored() {
  const uploaded: string[] = []
  let answer: (value: Asset) => void = () => undefined
  const queue = createUploadQueue({
    upload: () =>
      new Promise<Asset>((resolve) => {
        answer = resolve
      }),
    onUploaded: (created) => uploaded.push(created.id),
  })
  const finish = (value: Asset) => {
    answer(value)
  }
  return { queue, uploaded, finish }
}

/** Every snapshot the queue published, in order. */
function record(queue: {
  subscribe(listener: () => void): () => void
  getSnapshot(): UploadSnapshot
}) {
  const snapshots: UploadSnapshot[] = []
  queue.subscribe(() => snapshots.push(queue.getSnapshot()))
  return snapshots
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))
const statuses = (snapshot: UploadSnapshot) => snapshot.items.map((item) => item.status)

describe('createUploadQueue', () => {
  it('sends at most `concurrency` files at once, in the order they were added', async () => {
    const { calls, upload } = manualUpload()
    const queue = createUploadQueue({ upload, concurrency: 2 })
    const snapshots = record(queue)
    queue.add(['a', 'b', 'c', 'd', 'e'].map((name) => png(`${name}.png`)))
    expect(calls.map((call) => call.input.name)).toEqual(['a.png', 'b.png'])
    expect(statuses(queue.getSnapshot())).toEqual([
      'uploading',
      'uploading',
      'queued',
      'queued',
      'queued',
    ])

    calls[1]!.resolve()
    await flush()
    expect(calls.map((call) => call.input.name)).toEqual(['a.png', 'b.png', 'c.png'])
    for (const call of calls.slice()) call.resolve()
    await flush()
    for (const call of calls.slice(3)) call.resolve()
    await flush()
    expect(calls.map((call) => call.input.name)).toEqual([
      'a.png',
      'b.png',
      'c.png',
      'd.png',
      'e.png',
    ])
    expect(statuses(queue.getSnapshot())).toEqual(Array(5).fill('uploaded'))
    expect(queue.getSnapshot().isUploading).toBe(false)
    const most = Math.max(
      ...snapshots.map((snapshot) => statuses(snapshot).filter((s) => s === 'uploading').length),
    )
    expect(most).toBe(2)
  })

  it('sends the chosen name with the file and reports each uploaded asset', async () => {
    const { calls, upload } = manualUpload()
    const uploaded: Asset[] = []
    const queue = createUploadQueue({ upload, onUploaded: (created) => uploaded.push(created) })
    const [id] = queue.add([png('IMG_0001.png')], { name: () => 'Front portrait' })
    expect(calls[0]!.input).toEqual({ file: expect.any(File), name: 'Front portrait' })
    calls[0]!.resolve()
    await flush()
    const item = queue.getSnapshot().items[0]!
    expect(item).toMatchObject({ id, status: 'uploaded', name: 'Front portrait' })
    expect(item.asset?.name).toBe('Front portrait')
    expect(uploaded.map((created) => created.name)).toEqual(['Front portrait'])
  })

  it('adds up progress over the current batch and only moves forward', async () => {
    const { calls, upload } = manualUpload()
    const queue = createUploadQueue({ upload })
    queue.add([png('a.png', 100), png('b.png', 300)])
    expect(queue.getSnapshot().total).toEqual({ loaded: 0, total: 400 })
    calls[0]!.progress({ loaded: 50, total: 100 })
    expect(queue.getSnapshot().items[0]).toMatchObject({ loaded: 50, total: 100 })
    expect(queue.getSnapshot().total).toEqual({ loaded: 50, total: 400 })
    calls[0]!.resolve()
    await flush()
    expect(queue.getSnapshot().total).toEqual({ loaded: 100, total: 400 })
    calls[1]!.progress({ loaded: 150, total: 300 })
    expect(queue.getSnapshot().total).toEqual({ loaded: 250, total: 400 })
    calls[1]!.resolve()
    await flush()
    // Idle: the batch is over, the next one starts from zero.
    expect(queue.getSnapshot().total).toEqual({ loaded: 0, total: 0 })
    queue.add([png('c.png', 40)])
    expect(queue.getSnapshot().total).toEqual({ loaded: 0, total: 40 })
  })

  it('aborts a running upload: its signal fires, it becomes aborted, the next one starts', async () => {
    const { calls, upload } = manualUpload()
    const queue = createUploadQueue({ upload, concurrency: 1 })
    const [first, second] = queue.add([png('a.png'), png('b.png')])
    expect(calls).toHaveLength(1)
    queue.abort(first!)
    expect(calls[0]!.signal.aborted).toBe(true)
    expect(statuses(queue.getSnapshot())).toEqual(['aborted', 'uploading'])
    expect(calls.map((call) => call.input.name)).toEqual(['a.png', 'b.png'])
    await flush()
    // The rejection that follows the abort does not turn it into a failure.
    expect(queue.getSnapshot().items[0]).toMatchObject({ status: 'aborted', error: undefined })
    queue.abort(second!)
    expect(queue.getSnapshot().isUploading).toBe(false)
  })

  it('aborts a waiting file without ever sending it', () => {
    const { calls, upload } = manualUpload()
    const queue = createUploadQueue({ upload, concurrency: 1 })
    const [, waiting] = queue.add([png('a.png'), png('b.png')])
    queue.abort(waiting!)
    calls[0]!.resolve()
    expect(statuses(queue.getSnapshot())).toEqual(['uploading', 'aborted'])
    expect(calls).toHaveLength(1)
  })

  it('keeps the error of a failed upload and sends it again on retry', async () => {
    const { calls, upload } = manualUpload()
    const queue = createUploadQueue({ upload })
    const [id] = queue.add([png('a.png')])
    calls[0]!.reject(new LikenessError('rate_limited', { status: 429 }))
    await flush()
    const failed = queue.getSnapshot().items[0]!
    expect(failed.status).toBe('failed')
    expect(failed.error?.code).toBe('rate_limited')

    queue.retry(id!)
    expect(calls).toHaveLength(2)
    expect(queue.getSnapshot().items[0]).toMatchObject({ status: 'uploading', error: undefined })
    calls[1]!.resolve()
    await flush()
    expect(queue.getSnapshot().items[0]!.status).toBe('uploaded')
    // Retrying something that did not fail does nothing.
    queue.retry(id!)
    expect(calls).toHaveLength(2)
  })

  it('wraps a failure that is not a LikenessError, and retries an aborted file', async () => {
    const { calls, upload } = manualUpload()
    const queue = createUploadQueue({ upload })
    const [id] = queue.add([png('a.png')])
    calls[0]!.reject(new TypeError('boom'))
    await flush()
    expect(queue.getSnapshot().items[0]!.error).toBeInstanceOf(LikenessError)
    expect(queue.getSnapshot().items[0]!.error?.code).toBe('unknown')
    queue.retry(id!)
    queue.abort(id!)
    queue.retry(id!)
    expect(calls).toHaveLength(3)
    expect(calls[1]!.signal.aborted).toBe(true)
    expect(calls[2]!.signal.aborted).toBe(false)
  })

  it('never sends a file the check refuses', async () => {
    const { calls, upload } = manualUpload()
    const queue = createUploadQueue({ upload, check: (file) => checkFile(file) })
    const text = new File(['just some notes, not a picture'], 'notes.png', { type: 'image/png' })
    queue.add([text, png('a.png')])
    expect(statuses(queue.getSnapshot())).toEqual(['checking', 'checking'])
    expect(queue.getSnapshot().isUploading).toBe(true)
    await flush()
    const [rejected, accepted] = queue.getSnapshot().items
    expect(rejected).toMatchObject({
      status: 'rejected',
      rejection: { code: 'unsupported_type', message: expect.any(String) },
    })
    expect(accepted!.status).toBe('uploading')
    expect(calls.map((call) => call.input.name)).toEqual(['a.png'])
    expect(queue.getSnapshot().total).toEqual({ loaded: 0, total: 100 })
  })

  it('lets a file through when the check itself throws', async () => {
    const { calls, upload } = manualUpload()
    const queue = createUploadQueue({
      upload,
      check: () => Promise.reject(new Error('cannot read')),
    })
    queue.add([png('a.png')])
    await flush()
    expect(calls).toHaveLength(1)
  })

  it('publishes a new snapshot only on change, with untouched items kept as they were', () => {
    const { calls, upload } = manualUpload()
    const queue = createUploadQueue({ upload, concurrency: 1 })
    const empty = queue.getSnapshot()
    expect(queue.getSnapshot()).toBe(empty)
    const snapshots = record(queue)
    queue.add([])
    queue.abort('nope')
    queue.clear()
    expect(snapshots).toHaveLength(0)

    queue.add([png('a.png'), png('b.png')])
    const added = queue.getSnapshot()
    expect(added).not.toBe(empty)
    expect(queue.getSnapshot()).toBe(added)
    calls[0]!.progress({ loaded: 10, total: 100 })
    const moved = queue.getSnapshot()
    expect(moved).not.toBe(added)
    expect(moved.items[1]).toBe(added.items[1])
    calls[0]!.progress({ loaded: 10, total: 100 })
    expect(queue.getSnapshot()).toBe(moved)
    expect(snapshots).toHaveLength(2)
  })

  it('dismisses finished files and clears them all, but keeps running ones', async () => {
    const { calls, upload } = manualUpload()
    const queue = createUploadQueue({ upload })
    const [a, b, c] = queue.add([png('a.png'), png('b.png'), png('c.png')])
    queue.dismiss(a!)
    expect(queue.getSnapshot().items).toHaveLength(3)
    calls[0]!.resolve()
    calls[1]!.reject(new LikenessError('network'))
    await flush()
    queue.dismiss(a!)
    expect(queue.getSnapshot().items.map((item) => item.id)).toEqual([b, c])
    queue.clear()
    expect(queue.getSnapshot().items.map((item) => item.id)).toEqual([c])
    calls[2]!.resolve()
    await flush()
    expect(queue.getSnapshot().items[0]!.status).toBe('uploaded')
  })

  it('ignores a late answer for a dismissed item, yet reports the asset', async () => {
    // Its upload answers after the item is gone.
    const { queue, uploaded, finish } = signalIgnored()
    const [id] = queue.add([png('a.png')])
    queue.abort(id!)
    queue.dismiss(id!)
    const snapshots = record(queue)
    finish(asset('a.png'))
    await flush()
    expect(queue.getSnapshot().items).toHaveLength(0)
    expect(snapshots).toHaveLength(0)
    expect(uploaded).toHaveLength(1)
  })

  it('records an upload the server finished after it was aborted as uploaded', async () => {
    const { queue, uploaded, finish } = signalIgnored()
    const [id] = queue.add([png('a.png')])
    queue.abort(id!)
    finish(asset('a.png'))
    await flush()
    expect(queue.getSnapshot().items[0]!.status).toBe('uploaded')
    expect(uploaded).toHaveLength(1)
  })

  it('stops telling a listener once it unsubscribed', () => {
    const { upload } = manualUpload()
    const queue = createUploadQueue({ upload })
    let calls = 0
    const unsubscribe = queue.subscribe(() => (calls += 1))
    queue.add([png('a.png')])
    unsubscribe()
    queue.add([png('b.png')])
    expect(calls).toBe(1)
  })
})
