import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import {
  T0,
  assetRecord,
  describeStore,
  jobRecord,
  verificationRecord,
} from '../../test/store-suite.ts'
import type { IdempotencyReservation } from '../store/types.ts'
import { MIGRATIONS, migrate } from './migrations.ts'
import { createSqliteStore, type SqliteStore } from './sqlite-store.ts'

const directories: string[] = []
const stores: SqliteStore[] = []

async function tempDatabasePath(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'likeness-sqlite-'))
  directories.push(directory)
  return join(directory, 'likeness.db')
}

/** A store that is closed after the test, however it ends. */
function open(path: string): SqliteStore {
  const store = createSqliteStore({ path })
  stores.push(store)
  return store
}

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()))
  await Promise.all(
    directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
  )
})

describeStore('createSqliteStore', async () => {
  const path = await tempDatabasePath()
  const store = open(path)
  return {
    store,
    reopen: async () => {
      await store.close()
      return open(path)
    },
  }
})

function inspect<T>(path: string, read: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(path)
  try {
    return read(db)
  } finally {
    db.close()
  }
}

const userVersion = (db: DatabaseSync) =>
  (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version

const schemaObjectExists = (db: DatabaseSync, type: 'table' | 'index', name: string) =>
  db.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?').get(type, name) !==
  undefined

const tableExists = (db: DatabaseSync, name: string) => schemaObjectExists(db, 'table', name)

describe('createSqliteStore on a file', () => {
  it('creates the missing parent directory and puts the file in WAL mode', async () => {
    const path = join(await tempDatabasePath(), '..', 'nested', 'deeper', 'likeness.db')
    open(path)
    expect(existsSync(path)).toBe(true)
    const mode = inspect(path, (db) => db.prepare('PRAGMA journal_mode').get())
    expect(mode).toEqual({ journal_mode: 'wal' })
  })

  it('records the number of migrations run in user_version', async () => {
    const path = await tempDatabasePath()
    open(path)
    expect(inspect(path, userVersion)).toBe(MIGRATIONS.length)
  })

  it('does not run the migrations again on a file already migrated', async () => {
    const path = await tempDatabasePath()
    await open(path).close()
    // Had the first step run again, it would have recreated this index (or failed on its tables).
    inspect(path, (db) => {
      db.exec('DROP INDEX assets_staged')
    })
    const store = open(path)
    await store.putAsset(assetRecord())
    expect(await store.listStagedAssets(T0 + 1)).toEqual([assetRecord()])
    inspect(path, (db) => {
      expect(schemaObjectExists(db, 'index', 'assets_staged')).toBe(false)
      expect(userVersion(db)).toBe(MIGRATIONS.length)
    })
  })

  it('refuses a file whose schema is newer than it knows, and leaves it alone', async () => {
    const path = await tempDatabasePath()
    inspect(path, (db) => {
      db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`)
    })
    expect(() => createSqliteStore({ path })).toThrow(/newer than this server knows/)
    inspect(path, (db) => {
      expect(userVersion(db)).toBe(MIGRATIONS.length + 1)
      expect(tableExists(db, 'verifications')).toBe(false)
    })
  })

  it('upgrades idempotency keys written before leases: the placeholder becomes unknown, stuck keys lapse', async () => {
    const path = await tempDatabasePath()
    inspect(path, (db) => {
      migrate(db, MIGRATIONS.slice(0, 1))
      const insert = db.prepare(
        'INSERT INTO idempotency_keys (user_id, key, request_hash, job_id, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      insert.run('user-a', 'key-spent', 'hash-spent', '?', T0)
      insert.run('user-a', 'key-done', 'hash-done', 'task_1', T0)
      insert.run('user-a', 'key-stuck', 'hash-stuck', null, T0)
    })
    const store = open(path)
    const reserve = (key: string, at: number) =>
      store.reserveIdempotencyKey('user-a', key, 'x', at, 60_000)
    expect(await reserve('key-spent', T0)).toEqual({ state: 'unknown', requestHash: 'hash-spent' })
    expect(await reserve('key-done', T0)).toEqual({
      state: 'completed',
      requestHash: 'hash-done',
      jobId: 'task_1',
    })
    expect(await reserve('key-stuck', T0 + 1)).toEqual({
      state: 'in_progress',
      requestHash: 'hash-stuck',
      leaseExpiresAt: T0 + 120_000,
    })
    expect(await reserve('key-stuck', T0 + 24 * 3_600_000)).toEqual({
      state: 'unknown',
      requestHash: 'hash-stuck',
    })
  })

  it('lets two stores on one file see each other’s writes', async () => {
    const path = await tempDatabasePath()
    const first = open(path)
    const second = open(path)
    await first.createVerification(verificationRecord())
    await second.putAsset(assetRecord())
    await first.putJob(jobRecord())

    expect(await second.getVerification('ver_1')).toEqual(verificationRecord())
    expect(await first.getAsset(assetRecord().id)).toEqual(assetRecord())
    expect(await second.listJobs('user-a', 10)).toEqual([jobRecord()])

    expect(await first.reserveIdempotencyKey('user-a', 'key-1', 'hash-1', T0, 60_000)).toEqual({
      state: 'reserved',
    })
    expect(await second.reserveIdempotencyKey('user-a', 'key-1', 'hash-2', T0, 60_000)).toEqual({
      state: 'in_progress',
      requestHash: 'hash-1',
      leaseExpiresAt: T0 + 60_000,
    })
    expect(await second.updateVerification('ver_1', { status: 'verified' })).toBe(true)
    expect(
      await first.updateVerification('ver_1', { status: 'failed' }, { expectedStatus: 'pending' }),
    ).toBe(false)
  })

  it('hands a key and a callback to exactly one of several threads racing on one file', async () => {
    const path = await tempDatabasePath()
    await open(path).createVerification(verificationRecord())
    const outcomes = await race(path, 6)
    expect(outcomes.filter((outcome) => outcome.reservation.state === 'reserved')).toHaveLength(1)
    expect(outcomes.filter((outcome) => outcome.won)).toHaveLength(1)
    const stored = await open(path).getVerification('ver_1')
    expect(stored?.callback?.resultCode).toBe(`thread-${outcomes.findIndex((o) => o.won)}`)
  })

  it('works in memory too, for tests', async () => {
    const store = open(':memory:')
    await store.putJob(jobRecord())
    expect(await store.getJob('task_1')).toEqual(jobRecord())
  })

  it('can be closed twice', async () => {
    const store = open(await tempDatabasePath())
    await store.close()
    await expect(store.close()).resolves.toBeUndefined()
  })
})

describe('migrate', () => {
  it('runs only the steps a database has not run yet, in order', () => {
    const db = new DatabaseSync(':memory:')
    migrate(db, ['CREATE TABLE a (x)'])
    expect(userVersion(db)).toBe(1)
    migrate(db, ['CREATE TABLE a (x)', 'CREATE TABLE b (x)', 'CREATE TABLE c (x)'])
    expect(userVersion(db)).toBe(3)
    expect(['a', 'b', 'c'].map((name) => tableExists(db, name))).toEqual([true, true, true])
    db.close()
  })

  it('rolls every step back when one fails', () => {
    const db = new DatabaseSync(':memory:')
    expect(() => {
      migrate(db, ['CREATE TABLE a (x)', 'CREATE TABLE broken ('])
    }).toThrow()
    expect(userVersion(db)).toBe(0)
    expect(tableExists(db, 'a')).toBe(false)
    expect(db.isTransaction).toBe(false)
    db.close()
  })
})

interface RaceOutcome {
  reservation: IdempotencyReservation
  won: boolean
}

/**
 * Opens the store on `path` in `threads` worker threads, lets them go at the same instant, and
 * has each reserve one idempotency key and answer the verification's callback. Workers are real
 * separate SQLite connections, so only SQLite's locking keeps them apart.
 */
async function race(path: string, threads: number): Promise<RaceOutcome[]> {
  const gate = new Int32Array(new SharedArrayBuffer(8)) // [go, ready count]
  const moduleUrl = new URL('./sqlite-store.ts', import.meta.url).href
  // Works as CommonJS or as a module, whichever the worker is started as.
  const source = `
    Promise.all([import('node:worker_threads'), import(${JSON.stringify(moduleUrl)})]).then(
      async ([{ workerData, parentPort }, { createSqliteStore }]) => {
        const store = createSqliteStore({ path: workerData.path })
        const gate = new Int32Array(workerData.gate)
        Atomics.add(gate, 1, 1)
        Atomics.wait(gate, 0, 0)
        const reservation = await store.reserveIdempotencyKey('user-a', 'key-1', 'hash', 0, 60000)
        const won = await store.updateVerification(
          'ver_1',
          { status: 'verified', callback: { resultCode: 'thread-' + workerData.index, at: 0 } },
          { expectedStatus: 'pending', expectCallbackUnset: true },
        )
        await store.close()
        parentPort.postMessage({ reservation, won })
      },
    )`
  const workers = Array.from(
    { length: threads },
    (_, index) =>
      new Worker(source, { eval: true, workerData: { path, gate: gate.buffer, index } }),
  )
  const outcomes = Promise.all(
    workers.map(
      (worker) =>
        new Promise<RaceOutcome>((resolve, reject) => {
          worker.once('message', resolve)
          worker.once('error', reject)
        }),
    ),
  )
  let stopped = false
  const ready = new Promise<void>((resolve) => {
    const poll = () => {
      if (Atomics.load(gate, 1) >= threads) resolve()
      else if (!stopped) setTimeout(poll, 5)
    }
    poll()
  })
  try {
    // A worker that fails before it is ready ends the wait instead of hanging it.
    await Promise.race([ready, outcomes])
    Atomics.store(gate, 0, 1)
    Atomics.notify(gate, 0)
    return await outcomes
  } finally {
    stopped = true
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}
