import { expect, snap, test } from './fixtures.ts'
import { openApp, steps, verifyTrigger } from './journey.ts'

test.describe('the face check in a popup window', () => {
  test.beforeEach(async ({ page }) => {
    await openApp(page)
    await steps(page)
      .verify.getByRole('checkbox', { name: 'Open the face check in a popup window' })
      .check()
  })

  test('passing in the popup verifies the page that opened it', async ({ page }, testInfo) => {
    const appUrl = page.url()
    const opened = page.waitForEvent('popup')
    await verifyTrigger(page).click()
    const popup = await opened
    await popup.waitForURL(/\/sim\/h5\/liveness/)
    await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'pending')
    await expect(steps(page).verify).toContainText(
      'Finish the face check in the window that opened.',
    )
    await snap(page, testInfo, '01-waiting-for-popup')
    await snap(popup, testInfo, '02-popup-liveness')

    await popup.getByRole('button', { name: 'Pass', exact: true }).click()
    await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'verified')
    await expect(verifyTrigger(page)).toHaveText('Verified')
    // The page itself never left.
    expect(page.url()).toBe(appUrl)
    await snap(page, testInfo, '03-verified')
  })

  test('closing the popup without a result gives the verification up', async ({
    page,
  }, testInfo) => {
    const opened = page.waitForEvent('popup')
    await verifyTrigger(page).click()
    const popup = await opened
    await popup.waitForURL(/\/sim\/h5\/liveness/)
    await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'pending')
    await popup.close()

    await expect(verifyTrigger(page)).not.toHaveAttribute('data-state', /pending|verified/)
    await expect(steps(page).verify).toContainText(
      'The face check was cancelled before it finished.',
    )
    await snap(page, testInfo, '01-popup-closed')
  })
})
