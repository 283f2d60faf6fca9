import type { DatabaseSync } from 'node:sqlite'

/**
 * The SQLite schema as ordered steps: step `n` takes a database from `user_version` n to n + 1.
 * Append new steps; never edit one that has shipped, since files out there already ran it.
 * Nested values (failure, callback, input, snapshot) are JSON text; times are unix ms.
 *
 * @example
 * ```ts
 * db.prepare('PRAGMA user_version').get() // { user_version: MIGRATIONS.length } once migrated
 * ```
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE verifications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    byted_token TEXT NOT NULL,
    status TEXT NOT NULL,
    mode TEXT NOT NULL,
    return_to TEXT,
    opener_origin TEXT,
    group_id TEXT,
    failure TEXT,
    callback TEXT,
    ended_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX verifications_by_user ON verifications (user_id, created_at);

  CREATE TABLE assets (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    group_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    blob_key TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX assets_by_group ON assets (group_id);
  CREATE INDEX assets_staged ON assets (created_at) WHERE blob_key IS NOT NULL;

  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    input TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX jobs_by_user ON jobs (user_id, created_at);

  CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    job_id TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
  ) WITHOUT ROWID;
  `,
  // Idempotency keys get a lease and an explicit outcome. A key spent on an unclear answer was
  // marked with the job id '?'; it becomes the outcome `unknown`. Keys left in progress by an
  // older server (which had no lease) get a two-minute lease from their creation, so the ones
  // a crash left behind resolve instead of staying in progress for ever.
  `
  ALTER TABLE idempotency_keys ADD COLUMN outcome TEXT;
  ALTER TABLE idempotency_keys ADD COLUMN lease_expires_at INTEGER NOT NULL DEFAULT 0;
  UPDATE idempotency_keys SET outcome = 'unknown', job_id = NULL WHERE job_id = '?';
  UPDATE idempotency_keys SET outcome = 'completed' WHERE job_id IS NOT NULL;
  UPDATE idempotency_keys SET lease_expires_at = created_at + 120000;
  `,
]

/**
 * Brings `db` up to the newest schema, running only the steps it has not run yet. The version is
 * read inside `BEGIN IMMEDIATE`, so two processes starting on one file cannot both migrate it.
 * Throws when the file was written by a newer schema than this code knows.
 *
 * @example
 * ```ts
 * const db = new DatabaseSync('likeness.db')
 * migrate(db)
 * ```
 */
export function migrate(db: DatabaseSync, migrations: readonly string[] = MIGRATIONS): void {
  db.exec('BEGIN IMMEDIATE')
  try {
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as {
      user_version: number
    }
    if (version > migrations.length) {
      throw new Error(
        `The database schema is version ${version}, newer than this server knows (${migrations.length}); upgrade @likeness/server`,
      )
    }
    for (const step of migrations.slice(version)) db.exec(step)
    // PRAGMA takes no bound parameters; the value is our own integer.
    db.exec(`PRAGMA user_version = ${migrations.length}`)
    db.exec('COMMIT')
  } catch (error) {
    db.exec('ROLLBACK')
    throw error
  }
}
