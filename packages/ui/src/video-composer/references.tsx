import {
  buildAssetUri,
  isAssetId,
  VIDEO_LIMITS,
  VIDEO_REFERENCE_ROLES,
  type VideoReferenceRole,
} from '@likeness/core'
import { useAssets } from '@likeness/react'
import { useEffect, useRef, type ComponentPropsWithRef } from 'react'
import { Button } from '../primitives/button.tsx'
import type { SlotProps } from '../primitives/slots.ts'
import { flag, useField } from './field.tsx'

/**
 * Props of {@link VideoComposer.References}: a `div`'s props, for the group.
 *
 * @example
 * ```tsx
 * const props: VideoComposerReferencesProps = { className: 'portraits' }
 * ```
 */
export type VideoComposerReferencesProps = ComponentPropsWithRef<'div'>

const MAX = VIDEO_LIMITS.maxReferences

/**
 * The portraits the video uses: a chip per `asset://` reference with its thumbnail and name, a
 * select for its role (reference image, first frame, last frame) and a remove button; and an
 * "add" button that opens a modal list of the person's `Active` portraits, each a toggle.
 *
 * Data attributes: on the group `data-invalid` and `data-disabled`; on each chip `data-role`
 * and `data-invalid`; on each choice in the list `data-selected`.
 *
 * @example
 * ```tsx
 * <VideoComposer.Root references={selection} onReferencesChange={setSelection}>
 *   <VideoComposer.References />
 * </VideoComposer.Root>
 * ```
 */
export function References({ className, style, ...rest }: VideoComposerReferencesProps) {
  const { composer, id, control, wrapper, error } = useField(
    'references',
    'References',
    'references',
  )
  const { references, setReferences, disabled, issueFor, issueText, t, unstyled, slotProps } =
    composer
  const assets = useAssets({ statuses: ['active'] })
  const byId = new Map(assets.assets.map((asset) => [asset.id, asset]))
  const dialog = useRef<HTMLDialogElement>(null)
  const full = references.length >= MAX
  // Which element takes focus once a removed chip is gone, so the keyboard keeps its place.
  const refocus = useRef<string | null>(null)
  useEffect(() => {
    if (refocus.current) document.getElementById(refocus.current)?.focus()
    refocus.current = null
  }, [references])

  const addId = `${id}-add`
  const removeId = (index: number) => `${composer.id(`ref-${index}`)}-remove`
  const { disabled: _, ...group } = control(`${id}-hint`)
  const close = () => dialog.current?.close()
  const toggle = (assetId: string) => {
    setReferences(
      references.some((reference) => reference.assetId === assetId)
        ? references.filter((reference) => reference.assetId !== assetId)
        : [...references, { assetId, role: 'reference_image' }],
    )
  }

  return (
    <div
      {...wrapper('lk-composer-references', { className, style })}
      {...group}
      role="group"
      aria-labelledby={`${id}-label`}
      {...rest}
    >
      <div {...slotProps('row', 'lk-composer-row')}>
        <span id={`${id}-label`} {...slotProps('label', 'lk-label')}>
          {t('composer.references.label')}
        </span>
        <span {...slotProps('hint', 'lk-hint')}>
          {t('composer.references.count', { count: references.length, max: MAX })}
        </span>
      </div>
      <p id={`${id}-hint`} {...slotProps('hint', 'lk-hint')}>
        {t('composer.references.hint', { max: MAX })}
      </p>
      {references.length > 0 && (
        <ul {...slotProps('chips', 'lk-composer-chips')}>
          {references.map((reference, index) => {
            const key = `ref-${index}`
            const issue = issueFor(key)
            const asset = byId.get(reference.assetId)
            const name = asset?.name ?? reference.assetId
            const role = reference.role ?? 'reference_image'
            const errorId = `${composer.id(key)}-error`
            return (
              <li
                key={`${String(index)}:${reference.assetId}`}
                {...slotProps('chip', 'lk-composer-chip')}
                data-role={role}
                data-invalid={flag(issue)}
              >
                <Thumb src={asset?.previewUrl} {...slotProps('thumb', 'lk-composer-thumb')} />
                <span {...slotProps('chipText', 'lk-composer-chip-text')}>
                  <span {...slotProps('chipName', 'lk-composer-chip-name')}>{name}</span>
                  <span {...slotProps('chipUri', 'lk-hint lk-composer-chip-uri')}>
                    {isAssetId(reference.assetId)
                      ? buildAssetUri(reference.assetId)
                      : reference.assetId}
                  </span>
                </span>
                <select
                  id={composer.id(key)}
                  {...slotProps('control', 'lk-field')}
                  aria-label={t('composer.references.role', { name })}
                  aria-invalid={issue ? true : undefined}
                  aria-describedby={issue && errorId}
                  disabled={disabled}
                  value={role}
                  onChange={(event) => {
                    const next = event.target.value as VideoReferenceRole
                    setReferences(
                      references.map((item, at) => (at === index ? { ...item, role: next } : item)),
                    )
                  }}
                >
                  {VIDEO_REFERENCE_ROLES.map((option) => (
                    <option key={option} value={option}>
                      {t(`composer.role.${option}`)}
                    </option>
                  ))}
                </select>
                <Button
                  id={removeId(index)}
                  unstyled={unstyled}
                  {...slotProps('chipRemove', 'lk-composer-remove')}
                  variant="ghost"
                  size="small"
                  aria-label={t('composer.references.remove', { name })}
                  disabled={disabled}
                  onClick={() => {
                    refocus.current =
                      references.length > 1 ? removeId(Math.max(0, index - 1)) : addId
                    setReferences(references.filter((_item, at) => at !== index))
                  }}
                >
                  <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                    <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="2" />
                  </svg>
                </Button>
                {issue && (
                  <p id={errorId} {...slotProps('error', 'lk-error-text lk-composer-chip-error')}>
                    {issueText(issue)}
                  </p>
                )}
              </li>
            )
          })}
        </ul>
      )}
      <div>
        <Button
          id={addId}
          unstyled={unstyled}
          {...slotProps('addButton')}
          variant="secondary"
          aria-haspopup="dialog"
          disabled={disabled || full}
          onClick={() => dialog.current?.showModal()}
        >
          {t('composer.references.add')}
        </Button>
      </div>
      {error}
      <dialog
        ref={dialog}
        {...slotProps('picker', 'lk-composer-picker')}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-description`}
        onClick={(event) => {
          // A click on the backdrop lands on the dialog itself; its content fills the box.
          if (event.target === event.currentTarget) close()
        }}
      >
        <div {...slotProps('pickerBody', 'lk-composer-picker-body')}>
          <h2 id={`${id}-title`} {...slotProps('pickerTitle', 'lk-dialog-title')}>
            {t('composer.picker.title')}
          </h2>
          <p id={`${id}-description`} {...slotProps('pickerDescription', 'lk-dialog-description')}>
            {t('composer.picker.description', { max: MAX })}
          </p>
          {assets.isLoading ? (
            <p {...slotProps('hint', 'lk-hint')}>{t('composer.picker.loading')}</p>
          ) : !assets.isVerified ? (
            <p {...slotProps('hint', 'lk-hint')}>{t('composer.picker.unverified')}</p>
          ) : assets.assets.length === 0 ? (
            <p {...slotProps('hint', 'lk-hint')}>{t('composer.picker.empty')}</p>
          ) : (
            <ul {...slotProps('pickerGrid', 'lk-composer-picker-grid')}>
              {assets.assets.map((asset) => {
                const chosen = references.some((reference) => reference.assetId === asset.id)
                return (
                  <li key={asset.id}>
                    <button
                      type="button"
                      {...slotProps('pickerChoice', 'lk-composer-choice lk-focusable')}
                      aria-pressed={chosen}
                      data-selected={flag(chosen)}
                      disabled={!chosen && full}
                      onClick={() => {
                        toggle(asset.id)
                      }}
                    >
                      <Thumb src={asset.previewUrl} {...slotProps('thumb', 'lk-composer-thumb')} />
                      <span {...slotProps('chipName', 'lk-composer-chip-name')}>{asset.name}</span>
                    </button>
                  </li>
                )
              })}
            </ul>
          )}
          <div {...slotProps('pickerActions', 'lk-dialog-actions')}>
            {assets.hasNextPage && (
              <Button
                unstyled={unstyled}
                {...slotProps('pickerButton')}
                variant="secondary"
                disabled={assets.isFetchingNextPage}
                onClick={() => void assets.fetchNextPage()}
              >
                {t('composer.picker.more')}
              </Button>
            )}
            <Button unstyled={unstyled} {...slotProps('pickerButton')} onClick={close}>
              {t('composer.picker.done')}
            </Button>
          </div>
        </div>
      </dialog>
    </div>
  )
}

/** A portrait's thumbnail, or an empty box of its size while it has none. */
function Thumb({ src, ...slot }: SlotProps & { src: string | undefined }) {
  return src ? <img src={src} alt="" {...slot} /> : <span {...slot} aria-hidden="true" />
}
