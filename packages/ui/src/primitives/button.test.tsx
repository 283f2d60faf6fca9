import { render, screen } from '@testing-library/react'
import { createRef } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { Button } from './button.tsx'

describe('Button', () => {
  it('is a plain button with our class first, and no look attributes unless asked', async () => {
    const ref = createRef<HTMLButtonElement>()
    const onClick = vi.fn()
    render(
      <form
        onSubmit={(event) => {
          event.preventDefault()
          throw new Error('submitted')
        }}
      >
        <Button ref={ref} className="lk-verify-cancel mine" onClick={onClick}>
          Go
        </Button>
      </form>,
    )
    const button = screen.getByRole('button', { name: 'Go' })
    expect(ref.current).toBe(button)
    expect(button).toHaveAttribute('type', 'button')
    expect(button).toHaveAttribute('class', 'lk-button lk-verify-cancel mine')
    expect(button).not.toHaveAttribute('data-variant')
    expect(button).not.toHaveAttribute('data-size')
    await userEvent.click(button)
    expect(onClick).toHaveBeenCalledTimes(1)
  })

  it('writes its variant and size, drops lk-button when unstyled, and submits when told', () => {
    render(
      <Button variant="ghost" size="small" type="submit" unstyled className="mine">
        Send
      </Button>,
    )
    const button = screen.getByRole('button', { name: 'Send' })
    expect(button).toHaveAttribute('type', 'submit')
    expect(button).toHaveAttribute('data-variant', 'ghost')
    expect(button).toHaveAttribute('data-size', 'small')
    expect(button).toHaveAttribute('class', 'mine')
  })

  it('renders the child element with asChild, without a type it was not given', () => {
    render(
      <Button asChild variant="secondary">
        <a href="#next">Next</a>
      </Button>,
    )
    const link = screen.getByRole('link', { name: 'Next' })
    expect(link).toHaveAttribute('class', 'lk-button')
    expect(link).toHaveAttribute('data-variant', 'secondary')
    expect(link).not.toHaveAttribute('type')
  })
})
