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
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ComponentPropsWithRef,
  type CSSProperties,
} from 'react'
import { useTranslate, type MessageOverrides, type Translate } from '../i18n.tsx'
import { useComposedRefs } from '../primitives/compose-refs.ts'
import { createPartContext } from '../primitives/part-context.ts'
import { useSlots, type GetSlotProps } from '../primitives/slots.ts'
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
 * The parts of a composer, by the names `classNames` and `styles` take (on
 * {@link VideoComposer} or {@link VideoComposer.Root}); our classes in brackets. A name
 * shared by several elements (`label`, `hint`...) reaches them all.
 *
 * The form and what every field has:
 * - `root`: the `<form>` of `VideoComposer.Root` (`lk-root lk-composer`)
 * - `label`: each field's label (`lk-label`; `lk-composer-toggle-label` beside a switch)
 * - `control`: each native control: the prompt's `<textarea>`, the `<select>`s of model,
 *   duration and a portrait's role, the seed's `<input>` (`lk-field`)
 * - `hint`: each line of help (`lk-hint`): the portraits' count and hint, the resolution's
 *   reason, the seed's hint, the picker's messages, the time elapsed, the recent list's
 *   loading and empty lines
 * - `error`: each issue under a field or a portrait (`lk-error-text`, and
 *   `lk-composer-chip-error` under a portrait)
 * - `row`: each `<div>` or `<p>` laying things out in a row (`lk-composer-row`): the portraits'
 *   heading, the seed's input and button, the line under the progress bar
 * - `spinner`: each spinning `<span>`, in the submit button and the status (`lk-spinner`)
 *
 * The fields, each a `<div>` (`lk-composer-field` and its own class):
 * - `prompt` (`lk-composer-prompt`), with `promptFoot`, the `<div>` under the textarea
 *   (`lk-composer-field-foot`), and `count`, its character count (`lk-hint lk-composer-count`)
 * - `references` (`lk-composer-references`, a group)
 * - `settings`: the `<div>` of `VideoComposer.Settings` around all the settings
 *   (`lk-composer-settings`; no `lk-composer-field`), and `switches`, the `<div>` around audio
 *   and watermark in it (`lk-composer-switches`)
 * - `model` (`lk-composer-model`), `duration` (`lk-composer-duration`), `resolution`
 *   (`lk-composer-resolution`), `ratio` (`lk-composer-ratio`), `seed` (`lk-composer-seed`),
 *   `audio` and `watermark` (`lk-composer-toggle`)
 *
 * Inside the portraits:
 * - `chips`: the `<ul>` of chosen portraits (`lk-composer-chips`)
 * - `chip`: each `<li>` (`lk-composer-chip`)
 * - `thumb`: each thumbnail `<img>` (or empty `<span>`), in a chip or the picker
 *   (`lk-composer-thumb`)
 * - `chipText`: the `<span>` around a chip's name and URI (`lk-composer-chip-text`)
 * - `chipName`: a portrait's name, in a chip or the picker (`lk-composer-chip-name`)
 * - `chipUri`: a chip's `asset://` URI (`lk-hint lk-composer-chip-uri`)
 * - `chipRemove`: a chip's remove `<button>` (`lk-button lk-composer-remove`)
 * - `addButton`: the "add portrait" `<button>` (`lk-button`)
 * - `picker`: the `<dialog>` choosing portraits (`lk-composer-picker`)
 * - `pickerBody`: the `<div>` inside it (`lk-composer-picker-body`)
 * - `pickerTitle`: its `<h2>` (`lk-dialog-title`)
 * - `pickerDescription`: its `<p>` (`lk-dialog-description`)
 * - `pickerGrid`: the `<ul>` of portraits (`lk-composer-picker-grid`)
 * - `pickerChoice`: each portrait's toggle `<button>` (`lk-composer-choice lk-focusable`)
 * - `pickerActions`: the `<div>` of its buttons (`lk-dialog-actions`)
 * - `pickerButton`: "show more" and "done" (`lk-button`)
 *
 * Inside the settings:
 * - `segments`: the resolution's radio group (`lk-composer-segments`)
 * - `segment`: each resolution (`lk-composer-segment`)
 * - `ratios`: the ratio's radio group (`lk-composer-ratios`)
 * - `ratioOption`: each ratio (`lk-composer-ratio-option`)
 * - `ratioShape`: the shape in it, a `<span>` sized by `--lk-ratio`, or the `<svg>` of
 *   `adaptive` (`lk-composer-shape`)
 * - `seedButton`: the "randomise" `<button>` (`lk-button`)
 * - `switch`: each switch `<button>` (`lk-composer-switch`)
 * - `switchThumb`: its thumb `<span>` (`lk-composer-switch-thumb`)
 *
 * Sending and the job:
 * - `submitButton`: the `<button>` of `VideoComposer.SubmitButton`, or your element with
 *   `asChild` (`lk-button lk-composer-submit`)
 * - `status`: the `<div>` of `VideoComposer.Status` (`lk-composer-status`)
 * - `statusLine`: its line saying where the job stands (`lk-composer-status-line`)
 * - `progress`: the progress bar's `<div role="progressbar">` (`lk-progress`)
 * - `progressIndicator`: the `<span>` filling it, its width the progress (none)
 * - `video`: the finished `<video>` (`lk-composer-video`)
 * - `statusActions`: the `<div>` of the status's actions (`lk-composer-actions`)
 * - `statusAction`: each of them: the download link, "try again", "new video" (`lk-button`)
 * - `alert`: the box of a failed job or a refused request (`lk-alert`)
 * - `alertBody`: the `<div>` inside it (`lk-composer-stack`)
 * - `recentJobs`: the `<section>` of `VideoComposer.RecentJobs` (`lk-composer-recent`)
 * - `recentTitle`: its `<h3>` (`lk-composer-recent-title`)
 * - `recentList`: its `<ul>` (`lk-composer-recent-list`)
 * - `recentItem`: each job's `<button>` (`lk-composer-recent-item lk-focusable`)
 * - `recentBadge`: a job's status badge (`lk-badge`)
 * - `recentPrompt`: the start of a job's prompt (`lk-composer-recent-prompt`)
 * - `recentTime`: when it was asked for, a `<time>` (`lk-hint`)
 *
 * The root's live region, which announces the job, has no slot: it must stay hidden.
 *
 * @example
 * ```tsx
 * <VideoComposer
 *   classNames={{ root: 'card', control: 'input', submitButton: 'btn btn-primary' }}
 *   styles={{ video: { borderRadius: 0 } }}
 * />
 * ```
 */
export type VideoComposerSlot =
  | 'root'
  | 'label'
  | 'control'
  | 'hint'
  | 'error'
  | 'row'
  | 'spinner'
  | 'prompt'
  | 'promptFoot'
  | 'count'
  | 'references'
  | 'settings'
  | 'switches'
  | 'model'
  | 'duration'
  | 'resolution'
  | 'ratio'
  | 'seed'
  | 'audio'
  | 'watermark'
  | 'chips'
  | 'chip'
  | 'thumb'
  | 'chipText'
  | 'chipName'
  | 'chipUri'
  | 'chipRemove'
  | 'addButton'
  | 'picker'
  | 'pickerBody'
  | 'pickerTitle'
  | 'pickerDescription'
  | 'pickerGrid'
  | 'pickerChoice'
  | 'pickerActions'
  | 'pickerButton'
  | 'segments'
  | 'segment'
  | 'ratios'
  | 'ratioOption'
  | 'ratioShape'
  | 'seedButton'
  | 'switch'
  | 'switchThumb'
  | 'submitButton'
  | 'status'
  | 'statusLine'
  | 'progress'
  | 'progressIndicator'
  | 'video'
  | 'statusActions'
  | 'statusAction'
  | 'alert'
  | 'alertBody'
  | 'recentJobs'
  | 'recentTitle'
  | 'recentList'
  | 'recentItem'
  | 'recentBadge'
  | 'recentPrompt'
  | 'recentTime'

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
  /**
   * The class and style of a slot ({@link VideoComposerSlot}) as the root's `unstyled`,
   * `classNames` and `styles` ask: give it our classes (if any) and the element's own
   * `className` and `style`, and spread what it returns.
   */
  slotProps: GetSlotProps<VideoComposerSlot>
}

const [ComposerContext, usePart] = createPartContext<VideoComposerContextValue>('VideoComposer')

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
  return usePart(part)
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
  /** Drops our classes; behaviour, data attributes and your `classNames` and `styles` stay. */
  unstyled?: boolean | undefined
  /**
   * A class to add to parts by slot name ({@link VideoComposerSlot}), after ours and before
   * the part's own `className`.
   */
  classNames?: Partial<Record<VideoComposerSlot, string>> | undefined
  /**
   * Inline styles for parts by slot name ({@link VideoComposerSlot}), merged over the part's
   * own `style`.
   */
  styles?: Partial<Record<VideoComposerSlot, CSSProperties>> | undefined
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
 * sent or runs. `classNames` and `styles` restyle any part inside by its slot name
 * ({@link VideoComposerSlot}).
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
  classNames,
  styles,
  className,
  style,
  children,
  ref,
  ...rest
}: VideoComposerRootProps) {
  const t = useTranslate(videoComposerMessages, messages)
  const slotProps = useSlots<VideoComposerSlot>({ unstyled, classNames, styles })
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
  const formRef = useComposedRefs(form, ref)
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
      slotProps,
    }
  }, [job, references, base, t, unstyled, slotProps, onReferencesChange, focusInvalid])

  return (
    <ComposerContext.Provider value={value}>
      <form
        noValidate
        {...rest}
        ref={formRef}
        {...slotProps('root', 'lk-root lk-composer', { className, style })}
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
  return useCallback((id?: string) => {
    setTarget({ id })
  }, [])
}

const FOCUSABLE = 'input:not([type="hidden"]),select,textarea,button,[tabindex]'

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
