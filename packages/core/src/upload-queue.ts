import type { Asset, UploadAssetInput, UploadProgress } from './asset.ts'
import { toLikenessError, type LikenessError } from './errors.ts'
import type { FileCheck, FileCheckCode } from './file-checks.ts'

/**
 * Where one file of an {@link UploadQueue} stands: `checking` (the `check` runs), `rejected`
 * (the check refused it; it is never sent), `queued` (waiting for a free slot), `uploading`,
 * `uploaded`, `failed` (see `error`), `aborted`.
 *
 * @example
 * ```ts
 * const canRetry = (status: UploadStatus) => status === 'failed' || status === 'aborted'
 * ```
 */
export type UploadStatus =
  'checking' | 'rejected' | 'queued' | 'uploading' | 'uploaded' | 'failed' | 'aborted'

/**
 * One file in an {@link UploadQueue}. Items are immutable: a change gives the item a new
 * object, so `React.memo` rows re-render only when their own file changed.
 *
 * @example
 * ```tsx
 * <progress value={item.loaded} max={item.total} data-status={item.status} />
 * ```
 */
export interface UploadItem {
  /** Unique within the page; pass it to `abort`, `retry`, `dismiss`. */
  readonly id: string
  readonly file: Blob
  /** The asset name sent with the upload: the `name` option, else the file's name. */
  readonly name: string
  readonly status: UploadStatus
  /** Bytes sent so far. */
  readonly loaded: number
  /** Bytes to send: the file's size. */
  readonly total: number
  /** Why the upload failed; set when `status` is `failed`. */
  readonly error?: LikenessError | undefined
  /** Why the check refused the file; set when `status` is `rejected`. */
  readonly rejection?: { readonly code: FileCheckCode; readonly message: string } | undefined
  /** The new asset (it starts `processing`); set when `status` is `uploaded`. */
  readonly asset?: Asset | undefined
}

/**
 * Everything an {@link UploadQueue} holds at one moment. `getSnapshot()` returns the same
 * object until something changes, as `useSyncExternalStore` needs.
 *
 * @example
 * ```ts
 * const { items, total, isUploading } = queue.getSnapshot()
 * const percent = total.total > 0 ? Math.round((100 * total.loaded) / total.total) : 0
 * ```
 */
export interface UploadSnapshot {
  /** In the order they were added. */
  readonly items: readonly UploadItem[]
  /**
   * Bytes of the current batch: every file added or retried since the queue was last idle,
   * except rejected, failed and aborted ones, so the sum only grows while files finish.
   * `{ loaded: 0, total: 0 }` when nothing is pending.
   */
  readonly total: UploadProgress
  /** Some file is being checked, waits, or is being sent. */
  readonly isUploading: boolean
}

/**
 * Options of {@link createUploadQueue}.
 *
 * @example
 * ```ts
 * const options: UploadQueueOptions = {
 *   upload: (input, callOptions) => adapter.uploadAsset(input, callOptions),
 *   check: (file) => checkFile(file, { accept: ['image'] }),
 * }
 * ```
 */
export interface UploadQueueOptions {
  /** Sends one file; usually the adapter's `uploadAsset`. Must honour `signal`. */
  upload: (
    input: UploadAssetInput,
    options: { signal: AbortSignal; onProgress: (progress: UploadProgress) => void },
  ) => Promise<Asset>
  /**
   * Checks a file before it is queued, e.g. `checkFile`; a refused file becomes `rejected`
   * and is never sent. A check that throws lets the file through: the server decides.
   */
  check?: ((file: Blob) => Promise<FileCheck>) | undefined
  /** How many files are sent at once. Default 4. */
  concurrency?: number | undefined
  /** Called once per file the server accepted, even if it was aborted too late. */
  onUploaded?: ((asset: Asset) => void) | undefined
}

/**
 * A framework-free queue of uploads, observable like an external store. Its functions need
 * no `this`: pass them around freely (`useSyncExternalStore(queue.subscribe, ...)`).
 *
 * @example
 * ```ts
 * const unsubscribe = queue.subscribe(() => render(queue.getSnapshot()))
 * const [id] = queue.add(input.files ?? [])
 * ```
 */
export interface UploadQueue {
  /** Adds files (a `FileList` works) and returns their new item ids. */
  add: (
    files: Iterable<Blob & { name?: string }>,
    options?: { name?: ((file: Blob & { name?: string }) => string) | undefined },
  ) => string[]
  /** Stops a file that is being checked, waits or is being sent; it becomes `aborted`. */
  abort: (id: string) => void
  /** Queues a `failed` or `aborted` file again. */
  retry: (id: string) => void
  /** Removes a finished (rejected, uploaded, failed, aborted) file from the list. */
  dismiss: (id: string) => void
  /** Removes every finished file from the list. */
  clear: () => void
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe: (listener: () => void) => () => void
  getSnapshot: () => UploadSnapshot
}

interface Entry {
  item: UploadItem
  controller?: AbortController
  /** Part of the current batch's byte totals. */
  counted?: boolean
  checked?: boolean
}

let sequence = 0
const PENDING: UploadStatus[] = ['checking', 'queued', 'uploading']
const isPending = (entry: Entry) => PENDING.includes(entry.item.status)
const set = (entry: Entry, patch: Partial<UploadItem>) => {
  entry.item = { ...entry.item, ...patch }
}

/**
 * Creates an {@link UploadQueue}: checks files, sends at most `concurrency` at a time in the
 * order they were added, reports progress per file and in total, and lets each be aborted,
 * retried or dismissed. Nothing runs until files are added, so creating one is free.
 *
 * @example
 * ```ts
 * const queue = createUploadQueue({
 *   upload: (input, options) => adapter.uploadAsset(input, options),
 *   check: (file) => checkFile(file),
 *   concurrency: 2,
 *   onUploaded: (asset) => console.log('uploaded', asset.id),
 * })
 * queue.add(fileInput.files ?? [])
 * ```
 */
export function createUploadQueue({
  upload,
  check,
  concurrency = 4,
  onUploaded,
}: UploadQueueOptions): UploadQueue {
  const listeners = new Set<() => void>()
  let entries: Entry[] = []
  // Set by publish(), first below.
  let snapshot: UploadSnapshot
  const find = (id: string) => entries.find((entry) => entry.item.id === id)

  const publish = () => {
    const isUploading = entries.some(isPending)
    const total = { loaded: 0, total: 0 }
    for (const entry of entries) {
      entry.counted &&= isUploading
      if (entry.counted && (isPending(entry) || entry.item.status === 'uploaded')) {
        total.loaded += entry.item.loaded
        total.total += entry.item.total
      }
    }
    snapshot = { items: entries.map((entry) => entry.item), total, isUploading }
    for (const listener of listeners) listener()
  }

  // Applies a change, starts queued files while slots are free, then publishes once.
  const update = (entry?: Entry, patch: Partial<UploadItem> = {}) => {
    if (entry) set(entry, patch)
    let running = entries.filter((other) => other.item.status === 'uploading').length
    for (const next of entries) {
      if (running < concurrency && next.item.status === 'queued') {
        running += 1
        start(next)
      }
    }
    publish()
  }

  const start = (entry: Entry) => {
    const controller = (entry.controller = new AbortController())
    set(entry, { status: 'uploading', loaded: 0, error: undefined })
    // A late answer of an attempt that was aborted, retried or dismissed must not touch the item.
    const current = () => entry.controller === controller && entries.includes(entry)
    const { file, name } = entry.item
    new Promise<Asset>((resolve) => {
      resolve(
        upload(
          { file, name: name || undefined },
          {
            signal: controller.signal,
            onProgress: ({ loaded, total }) => {
              const { item } = entry
              if (
                current() &&
                item.status === 'uploading' &&
                (loaded !== item.loaded || total !== item.total)
              ) {
                set(entry, { loaded, total })
                publish()
              }
            },
          },
        ),
      )
    }).then(
      (asset) => {
        onUploaded?.(asset)
        // Even when aborted too late: the server has the asset, so say so.
        if (current()) update(entry, { status: 'uploaded', asset, loaded: entry.item.total })
      },
      (error: unknown) => {
        if (current() && entry.item.status === 'uploading') {
          update(entry, {
            status: 'failed',
            error: toLikenessError(error),
          })
        }
      },
    )
  }

  const enqueue = (entry: Entry) => {
    entry.counted = true
    if (!check || entry.checked) {
      set(entry, { status: 'queued', loaded: 0, error: undefined })
      return
    }
    set(entry, { status: 'checking' })
    void new Promise<FileCheck>((resolve) => {
      resolve(check(entry.item.file))
    })
      .catch(() => null)
      .then((result) => {
        // Still checking means still listed: only finished files can be dismissed.
        if (entry.item.status !== 'checking') return
        entry.checked = true
        update(
          entry,
          result?.ok === false ? { status: 'rejected', rejection: result } : { status: 'queued' },
        )
      })
  }

  publish()
  return {
    add(files, { name } = {}) {
      const ids = Array.from(files, (file) => {
        const entry: Entry = {
          item: {
            id: `upload-${++sequence}`,
            file,
            name: name?.(file) ?? file.name ?? '',
            status: 'queued',
            loaded: 0,
            total: file.size,
          },
        }
        entries.push(entry)
        enqueue(entry)
        return entry.item.id
      })
      if (ids.length > 0) update()
      return ids
    },
    abort(id) {
      const entry = find(id)
      if (!entry || !isPending(entry)) return
      entry.controller?.abort()
      update(entry, { status: 'aborted' })
    },
    retry(id) {
      const entry = find(id)
      if (entry?.item.status !== 'failed' && entry?.item.status !== 'aborted') return
      enqueue(entry)
      update()
    },
    dismiss(id) {
      const entry = find(id)
      if (!entry || isPending(entry)) return
      entries = entries.filter((other) => other !== entry)
      publish()
    },
    clear() {
      const kept = entries.filter(isPending)
      if (kept.length === entries.length) return
      entries = kept
      publish()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    getSnapshot: () => snapshot,
  }
}
