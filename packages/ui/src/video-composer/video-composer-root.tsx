import {
  modelSupports,
  promptLength,
  validateVideoJobInput,
  VIDEO_LIMITS,
  VIDEO_MODELS,
  type VideoInputIssue,
  type VideoJob,
  type VideoJobInput,
  type VideoModel,
  type VideoRatio,
  type VideoReference,
  type VideoResolution,
} from '@likeness/core'
import { useLikeness, useVideoJob, type VideoJobState } from '@likeness/react'
import {
  createContext,
  memo,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ComponentPropsWithRef,
  type CSSProperties,
  type RefObject,
} from 'react'
import { lk } from '../class-names.ts'
import { useTranslate, type MessageOverrides, type Translate } from '../i18n.tsx'
import { useControllableState } from '../use-controllable-state.ts'
import { videoComposerMessages, type VideoComposerMessageKey } from './messages.ts'

/**
 * The form's values as the person edits them. `seed` stays the text typed (empty for a random
 * seed) so a half-typed number is not lost; references are kept apart, as a host may control
 * them.
 *
 * @example
 * ```ts
 * const { values } = useVideoComposer()
 * values.model // 'dreamina-seedance-2-0'
 * ```
 */
export interface VideoComposerValues {
  model: VideoModel
  prompt: string
  durationSeconds: number
  resolution: VideoResolution
  ratio: VideoRatio
  seed: string
  generateAudio: boolean
  watermark: boolean
}

/**
 * What {@link useVideoComposer} gives a part inside {@link VideoComposer.Root}: the form, its
 * issues, the job, the actions and the strings.
 *
 * @example
 * ```tsx
 * function PromptLength() {
 *   const { values } = useVideoComposer()
 *   return <span>{values.prompt.length}</span>
 * }
 * ```
 */
export interface VideoComposerContextValue {
  values: VideoComposerValues
  /** Sets one value; choosing a model that cannot render the resolution lowers it. */
  setValue: <K extends keyof VideoComposerValues>(key: K, value: VideoComposerValues[K]) => void
  references: readonly VideoReference[]
  setReferences: (references: readonly VideoReference[]) => void
  /** Why the last submit was refused (here or by the server), minus fields edited since. */
  issues: readonly VideoInputIssue[]
  /** The first issue of a field key: `prompt`, `seed`, `references`, `ref-0`... */
  issueFor: (key: string) => VideoInputIssue | undefined
  /** An issue in the person's language. */
  issueText: (issue: VideoInputIssue) => string
  /** The model that last lowered the resolution (to explain it), else null. */
  loweredBy: VideoModel | null
  /** The watched job, as `useVideoJob` reports it. */
  job: VideoJobState
  /** True while a job is being sent or runs: the form is read-only then. */
  disabled: boolean
  /** Validates; then submits, or marks the fields and focuses the first one. */
  submit: () => Promise<void>
  /** Forgets the failed job and submits the same values again. */
  tryAgain: () => void
  /** Forgets the job and puts the form back to its default values. */
  reset: () => void
  /** Shows another job of the person's (from the recent list). */
  watch: (jobId: string) => void
  /** A stable DOM id for a field key, unique to this composer. */
  id: (key: string) => string
  t: Translate<VideoComposerMessageKey>
  unstyled: boolean | undefined
}

const ComposerContext = createContext<VideoComposerContextValue | null>(null)

/**
 * The state of the nearest {@link VideoComposer.Root}, for parts a host writes itself.
 *
 * @example
 * ```tsx
 * function Progress() {
 *   const { job } = useVideoComposer()
 *   return <span>{job.progress}%</span>
 * }
 * ```
 */
export function useVideoComposer(): VideoComposerContextValue {
  return useComposerPart('part')
}

/** {@link useVideoComposer} for one of our parts, which it names when misplaced. */
export function useComposerPart(part: string): VideoComposerContextValue {
  const value = useContext(ComposerContext)
  if (!value) throw new Error(`<VideoComposer.${part}> must be inside <VideoComposer.Root>.`)
  return value
}

/**
 * Options of {@link VideoComposer.Root} (and of {@link VideoComposer}).
 *
 * @example
 * ```tsx
 * const options: VideoComposerRootOptions = { defaultValues: { durationSeconds: 8 } }
 * ```
 */
export interface VideoComposerRootOptions {
  /** Starting values (and what "new video" goes back to). */
  defaultValues?: Partial<VideoJobInput> | undefined
  /** The chosen portraits, when the host controls them (an `AssetGallery` selection...). */
  references?: readonly VideoReference[] | undefined
  /** Called with the new list whenever the person adds, removes or re-roles a portrait. */
  onReferencesChange?: ((references: readonly VideoReference[]) => void) | undefined
  /** Called once the server accepted a job. */
  onSubmitted?: ((job: VideoJob) => void) | undefined
  /** Called once when a job this composer saw running completes. */
  onCompleted?: ((job: VideoJob) => void) | undefined
  /** Called once when a job this composer saw running fails. */
  onFailed?: ((job: VideoJob) => void) | undefined
  /**
   * Where the submitted job's id is kept so a reload shows it again (see `useVideoJob`).
   * Default `likeness:video-job`, the hook's own; `false` keeps nothing.
   */
  storageKey?: string | false | undefined
  /** Replaces strings by key (see `videoComposerMessages`). */
  messages?: MessageOverrides | undefined
  /** Drops our classes; behaviour and data attributes stay. */
  unstyled?: boolean | undefined
}

/**
 * Props of {@link VideoComposer.Root}: its options and a `form`'s props.
 *
 * @example
 * ```tsx
 * const props: VideoComposerRootProps = { storageKey: 'studio:video', className: 'studio' }
 * ```
 */
export interface VideoComposerRootProps
  extends VideoComposerRootOptions, Omit<ComponentPropsWithRef<'form'>, 'onSubmit'> {}

// useVideoJob's own default, so "new video" can forget a job kept under it.
const DEFAULT_STORAGE_KEY = 'likeness:video-job'
const NO_REFERENCES: readonly VideoReference[] = []
const NO_ISSUES: readonly VideoInputIssue[] = []
// The live region must stay hidden even when the host drops our styles.
const HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
}
// Layout effects keep the job's state in step before paint; on the server there is no paint.
const useStepEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect
const IDLE: VideoJobState = {
  job: null,
  jobId: null,
  status: 'idle',
  progress: 0,
  elapsedMs: 0,
  videoUrl: null,
  error: null,
  issues: [],
  isRunning: false,
  submit: () => Promise.resolve(null),
  detach: () => undefined,
}

/**
 * The composer's state: form values, validation, the watched job, strings. It renders a
 * `form` that submits the job, and a polite live region that announces the job's progress.
 *
 * Data attributes: `data-status` (`idle`, `submitting`, `queued`, `in_progress`, `completed`,
 * `failed`, `unknown`), `data-invalid` while issues are shown, `data-disabled` while a job is
 * sent or runs.
 *
 * @example
 * ```tsx
 * <VideoComposer.Root onCompleted={(job) => save(job.videoUrl)}>
 *   <VideoComposer.Prompt />
 *   <VideoComposer.SubmitButton />
 *   <VideoComposer.Status />
 * </VideoComposer.Root>
 * ```
 */
export function Root({
  defaultValues = {},
  references: givenReferences,
  onReferencesChange,
  onSubmitted,
  onCompleted,
  onFailed,
  storageKey = DEFAULT_STORAGE_KEY,
  messages,
  unstyled,
  className,
  children,
  ref,
  ...rest
}: VideoComposerRootProps) {
  const t = useTranslate(videoComposerMessages, messages)
  const { storage } = useLikeness()
  const base = useId()
  const defaults = useRef(defaultValues).current
  const [values, setValues] = useState(() => toValues(defaults))
  const [references, setReferences] = useControllableState(
    givenReferences,
    defaults.references ?? NO_REFERENCES,
    onReferencesChange,
  )
  const [issues, setIssues] = useState(NO_ISSUES)
  const [loweredBy, setLoweredBy] = useState<VideoModel | null>(null)
  // A new session remounts the job hook. useVideoJob drops a submit's or detach's override of
  // `jobId` only when `jobId` changes, so choosing the listed job already passed (after a submit
  // or "try again" over it) needs a fresh hook to show it again.
  const [session, setSession] = useState<{ count: number; jobId?: string }>({ count: 0 })
  const [job, setJob] = useState(IDLE)
  const [focus, setFocus] = useState<{ id?: string } | null>(null)
  const form = useRef<HTMLFormElement | null>(null)
  const events = useRef({ onCompleted, onFailed })
  useStepEffect(() => {
    events.current = { onCompleted, onFailed }
  })

  // The server's reasons become the form's own, so editing a field clears its mark.
  useEffect(() => {
    if (job.issues.length > 0) {
      setIssues(job.issues)
      setFocus({})
    }
  }, [job.issues])

  useEffect(() => {
    if (!focus) return
    const root = form.current
    const target = focus.id
      ? document.getElementById(focus.id)
      : root?.querySelector<HTMLElement>('[aria-invalid="true"]')
    const control = target?.matches(FOCUSABLE)
      ? target
      : (target?.querySelector<HTMLElement>('[tabindex="0"]') ??
        target?.querySelector<HTMLElement>(FOCUSABLE))
    control?.focus()
  }, [focus])

  // A job picked up again (after a reload, from the recent list) brings back what it was made
  // from, unless the person has started writing something else.
  const restored = useRef<string | null>(null)
  const shown = job.job
  useEffect(() => {
    if (!shown?.input || restored.current === shown.id) return
    restored.current = shown.id
    if (values.prompt.trim() !== '') return
    setValues(toValues({ ...defaults, ...shown.input }))
    if (references.length === 0 && shown.input.references?.length) {
      setReferences(shown.input.references)
    }
  }, [shown])

  const id = (key: string) => `${base}${key.replace(/[^\w-]/g, '-')}`

  const forget = (prefix: string) => {
    setIssues((list) => {
      const kept = list.filter((issue) => !fieldKey(issue.field).startsWith(prefix))
      return kept.length === list.length ? list : kept
    })
  }

  const setValue: VideoComposerContextValue['setValue'] = (key, value) => {
    const next = { ...values, [key]: value }
    if (key === 'model' || key === 'resolution') setLoweredBy(null)
    if (key === 'model' && !modelSupports(next.model, next.resolution)) {
      next.resolution = VIDEO_LIMITS.maxResolutionByModel[next.model]
      setLoweredBy(next.model)
      forget('resolution')
    }
    setValues(next)
    forget(key)
  }

  const submit = async () => {
    const input = toInput(values, references)
    const checked = validateVideoJobInput(input)
    if (!checked.ok) {
      setIssues(checked.issues)
      setFocus({})
      return
    }
    setIssues(NO_ISSUES)
    const created = await job.submit(input)
    if (created) onSubmitted?.(created)
  }

  const reset = () => {
    job.detach()
    if (storageKey !== false) storage.set(storageKey, null)
    setSession(({ count }) => ({ count: count + 1 }))
    setValues(toValues(defaults))
    setReferences(defaults.references ?? NO_REFERENCES)
    setIssues(NO_ISSUES)
    setLoweredBy(null)
    setFocus({ id: id('prompt') })
  }

  const value: VideoComposerContextValue = {
    values,
    setValue,
    references,
    setReferences: (next) => {
      setReferences(next)
      forget('ref')
    },
    issues,
    issueFor: (key) => issues.find((issue) => fieldKey(issue.field) === key),
    issueText: (issue) => issueText(t, issue, values),
    loweredBy,
    job,
    disabled: job.isRunning,
    submit,
    tryAgain: () => {
      job.detach()
      void submit()
    },
    reset,
    watch: (jobId) => {
      setIssues(NO_ISSUES)
      setSession(({ count }) => ({ count: count + 1, jobId }))
    },
    id,
    t,
    unstyled,
  }

  return (
    <ComposerContext.Provider value={value}>
      <form
        noValidate
        {...rest}
        ref={(node) => {
          form.current = node
          return assignRef(ref, node)
        }}
        className={lk(unstyled, 'lk-root lk-composer', className)}
        data-status={job.status}
        data-invalid={issues.length > 0 || undefined}
        data-disabled={job.isRunning || undefined}
        onSubmit={(event) => {
          event.preventDefault()
          if (!job.isRunning) void submit()
        }}
      >
        <JobWatcher
          key={session.count}
          jobId={session.jobId}
          storageKey={storageKey}
          onState={setJob}
          events={events}
        />
        {children}
        <div role="status" style={HIDDEN}>
          {announcement(t, job)}
        </div>
      </form>
    </ComposerContext.Provider>
  )
}

const FOCUSABLE = 'input:not([type="hidden"]),select,textarea,button,[tabindex]'

interface JobWatcherProps {
  jobId: string | undefined
  storageKey: string | false
  onState: (state: VideoJobState) => void
  events: RefObject<Pick<VideoComposerRootOptions, 'onCompleted' | 'onFailed'>>
}

// Holds useVideoJob in a leaf, so a new session remounts the hook without remounting the form.
const JobWatcher = memo(function JobWatcher({
  jobId,
  storageKey,
  onState,
  events,
}: JobWatcherProps) {
  const state = useVideoJob({
    jobId,
    storageKey,
    onCompleted: (done) => events.current.onCompleted?.(done),
    onFailed: (done) => events.current.onFailed?.(done),
  })
  useStepEffect(() => {
    onState(state)
  })
  return null
})

function assignRef(
  ref: ComponentPropsWithRef<'form'>['ref'] | undefined,
  node: HTMLFormElement | null,
) {
  if (typeof ref === 'function') return ref(node)
  if (ref) ref.current = node
  return undefined
}

/** `references[2].role` and `references[2].assetId` belong to chip `ref-2`. */
function fieldKey(field: string): string {
  const index = /^references\[(\d+)\]/.exec(field)?.[1]
  return index === undefined ? field : `ref-${index}`
}

function toValues(input: Partial<VideoJobInput>): VideoComposerValues {
  const seed = input.seed
  return {
    model: input.model ?? VIDEO_MODELS[0],
    prompt: input.prompt ?? '',
    durationSeconds: input.durationSeconds ?? VIDEO_LIMITS.defaultDurationSeconds,
    resolution: input.resolution ?? '720p',
    ratio: input.ratio ?? '16:9',
    seed: seed === undefined || seed === -1 ? '' : String(seed),
    generateAudio: input.generateAudio ?? true,
    watermark: input.watermark ?? false,
  }
}

function toInput(values: VideoComposerValues, references: readonly VideoReference[]) {
  const { seed, ...rest } = values
  const input: VideoJobInput = { ...rest }
  if (seed.trim() !== '') input.seed = Number(seed)
  if (references.length > 0) input.references = references
  return input
}

function issueText(
  t: Translate<VideoComposerMessageKey>,
  issue: VideoInputIssue,
  values: VideoComposerValues,
): string {
  const field = issue.field.startsWith('references[') ? 'reference' : issue.field
  const key = `composer.issue.${field}.${issue.code}`
  const limits: Record<string, Record<string, string | number>> = {
    prompt: { max: VIDEO_LIMITS.promptMaxLength, count: promptLength(values.prompt) },
    durationSeconds: { min: VIDEO_LIMITS.minDurationSeconds, max: VIDEO_LIMITS.maxDurationSeconds },
    resolution: {
      model: t(`composer.model.${values.model}`),
      max: VIDEO_LIMITS.maxResolutionByModel[values.model],
    },
    seed: { min: 0, max: VIDEO_LIMITS.maxSeed },
    references: { max: VIDEO_LIMITS.maxReferences },
  }
  return key in videoComposerMessages.en
    ? t(key as VideoComposerMessageKey, limits[field])
    : t(`composer.issue.${issue.code}`)
}

/** What the live region says: each status once, progress at every quarter. */
function announcement(t: Translate<VideoComposerMessageKey>, job: VideoJobState): string {
  switch (job.status) {
    case 'queued':
    case 'completed':
      return t(`composer.status.${job.status}`)
    case 'in_progress':
      return `${t('composer.status.in_progress')}: ${t('composer.status.progress', {
        percent: Math.floor(job.progress / 25) * 25,
      })}`
    case 'failed':
      return `${t('composer.status.failed')}. ${job.job?.error?.message ?? ''}`
    default:
      return job.error ? t('composer.error.title') : ''
  }
}
