import type {
  AssetType,
  VerificationFailure,
  VerificationMode,
  VerificationStatus,
  VideoJob,
  VideoJobInput,
} from '@likeness/core'

/**
 * One liveness attempt as the handler remembers it. `bytedToken` and `groupId` never leave the
 * server.
 *
 * @example
 * ```ts
 * const latest: VerificationRecord | undefined = await store.latestVerification(userId)
 * ```
 */
export interface VerificationRecord {
  /** The handler's own id (random, URL-safe). */
  id: string
  userId: string
  /** EasyRouter's token for the session; the callback must carry the same one. */
  bytedToken: string
  status: VerificationStatus
  mode: VerificationMode
  /** Where to send the browser after the callback (already checked against the allowlist). */
  returnTo?: string | undefined
  /** Popup mode: the exact origin the result is posted to. */
  openerOrigin?: string | undefined
  /** Set once verified. */
  groupId?: string | undefined
  failure?: VerificationFailure | undefined
  /** What the callback said, kept so confirmation can be retried if EasyRouter was down. */
  callback?: { resultCode: string; subCode?: string | undefined; at: number } | undefined
  /** Set when the person deleted their data: the verification no longer counts. */
  endedAt?: number | undefined
  /** Unix milliseconds. */
  createdAt: number
  updatedAt: number
  expiresAt: number
}

/**
 * An asset uploaded through the handler, remembered for ownership and staged-file cleanup.
 *
 * @example
 * ```ts
 * const asset: AssetRecord | undefined = await store.getAsset(assetId)
 * ```
 */
export interface AssetRecord {
  /** EasyRouter's asset id. */
  id: string
  userId: string
  groupId: string
  name: string
  type: AssetType
  /** The staged copy EasyRouter fetches, until it has taken the asset. */
  blobKey?: string | undefined
  createdAt: number
}

/**
 * A video job, remembered for ownership, listing and idempotency.
 *
 * @example
 * ```ts
 * const recent: JobRecord[] = await store.listJobs(userId, 20)
 * ```
 */
export interface JobRecord {
  /** EasyRouter's task id. */
  id: string
  userId: string
  input: VideoJobInput
  /** The last state seen upstream. */
  snapshot: VideoJob
  createdAt: number
  updatedAt: number
}

/**
 * The outcome of {@link Store.reserveIdempotencyKey}.
 *
 * @example
 * ```ts
 * const held = await store.reserveIdempotencyKey(userId, key, hash, Date.now(), 120_000)
 * if (held.state === 'completed') return getJob(held.jobId)
 * ```
 */
export type IdempotencyReservation =
  /** The key is new: the caller must create the job, then `completeIdempotencyKey`. */
  | { state: 'reserved' }
  /** A request with this key is being processed right now, under a lease until that time. */
  | { state: 'in_progress'; requestHash: string; leaseExpiresAt: number }
  /** A job was already created with this key. */
  | { state: 'completed'; requestHash: string; jobId: string }
  /**
   * Whether a job was created is not known, and never will be by this key: EasyRouter gave no
   * clear answer, or the request holding the key stopped (a crash) before its lease ran out.
   * The key can never create a job.
   */
  | { state: 'unknown'; requestHash: string }

/**
 * How a reserved key ended: with a job, or without knowing whether EasyRouter created one.
 *
 * @example
 * ```ts
 * await store.completeIdempotencyKey(userId, key, { state: 'completed', jobId: task.id })
 * ```
 */
export type IdempotencyOutcome = { state: 'completed'; jobId: string } | { state: 'unknown' }

/**
 * Where the handler keeps what it must remember between requests. Every method is async so a
 * store can live in another process (SQLite file, PostgreSQL). Implementations must make
 * `updateVerification`'s condition and `reserveIdempotencyKey` atomic: they are what makes
 * callbacks single-use and job creation idempotent across concurrent requests.
 *
 * @example
 * ```ts
 * const handler = createLikenessHandler({ ...options, store: createMemoryStore() })
 * ```
 */
export interface Store {
  createVerification(record: VerificationRecord): Promise<void>
  getVerification(id: string): Promise<VerificationRecord | undefined>
  /** The user's most recently created verification. */
  latestVerification(userId: string): Promise<VerificationRecord | undefined>
  /**
   * Applies `patch` only if the record still has `expectedStatus` and, when
   * `expectCallbackUnset`, no `callback` yet. Returns whether it was applied.
   */
  updateVerification(
    id: string,
    patch: Partial<Omit<VerificationRecord, 'id' | 'userId' | 'createdAt'>>,
    condition?: { expectedStatus?: VerificationStatus; expectCallbackUnset?: boolean },
  ): Promise<boolean>

  putAsset(record: AssetRecord): Promise<void>
  getAsset(id: string): Promise<AssetRecord | undefined>
  /** Forgets the staged copy of an asset (the blob itself is the blob store's). */
  clearAssetBlob(id: string): Promise<void>
  deleteAsset(id: string): Promise<void>
  /** Forgets every asset of a group. */
  deleteAssetsOfGroup(groupId: string): Promise<void>
  /** Assets whose staged copy is older than `createdBefore` (unix ms). */
  listStagedAssets(createdBefore: number): Promise<AssetRecord[]>

  putJob(record: JobRecord): Promise<void>
  getJob(id: string): Promise<JobRecord | undefined>
  updateJobSnapshot(id: string, snapshot: VideoJob, updatedAt: number): Promise<void>
  /** The user's jobs, newest first. */
  listJobs(userId: string, limit: number): Promise<JobRecord[]>

  /**
   * Atomically claims `(userId, key)` for a new job, under a lease that runs until
   * `now + leaseMs`, or reports what holds it. A key still in progress whose lease has run out
   * (its request crashed or hung) becomes `unknown` in the same atomic step, for good.
   */
  reserveIdempotencyKey(
    userId: string,
    key: string,
    requestHash: string,
    now: number,
    leaseMs: number,
  ): Promise<IdempotencyReservation>
  /**
   * Records how a reserved key ended. `completed` always wins (a job that exists is never
   * forgotten, even if the key was meanwhile taken for `unknown`); `unknown` never replaces
   * `completed`.
   */
  completeIdempotencyKey(userId: string, key: string, outcome: IdempotencyOutcome): Promise<void>
  /**
   * Frees a key still in progress whose job certainly was not created, so the same key can try
   * again. Keys that ended (`completed` or `unknown`) are kept.
   */
  releaseIdempotencyKey(userId: string, key: string): Promise<void>

  /** Releases resources (closes a database). Optional. */
  close?(): Promise<void>
}
