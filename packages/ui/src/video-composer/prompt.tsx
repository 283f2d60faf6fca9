import { promptLength, VIDEO_LIMITS } from '@likeness/core'
import type { ComponentPropsWithRef } from 'react'
import { flag, useField } from './field.tsx'

/**
 * Props of {@link VideoComposer.Prompt}: a `div`'s props, for the field around the textarea.
 *
 * @example
 * ```tsx
 * const props: VideoComposerPromptProps = { className: 'wide' }
 * ```
 */
export type VideoComposerPromptProps = ComponentPropsWithRef<'div'>

/**
 * The prompt: a labelled textarea with an example in the person's language as placeholder and
 * a count of characters (code points, as the limit counts them). Ctrl or Cmd + Enter submits.
 *
 * Data attributes: `data-invalid` with an issue, `data-disabled` while a job runs; on the
 * count, `data-invalid` past the limit.
 *
 * @example
 * ```tsx
 * <VideoComposer.Root>
 *   <VideoComposer.Prompt />
 * </VideoComposer.Root>
 * ```
 */
export function Prompt({ className, style, ...rest }: VideoComposerPromptProps) {
  const { composer, id, control, wrapper, error } = useField('prompt', 'Prompt', 'prompt')
  const { values, setValue, t, slotProps } = composer
  const count = promptLength(values.prompt)
  const max = VIDEO_LIMITS.promptMaxLength
  const countId = `${id}-count`
  const props = control(countId)
  return (
    <div {...wrapper('lk-composer-prompt', { className, style })} {...rest}>
      <label htmlFor={id} {...slotProps('label', 'lk-label')}>
        {t('composer.prompt.label')}
      </label>
      <textarea
        {...props}
        aria-invalid={props['aria-invalid'] ?? (count > max || undefined)}
        {...slotProps('control', 'lk-field')}
        rows={4}
        value={values.prompt}
        placeholder={t('composer.prompt.placeholder')}
        onChange={(event) => {
          setValue('prompt', event.target.value)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault()
            event.currentTarget.form?.requestSubmit()
          }
        }}
      />
      <div {...slotProps('promptFoot', 'lk-composer-field-foot')}>
        {error}
        <span
          id={countId}
          {...slotProps('count', 'lk-hint lk-composer-count')}
          data-invalid={flag(count > max)}
        >
          {t('composer.prompt.count', { count, max })}
        </span>
      </div>
    </div>
  )
}
