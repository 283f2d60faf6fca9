import { describe, expect, it } from 'vitest'
import {
  activeAsset,
  call,
  createSession,
  createTestBed,
  get,
  KEY_B,
  MEDIA,
  PREFIX,
  uploadAsset,
  verifiedGroup,
  withMarker,
  type TestBed,
} from '../test/support.ts'

async function readAsset(bed: TestBed, id: string, key?: string): Promise<ReturnType<typeof call>> {
  return call(bed.sim, 'GET', `${PREFIX}/assets/${id}`, key === undefined ? {} : { key })
}

describe('POST /assets (2.3)', () => {
  it('accepts the upload as Processing with the asynchronous warning', async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const url = bed.media.put('/me.png', MEDIA.png)
    const result = await call(bed.sim, 'POST', `${PREFIX}/assets`, {
      body: { group_id: groupId, url, asset_type: 'Image', name: 'Front portrait' },
    })
    expect(result.status).toBe(200)
    expect(result.json.success).toBe(true)
    expect(result.json.message).toBe('')
    expect(result.json.warning).toMatch(/asynchronous/i)
    expect(result.json.data).toEqual({
      id: expect.stringMatching(/^asset-20260521162915-[a-z]{5}$/),
      group_id: groupId,
      name: 'Front portrait',
      url,
      asset_type: 'Image',
      status: 'Processing',
      create_time: '2026-05-21T16:29:15+08:00',
    })
  })

  it.each([
    ['group_id missing', { url: 'https://media.example/a.png', asset_type: 'Image' }, 'group_id'],
    ['url missing', { group_id: 'G', asset_type: 'Image' }, 'url'],
    ['asset_type missing', { group_id: 'G', url: 'https://media.example/a.png' }, 'asset_type'],
    [
      'bad asset_type',
      { group_id: 'G', url: 'https://media.example/a', asset_type: 'image' },
      'asset_type',
    ],
    ['url not http(s)', { group_id: 'G', url: 'file:///etc/passwd', asset_type: 'Image' }, 'url'],
    ['url relative', { group_id: 'G', url: '/a.png', asset_type: 'Image' }, 'url'],
    [
      'url a data URI',
      { group_id: 'G', url: 'data:image/png;base64,AA==', asset_type: 'Image' },
      'url',
    ],
    [
      'name not a string',
      { group_id: 'G', url: 'https://media.example/a', asset_type: 'Audio', name: 1 },
      'name',
    ],
  ])('rejects %s with a 400 naming the field', async (_name, body, field) => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const withGroup = 'group_id' in body ? { ...body, group_id: groupId } : body
    const result = await call(bed.sim, 'POST', `${PREFIX}/assets`, { body: withGroup })
    expect(result.status).toBe(400)
    expect(result.json).toEqual({ success: false, message: expect.stringContaining(field) })
  })

  it("answers 404 for a group that does not exist, was deleted, or is another account's", async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const body = { url: 'https://media.example/a.png', asset_type: 'Image' }
    const unknown = await call(bed.sim, 'POST', `${PREFIX}/assets`, {
      body: { ...body, group_id: 'group-20260520163350-ctpqc' },
    })
    expect(unknown.status).toBe(404)
    expect(unknown.json.message).toContain('group-20260520163350-ctpqc')
    const foreign = await call(bed.sim, 'POST', `${PREFIX}/assets`, {
      key: KEY_B,
      body: { ...body, group_id: groupId },
    })
    expect(foreign.status).toBe(404)
    await call(bed.sim, 'DELETE', `${PREFIX}/asset-groups/${groupId}`)
    const deleted = await call(bed.sim, 'POST', `${PREFIX}/assets`, {
      body: { ...body, group_id: groupId },
    })
    expect(deleted.status).toBe(404)
  })
})

describe('asset processing', () => {
  it('goes Processing -> Active once downloaded and assetProcessingMs has passed', async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const { id } = await uploadAsset(bed, { groupId, name: 'me' })
    await bed.sim.settle()
    expect(bed.media.requested).toHaveLength(1)
    bed.clock.advance(2_999)
    expect((await readAsset(bed, id)).json.data.status).toBe('Processing')
    bed.clock.advance(1)
    const active = (await readAsset(bed, id)).json.data
    expect(active.status).toBe('Active')
    expect(active).not.toHaveProperty('error')
    expect(active.update_time).toBe('2026-05-21T16:29:18+08:00')
  })

  it('stays Processing while the download is still running, whatever the clock says', async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    // The download answers only when released, so "still running" does not hang on a timer.
    const release = bed.media.hold('/slow.png', MEDIA.png)
    const upload = await call(bed.sim, 'POST', `${PREFIX}/assets`, {
      body: { group_id: groupId, url: `${bed.media.origin}/slow.png`, asset_type: 'Image' },
    })
    const id = upload.json.data.id as string
    bed.clock.advance(60_000)
    expect((await readAsset(bed, id)).json.data.status).toBe('Processing')
    release()
    await bed.sim.settle()
    expect((await readAsset(bed, id)).json.data.status).toBe('Active')
  })

  it('fails with DownloadFailed when the url does not answer within assetFetchTimeoutMs', async () => {
    const bed = createTestBed({ timings: { assetFetchTimeoutMs: 50 } })
    const groupId = await verifiedGroup(bed.sim)
    const url = bed.media.hangPath('/never.png')
    const upload = await call(bed.sim, 'POST', `${PREFIX}/assets`, {
      body: { group_id: groupId, url, asset_type: 'Image' },
    })
    // The download gives up after 50 ms of real time, however long that takes to come.
    await bed.sim.settle()
    bed.clock.advance(3_000)
    const failed = (await readAsset(bed, upload.json.data.id as string)).json.data
    expect(failed.status).toBe('Failed')
    expect(failed.error).toEqual({
      code: 'DownloadFailed',
      message: 'Downloading the url timed out after 50 ms.',
    })
  })

  it.each(['Jane MISMATCH test', 'mismatch'])(
    'fails an Image named %j with exactly the upstream FaceMismatch error',
    async (name) => {
      const bed = createTestBed()
      const groupId = await verifiedGroup(bed.sim)
      const { id } = await activeAsset(bed, { groupId, name })
      const data = (await readAsset(bed, id)).json.data
      expect(data.status).toBe('Failed')
      expect(data.error).toEqual({
        code: 'FaceMismatch',
        message: 'Face consistency verification failed.',
      })
    },
  )

  it('fails an Image whose url mentions mismatch, or whose bytes carry the marker', async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const byUrl = await uploadAsset(bed, { groupId, path: '/people/Face-Mismatch.png' })
    const byBytes = await uploadAsset(bed, { groupId, bytes: withMarker(MEDIA.jpeg) })
    await bed.sim.settle()
    bed.clock.advance(3_000)
    for (const { id } of [byUrl, byBytes]) {
      expect((await readAsset(bed, id)).json.data.error.code).toBe('FaceMismatch')
    }
  })

  it('does not apply the face rule to audio or video', async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const { id } = await activeAsset(bed, {
      groupId,
      name: 'mismatch voice',
      bytes: withMarker(MEDIA.wav),
      assetType: 'Audio',
    })
    expect((await readAsset(bed, id)).json.data.status).toBe('Active')
  })

  it('fails with DownloadFailed on a non-2xx answer or a network error', async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const gone = await call(bed.sim, 'POST', `${PREFIX}/assets`, {
      body: { group_id: groupId, url: 'https://media.example/missing.png', asset_type: 'Image' },
    })
    const broken = await call(bed.sim, 'POST', `${PREFIX}/assets`, {
      body: { group_id: groupId, url: bed.media.breakPath('/broken.png'), asset_type: 'Image' },
    })
    await bed.sim.settle()
    bed.clock.advance(3_000)
    const goneData = (await readAsset(bed, gone.json.data.id as string)).json.data
    expect(goneData.error).toEqual({
      code: 'DownloadFailed',
      message: expect.stringContaining('HTTP 404'),
    })
    const brokenData = (await readAsset(bed, broken.json.data.id as string)).json.data
    expect(brokenData.error.code).toBe('DownloadFailed')
  })

  it.each([
    ['a PNG uploaded as Video', MEDIA.png, 'Video', /image.*Video/],
    ['an MP3 uploaded as Image', MEDIA.mp3, 'Image', /audio.*Image/],
    [
      'an HTML page uploaded as Image',
      new TextEncoder().encode('<html>hi</html>'),
      'Image',
      /not a supported/,
    ],
    ['an AVIF still uploaded as Image', MEDIA.avif, 'Image', /not a supported/],
  ])('fails %s with InvalidMedia', async (_name, bytes, assetType, message) => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const { id } = await activeAsset(bed, { groupId, bytes, assetType })
    const data = (await readAsset(bed, id)).json.data
    expect(data.status).toBe('Failed')
    expect(data.error.code).toBe('InvalidMedia')
    expect(data.error.message).toMatch(message)
  })

  it('fails files over maxAssetBytes with InvalidMedia', async () => {
    const bed = createTestBed({ maxAssetBytes: 16 })
    const groupId = await verifiedGroup(bed.sim)
    const { id } = await activeAsset(bed, { groupId, bytes: MEDIA.png })
    const data = (await readAsset(bed, id)).json.data
    expect(data.error).toEqual({
      code: 'InvalidMedia',
      message: expect.stringContaining('16-byte'),
    })
  })

  it.each([
    ['JPEG', MEDIA.jpeg, 'Image'],
    ['WebP', MEDIA.webp, 'Image'],
    ['GIF', MEDIA.gif, 'Image'],
    ['HEIC', MEDIA.heic, 'Image'],
    ['MP4', MEDIA.mp4, 'Video'],
    ['WebM', MEDIA.webm, 'Video'],
    ['M4A', MEDIA.m4a, 'Audio'],
    ['MP3', MEDIA.mp3Frame, 'Audio'],
  ])('accepts a %s as %s', async (_name, bytes, assetType) => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const { id } = await activeAsset(bed, { groupId, bytes, assetType })
    expect((await readAsset(bed, id)).json.data.status).toBe('Active')
  })
})

describe('GET /assets/{id} (2.5) and its signed url', () => {
  it('returns the documented fields with a signed, expiring url', async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const { id } = await activeAsset(bed, { groupId, name: 'me' })
    const result = await readAsset(bed, id)
    expect(result.json.success).toBe(true)
    expect(Object.keys(result.json.data as object).sort()).toEqual(
      [
        'asset_type',
        'create_time',
        'group_id',
        'id',
        'name',
        'status',
        'update_time',
        'url',
      ].sort(),
    )
    const url = new URL(result.json.data.url as string)
    expect(url.origin + url.pathname).toBe(`http://127.0.0.1:4010/tos/${id}`)
    expect(url.searchParams.get('X-Tos-Expires')).toBe('43200')
    expect(url.searchParams.get('X-Tos-Date')).toBe('20260521T082918Z')
  })

  it('serves the stored bytes with the sniffed Content-Type, without an API key', async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const { id } = await activeAsset(bed, { groupId })
    const url: string = (await readAsset(bed, id)).json.data.url
    const response = await bed.sim.fetch(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(MEDIA.png)

    const head = await bed.sim.fetch(url, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(MEDIA.png.length))

    const range = await bed.sim.fetch(url, { headers: { range: 'bytes=1-3' } })
    expect(range.status).toBe(206)
    expect(range.headers.get('content-range')).toBe(`bytes 1-3/${MEDIA.png.length}`)
    expect(new TextDecoder().decode(await range.arrayBuffer())).toBe('PNG')
    const unsatisfiable = await bed.sim.fetch(url, { headers: { range: 'bytes=999-' } })
    expect(unsatisfiable.status).toBe(416)
  })

  it('answers 403 for a tampered or expired link', async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const { id } = await activeAsset(bed, { groupId })
    const url = new URL((await readAsset(bed, id)).json.data.url as string)

    const tampered = new URL(url)
    tampered.searchParams.set('X-Tos-Expires', '999999')
    const forged = await get(bed.sim, tampered.toString())
    expect(forged.status).toBe(403)
    expect(forged.json.Code).toBe('SignatureDoesNotMatch')

    const unsigned = await get(bed.sim, `http://127.0.0.1:4010/tos/${id}`)
    expect(unsigned.status).toBe(403)

    bed.clock.advance(43_200_000 - 1)
    expect((await get(bed.sim, url.toString())).status).toBe(200)
    bed.clock.advance(1)
    const expired = await get(bed.sim, url.toString())
    expect(expired.status).toBe(403)
    expect(expired.json.Message).toMatch(/expired/)
  })

  it('answers 404 for an unknown asset, with the management envelope', async () => {
    const bed = createTestBed()
    const result = await readAsset(bed, 'asset-20260521164235-zggcb')
    expect(result.status).toBe(404)
    expect(result.json).toEqual({
      success: false,
      message: expect.stringContaining('asset-20260521164235-zggcb'),
    })
  })

  it('answers 404, not a crash, for an id with a malformed escape', async () => {
    const bed = createTestBed()
    const result = await call(bed.sim, 'GET', `${PREFIX}/assets/asset-%E0%A4%A`)
    expect(result.status).toBe(404)
    expect(result.json).toMatchObject({ success: false })
  })
})

describe('DELETE /assets/{id} (2.6) and /asset-groups/{id} (2.7)', () => {
  it('deletes an asset once; a second delete is 404, and its link stops serving', async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const { id } = await activeAsset(bed, { groupId })
    const url: string = (await readAsset(bed, id)).json.data.url
    const deleted = await call(bed.sim, 'DELETE', `${PREFIX}/assets/${id}`)
    expect(deleted.status).toBe(200)
    expect(deleted.json).toEqual({
      success: true,
      message: '',
      data: { asset_id: id, deleted: true },
    })
    expect((await call(bed.sim, 'DELETE', `${PREFIX}/assets/${id}`)).status).toBe(404)
    expect((await readAsset(bed, id)).status).toBe(404)
    expect((await get(bed.sim, url)).status).toBe(404)
  })

  it('deletes a group with its assets; the session stays verified', async () => {
    const bed = createTestBed()
    const session = await createSession(bed.sim, { callbackUrl: 'https://host.example/cb' })
    await get(bed.sim, `${session.h5_link.replaceAll('\\u0026', '&')}&outcome=pass`)
    const verified = await call(bed.sim, 'GET', `${PREFIX}/sessions/${session.byted_token}`)
    const groupId = verified.json.data.group_id
    const first = await activeAsset(bed, { groupId })
    const second = await activeAsset(bed, { groupId })

    const deleted = await call(bed.sim, 'DELETE', `${PREFIX}/asset-groups/${groupId}`)
    expect(deleted.json).toEqual({
      success: true,
      message: '',
      data: { group_id: groupId, deleted: true },
    })
    for (const { id } of [first, second]) expect((await readAsset(bed, id)).status).toBe(404)
    expect((await call(bed.sim, 'DELETE', `${PREFIX}/asset-groups/${groupId}`)).status).toBe(404)
    const after = await call(bed.sim, 'GET', `${PREFIX}/sessions/${session.byted_token}`)
    expect(after.json.data).toMatchObject({ status: 'verified', group_id: groupId })
  })
})
