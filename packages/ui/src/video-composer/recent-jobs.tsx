import { useVideoJobs } from '@likeness/react'
import type { ComponentPropsWithRef } from 'react'
import { useUIContext } from '../i18n.tsx'
import { flag } from './field.tsx'
import { useComposerPart } from './video-composer-root.tsx'

/**
 * Props of {@link VideoComposer.RecentJobs}: a `section`'s props and how many jobs to list.
 *
 * @example
 * ```tsx
 * const props: VideoComposerRecentJobsProps = { limit: 5 }
 * ```
 */
export interface VideoComposerRecentJobsProps extends ComponentPropsWithRef<'section'> {
  /** At most this many jobs, newest first. Default 10. */
  limit?: number | undefined
}

const TONES: Record<string, string> = {
  completed: 'success',
  failed: 'danger',
  queued: 'accent',
  in_progress: 'accent',
}

/**
 * The person's recent videos, newest first: status, the start of the prompt and when it was
 * asked for. Choosing one shows it in the composer's status (`aria-current` marks it).
 *
 * Data attributes: on each job's button `data-status` and `data-current`.
 *
 * @example
 * ```tsx
 * <VideoComposer.Root>
 *   <VideoComposer.Status />
 *   <VideoComposer.RecentJobs limit={5} />
 * </VideoComposer.Root>
 * ```
 */
export function RecentJobs({
  limit = 10,
  className,
  style,
  ...rest
}: VideoComposerRecentJobsProps) {
  const { job: watched, watch, id, t, slotProps } = useComposerPart('RecentJobs')
  const { locale } = useUIContext()
  const { jobs, isLoading } = useVideoJobs()
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const titleId = id('recent')
  return (
    <section
      aria-labelledby={titleId}
      {...slotProps('recentJobs', 'lk-composer-recent', { className, style })}
      {...rest}
    >
      <h3 id={titleId} {...slotProps('recentTitle', 'lk-composer-recent-title')}>
        {t('composer.recent.title')}
      </h3>
      {isLoading || jobs.length === 0 ? (
        <p {...slotProps('hint', 'lk-hint')}>
          {t(isLoading ? 'composer.recent.loading' : 'composer.recent.empty')}
        </p>
      ) : (
        <ul {...slotProps('recentList', 'lk-composer-recent-list')}>
          {jobs.slice(0, limit).map((job) => {
            const current = job.id === watched.jobId
            const prompt = Array.from(job.input?.prompt ?? '')
            return (
              <li key={job.id}>
                <button
                  type="button"
                  {...slotProps('recentItem', 'lk-composer-recent-item lk-focusable')}
                  data-status={job.status}
                  data-current={flag(current)}
                  aria-current={current || undefined}
                  onClick={() => {
                    watch(job.id)
                  }}
                >
                  <span {...slotProps('recentBadge', 'lk-badge')} data-tone={TONES[job.status]}>
                    {t(`composer.job.${job.status}`)}
                  </span>
                  <span {...slotProps('recentPrompt', 'lk-composer-recent-prompt')}>
                    {prompt.length === 0
                      ? t('composer.recent.untitled')
                      : prompt.length > 80
                        ? `${prompt.slice(0, 80).join('')}…`
                        : prompt.join('')}
                  </span>
                  <time {...slotProps('recentTime', 'lk-hint')} dateTime={job.createdAt}>
                    {date.format(new Date(job.createdAt))}
                  </time>
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
