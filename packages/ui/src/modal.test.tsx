import { act, render, screen, waitFor } from '@testing-library/react'
import { createRef, useRef, useState } from 'react'
import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { Modal, type ModalProps } from './modal.tsx'

function Harness({
  refuse = false,
  calls = [],
  ...props
}: Partial<ModalProps> & { refuse?: boolean; calls?: boolean[] }) {
  const [open, setOpen] = useState(false)
  const cancel = useRef<HTMLButtonElement>(null)
  return (
    <div data-lk-theme="light">
      <button
        type="button"
        onClick={() => {
          setOpen(true)
        }}
      >
        Open
      </button>
      <Modal
        title="Title"
        description="Body text"
        initialFocus={cancel}
        {...props}
        open={open}
        onOpenChange={(next) => {
          calls.push(next)
          if (!refuse) setOpen(next)
        }}
      >
        <button type="button">First</button>
        <button ref={cancel} type="button">
          Cancel
        </button>
      </Modal>
    </div>
  )
}

const dialogElement = () => document.querySelector('dialog')!

describe('Modal', () => {
  it('shows modally while open, with its children, and nothing while closed', async () => {
    const styles = document.querySelectorAll('style').length
    render(<Harness />)
    expect(dialogElement()).not.toHaveAttribute('open')
    expect(dialogElement()).toHaveAttribute('data-state', 'closed')
    expect(dialogElement()).toBeEmptyDOMElement()
    expect(screen.queryByRole('dialog')).toBeNull()
    await userEvent.click(screen.getByRole('button', { name: 'Open' }))
    const dialog = screen.getByRole('dialog', { name: 'Title', description: 'Body text' })
    expect(dialog.matches(':modal')).toBe(true)
    expect(dialog).toHaveAttribute('data-state', 'open')
    expect(dialog).toHaveClass('lk-dialog-content')
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus()
    // No style injection: the page keeps working under a strict Content-Security-Policy.
    expect(document.querySelectorAll('style')).toHaveLength(styles)
  })

  it('asks once to close on Escape and returns focus to the opener', async () => {
    const calls: boolean[] = []
    render(<Harness calls={calls} />)
    const opener = screen.getByRole('button', { name: 'Open' })
    await userEvent.click(opener)
    await userEvent.keyboard('{Escape}')
    expect(calls).toEqual([false])
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(dialogElement().open).toBe(false)
    await waitFor(() => {
      expect(opener).toHaveFocus()
    })
  })

  it('stays open when its owner keeps it open, even if the browser closes it', async () => {
    const calls: boolean[] = []
    render(<Harness refuse calls={calls} />)
    await userEvent.click(screen.getByRole('button', { name: 'Open' }))
    await userEvent.keyboard('{Escape}')
    expect(calls).toEqual([false])
    expect(screen.getByRole('dialog')).toBeVisible()
    // What the browser does with an Escape it does not let the page refuse.
    act(() => {
      dialogElement().close()
    })
    await waitFor(() => {
      expect(calls).toEqual([false, false])
    })
    expect(dialogElement().open).toBe(true)
    expect(dialogElement().matches(':modal')).toBe(true)
  })

  it('closes on a click on the backdrop, not on one inside its box', async () => {
    const calls: boolean[] = []
    render(<Harness calls={calls} />)
    await userEvent.click(screen.getByRole('button', { name: 'Open' }))
    const dialog = screen.getByRole('dialog')
    // On the dialog's own padding: inside the box.
    await userEvent.click(dialog, { position: { x: 4, y: 4 } })
    expect(calls).toEqual([])
    await userEvent.click(dialog, { position: { x: -8, y: -8 } })
    expect(calls).toEqual([false])
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('as an alert dialog, ignores clicks on the backdrop', async () => {
    const calls: boolean[] = []
    render(<Harness role="alertdialog" calls={calls} />)
    await userEvent.click(screen.getByRole('button', { name: 'Open' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Title' })
    await userEvent.click(dialog, { position: { x: -8, y: -8 } })
    expect(calls).toEqual([])
    expect(dialog).toBeVisible()
  })

  it('gives the host its dialog, and runs the host’s handlers first', async () => {
    const calls: boolean[] = []
    const ref = createRef<HTMLDialogElement>()
    const seen: string[] = []
    render(
      <Harness
        calls={calls}
        ref={ref}
        onKeyDown={(event) => {
          seen.push(event.key)
          // The host takes Escape for itself: the dialog does not ask to close.
          if (event.key === 'Escape') event.preventDefault()
        }}
      />,
    )
    expect(ref.current).toBe(dialogElement())
    await userEvent.click(screen.getByRole('button', { name: 'Open' }))
    await userEvent.keyboard('{Escape}')
    expect(seen).toEqual(['Escape'])
    expect(calls).toEqual([])
    expect(screen.getByRole('dialog')).toBeVisible()
  })

  it('returns focus where asked', async () => {
    const returned: string[] = []
    render(
      <Harness
        returnFocus={() => {
          returned.push('function')
        }}
      />,
    )
    await userEvent.click(screen.getByRole('button', { name: 'Open' }))
    await userEvent.keyboard('{Escape}')
    await waitFor(() => {
      expect(returned).toEqual(['function'])
    })
  })

  it('renders into a container when given one, and drops our classes when unstyled', async () => {
    const host = document.createElement('section')
    document.body.append(host)
    render(<Harness container={host} unstyled className="mine" />)
    expect(host.querySelector('dialog')).toHaveAttribute('class', 'mine')
    await userEvent.click(screen.getByRole('button', { name: 'Open' }))
    expect(host.querySelector('dialog')!.open).toBe(true)
    host.remove()
  })
})
