import type { Page } from '@playwright/test'
import { expect, snap, test } from './fixtures.ts'
import {
  choosePortrait,
  composerStatus,
  generateVideo,
  openApp,
  portraitAssetId,
  steps,
  tile,
  verify,
  verifyTrigger,
  waitProgress,
} from './journey.ts'

const PROMPT = 'Ada rowing across a misty lake'

async function signInAs(page: Page, user: 'ada' | 'ben'): Promise<void> {
  await page.getByRole('combobox', { name: 'Signed in as' }).selectOption(user)
  await expect(verifyTrigger(page)).not.toHaveAttribute('data-state', 'loading')
}

test('each demo user sees only their own verification, portraits and videos', async ({
  page,
}, testInfo) => {
  await openApp(page)
  await verify(page)
  await choosePortrait(page, 'ada.png')
  const assetId = await portraitAssetId(page, 'ada.png')
  const jobId = await generateVideo(page, PROMPT)
  await waitProgress(page)
  await snap(page, testInfo, '01-ada')

  await signInAs(page, 'ben')
  await expect(verifyTrigger(page)).toHaveText('Verify it’s you')
  await expect(steps(page).likeness.getByText('Verify that it is you first')).toBeVisible()
  const recent = steps(page).video.getByRole('region', { name: 'Recent videos' })
  await expect(recent).toContainText('Your videos will appear here.')
  await expect(composerStatus(page)).toHaveAttribute('data-status', 'idle')
  await expect(page.getByText('ada.png')).toHaveCount(0)
  await expect(page.getByText(PROMPT)).toHaveCount(0)
  await snap(page, testInfo, '02-ben-unverified')

  // Verified himself, Ben still has none of Ada's, and the server refuses him hers.
  await verify(page)
  await expect(steps(page).likeness.getByText('No files yet')).toBeVisible()
  await expect(page.getByText('ada.png')).toHaveCount(0)
  await snap(page, testInfo, '03-ben-verified')
  const api = page.request
  expect(((await (await api.get('/api/likeness/assets')).json()) as { items: [] }).items).toEqual(
    [],
  )
  expect(((await (await api.get('/api/likeness/videos')).json()) as { items: [] }).items).toEqual(
    [],
  )
  expect((await api.get(`/api/likeness/assets/${assetId}`)).status()).toBe(404)
  expect((await api.get(`/api/likeness/videos/${jobId}`)).status()).toBe(404)
  const borrowed = await api.post('/api/likeness/videos', {
    headers: { 'x-likeness-request': '1', 'idempotency-key': 'e2e-isolation-borrowed-asset' },
    data: { model: 'dreamina-seedance-2-0', prompt: 'Me', references: [{ assetId }] },
  })
  expect(borrowed.status()).toBe(400)

  await signInAs(page, 'ada')
  await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'verified')
  await expect(tile(page, 'ada.png')).toBeVisible()
  await expect(recent).toContainText(PROMPT)
  // Her composer picks her job up again.
  await expect(composerStatus(page)).not.toHaveAttribute('data-status', 'idle')
  await snap(page, testInfo, '04-ada-again')
})
