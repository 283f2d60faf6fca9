import type { UploadItem } from '@likeness/core'
import { useEffect, useRef, useState, type ComponentPropsWithRef } from 'react'
import { Button } from '../primitives/button.tsx'
import { useGalleryPart } from './asset-gallery-root.tsx'
import { Icon } from './icons.tsx'

/**
 * Props of {@link AssetGalleryUploadList}.
 *
 * @example
 * ```tsx
 * const props: AssetGalleryUploadListProps = { className: 'my-uploads' }
 * ```
 */
export type AssetGalleryUploadListProps = ComponentPropsWithRef<'div'>

const MILESTONES = [25, 50, 75, 100]
const PENDING = ['checking', 'queued', 'uploading']

const percentOf = (item: UploadItem) =>
  item.total > 0 ? Math.min(100, Math.floor((100 * item.loaded) / item.total)) : 0

// What is worth saying about an upload: its status, and for a running one the last milestone
// passed. A change of this key is announced once.
const milestoneOf = (item: UploadItem) =>
  item.status === 'uploading'
    ? `uploading:${MILESTONES.filter((step) => percentOf(item) >= step).at(-1) ?? 0}`
    : item.status

/**
 * The files being sent: name, progress, what went wrong in plain words, and buttons to cancel,
 * retry or dismiss each. Progress is announced to screen readers at 25, 50, 75 and 100 %, and
 * when a file is uploaded, refused, fails or is cancelled (a polite live region that stays in
 * the page even when the list is empty).
 *
 * Data attributes: `data-status` on each item is its `UploadStatus`.
 *
 * @example
 * ```tsx
 * <AssetGallery.Root>
 *   <AssetGallery.UploadButton />
 *   <AssetGallery.UploadList />
 * </AssetGallery.Root>
 * ```
 */
export function AssetGalleryUploadList({
  className,
  style,
  ...props
}: AssetGalleryUploadListProps) {
  const {
    t,
    unstyled,
    slotProps,
    uploads: queue,
    describeRejection,
    describeError,
  } = useGalleryPart('UploadList')
  const { uploads, abort: abortUpload, retry: retryUpload, dismiss: dismissUpload } = queue
  const clearUploads = queue.clear
  const said = useRef<Map<string, string> | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const nameOf = (item: UploadItem) => item.name || t('gallery.upload.untitled')
  const reasonOf = (item: UploadItem) =>
    item.rejection
      ? describeRejection(item.rejection.code)
      : item.error
        ? describeError(item.error)
        : ''

  useEffect(() => {
    const first = !said.current
    const previous = said.current ?? new Map<string, string>()
    const next = new Map<string, string>()
    const lines: string[] = []
    for (const item of uploads) {
      const milestone = milestoneOf(item)
      next.set(item.id, milestone)
      if (first || previous.get(item.id) === milestone) continue
      const values = { name: nameOf(item), percent: percentOf(item), reason: reasonOf(item) }
      if (milestone.startsWith('uploading:') && milestone !== 'uploading:0') {
        lines.push(t('gallery.announce.progress', values))
      } else if (
        item.status === 'uploaded' ||
        item.status === 'failed' ||
        item.status === 'rejected' ||
        item.status === 'aborted'
      ) {
        lines.push(t(`gallery.announce.${item.status}`, values))
      }
    }
    said.current = next
    if (lines.length > 0) setAnnouncement(lines.join(' '))
    // Runs on upload changes only: a new language must not repeat the last announcement.
  }, [uploads])

  const finished = uploads.some((item) => !PENDING.includes(item.status))
  // Abort, retry and dismiss: a small button each, named for the file it acts on.
  const action = (
    kind: 'abort' | 'retry' | 'dismiss',
    item: UploadItem,
    run: (id: string) => void,
    variant: 'ghost' | 'secondary' = 'ghost',
  ) => (
    <Button
      size="small"
      unstyled={unstyled}
      {...slotProps('uploadAction')}
      variant={variant}
      aria-label={t(`gallery.upload.${kind}Label`, { name: nameOf(item) })}
      onClick={() => {
        run(item.id)
      }}
    >
      {kind === 'retry' && <Icon name="retry" />}
      {t(`gallery.upload.${kind}`)}
    </Button>
  )
  return (
    <div {...props} {...slotProps('uploads', 'lk-gallery-uploads', { className, style })}>
      <div role="status" className="lk-visually-hidden">
        {announcement}
      </div>
      {uploads.length > 0 && (
        <>
          <ul
            {...slotProps('uploadItems', 'lk-gallery-upload-items')}
            aria-label={t('gallery.uploads.label')}
          >
            {uploads.map((item) => {
              const name = nameOf(item)
              const percent = percentOf(item)
              const reason = reasonOf(item)
              const isPending = PENDING.includes(item.status)
              const canRetry = item.status === 'failed' || item.status === 'aborted'
              return (
                <li
                  key={item.id}
                  {...slotProps('upload', 'lk-gallery-upload')}
                  data-status={item.status}
                >
                  <div {...slotProps('uploadText', 'lk-gallery-upload-text')}>
                    <span {...slotProps('uploadName', 'lk-gallery-upload-name')} title={name}>
                      {name}
                    </span>
                    <span
                      {...slotProps(
                        'uploadStatus',
                        `lk-gallery-upload-status ${reason ? 'lk-error-text' : 'lk-hint'}`,
                      )}
                    >
                      {item.status === 'uploading'
                        ? t('gallery.upload.uploading', { percent })
                        : t(`gallery.upload.${item.status}`)}
                      {reason && ` · ${reason}`}
                    </span>
                  </div>
                  {isPending && (
                    <div
                      {...slotProps('uploadProgress', 'lk-progress')}
                      role="progressbar"
                      aria-label={name}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={percent}
                    >
                      <span style={{ width: `${percent}%` }} />
                    </div>
                  )}
                  <div {...slotProps('uploadActions', 'lk-gallery-upload-actions')}>
                    {isPending && action('abort', item, abortUpload)}
                    {canRetry && action('retry', item, retryUpload, 'secondary')}
                    {!isPending && action('dismiss', item, dismissUpload)}
                  </div>
                </li>
              )
            })}
          </ul>
          {finished && (
            <Button
              variant="ghost"
              size="small"
              unstyled={unstyled}
              {...slotProps('clearUploads', 'lk-gallery-uploads-clear')}
              onClick={clearUploads}
            >
              {t('gallery.uploads.clear')}
            </Button>
          )}
        </>
      )}
    </div>
  )
}
