import {
  toLikenessError,
  isTerminalVideoJobStatus,
  LikenessError,
  pollDelayForAge,
  validateVideoJobInput,
  type VideoInputIssue,
  type VideoJob,
  type VideoJobInput,
  type VideoJobStatus,
} from '@likeness/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { errorOf, useLikeness } from './provider.tsx'

/**
 * Options of {@link useVideoJob}.
 *
 * @example
 * ```ts
 * useVideoJob({ storageKey: 'studio:video', onCompleted: (job) => toast('Your video is ready') })
 * ```
 */
export interface UseVideoJobOptions {
  /**
   * Watch this job (from a URL, a list...). It is never written to storage: that is for jobs
   * submitted here. A later `submit` or `detach` takes over until `jobId` changes.
   */
  jobId?: string | undefined
  /**
   * Where the id of a submitted job is kept so a reload re-attaches to it without submitting
   * again (the provider's `storage`, sessionStorage by default). Default `likeness:video-job`;
   * `false` keeps nothing. Other hooks on the same key pick a newly stored id up when they
   * next render.
   */
  storageKey?: string | false | undefined
  /** Called once when a job this hook saw running completes. */
  onCompleted?: ((job: VideoJob) => void) | undefined
  /** Called once when a job this hook saw running fails. */
  onFailed?: ((job: VideoJob) => void) | undefined
}

/**
 * Where a video job stands, as {@link useVideoJob} reports it: `idle` (nothing watched, or a
 * re-attached job not read yet: then `jobId` is set), `submitting`, then the job's own status.
 *
 * @example
 * ```ts
 * const label: Record<VideoJobHookStatus, string> = { idle: 'Generate', submitting: 'Sending', ... }
 * ```
 */
export type VideoJobHookStatus = 'idle' | 'submitting' | VideoJobStatus

/**
 * What {@link useVideoJob} returns.
 *
 * @example
 * ```ts
 * const { status, progress, elapsedMs, videoUrl, error, issues, submit, detach }: VideoJobState =
 *   useVideoJob()
 * ```
 */
export interface VideoJobState {
  /** The watched job as last read from the server; `null` before its first read. */
  job: VideoJob | null
  /** The watched job's id, set as soon as it is known (before `job` is read). */
  jobId: string | null
  /** `submitting` while a submit is in flight, else the job's status, `idle` with no job. */
  status: VideoJobHookStatus
  /** 0 to 100; 100 once completed. */
  progress: number
  /**
   * Milliseconds since the job was created, by this device's clock: updated about once a
   * second and on every poll while it runs, frozen at `completedAt` once it ends.
   */
  elapsedMs: number
  /** The finished video (a temporary link); `null` until completed. */
  videoUrl: string | null
  /**
   * The last submit's failure, else the last poll's, else the job's own failure: a
   * `LikenessError` with code `upstream_error`, the job's message, and the router's code in
   * `details.reasonCode`.
   */
  error: LikenessError | null
  /** Why the last submit was refused, per field: from validation here, or from the server. */
  issues: VideoInputIssue[]
  /** True from submit until the job completes or fails. */
  isRunning: boolean
  /**
   * Validates and submits a video job, then watches it. Never rejects: resolves the job, or
   * `null` when refused or failed (see `issues` and `error`; nothing is retried on its own). A
   * second call while one is in flight returns the same promise. Each submit carries an
   * idempotency key, so it creates at most one job. After a failure worth retrying (a lost
   * answer, a timeout, a busy server: `error.retryable`), submitting the same input again sends
   * the same key, so the retry can never make a second video; after a definite answer (a job,
   * a refusal, an outcome the server could not know) the next submit gets a fresh key.
   */
  submit: (input: VideoJobInput) => Promise<VideoJob | null>
  /**
   * Stops watching (the job itself keeps running on the server), forgets the stored id and
   * clears `error` and `issues`: back to `idle`. A submit still in flight is not watched when
   * it lands (its promise still resolves the job).
   */
  detach: () => void
}

/**
 * What {@link useVideoJobs} returns.
 *
 * @example
 * ```ts
 * const { jobs, isLoading, error, refetch }: VideoJobList = useVideoJobs()
 * ```
 */
export interface VideoJobList {
  /** The person's recent jobs, newest first, as the server last stored them. */
  jobs: VideoJob[]
  /** True until the first answer. */
  isLoading: boolean
  error: LikenessError | null
  refetch: () => Promise<unknown>
}

const DEFAULT_STORAGE_KEY = 'likeness:video-job'
// One empty list for every "none", so it stays the same between renders.
const NONE: never[] = []

interface Submission {
  pending?: boolean
  error?: LikenessError | null
  issues?: VideoInputIssue[]
  /** What submit or detach chose, until the `jobId` option it overrode (`over`) changes. */
  own?: { id: string | null; over: string | undefined } | undefined
}

// Storage has no change events within a page: the stored id is read on each render, and
// submit and detach, which write it, re-render through their own state.
const unsubscribed = () => () => undefined

/**
 * Submits a Seedance video job and follows it to the end: status, progress, elapsed time and
 * the finished video. Any number of components watching one job share one poll loop, which
 * slows down as the job ages (`pollDelayForAge` with the provider's `polling`) and, as TanStack
 * Query does by default, pauses while the tab is hidden. The id of a submitted job survives a
 * reload (see `storageKey`), so `useVideoJob()` after a reload picks the job up again.
 *
 * @example
 * ```tsx
 * const { submit, status, progress, videoUrl, issues } = useVideoJob()
 * if (videoUrl) return <video src={videoUrl} controls />
 * return (
 *   <button disabled={status !== 'idle'} onClick={() => void submit({ model, prompt })}>
 *     {status === 'idle' ? 'Generate' : `${progress}%`}
 *   </button>
 * )
 * ```
 */
export function useVideoJob(jobIdOrOptions?: string | UseVideoJobOptions): VideoJobState {
  const options =
    typeof jobIdOrOptions === 'string' ? { jobId: jobIdOrOptions } : (jobIdOrOptions ?? {})
  const { jobId: given } = options
  const key = options.storageKey ?? DEFAULT_STORAGE_KEY
  const { adapter, keys, storage, polling } = useLikeness()
  const queryClient = useQueryClient()
  const [submission, setSubmission] = useState<Submission>({})
  // Each change starts from no pending submit, no error and no issues; `own` stays unless set.
  const update = (change: Submission) => {
    setSubmission(({ own }) => ({ own, ...change }))
  }
  const [now, setNow] = useState(Date.now)
  // The submit in flight; one that is no longer here (detached) is not watched when it lands.
  const inFlight = useRef<Promise<VideoJob | null> | null>(null)
  // The key of a submit that failed in a way worth retrying, kept for a retry of that input.
  const retryKey = useRef<{ input: string; key: string } | null>(null)

  // The server snapshot (no id) keeps hydration consistent; the stored id follows at once.
  const stored = useSyncExternalStore(
    unsubscribed,
    () => (key === false ? null : storage.get(key)),
    () => null,
  )
  const { own } = submission
  // A submit or detach overrides `jobId` until it changes; then the override is gone for good.
  if (own && own.over !== given) setSubmission(({ own: _, ...rest }) => rest)
  const id = own && own.over === given ? own.id : (given ?? stored)
  const jobKey = keys.videoJob(id ?? '')

  const query = useQuery({
    queryKey: jobKey,
    // Runs only with an id. No abort signal, as in useVerificationSession: polls are shared by
    // every watcher.
    queryFn: async () => {
      const before = queryClient.getQueryData<VideoJob>(jobKey)
      const job = await adapter.getVideoJob(id as string)
      if (
        before &&
        !isTerminalVideoJobStatus(before.status) &&
        isTerminalVideoJobStatus(job.status)
      )
        void queryClient.invalidateQueries({ queryKey: keys.videoJobList })
      return job
    },
    enabled: id !== null,
    // A pure function of the shared query state, so every watcher computes the same delay and
    // their timers stay in step (TanStack then sends one request); the jitter comes from the
    // answer's arrival time.
    refetchInterval: ({ state: { data, dataUpdatedAt: at } }) =>
      data && !isTerminalVideoJobStatus(data.status)
        ? pollDelayForAge(at - Date.parse(data.createdAt), polling, {
            random: () => (at % 1000) / 1000,
          })
        : false,
  })
  // With no id the query is keyed on '' and holds nothing.
  const job = query.data ?? null

  const submit = (input: VideoJobInput): Promise<VideoJob | null> => {
    if (inFlight.current) return inFlight.current
    const checked = validateVideoJobInput(input)
    if (!checked.ok) {
      update({ issues: checked.issues })
      return Promise.resolve(null)
    }
    update({ pending: true })
    const sent = JSON.stringify(checked.value)
    const idempotencyKey = retryKey.current?.input === sent ? retryKey.current.key : newKey()
    retryKey.current = null
    // Applies the outcome while this is the submit the hook waits for (not detached since),
    // which it then no longer is.
    const settle = (change: Submission) => {
      const waited = inFlight.current === promise
      if (waited) {
        inFlight.current = null
        update(change)
      }
      return waited
    }
    const promise: Promise<VideoJob | null> = adapter
      .createVideoJob(checked.value, { idempotencyKey })
      .then(
        (created) => {
          queryClient.setQueryData(keys.videoJob(created.id), created)
          void queryClient.invalidateQueries({ queryKey: keys.videoJobList })
          if (settle({ own: { id: created.id, over: given } }) && key !== false) {
            storage.set(key, created.id)
          }
          return created
        },
        (reason: unknown) => {
          const error = toLikenessError(reason)
          if (error.retryable) retryKey.current = { input: sent, key: idempotencyKey }
          const found = error.details?.issues
          settle({ error, issues: Array.isArray(found) ? (found as VideoInputIssue[]) : [] })
          return null
        },
      )
    return (inFlight.current = promise)
  }

  const detach = () => {
    inFlight.current = null
    update({ own: { id: null, over: given } })
    if (key !== false && storage.get(key) === id) storage.set(key, null)
  }

  const running = job !== null && !isTerminalVideoJobStatus(job.status)
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => {
      setNow(Date.now())
    }, 1000)
    return () => {
      clearInterval(timer)
    }
  }, [running])

  // Report each job once, and only when this hook saw it running: a reload onto a finished
  // job is not news.
  const seen = useRef<string | null>(null)
  useEffect(() => {
    if (running) seen.current = job.id
    else if (job && seen.current === job.id) {
      seen.current = null
      const { onCompleted, onFailed } = options
      ;(job.status === 'completed' ? onCompleted : onFailed)?.(job)
    }
  }, [job])

  const failure = useMemo(
    () =>
      job?.status === 'failed'
        ? new LikenessError('upstream_error', {
            message: job.error?.message,
            details: { reasonCode: job.error?.code },
          })
        : null,
    [job],
  )

  const status: VideoJobHookStatus = submission.pending ? 'submitting' : (job?.status ?? 'idle')
  const end = running
    ? Math.max(now, query.dataUpdatedAt)
    : Date.parse(job?.completedAt ?? '') || query.dataUpdatedAt
  return {
    job,
    jobId: id,
    status,
    progress: job?.status === 'completed' ? 100 : (job?.progress ?? 0),
    elapsedMs: job ? Math.max(0, end - Date.parse(job.createdAt)) || 0 : 0,
    videoUrl: (job?.status === 'completed' && job.videoUrl) || null,
    error: submission.error ?? errorOf(query.error) ?? failure,
    issues: submission.issues ?? NONE,
    isRunning: status === 'submitting' || running,
    submit,
    detach,
  }
}

/**
 * The person's recent video jobs, newest first. It refreshes after a submit and when a job
 * watched by {@link useVideoJob} ends; running jobs in it move on only while some
 * `useVideoJob(id)` watches them.
 *
 * @example
 * ```tsx
 * const { jobs } = useVideoJobs()
 * return <ul>{jobs.map((job) => <li key={job.id}>{job.status}</li>)}</ul>
 * ```
 */
export function useVideoJobs(): VideoJobList {
  const { adapter, keys } = useLikeness()
  const query = useQuery({
    queryKey: keys.videoJobList,
    queryFn: () => adapter.listVideoJobs(),
  })
  return {
    jobs: query.data ?? NONE,
    isLoading: query.isPending,
    error: errorOf(query.error),
    refetch: query.refetch,
  }
}

// 128 random bits as digits and dashes, a valid idempotency key. (randomUUID exists only in
// secure contexts; an app tried over http on a LAN address has none.)
function newKey(): string {
  return crypto.getRandomValues(new Uint32Array(4)).join('-')
}
