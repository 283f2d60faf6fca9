import type { Meta, StoryObj } from '@storybook/react-vite'
import type { ReactNode } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { useAssetGallery } from './asset-gallery-root.tsx'
import { AssetGallery, type AssetGalleryRootProps } from './index.ts'
import { assetGalleryMessages, type AssetGalleryMessageKey } from './messages.ts'
import {
  AUDIO_BYTES,
  failingDelete,
  failingList,
  failingUpload,
  fileOf,
  GalleryProviders,
  manyAssets,
  MIXED_ASSETS,
  neverListing,
  prepareGallery,
  slowUpload,
  type GallerySetup,
  type GalleryWorld,
} from './gallery-fixtures.tsx'

const meta = {
  title: 'Components/AssetGallery',
  component: AssetGallery,
  // Autodocs shows the props of every part beside the ready-made gallery.
  subcomponents: {
    'AssetGallery.Root': AssetGallery.Root,
    'AssetGallery.Dropzone': AssetGallery.Dropzone,
    'AssetGallery.UploadButton': AssetGallery.UploadButton,
    'AssetGallery.UploadList': AssetGallery.UploadList,
    'AssetGallery.Toolbar': AssetGallery.Toolbar,
    'AssetGallery.Grid': AssetGallery.Grid,
    'AssetGallery.Tile': AssetGallery.Tile,
    'AssetGallery.PreviewDialog': AssetGallery.PreviewDialog,
    'AssetGallery.DeleteDialog': AssetGallery.DeleteDialog,
    'AssetGallery.DeleteError': AssetGallery.DeleteError,
    'AssetGallery.DeleteAllButton': AssetGallery.DeleteAllButton,
  },
  tags: ['autodocs'],
  parameters: { gallery: {} satisfies GallerySetup },
  // Every story gets its own backend, person and query client.
  loaders: [
    async ({ parameters }) => ({
      world: await prepareGallery(parameters.gallery as GallerySetup),
    }),
  ],
  render: (args, { loaded }) => (
    <GalleryProviders world={loaded.world as GalleryWorld}>
      <AssetGallery {...args} />
    </GalleryProviders>
  ),
} satisfies Meta<typeof AssetGallery>

export default meta
type Story = StoryObj<typeof meta>

// The stories run in English and in Chinese: plays read their words from the catalog.
const wordsFor = (globals: Record<string, unknown>) => {
  const catalog = assetGalleryMessages[globals.locale === 'zh-CN' ? 'zh-CN' : 'en']
  return (key: AssetGalleryMessageKey, values: Record<string, string | number> = {}) =>
    catalog[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]))
}

const withAssets = { gallery: { assets: MIXED_ASSETS } satisfies GallerySetup }
// The stories of parts on their own: a Root with the parts given, in the story's providers.
const parts =
  (children: ReactNode, rootProps: AssetGalleryRootProps = {}): NonNullable<Story['render']> =>
  (_args, { loaded }) => (
    <GalleryProviders world={loaded.world as GalleryWorld}>
      <AssetGallery.Root {...rootProps}>{children}</AssetGallery.Root>
    </GalleryProviders>
  )
type Words = ReturnType<typeof wordsFor>
// Picks once the (empty) gallery has loaded. The picker's `accept` would filter files out
// before the gallery's own checks could explain why; a person can always choose "All files".
const pick = async (canvasElement: HTMLElement, m: Words, files: File | File[]) => {
  await within(canvasElement).findByText(m('gallery.empty.title'))
  await userEvent
    .setup({ applyAccept: false })
    .upload(canvasElement.querySelector<HTMLInputElement>('input[type="file"]')!, files)
}
// A tile's preview and delete buttons show on hover only, so they are found among the hidden.
const pressTileButton = async (
  canvasElement: HTMLElement,
  m: Words,
  button: 'preview' | 'delete',
  name: string,
) =>
  userEvent.click(
    await within(canvasElement).findByRole('button', {
      name: m(`gallery.tile.${button}`, { name }),
      hidden: true,
    }),
  )
// Deletes the tile named, confirming in the dialog that asks.
const deleteTile = async (canvasElement: HTMLElement, m: Words, name: string) => {
  await pressTileButton(canvasElement, m, 'delete', name)
  const dialog = await within(canvasElement).findByRole('alertdialog', {
    name: m('gallery.delete.title', { name }),
  })
  await userEvent.click(within(dialog).getByRole('button', { name: m('gallery.delete.confirm') }))
}
const tiles = (canvasElement: HTMLElement) =>
  Array.from(canvasElement.querySelectorAll<HTMLElement>('[role="gridcell"]'))

/** Not verified yet: the gallery offers the VerifyButton instead of a grid. */
export const NotVerified: Story = {
  parameters: { gallery: { verified: false } },
  // In Storybook the liveness page is not opened.
  args: { verifyButtonProps: { checkEnvironment: false, navigate: () => undefined } },
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await expect(await canvas.findByText(m('gallery.notVerified.title'))).toBeVisible()
    await expect(canvas.getByRole('button')).toBeVisible()
    await expect(canvas.queryByRole('grid')).toBeNull()
  },
}

/** The list has not answered yet. */
export const Loading: Story = {
  parameters: { gallery: { decorate: neverListing } },
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await expect(await canvas.findByText(m('gallery.loading'))).toBeVisible()
  },
}

/** Verified, nothing uploaded yet. */
export const Empty: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await expect(await canvas.findByText(m('gallery.empty.title'))).toBeVisible()
    await expect(canvas.getByRole('button', { name: m('gallery.upload.choose') })).toBeEnabled()
  },
}

/** Photos, a video and a recording: active ones, one processing, one FaceMismatch. */
export const WithAssets: Story = {
  parameters: withAssets,
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    const grid = within(await canvas.findByRole('grid'))
    await expect(grid.getByText(m('gallery.assetError.FaceMismatch'))).toBeVisible()
    await expect(grid.getAllByText(m('gallery.status.active'))).toHaveLength(4)
    await expect(grid.getByText(m('gallery.status.processing'))).toBeVisible()
    await expect(canvasElement.querySelector('[data-type="video"]')).not.toBeNull()
    await expect(canvasElement.querySelector('[data-type="audio"]')).not.toBeNull()
  },
}

/** A file half-way through its upload, with its progress bar and a Cancel button. */
export const Uploading: Story = {
  parameters: { gallery: { decorate: slowUpload({ steps: 4, stepMs: 80, holdAt: 0.5 }) } },
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await pick(canvasElement, m, fileOf('Portrait.png'))
    const bar = await canvas.findByRole('progressbar', { name: 'Portrait.png' })
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '50'))
    await expect(
      canvas.getByRole('button', {
        name: m('gallery.upload.abortLabel', { name: 'Portrait.png' }),
      }),
    ).toBeVisible()
  },
}

/** Upload by the file picker and watch the new file become Active. */
export const UploadToActive: Story = {
  parameters: { gallery: { decorate: slowUpload({ steps: 4, stepMs: 40 }) } },
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await pick(canvasElement, m, fileOf('New portrait.png'))
    await expect(await canvas.findByText(m('gallery.upload.uploaded'))).toBeVisible()
    const tile = await canvas.findByRole('gridcell', { name: /New portrait\.png/ })
    await waitFor(() => expect(tile).toHaveAttribute('data-status', 'active'), { timeout: 5000 })
    await expect(within(tile).getByText(m('gallery.status.active'))).toBeVisible()
  },
}

/** Files the checks refuse, each explained in plain words. */
export const UploadRejected: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await pick(canvasElement, m, [
      fileOf('Empty.png', new Uint8Array()),
      fileOf('Notes.txt', new TextEncoder().encode('not a photo')),
    ])
    const list = within(await canvas.findByRole('list', { name: m('gallery.uploads.label') }))
    await expect(
      await list.findByText(m('gallery.rejection.empty'), { exact: false }),
    ).toBeVisible()
    await expect(
      await list.findByText(m('gallery.rejection.unsupported_type'), { exact: false }),
    ).toBeVisible()
  },
}

/** A failed upload, retried. */
export const UploadFailed: Story = {
  parameters: { gallery: { decorate: failingUpload(1) } },
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await pick(canvasElement, m, fileOf('Voice.mp3', AUDIO_BYTES))
    const list = within(await canvas.findByRole('list', { name: m('gallery.uploads.label') }))
    await expect(await list.findByText(m('gallery.error.network'), { exact: false })).toBeVisible()
    await userEvent.click(
      canvas.getByRole('button', { name: m('gallery.upload.retryLabel', { name: 'Voice.mp3' }) }),
    )
    await expect(await canvas.findByText(m('gallery.upload.uploaded'))).toBeVisible()
  },
}

/** The list could not be read; Try again asks again. */
export const ListError: Story = {
  parameters: { gallery: { decorate: failingList } },
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await expect(await canvas.findByText(m('gallery.listError.title'))).toBeVisible()
    await expect(canvas.getByText(m('gallery.error.upstream_unavailable'))).toBeVisible()
    await expect(canvas.getByRole('button', { name: m('gallery.retry') })).toBeEnabled()
  },
}

/** One file can be selected (for the video composer's portrait). */
export const SelectionSingle: Story = {
  parameters: withAssets,
  args: { selectionMode: 'single' },
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    await within(canvasElement).findByRole('grid', { name: m('gallery.label') })
    const [first, second] = tiles(canvasElement)
    await userEvent.click(first!)
    await expect(first).toHaveAttribute('aria-selected', 'true')
    await userEvent.click(second!)
    await expect(second).toHaveAttribute('aria-selected', 'true')
    await expect(first).toHaveAttribute('aria-selected', 'false')
  },
}

/** Several files can be selected. */
export const SelectionMultiple: Story = {
  parameters: withAssets,
  args: { selectionMode: 'multiple' },
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    const grid = await canvas.findByRole('grid', { name: m('gallery.label') })
    await expect(grid).toHaveAttribute('aria-multiselectable', 'true')
    const [first, second] = tiles(canvasElement)
    await userEvent.click(first!)
    await userEvent.click(second!)
    await expect(first).toHaveAttribute('data-selected')
    await expect(second).toHaveAttribute('data-selected')
  },
}

/** The preview dialog of a photo. */
export const PreviewOpen: Story = {
  parameters: withAssets,
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await pressTileButton(canvasElement, m, 'preview', 'Side profile.png')
    const dialog = await canvas.findByRole('dialog', { name: 'Side profile.png' })
    await expect(within(dialog).getByRole('img', { name: 'Side profile.png' })).toBeVisible()
  },
}

/** Delete one file, after confirming. */
export const ConfirmDelete: Story = {
  parameters: withAssets,
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await deleteTile(canvasElement, m, 'Side profile.png')
    await waitFor(() => expect(canvas.queryByText('Side profile.png')).toBeNull())
    await waitFor(() => expect(canvas.queryByRole('alertdialog')).toBeNull())
    await expect(canvas.getByText('Front, daylight.png')).toBeVisible()
  },
}

/** "Delete all my likeness data" waits until the person types the word. */
export const DeleteAll: Story = {
  parameters: withAssets,
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await userEvent.click(
      await canvas.findByRole('button', { name: m('gallery.deleteAll.trigger') }),
    )
    const dialog = await canvas.findByRole('alertdialog', {
      name: m('gallery.deleteAll.title'),
    })
    const confirm = within(dialog).getByRole('button', { name: m('gallery.deleteAll.confirm') })
    await expect(confirm).toBeDisabled()
    await userEvent.type(
      within(dialog).getByLabelText(
        m('gallery.deleteAll.prompt', { word: m('gallery.deleteAll.word') }),
      ),
      m('gallery.deleteAll.word'),
    )
    await expect(confirm).toBeEnabled()
  },
}

/** A deletion the server refused: the file comes back, and an alert says so. */
export const DeleteRolledBack: Story = {
  parameters: { gallery: { assets: MIXED_ASSETS, decorate: failingDelete } },
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await deleteTile(canvasElement, m, 'Side profile.png')
    await expect(
      await canvas.findByText(
        m('gallery.delete.failed', { name: 'Side profile.png', reason: '' }).trim(),
        { exact: false },
      ),
    ).toBeVisible()
    await expect(await canvas.findByRole('gridcell', { name: /Side profile\.png/ })).toBeVisible()
  },
}

/** 10,000 files: only the rows in view are in the page; more pages load on scroll. */
export const ManyAssets: Story = {
  parameters: { gallery: { decorate: manyAssets(10_000) } },
  args: { pageSize: 100 },
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    const grid = await canvas.findByRole('grid')
    await waitFor(() => expect(tiles(canvasElement).length).toBeGreaterThan(0))
    await expect(tiles(canvasElement).length).toBeLessThan(120)
    await expect(canvas.getByText(m('gallery.count', { count: 10000 }))).toBeVisible()
    const scroller = grid.parentElement!
    scroller.scrollTop = scroller.scrollHeight
    await waitFor(() =>
      expect(canvasElement.querySelectorAll('[aria-rowindex]').length).toBeGreaterThan(0),
    )
    await waitFor(
      () => {
        scroller.scrollTop = scroller.scrollHeight
        const last = Number(
          Array.from(canvasElement.querySelectorAll('[role="row"]'))
            .at(-1)
            ?.getAttribute('aria-rowindex'),
        )
        return expect(last).toBeGreaterThan(100 / 5)
      },
      { timeout: 5000 },
    )
    await expect(tiles(canvasElement).length).toBeLessThan(120)
  },
}

/** Arrow keys move between tiles; Enter previews; Escape returns focus to the tile. */
export const KeyboardNavigation: Story = {
  parameters: withAssets,
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await canvas.findByRole('grid', { name: m('gallery.label') })
    const [first, second] = tiles(canvasElement)
    await expect(first).toHaveAttribute('tabindex', '0')
    first!.focus()
    await userEvent.keyboard('{ArrowRight}')
    await expect(second).toHaveFocus()
    await userEvent.keyboard('{Enter}')
    await canvas.findByRole('dialog')
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(second).toHaveFocus())
  },
}

/** Parts on their own: a drop zone with the uploads list, no grid. */
export const DropzoneOnly: Story = {
  render: parts(
    <>
      <AssetGallery.Dropzone />
      <AssetGallery.UploadList />
    </>,
    { capture: 'user' },
  ),
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await expect(
      await canvas.findByRole('button', { name: m('gallery.upload.camera') }),
    ).toBeEnabled()
  },
}

/** Parts rearranged: the grid first, the toolbar below, and a host's own upload link. */
export const CustomLayout: Story = {
  parameters: withAssets,
  render: parts(
    <>
      <AssetGallery.Grid minTileWidth={120} />
      <AssetGallery.Toolbar />
      <AssetGallery.UploadButton asChild>
        <a href="#add">Add a file</a>
      </AssetGallery.UploadButton>
      <AssetGallery.UploadList />
      <AssetGallery.PreviewDialog />
      <AssetGallery.DeleteDialog />
      <AssetGallery.DeleteError />
    </>,
    { selectionMode: 'multiple' },
  ),
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await canvas.findByRole('grid', { name: m('gallery.label') })
    await expect(canvas.getByRole('link', { name: 'Add a file' })).toBeVisible()
  },
}

/** A tile on its own (outside the grid its buttons take focus). */
export const TileOnly: Story = {
  parameters: withAssets,
  render: parts(
    <>
      <FirstTile />
      <AssetGallery.PreviewDialog />
      <AssetGallery.DeleteDialog />
    </>,
  ),
  play: async ({ canvasElement, globals }) => {
    const m = wordsFor(globals)
    const canvas = within(canvasElement)
    await expect(
      await canvas.findByRole('button', {
        name: m('gallery.tile.preview', { name: 'Just uploaded.png' }),
      }),
    ).toBeVisible()
  },
}

function FirstTile() {
  const { assets } = useAssetGallery()
  const asset = assets.assets[0]
  return asset ? (
    <div style={{ width: 200 }}>
      <AssetGallery.Tile asset={asset} />
    </div>
  ) : null
}
