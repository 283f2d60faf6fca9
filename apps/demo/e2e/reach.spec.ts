// The same journey for people the default one does not stand for: in Chinese, on a phone, and
// with a keyboard alone.
import type { Locator, Page } from '@playwright/test'
import { expect, snap, test } from './fixtures.ts'
import {
  composerStatus,
  generateVideo,
  openApp,
  overflowsHorizontally,
  playVideo,
  portraits,
  startVerification,
  steps,
  tile,
  uploadPortrait,
  verify,
  verifyTrigger,
  waitActive,
  waitProgress,
  waitVideo,
} from './journey.ts'
import { portraitPng } from './portrait.ts'

test('in Simplified Chinese, the page, the components and the liveness page speak Chinese', async ({
  page,
}, testInfo) => {
  await openApp(page)
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN')

  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Likeness 演示')
  await expect(steps(page).verify.getByRole('heading')).toHaveText('1. 验证本人')
  await expect(verifyTrigger(page)).toHaveText('验证本人')
  await expect(steps(page).likeness).toContainText('请先验证是你本人')
  const video = steps(page).video
  await expect(video.getByRole('textbox', { name: '描述你想要的视频' })).toBeVisible()
  await expect(video.getByRole('button', { name: '生成视频' })).toBeVisible()
  await expect(video).toContainText('生成的视频会显示在这里。')
  await expect(page.getByText('Verify it’s you')).toHaveCount(0)
  await snap(page, testInfo, '01-zh-page')

  await startVerification(page)
  expect(new URL(page.url()).searchParams.get('lng')).toBe('zh')
  await expect(page.getByRole('heading', { name: '活体检测（模拟器）' })).toBeVisible()
  await snap(page, testInfo, '02-zh-liveness')
  await page.getByRole('button', { name: '通过', exact: true }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/sim/'))

  await expect(verifyTrigger(page)).toHaveText('已验证')
  await expect(steps(page).verify).toContainText('你已通过验证')
  await uploadPortrait(page, '我的照片.png')
  await expect(tile(page, '我的照片.png')).toHaveAttribute('data-status', 'active', {
    timeout: 20_000,
  })
  await expect(tile(page, '我的照片.png')).toContainText('可用')
  await tile(page, '我的照片.png').click()
  await expect(video.getByRole('group', { name: '人像' })).toContainText('我的照片.png')

  await video.getByRole('textbox', { name: '描述你想要的视频' }).fill('海边日落时的散步')
  await video.getByRole('button', { name: '生成视频' }).click()
  await expect(composerStatus(page).getByText(/^已完成 \d+%$/)).toBeVisible({ timeout: 20_000 })
  await snap(page, testInfo, '03-zh-progress')
  await waitVideo(page)
  await expect(composerStatus(page)).toContainText('视频已生成')
  await expect(composerStatus(page).getByRole('link', { name: '下载视频' })).toBeVisible()
  await snap(page, testInfo, '04-zh-video')
})

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })

  test('the journey completes and nothing scrolls sideways', async ({ page }, testInfo) => {
    const overflows: string[] = []
    const check = async (step: string) => {
      if (await overflowsHorizontally(page)) overflows.push(step)
      await snap(page, testInfo, step)
    }
    await openApp(page)
    await check('01-phone-start')
    await verify(page)
    await check('02-phone-verified')
    await uploadPortrait(page, 'me.png')
    await waitActive(page, 'me.png')
    await tile(page, 'me.png').tap()
    await expect(portraits(page)).toContainText('me.png')
    await check('03-phone-selected')
    await generateVideo(page, 'A walk on the beach at sunset')
    await waitProgress(page)
    await check('04-phone-progress')
    await playVideo(await waitVideo(page))
    await check('05-phone-video')
    expect(overflows, 'steps where the page scrolls sideways').toEqual([])
  })
})

test('with the keyboard alone, the journey completes', async ({ page }, testInfo) => {
  await openApp(page)

  await tabTo(page, verifyTrigger(page))
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/sim\/h5\/liveness/)
  await tabTo(page, page.getByRole('button', { name: 'Pass', exact: true }))
  await page.keyboard.press('Enter')
  await page.waitForURL((url) => !url.pathname.startsWith('/sim/'))
  await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'verified')
  await snap(page, testInfo, '01-keyboard-verified')

  await tabTo(page, steps(page).likeness.getByRole('button', { name: 'Choose files' }))
  const chooser = page.waitForEvent('filechooser')
  await page.keyboard.press('Enter')
  await (await chooser).setFiles({ name: 'me.png', mimeType: 'image/png', buffer: portraitPng() })
  await waitActive(page, 'me.png')

  // The grid is one tab stop; Space selects the focused tile.
  await tabTo(page, tile(page, 'me.png'))
  await page.keyboard.press('Space')
  await expect(tile(page, 'me.png')).toHaveAttribute('aria-selected', 'true')
  await expect(portraits(page)).toContainText('me.png')
  await snap(page, testInfo, '02-keyboard-selected')

  await tabTo(page, steps(page).video.getByRole('textbox', { name: 'Describe your video' }))
  await page.keyboard.type('Paper boats on a pond')
  await tabTo(page, steps(page).video.getByRole('button', { name: 'Generate video' }))
  await page.keyboard.press('Enter')
  await waitProgress(page)
  await waitVideo(page)
  await snap(page, testInfo, '03-keyboard-video')
})

/** Presses Tab until the element has focus; fails if it is not in the tab order. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  await target.waitFor()
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`${String(target)} was not reached with ${String(limit)} presses of Tab`)
}
