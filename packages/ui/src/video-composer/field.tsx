import type { CSSProperties, ReactNode } from 'react'
import {
  useComposerPart,
  type VideoComposerContextValue,
  type VideoComposerSlot,
} from './video-composer-root.tsx'

/** A boolean data attribute: present (empty) or absent. */
export const flag = (on: unknown): '' | undefined => (on ? '' : undefined)

interface Field {
  composer: VideoComposerContextValue
  id: string
  /** Props for the field's control: id, invalid state, descriptions, disabled. */
  control: (...describedBy: (string | false | undefined)[]) => {
    id: string
    'aria-invalid': true | undefined
    'aria-describedby': string | undefined
    disabled: boolean
  }
  /** Props for the field's wrapper: its slot, with our classes `names`, and its state. */
  wrapper: (
    names: string,
    own: { className?: string | undefined; style?: CSSProperties | undefined },
  ) => {
    className: string | undefined
    style: CSSProperties | undefined
    'data-invalid': '' | undefined
    'data-disabled': '' | undefined
  }
  /** The issue's message, or nothing. */
  error: ReactNode
}

/** What every field part needs: its ids, its issue and the props that tie them together. */
export function useField(key: string, part: string, slot: VideoComposerSlot): Field {
  const composer = useComposerPart(part)
  const { disabled, slotProps } = composer
  const id = composer.id(key)
  const issue = composer.issueFor(key)
  const errorId = `${id}-error`
  return {
    composer,
    id,
    control: (...describedBy) => ({
      id,
      'aria-invalid': issue ? true : undefined,
      'aria-describedby': [issue && errorId, ...describedBy].filter(Boolean).join(' ') || undefined,
      disabled,
    }),
    wrapper: (names, own) => ({
      ...slotProps(slot, `lk-composer-field ${names}`, own),
      'data-invalid': flag(issue),
      'data-disabled': flag(disabled),
    }),
    error: issue && (
      <p id={errorId} {...slotProps('error', 'lk-error-text')}>
        {composer.issueText(issue)}
      </p>
    ),
  }
}
