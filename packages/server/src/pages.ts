import { VERIFICATION_MESSAGE_TYPE } from '@likeness/core'

// Small pages the browser sees at the end of a verification. No inline script or style, so
// they work under a strict Content-Security-Policy; the popup page loads one script from the
// handler itself, which reads its data from attributes.

const PAGE_CSP = "default-src 'none'; script-src 'self'; base-uri 'none'; form-action 'none'"

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

function page(status: number, title: string, body: string, bodyAttributes = ''): Response {
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    // The browser's own light or dark rendering, as the person prefers; no style is needed.
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    `<body${bodyAttributes}>`,
    '<main>',
    `<h1>${escapeHtml(title)}</h1>`,
    body,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n')
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': PAGE_CSP,
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    },
  })
}

/** A callback that changed nothing: forged, expired, replayed or mismatched. */
export function rejectedPage(status: number, message: string, backTo: string): Response {
  return page(
    status,
    'This verification link cannot be used',
    `<p>${escapeHtml(message)}</p>\n<p><a href="${escapeHtml(backTo)}">Go back and start again</a></p>`,
  )
}

/**
 * A callback that came back to a browser that did not start the verification (the liveness
 * link was opened on another device). It completed nothing; the verification is still pending
 * where it was started.
 */
export function otherDevicePage(backTo: string): Response {
  return page(
    403,
    'Finish the check on the device you started it on',
    [
      '<p>This face check was started in another browser or on another device, so it was not completed here. For your safety a check can only be finished where it was started: nobody can verify your account with a link you sent them.</p>',
      '<p>Go back to the device where you pressed “Verify” and finish the check there, or start a new check in this browser.</p>',
      `<p><a href="${escapeHtml(backTo)}">Start a check in this browser</a></p>`,
    ].join('\n'),
  )
}

/**
 * Popup mode: posts the result to the opener at exactly `openerOrigin`, then closes. If the
 * window has no opener (the person opened the link elsewhere) it offers a link back.
 */
export function popupResultPage(options: {
  scriptUrl: string
  openerOrigin: string
  sessionId: string
  status: string
  backTo: string
}): Response {
  const message =
    options.status === 'verified' ? 'You are verified.' : 'The verification has ended.'
  const attributes = [
    ` data-likeness-origin="${escapeHtml(options.openerOrigin)}"`,
    ` data-likeness-session="${escapeHtml(options.sessionId)}"`,
    ` data-likeness-status="${escapeHtml(options.status)}"`,
  ].join('')
  return page(
    200,
    message,
    [
      '<p>You can close this window and return to the app.</p>',
      `<p><a href="${escapeHtml(options.backTo)}">Return to the app</a></p>`,
      `<script src="${escapeHtml(options.scriptUrl)}"></script>`,
    ].join('\n'),
    attributes,
  )
}

/** The script of the popup page. Static, so it can be cached and allowed by `script-src 'self'`. */
export function popupScript(): Response {
  const source = `(function () {
  var data = document.body.dataset;
  if (!window.opener || !data.likenessOrigin) return;
  window.opener.postMessage(
    { type: ${JSON.stringify(VERIFICATION_MESSAGE_TYPE)}, sessionId: data.likenessSession, status: data.likenessStatus },
    data.likenessOrigin
  );
  window.close();
})();
`
  return new Response(source, {
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    },
  })
}
