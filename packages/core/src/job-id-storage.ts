/**
 * Where the id of a submitted video job is kept, so a reload can pick the job up again
 * without submitting it twice. `sessionStorage` by default; any key-value store works.
 *
 * @example
 * ```ts
 * const inMemory = new Map<string, string>()
 * const storage: JobIdStorage = {
 *   get: (key) => inMemory.get(key) ?? null,
 *   set: (key, value) => (value === null ? inMemory.delete(key) : inMemory.set(key, value)),
 * }
 * ```
 */
export interface JobIdStorage {
  get(key: string): string | null
  set(key: string, value: string | null): void
}

/**
 * Job ids in the tab's `sessionStorage`. It can be missing (server rendering) or throw
 * (privacy modes, sandboxed frames); losing the id then only costs picking the job up after
 * a reload.
 *
 * @example
 * ```ts
 * sessionJobIdStorage.get('likeness:video-job')
 * ```
 */
export const sessionJobIdStorage: JobIdStorage = {
  get: (key) => attempt(() => sessionStorage.getItem(key)),
  set: (key, value) => {
    attempt(() => {
      if (value === null) sessionStorage.removeItem(key)
      else sessionStorage.setItem(key, value)
    })
  },
}

function attempt<T>(action: () => T): T | null {
  try {
    return action()
  } catch {
    return null
  }
}

// Storage has no change events within a page, so writers tell the other controllers of the
// page that use the same storage and key.
const watchers = new WeakMap<JobIdStorage, Set<(key: string) => void>>()

/** Writes `value` under `key` and tells every other watcher of that storage. */
export function writeJobId(storage: JobIdStorage, key: string, value: string | null): void {
  storage.set(key, value)
  for (const watcher of watchers.get(storage) ?? []) watcher(key)
}

/** Calls `listener` with the key after every {@link writeJobId} to `storage`. */
export function watchJobIds(storage: JobIdStorage, listener: (key: string) => void): () => void {
  let set = watchers.get(storage)
  if (!set) watchers.set(storage, (set = new Set()))
  set.add(listener)
  return () => set.delete(listener)
}
