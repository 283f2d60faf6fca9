import {
  QueryObserver,
  type QueryObserverOptions,
  type QueryObserverResult,
} from '@tanstack/query-core'
import { LikenessError, toLikenessError } from './errors.ts'
import { watchJobIds, writeJobId } from './job-id-storage.ts'
import { Observable } from './observable.ts'
import { pollDelayForAge } from './polling.ts'
import { retryPolicy, type LikenessRuntime } from './runtime.ts'
import {
  changeVideoJobDraft,
  createVideoJobDraft,
  videoJobInputOf,
  type VideoJobDraft,
} from './video-draft.ts'
import { validateVideoJobInput, type VideoInputIssue } from './video-input.ts'
import {
  isTerminalVideoJobStatus,
  type VideoJob,
  type VideoJobInput,
  type VideoJobStatus,
  type VideoModel,
} from './video.ts'

/**
 * Where a video job stands: `idle` (nothing watched, or a job picked up again and not read
 * yet: then `jobId` is set), `submitting`, then the job's own status.
 *
 * @example
 * ```ts
 * const label: Record<VideoJobHookStatus, string> = { idle: 'Generate', submitting: 'Sending', ... }
 * ```
 */
export type VideoJobHookStatus = 'idle' | 'submitting' | VideoJobStatus

/**
 * Everything a {@link VideoJobController} knows at one moment.
 *
 * @example
 * ```ts
 * const { status, progress, elapsedMs, videoUrl, issues }: VideoJobSnapshot = job.getSnapshot()
 * ```
 */
export interface VideoJobSnapshot {
  /** The request being written (see {@link VideoJobController.setDraft}). */
  readonly draft: VideoJobDraft
  /** The model that last lowered the draft's resolution (to explain it), else `null`. */
  readonly loweredBy: VideoModel | null
  /**
   * Why the last submit was refused, per field (by validation here, or by the server), minus
   * the fields of the draft edited since.
   */
  readonly issues: readonly VideoInputIssue[]
  /** The watched job as last read; `null` before its first read. */
  readonly job: VideoJob | null
  /** The watched job's id, set as soon as it is known (before `job` is read). */
  readonly jobId: string | null
  /** `submitting` while a submit is in flight, else the job's status, `idle` with no job. */
  readonly status: VideoJobHookStatus
  /** 0 to 100; 100 once completed. */
  readonly progress: number
  /**
   * Milliseconds since the job was created, by this device's clock: moving about once a
   * second while it runs and the page is visible, frozen at `completedAt` once it ends.
   */
  readonly elapsedMs: number
  /** The finished video (a temporary link); `null` until completed. */
  readonly videoUrl: string | null
  /**
   * The last submit's failure, else the last read's, else the job's own failure: a
   * `LikenessError` with code `upstream_error`, the job's message, and the router's code in
   * `details.reasonCode`.
   */
  readonly error: LikenessError | null
  /** A submit is in flight (retries included). */
  readonly isSubmitting: boolean
  /** True from submit until the job completes or fails. */
  readonly isRunning: boolean
}

/**
 * Options of {@link VideoJobController}.
 *
 * @example
 * ```ts
 * const options: VideoJobControllerOptions = { storageKey: 'studio:video', defaults: { ratio: '9:16' } }
 * ```
 */
export interface VideoJobControllerOptions {
  /**
   * Watch this job at first (from a URL, a list...). It is never written to storage: that is
   * for jobs submitted here.
   */
  jobId?: string | undefined
  /**
   * Where the id of a submitted job is kept (in the runtime's `storage`) so a reload picks it
   * up again without submitting twice. Default `likeness:video-job`; `false` keeps nothing.
   * Controllers of a page on the same key follow each other's submits.
   */
  storageKey?: string | false | undefined
  /** The draft's starting values, and what `reset` goes back to. */
  defaults?: Partial<VideoJobInput> | undefined
  /** Called once the server accepted a job submitted here. */
  onSubmitted?: ((job: VideoJob) => void) | undefined
  /** Called once when a job this controller saw running completes. */
  onCompleted?: ((job: VideoJob) => void) | undefined
  /** Called once when a job this controller saw running fails. */
  onFailed?: ((job: VideoJob) => void) | undefined
}

/** The key job ids are kept under unless a controller is given another. */
export const DEFAULT_JOB_STORAGE_KEY = 'likeness:video-job'

const NONE: readonly never[] = []

interface PendingSubmit {
  readonly promise: Promise<VideoJob | null>
  /** Ends the waits between retries (the request in flight is left to finish). */
  readonly stop: AbortController
}

/**
 * One video job workflow, without React: a draft and its validation, an idempotent submit
 * that retries what is safe to retry, the job it watches (polled through the shared
 * `QueryClient`, so any number of controllers on one job send one request), the job id kept
 * across reloads, and elapsed time on the shared clock. Nothing runs until someone
 * subscribes; everything stops when the last one leaves.
 *
 * @example
 * ```ts
 * const job = new VideoJobController(runtime, { onCompleted: (done) => play(done.videoUrl) })
 * const stop = job.subscribe(() => render(job.getSnapshot()))
 * job.setDraft({ prompt: 'A walk on the beach' })
 * await job.submit()
 * ```
 */
export class VideoJobController extends Observable<VideoJobSnapshot> {
  readonly #runtime: LikenessRuntime
  #options: VideoJobControllerOptions
  readonly #observer: QueryObserver<VideoJob, Error, VideoJob, VideoJob>
  #jobId: string | null
  /** The job id follows the stored one (another controller's submit moves it too). */
  #follows: boolean
  #draft: VideoJobDraft
  #loweredBy: VideoModel | null = null
  #issues: readonly VideoInputIssue[] = NONE
  #submitError: LikenessError | null = null
  #pending: PendingSubmit | null = null
  /** The key of a submit that failed in a way worth retrying, for a retry of that input. */
  #retryKey: { input: string; key: string } | null = null
  /** The job last seen running here, to report its end once. */
  #running: string | null = null
  /** The job whose input was last put back into the draft. */
  #restored: string | null = null
  #failure: { job: VideoJob; error: LikenessError } | null = null
  #stops: (() => void)[] = []
  #stopClock: (() => void) | null = null
  readonly #serverSnapshot: VideoJobSnapshot

  constructor(runtime: LikenessRuntime, options: VideoJobControllerOptions = {}) {
    const draft = createVideoJobDraft(options.defaults)
    // Nothing read yet: the job id given (none from storage, so a server renders the same).
    const initial: VideoJobSnapshot = {
      draft,
      loweredBy: null,
      issues: NONE,
      job: null,
      jobId: options.jobId ?? null,
      status: 'idle',
      progress: 0,
      elapsedMs: 0,
      videoUrl: null,
      error: null,
      isSubmitting: false,
      isRunning: false,
    }
    super(initial)
    this.#serverSnapshot = initial
    this.#runtime = runtime
    this.#options = options
    this.#draft = draft
    this.#follows = options.jobId === undefined
    this.#jobId = options.jobId ?? this.#storedId()
    this.#observer = new QueryObserver(runtime.client, this.#queryOptions())
    this.#update()
  }

  /**
   * The snapshot a server renders, and hydration starts from: the job id given, nothing read
   * from storage (a server has none).
   */
  readonly getServerSnapshot = (): VideoJobSnapshot => this.#serverSnapshot

  /** Replaces the callbacks (the other options are read once, when it is made). */
  setOptions(options: Pick<VideoJobControllerOptions, 'onSubmitted' | 'onCompleted' | 'onFailed'>) {
    this.#options = { ...this.#options, ...options }
  }

  /**
   * Changes the draft. Issues of the changed fields are forgotten; choosing a model that
   * cannot render the resolution lowers it (see `loweredBy`).
   */
  readonly setDraft = (change: Partial<VideoJobDraft>): void => {
    const { draft, loweredBy } = changeVideoJobDraft(this.#draft, change)
    const fields = Object.keys(change)
    if ('model' in change || 'resolution' in change) this.#loweredBy = loweredBy
    if (loweredBy) fields.push('resolution')
    this.#draft = draft
    this.#forget(fields)
    this.#update()
  }

  /**
   * Validates and submits a request (the draft when none is given), then watches the job.
   * Never rejects: resolves the job, or `null` when refused or failed (see `issues` and
   * `error`). A second call while one is in flight returns the same promise. Each submit
   * carries an idempotency key, so it creates at most one job: an answer worth retrying (a
   * busy server, a lost connection) is retried on the core schedule with the same key, and
   * after a final failure of that kind, submitting the same input again still sends that key.
   * After a definite answer (a job, a refusal, an outcome the server could not know) the next
   * submit gets a fresh key.
   */
  readonly submit = (input?: VideoJobInput): Promise<VideoJob | null> => {
    if (this.#pending) return this.#pending.promise
    const checked = validateVideoJobInput(input ?? videoJobInputOf(this.#draft))
    this.#submitError = null
    if (!checked.ok) {
      this.#issues = checked.issues
      this.#update()
      return Promise.resolve(null)
    }
    this.#issues = NONE
    const sent = JSON.stringify(checked.value)
    const idempotencyKey = this.#retryKey?.input === sent ? this.#retryKey.key : newKey()
    this.#retryKey = null
    const stop = new AbortController()
    const promise = this.#create(checked.value, idempotencyKey, stop.signal).then(
      (created) => {
        const { client, keys } = this.#runtime
        client.setQueryData(keys.videoJob(created.id), created)
        void client.invalidateQueries({ queryKey: keys.videoJobList })
        if (this.#settle(pending)) {
          this.#follows = true
          this.#watch(created.id)
          const key = this.#storageKey()
          if (key !== false) writeJobId(this.#runtime.storage, key, created.id)
        }
        this.#options.onSubmitted?.(created)
        return created
      },
      (reason: unknown) => {
        const error = toLikenessError(reason)
        if (error.retryable) this.#retryKey = { input: sent, key: idempotencyKey }
        if (this.#settle(pending)) {
          this.#submitError = error
          const found = error.details?.issues
          this.#issues = Array.isArray(found) ? (found as VideoInputIssue[]) : NONE
          this.#update()
        }
        return null
      },
    )
    const pending: PendingSubmit = { promise, stop }
    this.#pending = pending
    this.#update()
    return promise
  }

  /** Watches another job (its id is not stored); a submit in flight is no longer watched. */
  readonly watch = (jobId: string): void => {
    this.#drop()
    this.#follows = false
    this.#watch(jobId)
  }

  /**
   * Stops watching (the job keeps running on the server), forgets the stored id and clears
   * `error` and `issues`: back to `idle`. A submit still in flight is not watched when it
   * lands (its promise still resolves the job).
   */
  readonly detach = (): void => {
    this.#drop()
    const key = this.#storageKey()
    const { storage } = this.#runtime
    if (key !== false && this.#jobId !== null && storage.get(key) === this.#jobId) {
      writeJobId(storage, key, null)
    }
    this.#follows = false
    this.#watch(null)
  }

  /** {@link detach}, and the draft back to its defaults: a new video. */
  readonly reset = (): void => {
    this.#draft = createVideoJobDraft(this.#options.defaults)
    this.#loweredBy = null
    this.detach()
  }

  protected override onSubscribe(): void {
    this.#stops = [
      this.#observer.subscribe(() => {
        this.#update()
      }),
      watchJobIds(this.#runtime.storage, (key) => {
        if (this.#follows && key === this.#storageKey()) this.#watch(this.#storedId())
      }),
    ]
    // A job stored while nobody listened.
    if (this.#follows && this.#jobId !== this.#storedId()) this.#watch(this.#storedId())
    else this.#update()
  }

  protected override onUnsubscribe(): void {
    for (const stop of this.#stops) stop()
    this.#stops = []
    this.#tick(false)
  }

  // Forgets the submit in flight, its error and the issues.
  #drop() {
    this.#pending?.stop.abort()
    this.#pending = null
    this.#submitError = null
    this.#issues = NONE
  }

  #settle(pending: PendingSubmit): boolean {
    if (this.#pending !== pending) return false
    this.#pending = null
    return true
  }

  // Every attempt carries the same key, so a retry can only ever find the first job.
  async #create(input: VideoJobInput, idempotencyKey: string, signal: AbortSignal) {
    const { retry, retryDelay } = retryPolicy(this.#runtime, 'mutations')
    for (let failures = 0; ; failures += 1) {
      try {
        return await this.#runtime.adapter.createVideoJob(input, { idempotencyKey })
      } catch (error) {
        if (signal.aborted || !retry(failures, error as Error)) throw error
        await sleep(retryDelay(failures, error as Error), signal)
      }
    }
  }

  #watch(jobId: string | null) {
    this.#jobId = jobId
    this.#running = null
    this.#observer.setOptions(this.#queryOptions())
    this.#update()
  }

  #storageKey() {
    return this.#options.storageKey ?? DEFAULT_JOB_STORAGE_KEY
  }

  #storedId() {
    const key = this.#storageKey()
    return key === false ? null : this.#runtime.storage.get(key)
  }

  #forget(fields: readonly string[]) {
    const kept = this.#issues.filter(
      (issue) => !fields.some((field) => issue.field.startsWith(field)),
    )
    if (kept.length !== this.#issues.length) this.#issues = kept
  }

  #queryOptions(): QueryObserverOptions<VideoJob, Error, VideoJob, VideoJob> {
    const { client, adapter, keys, polling } = this.#runtime
    const id = this.#jobId
    const queryKey = keys.videoJob(id ?? '')
    return {
      queryKey,
      // Runs only with an id. No abort signal: a read is shared by every watcher.
      queryFn: async () => {
        const before = client.getQueryData<VideoJob>(queryKey)
        const job = await adapter.getVideoJob(id as string)
        if (
          before &&
          !isTerminalVideoJobStatus(before.status) &&
          isTerminalVideoJobStatus(job.status)
        ) {
          void client.invalidateQueries({ queryKey: keys.videoJobList })
        }
        return job
      },
      enabled: id !== null,
      ...retryPolicy(this.#runtime),
      // A pure function of the shared query state, so every watcher computes the same delay
      // and their timers stay in step (TanStack then sends one request); the jitter comes
      // from the answer's arrival time.
      refetchInterval: ({ state: { data, dataUpdatedAt: at } }) =>
        data && !isTerminalVideoJobStatus(data.status)
          ? pollDelayForAge(at - Date.parse(data.createdAt), polling, {
              random: () => (at % 1000) / 1000,
            })
          : false,
    }
  }

  #update() {
    const result: QueryObserverResult<VideoJob> | null =
      this.#jobId === null ? null : this.#observer.getCurrentResult()
    const job = result?.data ?? null
    const running = job !== null && !isTerminalVideoJobStatus(job.status)
    const ended = job !== null && !running && this.#running === job.id ? job : null
    if (running) this.#running = job.id
    else if (ended) this.#running = null
    this.#restore(job)
    if (this.isWatched) this.#tick(running)

    let error = this.#submitError ?? (result?.error ? toLikenessError(result.error) : null)
    if (!error && job?.status === 'failed') error = this.#failureOf(job)
    const end = running
      ? Math.max(this.#runtime.clock.now(), result?.dataUpdatedAt ?? 0)
      : Date.parse(job?.completedAt ?? '') || (result?.dataUpdatedAt ?? 0)
    const submitting = this.#pending !== null
    this.publish({
      draft: this.#draft,
      loweredBy: this.#loweredBy,
      issues: this.#issues,
      job,
      jobId: this.#jobId,
      status: submitting ? 'submitting' : (job?.status ?? 'idle'),
      progress: job?.status === 'completed' ? 100 : (job?.progress ?? 0),
      elapsedMs: job ? Math.max(0, end - Date.parse(job.createdAt)) || 0 : 0,
      videoUrl: (job?.status === 'completed' && job.videoUrl) || null,
      error,
      isSubmitting: submitting,
      isRunning: submitting || running,
    })
    // Told after the snapshot shows the end, so a callback that reads it sees the same.
    if (ended) {
      const { onCompleted, onFailed } = this.#options
      ;(ended.status === 'completed' ? onCompleted : onFailed)?.(ended)
    }
  }

  // A job picked up again (after a reload, from a list) brings back what it was made from,
  // unless the person has started writing something else.
  #restore(job: VideoJob | null) {
    if (!job?.input || this.#restored === job.id) return
    this.#restored = job.id
    if (this.#draft.prompt.trim() !== '') return
    const { references } = this.#draft
    this.#draft = {
      ...createVideoJobDraft({ ...this.#options.defaults, ...job.input }),
      references: references.length > 0 ? references : (job.input.references ?? NONE),
    }
  }

  #failureOf(job: VideoJob): LikenessError {
    if (this.#failure?.job !== job) {
      this.#failure = {
        job,
        error: new LikenessError('upstream_error', {
          message: job.error?.message,
          details: { reasonCode: job.error?.code },
        }),
      }
    }
    return this.#failure.error
  }

  // Elapsed time moves with the shared clock, only while a watched job runs.
  #tick(on: boolean) {
    if (on && !this.#stopClock) {
      this.#stopClock = this.#runtime.clock.subscribe(() => {
        this.#update()
      })
    } else if (!on && this.#stopClock) {
      this.#stopClock()
      this.#stopClock = null
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(new LikenessError('aborted'))
      },
      { once: true },
    )
  })
}

// 128 random bits as digits and dashes, a valid idempotency key. (randomUUID exists only in
// secure contexts; an app tried over http on a LAN address has none.)
function newKey(): string {
  return crypto.getRandomValues(new Uint32Array(4)).join('-')
}
