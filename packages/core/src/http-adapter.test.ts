import { describe, expect, it } from 'vitest'
import { createHttpAdapter } from './http-adapter.ts'

/** A stand-in XMLHttpRequest: records what was sent, answers when told. */
function fakeXhr() {
  const xhr = {
    sent: null as { method: string; url: string; body: unknown } | null,
    headers: {} as Record<string, string>,
    withCredentials: false,
    status: 0,
    readyState: 0,
    responseText: '',
    responseHeaders: {} as Record<string, string>,
    aborted: false,
    upload: { onprogress: null as ((event: Partial<ProgressEvent>) => void) | null },
    onload: null as (() => void) | null,
    onerror: null as (() => void) | null,
    onabort: null as (() => void) | null,
    onloadend: null as (() => void) | null,
    method: '',
    url: '',
    open(method: string, url: string) {
      xhr.method = method
      xhr.url = url
    },
    setRequestHeader(name: string, value: string) {
      xhr.headers[name] = value
    },
    getResponseHeader: (name: string) => xhr.responseHeaders[name] ?? null,
    send(body: unknown) {
      xhr.sent = { method: xhr.method, url: xhr.url, body }
    },
    abort() {
      xhr.aborted = true
      xhr.readyState = 4
      xhr.onabort?.()
      xhr.onloadend?.()
    },
    /** Ends the request with an HTTP answer. */
    answer(status: number, body: unknown, headers: Record<string, string> = {}) {
      xhr.status = status
      xhr.readyState = 4
      xhr.responseText = JSON.stringify(body)
      xhr.responseHeaders = headers
      xhr.onload?.()
      xhr.onloadend?.()
    },
    /** Ends the request without an answer (network down). */
    fail() {
      xhr.readyState = 4
      xhr.onerror?.()
      xhr.onloadend?.()
    },
  }
  return xhr
}

const ASSET = { id: 'asset-1', name: 'a.png', type: 'image', status: 'processing' }
const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('createHttpAdapter uploads over XMLHttpRequest', () => {
  it('reports real progress and sends the protocol headers', async () => {
    const xhr = fakeXhr()
    const adapter = createHttpAdapter({
      baseUrl: '/api/likeness/',
      credentials: 'include',
      headers: () => ({ authorization: 'Bearer t' }),
      createXhr: () => xhr as unknown as XMLHttpRequest,
    })
    const file = new File([new Uint8Array(100)], 'a.png')
    const progress: [number, number][] = []
    const pending = adapter.uploadAsset(
      { file, type: 'image' },
      { onProgress: ({ loaded, total }) => progress.push([loaded, total]) },
    )
    await tick()
    expect(xhr.sent).toEqual({
      method: 'POST',
      url: '/api/likeness/assets?name=a.png&type=image',
      body: file,
    })
    expect(xhr.headers).toMatchObject({
      accept: 'application/json',
      authorization: 'Bearer t',
      'content-type': 'application/octet-stream',
      'x-likeness-request': '1',
    })
    expect(xhr.withCredentials).toBe(true)
    xhr.upload.onprogress?.({ loaded: 40, total: 100, lengthComputable: true })
    xhr.upload.onprogress?.({ loaded: 70, lengthComputable: false })
    xhr.answer(201, ASSET)
    await expect(pending).resolves.toEqual(ASSET)
    expect(progress).toEqual([
      [0, 100],
      [40, 100],
      [70, 100],
      [100, 100],
    ])
  })

  it('turns error answers, network failures and aborts into LikenessErrors', async () => {
    const xhrs: ReturnType<typeof fakeXhr>[] = []
    const adapter = createHttpAdapter({
      baseUrl: '/api',
      createXhr: () => {
        const xhr = fakeXhr()
        xhrs.push(xhr)
        return xhr as unknown as XMLHttpRequest
      },
    })
    const file = new Blob([new Uint8Array(10)])
    const upload = (signal?: AbortSignal) =>
      adapter.uploadAsset({ file }, { onProgress: () => undefined, signal })

    const refused = upload()
    await tick()
    xhrs[0]?.answer(
      429,
      {
        error: { code: 'rate_limited', message: 'Slow down.', retryable: true, details: { n: 1 } },
      },
      { 'retry-after': '2' },
    )
    await expect(refused).rejects.toMatchObject({
      name: 'LikenessError',
      code: 'rate_limited',
      status: 429,
      message: 'Slow down.',
      retryable: true,
      retryAfterMs: 2000,
      details: { n: 1 },
    })

    const lost = upload()
    await tick()
    xhrs[1]?.fail()
    await expect(lost).rejects.toMatchObject({ code: 'network', retryable: true })

    const controller = new AbortController()
    const stopped = upload(controller.signal)
    await tick()
    controller.abort()
    await expect(stopped).rejects.toMatchObject({ code: 'aborted' })
    expect(xhrs[2]?.aborted).toBe(true)
  })

  it('uploads with fetch when told not to use XMLHttpRequest', async () => {
    const seen: Request[] = []
    const adapter = createHttpAdapter({
      baseUrl: 'https://host.example/api',
      fetch: (input, init) => {
        seen.push(new Request(input, init))
        return Promise.resolve(Response.json(ASSET, { status: 201 }))
      },
      createXhr: false,
    })
    await expect(adapter.uploadAsset({ file: new Blob(['x']), name: 'n' })).resolves.toEqual(ASSET)
    expect(seen[0]?.url).toBe('https://host.example/api/assets?name=n')
    expect(seen[0]?.headers.get('x-likeness-request')).toBe('1')
    expect(seen[0]?.credentials).toBe('same-origin')
  })
})
