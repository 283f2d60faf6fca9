// The behaviour every Store must show, run against each implementation by its own test file.
// Not part of the build.
import type { VideoJob } from '@likeness/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AssetRecord, JobRecord, Store, VerificationRecord } from '../src/store/types.ts'

/** What a test file hands the suite: a fresh, empty store, and a way to reopen its storage. */
export interface StoreUnderTest {
  store: Store
  /** Closes `store` and opens a new one on the same storage (a handler restart). */
  reopen?: () => Promise<Store>
}

/** 2026-05-21 16:29:15 Beijing time, in unix ms. */
export const T0 = Date.parse('2026-05-21T16:29:15+08:00')

/** A verification with only the required fields; `overrides` may add or clear any. */
export function verificationRecord(
  overrides: Partial<VerificationRecord> = {},
): VerificationRecord {
  return {
    id: 'ver_1',
    userId: 'user-a',
    bytedToken: 'byted-token-1',
    status: 'pending',
    mode: 'redirect',
    createdAt: T0,
    updatedAt: T0,
    expiresAt: T0 + 600_000,
    ...overrides,
  }
}

/** A verification with every optional field set. */
export function fullVerificationRecord(
  overrides: Partial<VerificationRecord> = {},
): VerificationRecord {
  return verificationRecord({
    status: 'failed',
    mode: 'popup',
    returnTo: 'https://app.example/after?x=1',
    openerOrigin: 'https://app.example',
    groupId: 'group-1',
    failure: { code: 'liveness_failed', message: 'Not live', resultCode: '10001', subCode: '3' },
    callback: { resultCode: '10001', subCode: '3', at: T0 + 5_000 },
    endedAt: T0 + 9_000,
    updatedAt: T0 + 5_000,
    ...overrides,
  })
}

/** An asset, staged (with a blob key) unless `overrides` clears it. */
export function assetRecord(overrides: Partial<AssetRecord> = {}): AssetRecord {
  return {
    id: 'asset-20260521164235-zggcb',
    userId: 'user-a',
    groupId: 'group-1',
    name: 'beach.png',
    type: 'image',
    blobKey: 'blob_0123456789abcdef',
    createdAt: T0,
    ...overrides,
  }
}

/** A job snapshot as EasyRouter reports it. */
export function videoJob(overrides: Partial<VideoJob> = {}): VideoJob {
  return {
    id: 'task_1',
    status: 'queued',
    progress: 0,
    model: 'dreamina-seedance-2-0',
    createdAt: new Date(T0).toISOString(),
    ...overrides,
  }
}

/** A job with a minimal input and snapshot. */
export function jobRecord(overrides: Partial<JobRecord> = {}): JobRecord {
  const id = overrides.id ?? 'task_1'
  return {
    id,
    userId: 'user-a',
    input: { model: 'dreamina-seedance-2-0', prompt: 'Walking on the moon' },
    snapshot: videoJob({ id }),
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  }
}

/** A job whose input and snapshot have every optional field set. */
export function fullJobRecord(overrides: Partial<JobRecord> = {}): JobRecord {
  const id = overrides.id ?? 'task_full'
  return jobRecord({
    id,
    input: {
      model: 'dreamina-seedance-2-0-fast',
      prompt: '画面中的我，穿着宇航服在月球上行走',
      durationSeconds: 5,
      resolution: '720p',
      ratio: '16:9',
      seed: 42,
      generateAudio: true,
      watermark: false,
      references: [
        { assetId: 'asset-20260520153701-pgxsl', role: 'first_frame' },
        { assetId: 'asset-20260520153702-abcde' },
      ],
    },
    snapshot: videoJob({
      id,
      status: 'failed',
      progress: 40,
      completedAt: new Date(T0 + 60_000).toISOString(),
      videoUrl: 'https://cdn.example/v.mp4?sig=1',
      error: { code: 'OutputVideoSensitive', message: 'Blocked' },
      input: { model: 'dreamina-seedance-2-0-fast', prompt: 'p', seed: -1 },
    }),
    updatedAt: T0 + 60_000,
    ...overrides,
  })
}

/**
 * Registers the Store contract as a Vitest `describe` block. `create` is called before every
 * test and must return an empty store; the suite closes it afterwards.
 *
 * @example
 * ```ts
 * describeStore('createMemoryStore', () => Promise.resolve({ store: createMemoryStore() }))
 * ```
 */
export function describeStore(name: string, create: () => Promise<StoreUnderTest>): void {
  describe(name, () => {
    let store: Store
    let reopen: StoreUnderTest['reopen']

    beforeEach(async () => {
      ;({ store, reopen } = await create())
    })

    afterEach(async () => {
      await store.close?.()
    })

    describe('verifications', () => {
      it('round-trips a record with only the required fields', async () => {
        const record = verificationRecord()
        await store.createVerification(record)
        expect(await store.getVerification(record.id)).toEqual(record)
      })

      it('round-trips a record with every optional field', async () => {
        const record = fullVerificationRecord()
        await store.createVerification(record)
        expect(await store.getVerification(record.id)).toEqual(record)
      })

      it('returns undefined for an unknown id or a user without verifications', async () => {
        await store.createVerification(verificationRecord())
        expect(await store.getVerification('ver_missing')).toBeUndefined()
        expect(await store.latestVerification('user-b')).toBeUndefined()
      })

      it('refuses a second verification with the same id', async () => {
        await store.createVerification(verificationRecord())
        await expect(store.createVerification(verificationRecord())).rejects.toThrow()
        expect(await store.getVerification('ver_1')).toEqual(verificationRecord())
      })

      it('finds the newest verification of a user, the last inserted on a tie', async () => {
        await store.createVerification(verificationRecord({ id: 'ver_b', createdAt: T0 + 2 }))
        await store.createVerification(verificationRecord({ id: 'ver_a', createdAt: T0 + 1 }))
        await store.createVerification(
          verificationRecord({ id: 'ver_other', userId: 'user-b', createdAt: T0 + 9 }),
        )
        expect((await store.latestVerification('user-a'))?.id).toBe('ver_b')

        await store.createVerification(verificationRecord({ id: 'ver_0', createdAt: T0 + 2 }))
        expect((await store.latestVerification('user-a'))?.id).toBe('ver_0')
        expect((await store.latestVerification('user-b'))?.id).toBe('ver_other')
      })

      it('applies a patch when the condition holds', async () => {
        await store.createVerification(verificationRecord())
        const patch = {
          status: 'verified',
          groupId: 'group-9',
          callback: { resultCode: '10000', at: T0 + 1 },
          updatedAt: T0 + 1,
        } as const
        const applied = await store.updateVerification('ver_1', patch, {
          expectedStatus: 'pending',
          expectCallbackUnset: true,
        })
        expect(applied).toBe(true)
        expect(await store.getVerification('ver_1')).toEqual({ ...verificationRecord(), ...patch })
      })

      it('applies a patch without a condition, and reports false for an unknown id', async () => {
        await store.createVerification(verificationRecord())
        expect(await store.updateVerification('ver_1', { status: 'expired' })).toBe(true)
        expect((await store.getVerification('ver_1'))?.status).toBe('expired')
        expect(await store.updateVerification('ver_missing', { status: 'expired' })).toBe(false)
      })

      it('changes nothing when the status is not the expected one', async () => {
        await store.createVerification(verificationRecord({ status: 'failed' }))
        const applied = await store.updateVerification(
          'ver_1',
          { status: 'verified', groupId: 'group-9', updatedAt: T0 + 1 },
          { expectedStatus: 'pending' },
        )
        expect(applied).toBe(false)
        expect(await store.getVerification('ver_1')).toEqual(
          verificationRecord({ status: 'failed' }),
        )
      })

      it('changes nothing when a callback is expected unset but exists', async () => {
        const record = verificationRecord({ callback: { resultCode: '10000', at: T0 } })
        await store.createVerification(record)
        const applied = await store.updateVerification(
          'ver_1',
          { callback: { resultCode: '10001', at: T0 + 1 }, status: 'failed' },
          { expectedStatus: 'pending', expectCallbackUnset: true },
        )
        expect(applied).toBe(false)
        expect(await store.getVerification('ver_1')).toEqual(record)
        // Without that condition the same update goes through.
        expect(
          await store.updateVerification(
            'ver_1',
            { status: 'verified' },
            { expectedStatus: 'pending' },
          ),
        ).toBe(true)
      })

      it('lets exactly one of two racing callbacks win', async () => {
        await store.createVerification(verificationRecord())
        const condition = { expectedStatus: 'pending', expectCallbackUnset: true } as const
        const results = await Promise.all([
          store.updateVerification(
            'ver_1',
            { status: 'verified', callback: { resultCode: '10000', at: T0 + 1 } },
            condition,
          ),
          store.updateVerification(
            'ver_1',
            { status: 'failed', callback: { resultCode: '10001', at: T0 + 2 } },
            condition,
          ),
        ])
        expect(results.filter(Boolean)).toHaveLength(1)
        const winner = results[0] ? 'verified' : 'failed'
        expect((await store.getVerification('ver_1'))?.status).toBe(winner)
      })

      it('clears the properties a patch sets to undefined and keeps the others', async () => {
        await store.createVerification(fullVerificationRecord())
        const applied = await store.updateVerification('ver_1', {
          status: 'pending',
          returnTo: undefined,
          groupId: undefined,
          failure: undefined,
          callback: undefined,
          endedAt: undefined,
        })
        expect(applied).toBe(true)
        const stored = await store.getVerification('ver_1')
        expect(stored).toEqual(
          verificationRecord({
            mode: 'popup',
            openerOrigin: 'https://app.example',
            updatedAt: T0 + 5_000,
          }),
        )
        expect(stored?.callback).toBeUndefined()
        expect(stored?.groupId).toBeUndefined()
        // Cleared means unset for the next compare-and-set, too.
        expect(
          await store.updateVerification(
            'ver_1',
            { callback: { resultCode: '10000', at: T0 } },
            { expectCallbackUnset: true },
          ),
        ).toBe(true)
      })
    })

    describe('assets', () => {
      it('round-trips an asset with and without a blob key', async () => {
        const staged = assetRecord()
        const taken = assetRecord({ id: 'asset-2', type: 'video', blobKey: undefined })
        await store.putAsset(staged)
        await store.putAsset(taken)
        expect(await store.getAsset(staged.id)).toEqual(staged)
        expect(await store.getAsset(taken.id)).toEqual(taken)
        expect(await store.getAsset('asset-missing')).toBeUndefined()
      })

      it('replaces an asset put again under the same id', async () => {
        await store.putAsset(assetRecord())
        const renamed = assetRecord({ name: 'renamed.png', blobKey: undefined })
        await store.putAsset(renamed)
        expect(await store.getAsset(renamed.id)).toEqual(renamed)
      })

      it('deletes one asset, and deleting a missing one is fine', async () => {
        await store.putAsset(assetRecord({ id: 'asset-1' }))
        await store.putAsset(assetRecord({ id: 'asset-2' }))
        await store.deleteAsset('asset-1')
        await store.deleteAsset('asset-missing')
        expect(await store.getAsset('asset-1')).toBeUndefined()
        expect(await store.getAsset('asset-2')).toEqual(assetRecord({ id: 'asset-2' }))
      })

      it('deletes every asset of one group and only that group', async () => {
        await store.putAsset(assetRecord({ id: 'asset-1', groupId: 'group-1' }))
        await store.putAsset(assetRecord({ id: 'asset-2', groupId: 'group-1' }))
        await store.putAsset(assetRecord({ id: 'asset-3', groupId: 'group-2' }))
        await store.deleteAssetsOfGroup('group-1')
        expect(await store.getAsset('asset-1')).toBeUndefined()
        expect(await store.getAsset('asset-2')).toBeUndefined()
        expect(await store.getAsset('asset-3')).toEqual(
          assetRecord({ id: 'asset-3', groupId: 'group-2' }),
        )
      })

      it('forgets the staged copy of an asset and keeps the rest', async () => {
        await store.putAsset(assetRecord())
        await store.clearAssetBlob(assetRecord().id)
        await store.clearAssetBlob('asset-missing')
        expect(await store.getAsset(assetRecord().id)).toEqual(assetRecord({ blobKey: undefined }))
        expect(await store.listStagedAssets(T0 + 1)).toEqual([])
      })

      it('lists only the staged assets created before the cut-off, oldest first', async () => {
        await store.putAsset(assetRecord({ id: 'asset-new', createdAt: T0 + 100 }))
        await store.putAsset(assetRecord({ id: 'asset-at-cutoff', createdAt: T0 + 50 }))
        await store.putAsset(assetRecord({ id: 'asset-old-2', createdAt: T0 + 10 }))
        await store.putAsset(assetRecord({ id: 'asset-old-1', createdAt: T0 }))
        await store.putAsset(
          assetRecord({ id: 'asset-taken', createdAt: T0 - 100, blobKey: undefined }),
        )
        const staged = await store.listStagedAssets(T0 + 50)
        expect(staged.map((asset) => asset.id)).toEqual(['asset-old-1', 'asset-old-2'])
        expect(staged[0]).toEqual(assetRecord({ id: 'asset-old-1', createdAt: T0 }))
      })
    })

    describe('jobs', () => {
      it('round-trips a job with a minimal and with a complete input and snapshot', async () => {
        await store.putJob(jobRecord())
        await store.putJob(fullJobRecord())
        expect(await store.getJob('task_1')).toEqual(jobRecord())
        expect(await store.getJob('task_full')).toEqual(fullJobRecord())
        expect(await store.getJob('task_missing')).toBeUndefined()
      })

      it('updates the snapshot and updatedAt only', async () => {
        await store.putJob(jobRecord())
        const snapshot = videoJob({ status: 'completed', progress: 100, videoUrl: 'https://v' })
        await store.updateJobSnapshot('task_1', snapshot, T0 + 30_000)
        await store.updateJobSnapshot('task_missing', snapshot, T0 + 30_000)
        expect(await store.getJob('task_1')).toEqual(
          jobRecord({ snapshot, updatedAt: T0 + 30_000 }),
        )
        expect(await store.getJob('task_missing')).toBeUndefined()
      })

      it("lists a user's jobs newest first (then by id), up to the limit", async () => {
        await store.putJob(jobRecord({ id: 'task_a', createdAt: T0 }))
        await store.putJob(jobRecord({ id: 'task_c', createdAt: T0 + 2 }))
        await store.putJob(jobRecord({ id: 'task_b', createdAt: T0 + 2 }))
        await store.putJob(jobRecord({ id: 'task_d', createdAt: T0 + 1 }))
        await store.putJob(jobRecord({ id: 'task_other', userId: 'user-b', createdAt: T0 + 9 }))

        const all = await store.listJobs('user-a', 10)
        expect(all.map((job) => job.id)).toEqual(['task_c', 'task_b', 'task_d', 'task_a'])
        expect(all[0]).toEqual(jobRecord({ id: 'task_c', createdAt: T0 + 2 }))
        expect((await store.listJobs('user-a', 2)).map((job) => job.id)).toEqual([
          'task_c',
          'task_b',
        ])
        expect(await store.listJobs('user-a', 0)).toEqual([])
        expect((await store.listJobs('user-b', 10)).map((job) => job.id)).toEqual(['task_other'])
        expect(await store.listJobs('user-c', 10)).toEqual([])
      })
    })

    describe('idempotency keys', () => {
      const LEASE = 60_000
      const reserve = (key: string, hash: string, at: number, user = 'user-a') =>
        store.reserveIdempotencyKey(user, key, hash, at, LEASE)

      it('reserves a new key, then reports it in progress with the first hash and its lease', async () => {
        expect(await reserve('key-1', 'hash-1', T0)).toEqual({ state: 'reserved' })
        expect(await reserve('key-1', 'hash-2', T0 + 1)).toEqual({
          state: 'in_progress',
          requestHash: 'hash-1',
          leaseExpiresAt: T0 + LEASE,
        })
      })

      it('reports a completed key with its job and hash', async () => {
        await reserve('key-1', 'hash-1', T0)
        await store.completeIdempotencyKey('user-a', 'key-1', {
          state: 'completed',
          jobId: 'task_1',
        })
        expect(await reserve('key-1', 'hash-2', T0 + 1)).toEqual({
          state: 'completed',
          requestHash: 'hash-1',
          jobId: 'task_1',
        })
        // A completed key is completed for good: no lease runs out on it.
        expect(await reserve('key-1', 'hash-1', T0 + 10 * LEASE)).toMatchObject({
          state: 'completed',
        })
      })

      it('reports a key whose outcome is unknown, for good', async () => {
        await reserve('key-1', 'hash-1', T0)
        await store.completeIdempotencyKey('user-a', 'key-1', { state: 'unknown' })
        expect(await reserve('key-1', 'hash-1', T0 + 1)).toEqual({
          state: 'unknown',
          requestHash: 'hash-1',
        })
        await store.releaseIdempotencyKey('user-a', 'key-1')
        expect(await reserve('key-1', 'hash-1', T0 + 2)).toMatchObject({ state: 'unknown' })
      })

      it('turns a key whose lease ran out into unknown, atomically and for good', async () => {
        await reserve('key-1', 'hash-1', T0)
        expect(await reserve('key-1', 'hash-1', T0 + LEASE - 1)).toMatchObject({
          state: 'in_progress',
        })
        // 24 hours later the request that held it is long gone (a crash).
        const later = await Promise.all(
          Array.from({ length: 10 }, () => reserve('key-1', 'hash-1', T0 + 24 * 3_600_000)),
        )
        for (const result of later)
          expect(result).toEqual({ state: 'unknown', requestHash: 'hash-1' })
        // Nothing frees it, and an unknown outcome never turns back.
        await store.releaseIdempotencyKey('user-a', 'key-1')
        await store.completeIdempotencyKey('user-a', 'key-1', { state: 'unknown' })
        expect(await reserve('key-1', 'hash-1', T0)).toMatchObject({ state: 'unknown' })
      })

      it('records a created job even after the key turned unknown, and never forgets it', async () => {
        await reserve('key-1', 'hash-1', T0)
        await reserve('key-1', 'hash-1', T0 + LEASE)
        // The slow request that held the key did create the task after all.
        await store.completeIdempotencyKey('user-a', 'key-1', {
          state: 'completed',
          jobId: 'task_1',
        })
        await store.completeIdempotencyKey('user-a', 'key-1', { state: 'unknown' })
        expect(await reserve('key-1', 'hash-1', T0 + 2 * LEASE)).toEqual({
          state: 'completed',
          requestHash: 'hash-1',
          jobId: 'task_1',
        })
      })

      it('lets a released key be reserved again, with the new hash and a new lease', async () => {
        await reserve('key-1', 'hash-1', T0)
        await store.releaseIdempotencyKey('user-a', 'key-1')
        await store.releaseIdempotencyKey('user-a', 'key-missing')
        expect(await reserve('key-1', 'hash-2', T0 + 5)).toEqual({ state: 'reserved' })
        expect(await reserve('key-1', 'hash-3', T0 + 6)).toEqual({
          state: 'in_progress',
          requestHash: 'hash-2',
          leaseExpiresAt: T0 + 5 + LEASE,
        })
      })

      it('keeps a completed key when released, so its job is never created twice', async () => {
        await reserve('key-1', 'hash-1', T0)
        await store.completeIdempotencyKey('user-a', 'key-1', {
          state: 'completed',
          jobId: 'task_1',
        })
        await store.releaseIdempotencyKey('user-a', 'key-1')
        expect(await reserve('key-1', 'hash-1', T0 + 1)).toEqual({
          state: 'completed',
          requestHash: 'hash-1',
          jobId: 'task_1',
        })
      })

      it('keeps the keys of different users apart', async () => {
        await reserve('key-1', 'hash-a', T0)
        await store.completeIdempotencyKey('user-a', 'key-1', {
          state: 'completed',
          jobId: 'task_a',
        })
        expect(await reserve('key-1', 'hash-b', T0, 'user-b')).toEqual({ state: 'reserved' })
        await store.releaseIdempotencyKey('user-b', 'key-1')
        expect(await reserve('key-1', 'hash-a', T0)).toEqual({
          state: 'completed',
          requestHash: 'hash-a',
          jobId: 'task_a',
        })
      })

      it('hands a key to exactly one of 20 concurrent requests', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, index) => reserve('key-1', `hash-${index}`, T0 + index)),
        )
        const reserved = results.filter((result) => result.state === 'reserved')
        expect(reserved).toHaveLength(1)
        const winner = results.indexOf(reserved[0]!)
        for (const result of results) {
          if (result !== reserved[0]) {
            expect(result).toEqual({
              state: 'in_progress',
              requestHash: `hash-${winner}`,
              leaseExpiresAt: T0 + winner + LEASE,
            })
          }
        }
      })
    })

    it('keeps its state safe from changes to objects passed in or handed out', async () => {
      const verification = fullVerificationRecord()
      const asset = assetRecord()
      const job = fullJobRecord()
      await store.createVerification(verification)
      await store.putAsset(asset)
      await store.putJob(job)
      verification.failure!.message = 'changed after create'
      asset.name = 'changed after put'
      job.snapshot.progress = 99

      const gotVerification = (await store.getVerification('ver_1'))!
      gotVerification.callback!.resultCode = 'changed after get'
      gotVerification.status = 'verified'
      const gotAsset = (await store.getAsset(asset.id))!
      gotAsset.blobKey = undefined
      const gotJob = (await store.getJob(job.id))!
      ;(gotJob.input.references as { assetId: string }[]).push({ assetId: 'asset-x' })
      const listed = await store.listJobs('user-a', 1)
      listed[0]!.snapshot.status = 'completed'
      const staged = await store.listStagedAssets(T0 + 1)
      staged[0]!.groupId = 'group-x'

      expect(await store.getVerification('ver_1')).toEqual(fullVerificationRecord())
      expect(await store.getAsset(asset.id)).toEqual(assetRecord())
      expect(await store.getJob(job.id)).toEqual(fullJobRecord())
    })

    it('keeps everything written when reopened (a restart), else shares nothing', async () => {
      if (!reopen) {
        // Nothing to reopen (memory): each store is its own state, never module-wide state.
        const other = (await create()).store
        await other.putJob(jobRecord())
        await other.reserveIdempotencyKey('user-a', 'key-1', 'hash-1', T0, 60_000)
        expect(await store.getJob('task_1')).toBeUndefined()
        expect(await store.reserveIdempotencyKey('user-a', 'key-1', 'hash-2', T0, 60_000)).toEqual({
          state: 'reserved',
        })
        await other.close?.()
        return
      }
      await store.createVerification(fullVerificationRecord())
      await store.createVerification(verificationRecord({ id: 'ver_2', createdAt: T0 + 1 }))
      await store.updateVerification('ver_2', { status: 'verified', groupId: 'group-2' })
      await store.putAsset(assetRecord())
      await store.putAsset(assetRecord({ id: 'asset-2', blobKey: undefined }))
      await store.putJob(fullJobRecord())
      await store.putJob(jobRecord())
      await store.reserveIdempotencyKey('user-a', 'key-done', 'hash-done', T0, 60_000)
      await store.completeIdempotencyKey('user-a', 'key-done', {
        state: 'completed',
        jobId: 'task_full',
      })
      await store.reserveIdempotencyKey('user-a', 'key-busy', 'hash-busy', T0, 60_000)
      await store.reserveIdempotencyKey('user-a', 'key-lost', 'hash-lost', T0, 60_000)
      await store.completeIdempotencyKey('user-a', 'key-lost', { state: 'unknown' })

      store = await reopen()

      expect(await store.getVerification('ver_1')).toEqual(fullVerificationRecord())
      expect(await store.latestVerification('user-a')).toEqual(
        verificationRecord({
          id: 'ver_2',
          createdAt: T0 + 1,
          status: 'verified',
          groupId: 'group-2',
        }),
      )
      expect(await store.getAsset(assetRecord().id)).toEqual(assetRecord())
      expect(await store.getAsset('asset-2')).toEqual(
        assetRecord({ id: 'asset-2', blobKey: undefined }),
      )
      expect(await store.listStagedAssets(T0 + 1)).toEqual([assetRecord()])
      // Both were created at T0, so the larger id comes first.
      expect(await store.listJobs('user-a', 10)).toEqual([fullJobRecord(), jobRecord()])
      expect(await store.reserveIdempotencyKey('user-a', 'key-done', 'x', T0, 60_000)).toEqual({
        state: 'completed',
        requestHash: 'hash-done',
        jobId: 'task_full',
      })
      expect(await store.reserveIdempotencyKey('user-a', 'key-busy', 'x', T0, 60_000)).toEqual({
        state: 'in_progress',
        requestHash: 'hash-busy',
        leaseExpiresAt: T0 + 60_000,
      })
      expect(await store.reserveIdempotencyKey('user-a', 'key-lost', 'x', T0, 60_000)).toEqual({
        state: 'unknown',
        requestHash: 'hash-lost',
      })
    })
  })
}
