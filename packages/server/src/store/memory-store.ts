import type {
  AssetRecord,
  IdempotencyOutcome,
  IdempotencyReservation,
  JobRecord,
  Store,
  VerificationRecord,
} from './types.ts'

interface IdempotencyEntry {
  requestHash: string
  outcome?: IdempotencyOutcome | undefined
  leaseExpiresAt: number
}

/**
 * Creates a {@link Store} that keeps everything in this process's memory: for tests, demos and
 * single-instance development. Everything is lost when the process exits; use the SQLite store
 * from `@likeness/server/node` when state must survive a restart.
 *
 * Records are copied on the way in and out, so changing an object you passed in or got back never
 * changes what the store holds (the same as a real database).
 *
 * @example
 * ```ts
 * const handler = createLikenessHandler({ ...options, store: createMemoryStore() })
 * ```
 */
export function createMemoryStore(): Store {
  const verifications = new Map<string, VerificationRecord>()
  const assets = new Map<string, AssetRecord>()
  const jobs = new Map<string, JobRecord>()
  // Keyed by JSON of [userId, key] so no separator character can make two pairs collide.
  const idempotency = new Map<string, IdempotencyEntry>()
  const idempotencyId = (userId: string, key: string): string => JSON.stringify([userId, key])

  return {
    createVerification: (record) =>
      settle(() => {
        if (verifications.has(record.id)) throw new Error(`Verification ${record.id} exists`)
        verifications.set(record.id, copy(record))
      }),

    getVerification: (id) => settle(() => copyOrUndefined(verifications.get(id))),

    latestVerification: (userId) =>
      settle(() => {
        let latest: VerificationRecord | undefined
        // Maps iterate in insertion order, so `>=` makes the last inserted win a tie.
        for (const record of verifications.values()) {
          if (record.userId === userId && (!latest || record.createdAt >= latest.createdAt)) {
            latest = record
          }
        }
        return copyOrUndefined(latest)
      }),

    updateVerification: (id, patch, condition = {}) =>
      settle(() => {
        const record = verifications.get(id)
        if (!record) return false
        if (condition.expectedStatus !== undefined && record.status !== condition.expectedStatus) {
          return false
        }
        if (condition.expectCallbackUnset && record.callback !== undefined) return false
        verifications.set(id, copy({ ...record, ...patch }))
        return true
      }),

    putAsset: (record) =>
      settle(() => {
        assets.set(record.id, copy(record))
      }),

    getAsset: (id) => settle(() => copyOrUndefined(assets.get(id))),

    clearAssetBlob: (id) =>
      settle(() => {
        const record = assets.get(id)
        if (record) assets.set(id, copy({ ...record, blobKey: undefined }))
      }),

    deleteAsset: (id) =>
      settle(() => {
        assets.delete(id)
      }),

    deleteAssetsOfGroup: (groupId) =>
      settle(() => {
        for (const [id, record] of assets) if (record.groupId === groupId) assets.delete(id)
      }),

    listStagedAssets: (createdBefore) =>
      settle(() =>
        [...assets.values()]
          .filter((record) => record.blobKey !== undefined && record.createdAt < createdBefore)
          .sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id))
          .map(copy),
      ),

    putJob: (record) =>
      settle(() => {
        jobs.set(record.id, copy(record))
      }),

    getJob: (id) => settle(() => copyOrUndefined(jobs.get(id))),

    updateJobSnapshot: (id, snapshot, updatedAt) =>
      settle(() => {
        const record = jobs.get(id)
        if (record) jobs.set(id, copy({ ...record, snapshot, updatedAt }))
      }),

    listJobs: (userId, limit) =>
      settle(() =>
        [...jobs.values()]
          .filter((record) => record.userId === userId)
          .sort((a, b) => b.createdAt - a.createdAt || compareIds(b.id, a.id))
          .slice(0, Math.max(0, Math.floor(limit)))
          .map(copy),
      ),

    reserveIdempotencyKey: (userId, key, requestHash, now, leaseMs) =>
      settle((): IdempotencyReservation => {
        const id = idempotencyId(userId, key)
        const entry = idempotency.get(id)
        if (!entry) {
          idempotency.set(id, { requestHash, leaseExpiresAt: now + leaseMs })
          return { state: 'reserved' }
        }
        if (!entry.outcome && now >= entry.leaseExpiresAt) entry.outcome = { state: 'unknown' }
        const { outcome } = entry
        if (!outcome) {
          return {
            state: 'in_progress',
            requestHash: entry.requestHash,
            leaseExpiresAt: entry.leaseExpiresAt,
          }
        }
        return outcome.state === 'completed'
          ? { state: 'completed', requestHash: entry.requestHash, jobId: outcome.jobId }
          : { state: 'unknown', requestHash: entry.requestHash }
      }),

    completeIdempotencyKey: (userId, key, outcome) =>
      settle(() => {
        const entry = idempotency.get(idempotencyId(userId, key))
        if (!entry || entry.outcome?.state === 'completed') return
        entry.outcome = { ...outcome }
      }),

    releaseIdempotencyKey: (userId, key) =>
      settle(() => {
        const id = idempotencyId(userId, key)
        // A key that ended may stand for a job that exists; freeing it would let a retry create
        // a second one.
        if (idempotency.get(id)?.outcome === undefined) idempotency.delete(id)
      }),
  }
}

/**
 * Runs `fn` now and wraps its outcome in a promise, so a throw becomes a rejection (as with an
 * `async` function) without an `async` function that never awaits.
 */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(fn())
  })
}

/**
 * A deep copy without the properties set to `undefined`, so a cleared property reads as absent,
 * as it does from a database.
 */
function copy<T extends object>(record: T): T {
  const clone = structuredClone(record)
  for (const [key, value] of Object.entries(clone)) {
    if (value === undefined) Reflect.deleteProperty(clone, key)
  }
  return clone
}

function copyOrUndefined<T extends object>(record: T | undefined): T | undefined {
  return record && copy(record)
}

/** Code-unit order, the same as SQLite's default `BINARY` collation. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
