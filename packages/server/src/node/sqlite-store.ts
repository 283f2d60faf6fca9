import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync, type SQLInputValue } from 'node:sqlite'
import type {
  AssetRecord,
  IdempotencyReservation,
  JobRecord,
  Store,
  VerificationRecord,
} from '../store/types.ts'
import { migrate } from './migrations.ts'

/**
 * Where the SQLite store keeps its file.
 *
 * @example
 * ```ts
 * const options: SqliteStoreOptions = { path: '/var/lib/likeness/likeness.db' }
 * ```
 */
export interface SqliteStoreOptions {
  /** The database file (its directory is created if missing), or `:memory:` for tests. */
  path: string
}

/**
 * A {@link Store} on a SQLite file; `close` releases the file.
 *
 * @example
 * ```ts
 * const store: SqliteStore = createSqliteStore({ path: 'likeness.db' })
 * process.on('SIGTERM', () => void store.close())
 * ```
 */
export interface SqliteStore extends Store {
  close(): Promise<void>
}

/** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000

/**
 * Creates a {@link Store} on a SQLite file through Node's built-in `node:sqlite`, so the
 * handler's state survives restarts and can be shared by several processes on one host. The
 * schema is created or upgraded on open.
 *
 * Calls run synchronously on the calling thread (SQLite on a local disk answers in
 * microseconds); atomicity between processes comes from SQLite's own locks.
 *
 * @example
 * ```ts
 * const store = createSqliteStore({ path: '.likeness/likeness.db' })
 * const handler = createLikenessHandler({ ...options, store })
 * ```
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  if (options.path !== ':memory:' && options.path !== '') {
    mkdirSync(dirname(options.path), { recursive: true })
  }
  const db = new DatabaseSync(options.path, { timeout: BUSY_TIMEOUT_MS })
  // WAL lets readers go on while one process writes; NORMAL is durable in WAL mode except for the
  // last transactions before a power cut, which is fine for this data.
  try {
    db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};
      PRAGMA foreign_keys = ON;
      PRAGMA synchronous = NORMAL;
    `)
    migrate(db)
  } catch (error) {
    db.close()
    throw error
  }

  const sql = {
    insertVerification: db.prepare(insertSql('verifications', VERIFICATION_COLUMNS)),
    getVerification: db.prepare('SELECT * FROM verifications WHERE id = ?'),
    // rowid grows with every insert, so it breaks a tie in favour of the last inserted.
    latestVerification: db.prepare(
      'SELECT * FROM verifications WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    ),
    putAsset: db.prepare(upsertSql('assets', ASSET_COLUMNS)),
    getAsset: db.prepare('SELECT * FROM assets WHERE id = ?'),
    clearAssetBlob: db.prepare('UPDATE assets SET blob_key = NULL WHERE id = ?'),
    deleteAsset: db.prepare('DELETE FROM assets WHERE id = ?'),
    deleteAssetsOfGroup: db.prepare('DELETE FROM assets WHERE group_id = ?'),
    listStagedAssets: db.prepare(
      'SELECT * FROM assets WHERE blob_key IS NOT NULL AND created_at < ? ORDER BY created_at, id',
    ),
    putJob: db.prepare(upsertSql('jobs', JOB_COLUMNS)),
    getJob: db.prepare('SELECT * FROM jobs WHERE id = ?'),
    updateJobSnapshot: db.prepare('UPDATE jobs SET snapshot = ?, updated_at = ? WHERE id = ?'),
    listJobs: db.prepare(
      'SELECT * FROM jobs WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
    ),
    insertIdempotencyKey: db.prepare(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, created_at, lease_expires_at)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id, key) DO NOTHING`,
    ),
    getIdempotencyKey: db.prepare(
      `SELECT request_hash, job_id, outcome, lease_expires_at FROM idempotency_keys
       WHERE user_id = ? AND key = ?`,
    ),
    lapseIdempotencyKey: db.prepare(
      `UPDATE idempotency_keys SET outcome = 'unknown'
       WHERE user_id = ? AND key = ? AND outcome IS NULL AND lease_expires_at <= ?`,
    ),
    // A job that exists is recorded whatever the key held before.
    completeIdempotencyKey: db.prepare(
      `UPDATE idempotency_keys SET outcome = 'completed', job_id = ? WHERE user_id = ? AND key = ?`,
    ),
    // ...but an unknown outcome never hides one.
    unknownIdempotencyKey: db.prepare(
      `UPDATE idempotency_keys SET outcome = 'unknown'
       WHERE user_id = ? AND key = ? AND outcome IS NOT 'completed'`,
    ),
    // A key that ended may stand for a job that exists; freeing it would let a retry create a
    // second one.
    releaseIdempotencyKey: db.prepare(
      'DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND outcome IS NULL',
    ),
  }

  return {
    createVerification: (record) =>
      settle(() => {
        sql.insertVerification.run(verificationParams(record))
      }),

    getVerification: (id) => settle(() => mapRow(sql.getVerification.get(id), verificationFromRow)),

    latestVerification: (userId) =>
      settle(() => mapRow(sql.latestVerification.get(userId), verificationFromRow)),

    updateVerification: (id, patch, condition = {}) =>
      settle(() => {
        const params = toParams(VERIFICATION_PATCH_COLUMNS, patch)
        const columns = Object.keys(params)
        // One statement, so the check and the write are a single atomic step for SQLite.
        const set = columns.length ? columns.map((c) => `${c} = :${c}`).join(', ') : 'id = id'
        const { changes } = db
          .prepare(
            `UPDATE verifications SET ${set} WHERE id = :where_id
             AND (:expected_status IS NULL OR status = :expected_status)
             AND (:expect_callback_unset = 0 OR callback IS NULL)`,
          )
          .run({
            ...params,
            where_id: id,
            expected_status: condition.expectedStatus ?? null,
            expect_callback_unset: condition.expectCallbackUnset ? 1 : 0,
          })
        return changes > 0
      }),

    putAsset: (record) =>
      settle(() => {
        sql.putAsset.run(assetParams(record))
      }),

    getAsset: (id) => settle(() => mapRow(sql.getAsset.get(id), assetFromRow)),

    clearAssetBlob: (id) =>
      settle(() => {
        sql.clearAssetBlob.run(id)
      }),

    deleteAsset: (id) =>
      settle(() => {
        sql.deleteAsset.run(id)
      }),

    deleteAssetsOfGroup: (groupId) =>
      settle(() => {
        sql.deleteAssetsOfGroup.run(groupId)
      }),

    listStagedAssets: (createdBefore) =>
      settle(() => sql.listStagedAssets.all(createdBefore).map((row) => assetFromRow(row))),

    putJob: (record) =>
      settle(() => {
        sql.putJob.run(jobParams(record))
      }),

    getJob: (id) => settle(() => mapRow(sql.getJob.get(id), jobFromRow)),

    updateJobSnapshot: (id, snapshot, updatedAt) =>
      settle(() => {
        sql.updateJobSnapshot.run(JSON.stringify(snapshot), updatedAt, id)
      }),

    listJobs: (userId, limit) =>
      settle(() =>
        // SQLite reads a negative LIMIT as "no limit"; the contract is "at most `limit`".
        sql.listJobs.all(userId, Math.max(0, Math.floor(limit))).map((row) => jobFromRow(row)),
      ),

    reserveIdempotencyKey: (userId, key, requestHash, now, leaseMs) =>
      settle(() =>
        // The insert alone decides the winner; the transaction makes the lapse and the read that
        // follow see the row the insert found, not one freed or changed in between.
        immediate(db, (): IdempotencyReservation => {
          const { changes } = sql.insertIdempotencyKey.run(
            userId,
            key,
            requestHash,
            now,
            now + leaseMs,
          )
          if (changes > 0) return { state: 'reserved' }
          sql.lapseIdempotencyKey.run(userId, key, now)
          const row = sql.getIdempotencyKey.get(userId, key) as unknown as IdempotencyRow
          if (row.outcome === 'completed' && row.job_id !== null) {
            return { state: 'completed', requestHash: row.request_hash, jobId: row.job_id }
          }
          if (row.outcome !== null) return { state: 'unknown', requestHash: row.request_hash }
          return {
            state: 'in_progress',
            requestHash: row.request_hash,
            leaseExpiresAt: row.lease_expires_at,
          }
        }),
      ),

    completeIdempotencyKey: (userId, key, outcome) =>
      settle(() => {
        if (outcome.state === 'completed') {
          sql.completeIdempotencyKey.run(outcome.jobId, userId, key)
        } else {
          sql.unknownIdempotencyKey.run(userId, key)
        }
      }),

    releaseIdempotencyKey: (userId, key) =>
      settle(() => {
        sql.releaseIdempotencyKey.run(userId, key)
      }),

    close: () =>
      settle(() => {
        if (db.isOpen) db.close()
      }),
  }
}

type Row = Record<string, unknown>

interface IdempotencyRow {
  request_hash: string
  job_id: string | null
  outcome: 'completed' | 'unknown' | null
  lease_expires_at: number
}

// Record property -> column, for every property a row stores. Names are ours, never input, so
// building SQL from them is safe.
const VERIFICATION_COLUMNS = {
  id: 'id',
  userId: 'user_id',
  bytedToken: 'byted_token',
  status: 'status',
  mode: 'mode',
  returnTo: 'return_to',
  openerOrigin: 'opener_origin',
  groupId: 'group_id',
  failure: 'failure',
  callback: 'callback',
  endedAt: 'ended_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  expiresAt: 'expires_at',
} as const satisfies Record<keyof VerificationRecord, string>

// What a patch may change: the identity and the creation time of a verification never do.
const {
  id: _id,
  userId: _userId,
  createdAt: _createdAt,
  ...VERIFICATION_PATCH_COLUMNS
} = VERIFICATION_COLUMNS

const ASSET_COLUMNS = {
  id: 'id',
  userId: 'user_id',
  groupId: 'group_id',
  name: 'name',
  type: 'type',
  blobKey: 'blob_key',
  createdAt: 'created_at',
} as const satisfies Record<keyof AssetRecord, string>

const JOB_COLUMNS = {
  id: 'id',
  userId: 'user_id',
  input: 'input',
  snapshot: 'snapshot',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const satisfies Record<keyof JobRecord, string>

const JSON_PROPERTIES = new Set(['failure', 'callback', 'input', 'snapshot'])

function insertSql(table: string, columns: Record<string, string>): string {
  const names = Object.values(columns)
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((c) => `:${c}`).join(', ')})`
}

function upsertSql(table: string, columns: Record<string, string>): string {
  const updates = Object.values(columns)
    .filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
  return `${insertSql(table, columns)} ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`
}

/**
 * Named parameters (`column: value`) for the properties present in `values`: nested values as
 * JSON, `undefined` as NULL (node:sqlite cannot bind `undefined`). Unknown properties are left
 * out, so a patch can never name a column we did not list.
 */
function toParams(columns: Record<string, string>, values: object): Record<string, SQLInputValue> {
  const result: Record<string, SQLInputValue> = {}
  for (const [property, value] of Object.entries(values)) {
    const column = columns[property]
    if (column === undefined) continue
    result[column] =
      value === undefined || value === null
        ? null
        : JSON_PROPERTIES.has(property)
          ? JSON.stringify(value)
          : (value as SQLInputValue)
  }
  return result
}

const verificationParams = (record: VerificationRecord) => toParams(VERIFICATION_COLUMNS, record)
const assetParams = (record: AssetRecord) => toParams(ASSET_COLUMNS, record)
const jobParams = (record: JobRecord) => toParams(JOB_COLUMNS, record)

/**
 * Turns a row back into a record: columns become properties, JSON is parsed, and NULL columns
 * are left out (an unset optional property).
 */
function fromRow<T>(columns: Record<keyof T, string>, row: Row): T {
  const record: Row = {}
  for (const [property, column] of Object.entries<string>(columns)) {
    const value = row[column]
    if (value === null || value === undefined) continue
    record[property] = JSON_PROPERTIES.has(property) ? JSON.parse(value as string) : value
  }
  return record as T
}

const verificationFromRow = (row: Row) => fromRow<VerificationRecord>(VERIFICATION_COLUMNS, row)
const assetFromRow = (row: Row) => fromRow<AssetRecord>(ASSET_COLUMNS, row)
const jobFromRow = (row: Row) => fromRow<JobRecord>(JOB_COLUMNS, row)

function mapRow<T>(row: Row | undefined, map: (row: Row) => T): T | undefined {
  return row && map(row)
}

/** Runs `fn` in a `BEGIN IMMEDIATE` transaction: the write lock is taken before anything is read. */
function immediate<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = fn()
    db.exec('COMMIT')
    return result
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK')
    throw error
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
