import type { Asset, AssetListQuery, AssetPage, UploadAssetInput, UploadProgress } from './asset.ts'
import type {
  StartedVerification,
  StartVerificationInput,
  VerificationSession,
} from './verification.ts'
import type { VideoJob, VideoJobInput } from './video.ts'

/** Options every {@link HostAdapter} call takes. */
export interface CallOptions {
  /** Aborting rejects the call with a `LikenessError` whose code is `aborted`. */
  signal?: AbortSignal | undefined
}

/** Options for {@link HostAdapter.uploadAsset}. */
export interface UploadOptions extends CallOptions {
  /** Called as bytes leave the browser. */
  onProgress?: ((progress: UploadProgress) => void) | undefined
}

/** Options for {@link HostAdapter.createVideoJob}. */
export interface CreateVideoJobOptions extends CallOptions {
  /**
   * Makes the call safe to repeat: the server creates at most one job per key, so a retried
   * or double-clicked submit never bills twice. Use one fresh key per intended job.
   */
  idempotencyKey: string
}

/**
 * Everything the hooks ask of the host's backend, one method per user action. The default
 * implementation talks HTTP to `@likeness/server`; a host with its own API (tRPC, GraphQL,
 * server actions) implements this instead. Every method rejects with a `LikenessError`.
 * The adapter never sees the EasyRouter key or the person's group id: the server knows who
 * is asking.
 *
 * @example
 * ```ts
 * const adapter: HostAdapter = {
 *   startVerification: (input, options) => trpc.likeness.start.mutate(input, options),
 *   // ...one line per method
 * }
 * ```
 */
export interface HostAdapter {
  /** Starts a liveness verification and returns the page to send the person to. */
  startVerification(
    input: StartVerificationInput,
    options?: CallOptions,
  ): Promise<StartedVerification>
  /** The person's latest verification, or `null` when they never started one. */
  getVerification(options?: CallOptions): Promise<VerificationSession | null>
  /**
   * Abandons a pending verification (the person closed the liveness page): it becomes
   * `failed` with the reason `cancelled`. A verification that already ended is returned as is.
   */
  cancelVerification(options?: CallOptions): Promise<VerificationSession | null>
  /** One page of the person's assets. */
  listAssets(query?: AssetListQuery, options?: CallOptions): Promise<AssetPage>
  /** One of the person's assets; `not_found` for anyone else's. */
  getAsset(assetId: string, options?: CallOptions): Promise<Asset>
  /** Uploads a portrait asset; it starts `processing`. */
  uploadAsset(input: UploadAssetInput, options?: UploadOptions): Promise<Asset>
  /** Deletes one asset, irreversibly. */
  deleteAsset(assetId: string, options?: CallOptions): Promise<void>
  /** Deletes every asset and the group, irreversibly; the person may verify again after. */
  deleteAllAssets(options?: CallOptions): Promise<void>
  /** Submits a video job. */
  createVideoJob(input: VideoJobInput, options: CreateVideoJobOptions): Promise<VideoJob>
  /** One of the person's video jobs. */
  getVideoJob(jobId: string, options?: CallOptions): Promise<VideoJob>
  /** The person's recent video jobs, newest first. */
  listVideoJobs(options?: CallOptions): Promise<VideoJob[]>
}
