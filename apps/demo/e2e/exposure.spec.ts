// What a visitor with bad intent can do from a real browser: edit their cookie, or send a form
// from a site of their own. Neither reaches anyone else's data or the simulator's controls.
import { expect, snap, test } from './fixtures.ts'
import { openApp, steps, verify, verifyTrigger } from './journey.ts'

test('an edited cookie is not somebody else’s Ben, and neither is choosing Ben', async ({
  page,
  browser,
  demo,
}, testInfo) => {
  // Someone visits as Ben and verifies.
  await openApp(page)
  const signedInAs = page.getByRole('combobox', { name: 'Signed in as' })
  await signedInAs.selectOption('ben')
  await expect(verifyTrigger(page)).not.toHaveAttribute('data-state', 'loading')
  await verify(page)

  // Someone else, in a browser of their own, edits their demo cookie to say Ben, and adds the
  // plain `likeness_demo_user=ben` that earlier versions of the demo believed.
  const other = await browser.newContext({ baseURL: demo.url })
  try {
    const intruder = await other.newPage()
    await openApp(intruder)
    const cookies = await other.cookies(demo.url)
    await other.clearCookies()
    await other.addCookies([
      ...cookies.map((cookie) => ({ ...cookie, value: cookie.value.replaceAll('ada', 'ben') })),
      { name: 'likeness_demo_user', value: 'ben', url: demo.url },
    ])
    expect((await intruder.request.get('/api/likeness/verification')).status()).toBe(401)
    await intruder.reload()
    await expect(verifyTrigger(intruder)).not.toHaveAttribute('data-state', 'loading')
    await expect(intruder.getByRole('combobox', { name: 'Signed in as' })).toHaveValue('ada')
    await expect(verifyTrigger(intruder)).toHaveText('Verify it’s you')
    await snap(intruder, testInfo, '01-edited-cookie-is-a-new-visitor')

    // Choosing Ben is their own Ben, who has verified nothing.
    await intruder.getByRole('combobox', { name: 'Signed in as' }).selectOption('ben')
    await expect(verifyTrigger(intruder)).not.toHaveAttribute('data-state', 'loading')
    await expect(verifyTrigger(intruder)).toHaveText('Verify it’s you')
    await expect(steps(intruder).likeness.getByText('Verify that it is you first')).toBeVisible()
    await snap(intruder, testInfo, '02-their-own-ben')
  } finally {
    await other.close()
  }

  // The first Ben is still verified.
  await page.reload()
  await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'verified')
})

test('a form on another site cannot drive the simulator’s controls', async ({
  page,
  demo,
}, testInfo) => {
  const rule = { path: '/nothing/at/all', status: 503, times: 50 }
  await demo.addFault(rule)

  // A page on another site with forms aimed at the controls: one resets the simulator, one
  // smuggles a JSON fault rule in a text/plain body.
  const target = (route: string) => `${demo.url}/sim/__sim/${route}`
  await page.route('http://elsewhere.test/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Prizes</title>
        <form method="post" action="${target('reset')}"><button>Reset</button></form>
        <form method="post" action="${target('faults')}" enctype="text/plain">
          <input type="hidden" name='{"status":500,"x":"' value='"}'>
          <button>Fault</button>
        </form>`,
    }),
  )
  for (const [button, route] of [
    ['Reset', 'reset'],
    ['Fault', 'faults'],
  ] as const) {
    await page.goto('http://elsewhere.test/')
    const answered = page.waitForResponse(target(route))
    await page.getByRole('button', { name: button }).click()
    expect((await answered).status(), route).toBe(403)
  }
  await snap(page, testInfo, '01-forged-post-refused')

  expect(await demo.faults()).toEqual([expect.objectContaining(rule)])
})
