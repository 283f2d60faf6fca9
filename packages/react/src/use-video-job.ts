import {
  retryPolicy,
  VideoJobController,
  type LikenessError,
  type VideoJob,
  type VideoJobControllerOptions,
  type VideoJobDraft,
  type VideoJobInput,
  type VideoJobSnapshot,
} from '@likeness/core'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { errorOf, useLikeness } from './provider.tsx'
import { useController, useSnapshot } from './use-controller.ts'

/**
 * Options of {@link useVideoJob}: those of `VideoJobController`.
 *
 * @example
 * ```ts
 * useVideoJob({ storageKey: 'studio:video', onCompleted: (job) => toast('Your video is ready') })
 * ```
 */
export interface UseVideoJobOptions extends VideoJobControllerOptions {
  /**
   * Watch this job (from a URL, a list...); a new value watches the new job. It is never
   * written to storage: that is for jobs submitted here.
   */
  jobId?: string | undefined
  /**
   * Where the id of a submitted job is kept so a reload picks it up again (the provider's
   * `storage`, sessionStorage by default). Default `likeness:video-job`; `false` keeps nothing.
   * Read when the hook mounts.
   */
  storageKey?: string | false | undefined
  /** The draft's starting values, and what `reset` goes back to. Read when the hook mounts. */
  defaults?: Partial<VideoJobInput> | undefined
}

/**
 * What {@link useVideoJob} returns: the controller's snapshot and its actions.
 *
 * @example
 * ```ts
 * const { status, progress, elapsedMs, videoUrl, error, issues, submit, watch, detach }: VideoJobState =
 *   useVideoJob()
 * ```
 */
export interface VideoJobState extends VideoJobSnapshot {
  /**
   * Validates and submits a request (the draft when none is given), then watches the job.
   * Never rejects: resolves the job, or `null` when refused or failed (see `issues` and
   * `error`). A second call while one is in flight returns the same promise. Each submit
   * carries an idempotency key, so it creates at most one job; answers worth retrying (a busy
   * server, a lost connection) are retried with the same key, and so is the next submit of
   * the same input after they ran out. After a definite answer the next submit gets a fresh
   * key.
   */
  submit: (input?: VideoJobInput) => Promise<VideoJob | null>
  /** Watches another job of the person's; nothing remounts. */
  watch: (jobId: string) => void
  /**
   * Stops watching (the job keeps running on the server), forgets the stored id and clears
   * `error` and `issues`: back to `idle`.
   */
  detach: () => void
  /** `detach`, and the draft back to its defaults: a new video. */
  reset: () => void
  /** Changes the draft; issues of the changed fields are forgotten. */
  setDraft: (change: Partial<VideoJobDraft>) => void
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

// One empty list for every "none", so it stays the same between renders.
const NONE: never[] = []

/**
 * Writes, submits and follows a Seedance video job to the end: a draft with its validation,
 * status, progress, elapsed time and the finished video. A thin adapter over
 * `VideoJobController` from `@likeness/core`: any number of hooks watching one job share one
 * poll, which slows down as the job ages and pauses while the tab is hidden, and elapsed time
 * moves on one shared clock. The id of a submitted job survives a reload (see `storageKey`),
 * so `useVideoJob()` after a reload picks the job up again. Switch jobs with `watch(id)`:
 * nothing needs a remount.
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
  const runtime = useLikeness()
  const job = useController(
    () => new VideoJobController(runtime, options),
    [runtime, options.storageKey],
  )
  const { onSubmitted, onCompleted, onFailed, jobId } = options
  useEffect(() => {
    job.setOptions({ onSubmitted, onCompleted, onFailed })
  })
  // A new `jobId` watches the new job; the first one was given to the controller.
  const given = useRef(jobId)
  useEffect(() => {
    if (given.current === jobId) return
    given.current = jobId
    if (jobId === undefined) job.detach()
    else job.watch(jobId)
  }, [job, jobId])
  return useSnapshot(job, {
    submit: job.submit,
    watch: job.watch,
    detach: job.detach,
    reset: job.reset,
    setDraft: job.setDraft,
  })
}

/**
 * The person's recent video jobs, newest first. It refreshes after a submit and when a job
 * watched by {@link useVideoJob} ends; running jobs in it move on only while some
 * `useVideoJob` watches them.
 *
 * @example
 * ```tsx
 * const { jobs } = useVideoJobs()
 * return <ul>{jobs.map((job) => <li key={job.id}>{job.status}</li>)}</ul>
 * ```
 */
export function useVideoJobs(): VideoJobList {
  const runtime = useLikeness()
  const { adapter, keys } = runtime
  const query = useQuery({
    queryKey: keys.videoJobList,
    queryFn: () => adapter.listVideoJobs(),
    ...retryPolicy(runtime),
  })
  return {
    jobs: query.data ?? NONE,
    isLoading: query.isPending,
    error: errorOf(query.error),
    refetch: query.refetch,
  }
}
