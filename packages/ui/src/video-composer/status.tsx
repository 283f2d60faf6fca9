import type { LikenessError } from '@likeness/core'
import type { ComponentPropsWithRef } from 'react'
import type { Translate } from '../i18n.tsx'
import { Button } from '../primitives/button.tsx'
import type { VideoComposerMessageKey } from './messages.ts'
import { useComposerPart } from './video-composer-root.tsx'

/**
 * Props of {@link VideoComposer.Status}: a `div`'s props.
 *
 * @example
 * ```tsx
 * const props: VideoComposerStatusProps = { className: 'result' }
 * ```
 */
export type VideoComposerStatusProps = ComponentPropsWithRef<'div'>

/**
 * Where the job stands: sending; waiting in line; generating, with a progress bar
 * (`role="progressbar"`, `aria-valuenow`) and the time elapsed (m:ss); the finished video with
 * a download link and "new video"; or the failure with its reason, "try again" (same values)
 * and "new video". Empty while nothing is watched. The changes are announced by the root's
 * live region, not here, so they are not read twice.
 *
 * Data attributes: `data-status` (as on the root).
 *
 * @example
 * ```tsx
 * <VideoComposer.Root>
 *   <VideoComposer.Status />
 * </VideoComposer.Root>
 * ```
 */
export function Status({ className, style, ...rest }: VideoComposerStatusProps) {
  const { job, t, unstyled, slotProps, tryAgain, reset } = useComposerPart('Status')
  const { status, progress, elapsedMs, videoUrl, error } = job
  const line = slotProps('statusLine', 'lk-composer-status-line')
  const action = { unstyled, ...slotProps('statusAction') }
  const elapsed = (
    <span {...slotProps('hint', 'lk-hint')}>
      {t('composer.status.elapsed', { time: formatElapsed(elapsedMs) })}
    </span>
  )
  const newVideo = (
    <Button {...action} variant="secondary" onClick={reset}>
      {t('composer.status.newVideo')}
    </Button>
  )
  const spinner = <span {...slotProps('spinner', 'lk-spinner')} aria-hidden="true" />

  let content = null
  if (status === 'submitting') {
    content = (
      <p {...line}>
        {spinner}
        {t('composer.status.submitting')}
      </p>
    )
  } else if (status === 'queued') {
    content = (
      <>
        <p {...line}>
          {spinner}
          {t('composer.status.queued')}
        </p>
        {elapsed}
      </>
    )
  } else if (status === 'in_progress' || status === 'unknown') {
    const label = t(`composer.status.${status}`)
    content = (
      <>
        <p {...line}>
          {spinner}
          {label}
        </p>
        <div
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress}
          aria-valuetext={t('composer.status.progress', { percent: progress })}
          {...slotProps('progress', 'lk-progress')}
        >
          <span
            {...slotProps('progressIndicator', '', { style: { width: `${String(progress)}%` } })}
          />
        </div>
        <p {...slotProps('row', 'lk-composer-row')}>
          <span>{t('composer.status.progress', { percent: progress })}</span>
          {elapsed}
        </p>
      </>
    )
  } else if (status === 'completed' && videoUrl) {
    content = (
      <>
        <p {...line}>{t('composer.status.completed')}</p>
        <video
          {...slotProps('video', 'lk-composer-video')}
          src={videoUrl}
          controls
          playsInline
          aria-label={t('composer.status.video')}
        />
        <div {...slotProps('statusActions', 'lk-composer-actions')}>
          <Button {...action} asChild>
            <a href={videoUrl} download={`${job.jobId ?? 'video'}.mp4`}>
              {t('composer.status.download')}
            </a>
          </Button>
          {newVideo}
        </div>
      </>
    )
  } else if (status === 'failed') {
    const reason = job.job?.error?.message
    content = (
      <div {...slotProps('alert', 'lk-alert')} data-tone="danger">
        <div {...slotProps('alertBody', 'lk-composer-stack')}>
          <p {...line}>{t('composer.status.failed')}</p>
          {reason && <p>{t('composer.status.reason', { reason })}</p>}
          <div {...slotProps('statusActions', 'lk-composer-actions')}>
            <Button {...action} onClick={tryAgain}>
              {t('composer.status.tryAgain')}
            </Button>
            {newVideo}
          </div>
        </div>
      </div>
    )
  } else if (error) {
    content = (
      <div {...slotProps('alert', 'lk-alert')} data-tone="danger">
        <div {...slotProps('alertBody', 'lk-composer-stack')}>
          <p {...line}>{t('composer.error.title')}</p>
          <p>{t(errorKey(error))}</p>
        </div>
      </div>
    )
  }

  return (
    <div
      {...slotProps('status', 'lk-composer-status', { className, style })}
      data-status={status}
      {...rest}
    >
      {content}
    </div>
  )
}

/**
 * Minutes and seconds, `m:ss`.
 *
 * @example
 * ```ts
 * formatElapsed(75_000) // '1:15'
 * ```
 */
export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  return `${String(Math.floor(seconds / 60))}:${String(seconds % 60).padStart(2, '0')}`
}

function errorKey(error: LikenessError): Parameters<Translate<VideoComposerMessageKey>>[0] {
  switch (error.code) {
    case 'not_verified':
    case 'rate_limited':
      return `composer.error.${error.code}`
    case 'network':
      return 'composer.error.network'
    // The server answered: it is the video service behind it that is slow or away.
    case 'timeout':
    case 'upstream_unavailable':
      return 'composer.error.unavailable'
    default:
      return 'composer.error.other'
  }
}
