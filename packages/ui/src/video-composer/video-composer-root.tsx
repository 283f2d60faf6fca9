import {
  promptLength,
  VIDEO_LIMITS,
  type VideoInputIssue,
  type VideoJob,
  type VideoJobDraft,
  type VideoJobInput,
  type VideoModel,
  type VideoReference,
} from '@likeness/core'
import { useVideoJob, type VideoJobState } from '@likeness/react'
import {
  createContext,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ComponentPropsWithRef,
  type CSSProperties,
} from 'react'
import { lk } from '../class-names.ts'
import { useTranslate, type MessageOverrides, type Translate } from '../i18n.tsx'
import { videoComposerMessages, type VideoComposerMessageKey } from './messages.ts'

/**
 * The form's values as the person edits them: the video job's draft (see `VideoJobDraft` in
 * `@likeness/core`), kept by the job's controller.
 *
 * @example
 * ```ts
 * const { values } = useVideoComposer()
 * values.model // 'dreamina-seedance-2-0'
 * ```
 */
export type VideoComposerValues = VideoJobDraft

/**
 * What {@link useVideoComposer} gives a part inside {@link VideoComposer.Root}: the job (its
 * draft, issues and actions, from `useVideoJob`), and the view's own helpers and strings.
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
  /** The draft. */
  values: VideoComposerValues
  /** Sets one value of the draft (see `VideoJobController.setDraft`). */
  setValue: <K extends keyof VideoComposerValues>(key: K, value: VideoComposerValues[K]) => void
  /** The chosen portraits: the host's, when it controls them, else the draft's. */
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
  /** Submits the draft; a refusal marks the fields and focuses the first one. */
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

// The live region must stay hidden even when the host drops our styles.
const HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
}
// The host's portraits reach the job's draft before paint; on the server there is no paint.
const useStepEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

/**
 * The composer's view: a `form` over a `useVideoJob` (which owns the draft, its validation,
 * the job and where its id is kept), field ids, focus, strings, and a polite live region that
 * announces the job's progress.
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
  defaultValues,
  references: given,
  onReferencesChange,
  onSubmitted,
  onCompleted,
  onFailed,
  storageKey,
  messages,
  unstyled,
  className,
  children,
  ref,
  ...rest
}: VideoComposerRootProps) {
  const t = useTranslate(videoComposerMessages, messages)
  const base = useId()
  const job = useVideoJob({
    storageKey,
    defaults: defaultValues,
    onSubmitted,
    onCompleted,
    onFailed,
  })
  const { draft, issues } = job
  const references = useSyncedReferences(job, given, onReferencesChange)
  const form = useRef<HTMLFormElement | null>(null)
  const focusInvalid = useFocusInvalid(form)

  const value = useMemo<VideoComposerContextValue>(() => {
    const id = (key: string) => `${base}${key.replace(/[^\w-]/g, '-')}`
    // A refusal, here or from the server, focuses the first field it marks.
    const submit = async () => {
      if (!(await job.submit())) focusInvalid()
    }
    return {
      values: draft,
      setValue: (key, next) => {
        job.setDraft({ [key]: next })
      },
      references,
      setReferences: (next) => {
        job.setDraft({ references: next })
        onReferencesChange?.(next)
      },
      issues,
      issueFor: (key) => issues.find((issue) => fieldKey(issue.field) === key),
      issueText: (issue) => issueText(t, issue, draft),
      loweredBy: job.loweredBy,
      job,
      disabled: job.isRunning,
      submit,
      tryAgain: () => {
        job.detach()
        void submit()
      },
      reset: () => {
        job.reset()
        focusInvalid(id('prompt'))
      },
      watch: job.watch,
      id,
      t,
      unstyled,
    }
  }, [job, references, base, t, unstyled, onReferencesChange, focusInvalid])

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
          if (!job.isRunning) void value.submit()
        }}
      >
        {children}
        <div role="status" style={HIDDEN}>
          {announcement(t, job)}
        </div>
      </form>
    </ComposerContext.Provider>
  )
}

/**
 * Portraits a host controls (`references` + `onReferencesChange`) and the job's draft, kept
 * as one: the host's list goes into the draft, and a change the job makes itself (a reset,
 * a job picked up again) goes out to the host.
 */
function useSyncedReferences(
  job: VideoJobState,
  given: readonly VideoReference[] | undefined,
  onChange: ((references: readonly VideoReference[]) => void) | undefined,
): readonly VideoReference[] {
  const { references } = job.draft
  // The list last agreed between the two; the host's first one still has to go in.
  const known = useRef<readonly VideoReference[] | undefined>(undefined)
  useStepEffect(() => {
    if (given === undefined || given === known.current) return
    known.current = given
    if (given !== references) job.setDraft({ references: given })
  }, [given])
  useEffect(() => {
    if (given === undefined || references === known.current || references === given) return
    known.current = references
    onChange?.(references)
  }, [references])
  return given ?? references
}

/** Focuses the field with `id`, else the first marked invalid, after the next render. */
function useFocusInvalid(form: { current: HTMLFormElement | null }) {
  const [target, setTarget] = useState<{ id?: string | undefined } | null>(null)
  useEffect(() => {
    if (!target) return
    const found = target.id
      ? document.getElementById(target.id)
      : form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')
    const control = found?.matches(FOCUSABLE)
      ? found
      : (found?.querySelector<HTMLElement>('[tabindex="0"]') ??
        found?.querySelector<HTMLElement>(FOCUSABLE))
    control?.focus()
  }, [target])
  return useMemo(
    () => (id?: string) => {
      setTarget({ id })
    },
    [],
  )
}

const FOCUSABLE = 'input:not([type="hidden"]),select,textarea,button,[tabindex]'

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

function issueText(
  t: Translate<VideoComposerMessageKey>,
  issue: VideoInputIssue,
  values: VideoJobDraft,
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
