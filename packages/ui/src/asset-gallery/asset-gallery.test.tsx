import { act, render, screen, waitFor, within } from '@testing-library/react'
import type { Asset } from '@likeness/core'
import { describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { LikenessUIProvider } from '../i18n.tsx'
import { AssetGallery, type AssetGalleryProps, type AssetGallerySlot } from './index.ts'
import {
  AUDIO_BYTES,
  failingDelete,
  failingList,
  failingUpload,
  fileOf,
  GalleryProviders,
  manyAssets,
  MIXED_ASSETS,
  prepareGallery,
  slowUpload,
  type GallerySetup,
} from './gallery-fixtures.tsx'

async function renderGallery(
  setup: GallerySetup = {},
  props: AssetGalleryProps = {},
  locale = 'en',
) {
  const world = await prepareGallery(setup)
  const view = render(
    <LikenessUIProvider locale={locale}>
      <div data-lk-theme="light" lang={locale} style={{ width: 800 }}>
        <GalleryProviders world={world}>
          <AssetGallery {...props} />
        </GalleryProviders>
      </div>
    </LikenessUIProvider>,
  )
  return { ...view, world }
}

const cells = () => screen.getAllByRole('gridcell')
const cell = (name: string) => screen.getByRole('gridcell', { name: new RegExp(name) })
const uploads = () => within(screen.getByRole('list', { name: 'Uploads' }))
const upload = (container: HTMLElement, files: File | File[]) =>
  userEvent.upload(container.querySelector<HTMLInputElement>('input[type="file"]')!, files)
const announcer = (container: HTMLElement) =>
  container.querySelector<HTMLElement>('.lk-gallery-uploads [role="status"]')!

// A paste of files, as the browser delivers it.
function paste(target: Element, files: File[]) {
  const data = new DataTransfer()
  for (const file of files) data.items.add(file)
  act(() => {
    target.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    )
  })
}

describe('AssetGallery keyboard', () => {
  it('moves across the grid with arrows, Home/End and Ctrl+Home/End', async () => {
    await renderGallery({ assets: MIXED_ASSETS }, { style: { width: 600 } })
    await screen.findByRole('grid')
    const grid = screen.getByRole('grid')
    const columns = Number(grid.getAttribute('aria-colcount'))
    expect(columns).toBeGreaterThan(1)
    const all = cells()
    expect(all.filter((one) => one.tabIndex === 0)).toHaveLength(1)
    all[0]!.focus()
    await userEvent.keyboard('{ArrowRight}')
    expect(cells()[1]).toHaveFocus()
    expect(cells()[1]).toHaveAttribute('data-active')
    await userEvent.keyboard('{ArrowLeft}')
    expect(cells()[0]).toHaveFocus()
    await userEvent.keyboard('{ArrowDown}')
    expect(cells()[columns]).toHaveFocus()
    await userEvent.keyboard('{ArrowUp}')
    expect(cells()[0]).toHaveFocus()
    await userEvent.keyboard('{End}')
    expect(cells()[columns - 1]).toHaveFocus()
    await userEvent.keyboard('{Home}')
    expect(cells()[0]).toHaveFocus()
    await userEvent.keyboard('{Control>}{End}{/Control}')
    expect(cells().at(-1)).toHaveFocus()
    await userEvent.keyboard('{Control>}{Home}{/Control}')
    expect(cells()[0]).toHaveFocus()
    // Only one tab stop, and it followed focus.
    expect(cells().filter((one) => one.tabIndex === 0)).toEqual([cells()[0]])
  })

  it('selects with Space and previews with Enter in multiple selection', async () => {
    let selected: readonly string[] = []
    await renderGallery(
      { assets: MIXED_ASSETS },
      {
        selectionMode: 'multiple',
        onSelectedIdsChange: (ids) => {
          selected = ids
        },
      },
    )
    await screen.findByRole('grid')
    cells()[0]!.focus()
    await userEvent.keyboard(' ')
    await userEvent.keyboard('{ArrowRight} ')
    expect(selected).toHaveLength(2)
    expect(cells()[0]).toHaveAttribute('aria-selected', 'true')
    expect(cells()[1]).toHaveAttribute('aria-selected', 'true')
    await userEvent.keyboard('{Enter}')
    const dialog = await screen.findByRole('dialog')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deselect' }))
    expect(selected).toHaveLength(1)
  })

  it('opens the delete confirmation with Delete and returns focus to the tile on cancel', async () => {
    await renderGallery({ assets: MIXED_ASSETS })
    await screen.findByRole('grid')
    cells()[1]!.focus()
    const name = cells()[1]!.querySelector('.lk-gallery-tile-name')!.textContent
    await userEvent.keyboard('{Delete}')
    const dialog = await screen.findByRole('alertdialog', { name: `Delete “${name}”?` })
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    await userEvent.keyboard('{Escape}')
    await waitFor(() => {
      expect(cells()[1]).toHaveFocus()
    })
  })

  it('returns focus to the tile after the preview closes', async () => {
    await renderGallery({ assets: MIXED_ASSETS })
    await screen.findByRole('grid')
    cells()[2]!.focus()
    await userEvent.keyboard('{Enter}')
    const dialog = await screen.findByRole('dialog')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }))
    await waitFor(() => {
      expect(cells()[2]).toHaveFocus()
    })
  })

  it('after a confirmed delete, moves focus to the tile that took its place', async () => {
    await renderGallery({ assets: MIXED_ASSETS })
    await screen.findByRole('grid')
    const names = cells().map((one) => one.querySelector('.lk-gallery-tile-name')!.textContent)
    cells()[1]!.focus()
    await userEvent.keyboard('{Delete}')
    const dialog = await screen.findByRole('alertdialog')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }))
    await waitFor(() => {
      expect(screen.queryByText(names[1]!)).toBeNull()
    })
    await waitFor(() => {
      expect(cell(names[2]!.replace('.', '\\.'))).toHaveFocus()
    })
  })
})

describe('AssetGallery deletion', () => {
  it('shows a failed deletion: the tile comes back and an alert says why', async () => {
    await renderGallery({ assets: MIXED_ASSETS, decorate: failingDelete })
    await screen.findByRole('grid')
    cell('Side profile').focus()
    await userEvent.keyboard('{Delete}')
    await userEvent.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete' }),
    )
    // Optimistic: gone at once…
    await waitFor(() => {
      expect(screen.queryByRole('gridcell', { name: /Side profile/ })).toBeNull()
    })
    // …then back, with an alert.
    const alert = await screen.findByText(/“Side profile.png” could not be deleted/)
    expect(alert.closest('[role="alert"]')).not.toBeNull()
    expect(alert).toHaveTextContent('The video service is unavailable right now.')
    expect(await screen.findByRole('gridcell', { name: /Side profile/ })).toBeVisible()
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByText(/could not be deleted/)).toBeNull()
  })

  it('deletes everything only after the word is typed, then offers verification again', async () => {
    await renderGallery({ assets: MIXED_ASSETS })
    await screen.findByRole('grid')
    await userEvent.click(screen.getByRole('button', { name: 'Delete all my likeness data' }))
    const dialog = await screen.findByRole('alertdialog')
    const word = within(dialog).getByLabelText('Type DELETE to confirm')
    const confirm = within(dialog).getByRole('button', { name: 'Delete everything' })
    expect(word).toHaveFocus()
    expect(confirm).toBeDisabled()
    await userEvent.type(word, 'DELET')
    expect(confirm).toBeDisabled()
    await userEvent.type(word, 'E')
    expect(confirm).toBeEnabled()
    await userEvent.click(confirm)
    expect(await screen.findByText('Verify that it is you first')).toBeVisible()
    await waitFor(() => {
      expect(screen.queryByRole('alertdialog')).toBeNull()
    })
    expect(screen.queryByRole('grid')).toBeNull()
  })

  it('asks for 删除 in Chinese', async () => {
    await renderGallery({ assets: MIXED_ASSETS }, {}, 'zh-CN')
    await screen.findByRole('grid', { name: '你的肖像素材' })
    await userEvent.click(screen.getByRole('button', { name: '删除我的全部肖像数据' }))
    const dialog = await screen.findByRole('alertdialog')
    const confirm = within(dialog).getByRole('button', { name: '全部删除' })
    await userEvent.fill(within(dialog).getByLabelText('输入“删除”以确认'), 'DELETE')
    expect(confirm).toBeDisabled()
    await userEvent.fill(within(dialog).getByLabelText('输入“删除”以确认'), '删除')
    expect(confirm).toBeEnabled()
  })
})

describe('AssetGallery uploads', () => {
  it('uploads pasted files', async () => {
    const { container } = await renderGallery()
    await screen.findByText('No files yet')
    paste(screen.getByRole('button', { name: 'Choose files' }), [fileOf('Pasted.png')])
    expect(await screen.findByRole('gridcell', { name: /Pasted\.png/ })).toBeVisible()
    expect(container.querySelector('[data-status="uploaded"]')).not.toBeNull()
  })

  it('explains each refused file in plain words', async () => {
    const { container } = await renderGallery({}, { rules: { accept: ['image'], maxBytes: 1024 } })
    await screen.findByText('No files yet')
    await upload(container, [
      fileOf('Empty.png', new Uint8Array(), 'image/png'),
      fileOf('Notes.txt', new TextEncoder().encode('not a photo'), 'image/png'),
      fileOf('Voice.mp3', AUDIO_BYTES, 'image/png'),
      fileOf('Huge.png', new Uint8Array(4096), 'image/png'),
    ])
    const list = uploads()
    expect(await list.findByText(/The file is empty\./)).toBeVisible()
    expect(list.getByText(/This kind of file is not supported/)).toBeVisible()
    expect(list.getByText(/Only photos can be added here\./)).toBeVisible()
    expect(list.getByText(/The file is too large: the limit is 0 MB\./)).toBeVisible()
    expect(container.querySelectorAll('[data-status="rejected"]')).toHaveLength(4)
  })

  it('announces progress at milestones, and cancels', async () => {
    const { container } = await renderGallery({
      decorate: slowUpload({ steps: 4, stepMs: 60, holdAt: 0.75 }),
    })
    await screen.findByText('No files yet')
    await upload(container, fileOf('Portrait.png', undefined, 'image/png'))
    await waitFor(() => {
      expect(announcer(container)).toHaveTextContent('Portrait.png: 75% uploaded')
    })
    await userEvent.click(screen.getByRole('button', { name: 'Cancel uploading Portrait.png' }))
    await waitFor(() => {
      expect(announcer(container)).toHaveTextContent('Upload of Portrait.png cancelled.')
    })
    expect(uploads().getByRole('button', { name: 'Retry uploading Portrait.png' })).toBeVisible()
  })

  it('retries a failed upload', async () => {
    const { container } = await renderGallery({ decorate: failingUpload(1) })
    await screen.findByText('No files yet')
    await upload(container, fileOf('Voice.mp3', AUDIO_BYTES, 'audio/mpeg'))
    expect(await uploads().findByText(/You seem to be offline/)).toBeVisible()
    await userEvent.click(screen.getByRole('button', { name: 'Retry uploading Voice.mp3' }))
    await waitFor(() => {
      expect(container.querySelector('[data-status="uploaded"]')).not.toBeNull()
    })
  })
})

describe('AssetGallery parts', () => {
  it('takes dropped files and shows when files hover the drop zone', async () => {
    const world = await prepareGallery()
    render(
      <GalleryProviders world={world}>
        <AssetGallery.Root>
          <AssetGallery.Dropzone data-testid="zone" />
          <AssetGallery.UploadList />
        </AssetGallery.Root>
      </GalleryProviders>,
    )
    const zone = await screen.findByTestId('zone')
    const data = new DataTransfer()
    data.items.add(fileOf('Dropped.png'))
    act(() => {
      zone.dispatchEvent(
        new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }),
      )
    })
    expect(zone).toHaveAttribute('data-dragging')
    act(() => {
      zone.dispatchEvent(
        new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
      )
    })
    expect(zone).not.toHaveAttribute('data-dragging')
    await waitFor(() => {
      expect(document.querySelector('[data-status="uploaded"]')).not.toBeNull()
    })
  })

  it('drops our classes when unstyled, keeps behaviour, and takes string overrides', async () => {
    const { container } = await renderGallery(
      { assets: MIXED_ASSETS },
      { unstyled: true, messages: { 'gallery.label': 'My portraits' } },
    )
    await screen.findByRole('grid', { name: 'My portraits' })
    const classes = Array.from(container.querySelectorAll('[class]')).flatMap((element) =>
      Array.from(element.classList),
    )
    expect(
      classes.filter((name) => name.startsWith('lk-') && name !== 'lk-visually-hidden'),
    ).toEqual([])
    cells()[0]!.focus()
    await userEvent.keyboard('{ArrowRight}')
    expect(cells()[1]).toHaveFocus()
  })
})

describe('AssetGallery list', () => {
  it('keeps few tiles in the page for 10,000 assets, with correct row indexes', async () => {
    await renderGallery({ decorate: manyAssets(10_000) }, { pageSize: 100 })
    const grid = await screen.findByRole('grid')
    await waitFor(() => {
      expect(cells().length).toBeGreaterThan(0)
    })
    const columns = Number(grid.getAttribute('aria-colcount'))
    expect(grid).toHaveAttribute('aria-rowcount', String(Math.ceil(10_000 / columns)))
    expect(cells().length).toBeLessThan(120)
    cells()[0]!.focus()
    await userEvent.keyboard('{PageDown}{PageDown}{PageDown}')
    const focused = document.activeElement!
    expect(focused).toHaveAttribute('role', 'gridcell')
    const row = Number(focused.closest('[role="row"]')!.getAttribute('aria-rowindex'))
    expect(row).toBeGreaterThan(3)
    expect(cells().length).toBeLessThan(120)
  })

  it('renders no tile again while the grid scrolls, only the ones that come into view', async () => {
    const world = await prepareGallery({ decorate: manyAssets(1000) })
    const renders = new Map<string, number>()
    // Defined once, outside any component that renders again: the grid may keep its tiles.
    const tile = (asset: Asset) => {
      renders.set(asset.id, (renders.get(asset.id) ?? 0) + 1)
      return <AssetGallery.Tile asset={asset} />
    }
    render(
      <LikenessUIProvider locale="en">
        <div data-lk-theme="light" style={{ width: 800, height: 600 }}>
          <GalleryProviders world={world}>
            <AssetGallery.Root pageSize={100}>
              <AssetGallery.Grid style={{ height: 500 }}>{tile}</AssetGallery.Grid>
            </AssetGallery.Root>
          </GalleryProviders>
        </div>
      </LikenessUIProvider>,
    )
    await waitFor(() => {
      expect(cells().length).toBeGreaterThan(0)
    })
    const scroller = document.querySelector<HTMLElement>('.lk-gallery-scroller')!
    const before = new Map(renders)
    // A few pixels: the same rows stay in view, and no tile has anything new to show.
    for (const top of [3, 6, 9]) {
      act(() => {
        scroller.scrollTop = top
        scroller.dispatchEvent(new Event('scroll'))
      })
      await new Promise((resolve) => requestAnimationFrame(resolve))
    }
    expect(renders).toEqual(before)
    // Further down: the tiles that come into view render, those already shown do not again.
    act(() => {
      scroller.scrollTop = 2000
      scroller.dispatchEvent(new Event('scroll'))
    })
    await waitFor(() => {
      expect(renders.size).toBeGreaterThan(before.size)
    })
    for (const [id, count] of before) expect(renders.get(id)).toBe(count)
  })

  it('names a part used outside its root', async () => {
    const world = await prepareGallery()
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    expect(() =>
      render(
        <GalleryProviders world={world}>
          <AssetGallery.Toolbar />
        </GalleryProviders>,
      ),
    ).toThrow('<AssetGallery.Toolbar> must be inside <AssetGallery.Root>.')
    quiet.mockRestore()
  })

  it('filters by status and searches by name', async () => {
    await renderGallery({ assets: MIXED_ASSETS })
    await screen.findByRole('grid')
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'failed')
    await waitFor(() => {
      expect(cells()).toHaveLength(1)
    })
    expect(cells()[0]).toHaveAttribute('data-status', 'failed')
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'all')
    await userEvent.fill(screen.getByLabelText('Search by name'), 'voice')
    await waitFor(() => {
      expect(cells()).toHaveLength(1)
    })
    expect(cells()[0]).toHaveAttribute('data-type', 'audio')
    await userEvent.fill(screen.getByLabelText('Search by name'), 'nothing like this')
    expect(await screen.findByText('No files match these filters.')).toBeVisible()
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }))
    await waitFor(() => {
      expect(cells()).toHaveLength(MIXED_ASSETS.length)
    })
  })

  it('lets the host control the selection', async () => {
    const world = await prepareGallery({ assets: MIXED_ASSETS })
    const first = (await world.adapter.listAssets()).items.at(-1)!
    const changes: (readonly string[])[] = []
    render(
      <GalleryProviders world={world}>
        <AssetGallery
          selectionMode="single"
          selectedIds={[first.id]}
          onSelectedIdsChange={(ids) => changes.push(ids)}
        />
      </GalleryProviders>,
    )
    await screen.findByRole('grid')
    expect(cell(first.name.replace('.', '\\.'))).toHaveAttribute('aria-selected', 'true')
    await userEvent.click(cells()[0]!)
    expect(changes).toHaveLength(1)
    expect(changes[0]).toHaveLength(1)
    expect(changes[0]).not.toContain(first.id)
    // Controlled: nothing changes until the host says so.
    expect(cell(first.name.replace('.', '\\.'))).toHaveAttribute('aria-selected', 'true')
  })
})

describe('AssetGallery classNames and styles', () => {
  // Every slot's class is `s-` and its name: a slot left without one shows as missing below.
  const everySlot = new Proxy(
    {},
    { get: (_target, slot) => (typeof slot === 'string' ? `s-${slot}` : undefined) },
  ) as Partial<Record<AssetGallerySlot, string>>
  // Hidden text that must stay hidden, and the shared modal's title and description.
  const slotless = ['lk-visually-hidden', 'lk-dialog-title', 'lk-dialog-description']
  const missing = (root: Element) =>
    Array.from(root.querySelectorAll('[class]'))
      .filter((element) => Array.from(element.classList).some((name) => name.startsWith('lk-')))
      .filter((element) => !slotless.some((name) => element.classList.contains(name)))
      .filter((element) => !Array.from(element.classList).some((name) => name.startsWith('s-')))
      .map((element) => element.className)

  it('adds the host’s class after ours and before the part’s own, and styles by slot', async () => {
    const world = await prepareGallery({ assets: MIXED_ASSETS })
    render(
      <GalleryProviders world={world}>
        <AssetGallery.Root
          classNames={{ root: 'card', tile: 'x', badge: 'pill', tileButton: 'icon-btn' }}
          styles={{ tile: { outline: '3px solid red' }, scroller: { paddingTop: 5 } }}
          className="mine"
        >
          <AssetGallery.Grid style={{ height: 400 }}>
            {(asset) => <AssetGallery.Tile asset={asset} className="own" />}
          </AssetGallery.Grid>
        </AssetGallery.Root>
      </GalleryProviders>,
    )
    await screen.findByRole('grid')
    const tile = cells()[0]!
    expect(tile).toHaveAttribute('class', 'lk-gallery-tile x own')
    expect(tile.style.outline).toBe('red solid 3px')
    expect(tile.querySelector('.lk-badge')).toHaveAttribute('class', 'lk-badge pill')
    expect(within(tile).getAllByRole('button', { hidden: true })[0]).toHaveAttribute(
      'class',
      'lk-button lk-gallery-icon-button icon-btn',
    )
    expect(tile.closest('.lk-gallery')).toHaveAttribute('class', 'lk-root lk-gallery card mine')
    // Merged over the scroller's own style, which keeps its variables.
    const scroller = document.querySelector<HTMLElement>('.lk-gallery-scroller')!
    expect(scroller.style.paddingTop).toBe('5px')
    expect(scroller.style.getPropertyValue('--lk-gallery-gap')).toBe('12px')
    // A class of one slot reaches no other element.
    expect(document.querySelectorAll('.x')).toHaveLength(MIXED_ASSETS.length)
  })

  it('reaches every element of ours by a slot name, in the dialogs and the uploads too', async () => {
    const { container } = await renderGallery(
      { assets: MIXED_ASSETS, decorate: failingUpload(1) },
      { classNames: everySlot, selectionMode: 'multiple', capture: 'user' },
    )
    await screen.findByRole('grid')
    await userEvent.click(cells()[0]!)
    await upload(container, fileOf('Voice.mp3', AUDIO_BYTES, 'audio/mpeg'))
    await upload(container, fileOf('Notes.txt', new TextEncoder().encode('not a photo')))
    expect(await uploads().findByText(/You seem to be offline/)).toBeVisible()
    expect(missing(container)).toEqual([])
    expect(container.querySelector('.s-uploadAction')).toHaveClass('lk-button')
    expect(container.querySelector('.s-clearUploads')).toHaveClass('lk-gallery-uploads-clear')

    const failed = cell('mismatch')
    act(() => {
      within(failed).getAllByRole('button', { hidden: true })[0]!.click()
    })
    const preview = await screen.findByRole('dialog')
    expect(preview).toHaveClass('lk-dialog-content', 'lk-gallery-preview', 's-previewDialog')
    expect(missing(container)).toEqual([])
    await userEvent.click(within(preview).getByRole('button', { name: 'Close' }))
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull()
    })

    await userEvent.click(screen.getByRole('button', { name: 'Delete all my likeness data' }))
    const dialog = await screen.findByRole('alertdialog')
    expect(dialog).toHaveClass('s-deleteAllDialog')
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveClass('s-dialogButton')
    expect(missing(container)).toEqual([])
  })

  it('names the elements of the grid’s other states', async () => {
    const errored = await renderGallery({ decorate: failingList }, { classNames: everySlot })
    await screen.findByRole('button', { name: 'Try again' })
    expect(screen.getByRole('button', { name: 'Try again' })).toHaveClass('s-stateButton')
    expect(missing(errored.container)).toEqual([])
    errored.unmount()

    const empty = await renderGallery({}, { classNames: everySlot })
    await screen.findByText('No files yet')
    expect(empty.container.querySelector('.s-stateIcon')).toHaveClass('lk-gallery-state-icon')
    expect(missing(empty.container)).toEqual([])
  })

  it('drops ours when unstyled and keeps the host’s classes and styles', async () => {
    const { container } = await renderGallery(
      { assets: MIXED_ASSETS },
      {
        unstyled: true,
        classNames: { root: 'card', tile: 'x', dialogButton: 'btn', deleteAllButton: 'danger' },
        styles: { badge: { color: 'rgb(255, 0, 0)' } },
      },
    )
    await screen.findByRole('grid')
    expect(container.querySelector('[data-state="ready"]')).toHaveAttribute('class', 'card')
    for (const tile of cells()) expect(tile).toHaveAttribute('class', 'x')
    expect(cells()[0]!.querySelector('[data-tone]')).toHaveStyle({ color: 'rgb(255, 0, 0)' })
    // Elements the host gave nothing to have no class at all.
    expect(cells()[0]!.querySelector('[data-tone]')).not.toHaveAttribute('class')
    const trigger = screen.getByRole('button', { name: 'Delete all my likeness data' })
    expect(trigger).toHaveAttribute('class', 'danger')
    await userEvent.click(trigger)
    const dialog = await screen.findByRole('alertdialog')
    for (const button of within(dialog).getAllByRole('button')) {
      expect(button).toHaveAttribute('class', 'btn')
    }
  })
})
