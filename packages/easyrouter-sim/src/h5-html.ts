import { H5_OUTCOMES, outcomeCodes } from './h5-outcomes.ts'
import type { H5Language, H5Text } from './h5-text.ts'
import type { H5Outcome } from './state.ts'

// Server-rendered pages with no script and no inline style, so they work under a strict
// Content-Security-Policy and with a keyboard alone: real buttons inside a real form. The one
// stylesheet is a file beside the page (`liveness.css`, relative, so a base path is kept).

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

function document(text: H5Text, title: string, body: string): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(text.htmlLang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    '<link rel="stylesheet" href="liveness.css">',
    '</head>',
    '<body>',
    '<main>',
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

/** The page offering the four outcomes. It carries a one-time form value, never the link's credentials. */
export function choicePage(options: {
  text: H5Text
  language: H5Language
  formAction: string
  formNonce: string
  expiresAt: string
}): string {
  const { text } = options
  const choices = H5_OUTCOMES.map((outcome) => {
    const { label, description } = text.outcomes[outcome]
    const helpId = `outcome-${outcome}-help`
    return [
      '<li>',
      `<button type="submit" name="outcome" value="${outcome}" aria-describedby="${helpId}">${escapeHtml(label)}</button>`,
      `<p id="${helpId}">${escapeHtml(description)}</p>`,
      '</li>',
    ].join('\n')
  })
  const body = [
    `<h1>${escapeHtml(text.title)}</h1>`,
    `<p>${escapeHtml(text.notice)}</p>`,
    `<p>${escapeHtml(text.expiresNote(options.expiresAt))}</p>`,
    `<form method="post" action="${escapeHtml(options.formAction)}">`,
    `<input type="hidden" name="attempt" value="${escapeHtml(options.formNonce)}">`,
    `<input type="hidden" name="lng" value="${escapeHtml(options.language)}">`,
    '<fieldset>',
    `<legend><h2>${escapeHtml(text.legend)}</h2></legend>`,
    '<ul>',
    ...choices,
    '</ul>',
    '</fieldset>',
    '</form>',
  ].join('\n')
  return document(text, text.title, body)
}

/** A page with a heading and one explanation: used, expired, invalid link, unknown result. */
export function messagePage(text: H5Text, title: string, message: string): string {
  return document(text, title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`)
}

/** The outcome, shown when the session has no `callback_url` to return to. */
export function resultPage(text: H5Text, outcome: H5Outcome, bytedToken: string): string {
  const codes = outcomeCodes(outcome)
  const rows: [string, string][] = [
    [text.resultOutcome, text.outcomes[outcome].label],
    ['bytedToken', bytedToken],
    ['resultCode', codes.resultCode],
    ['algorithmBaseRespCode', codes.algorithmBaseRespCode],
    ['reqMeasureInfoValue', codes.billed ? '1' : '0'],
    ['verify_type', 'real_time'],
  ]
  const list = rows
    .map(([name, value]) => `<dt>${escapeHtml(name)}</dt>\n<dd>${escapeHtml(value)}</dd>`)
    .join('\n')
  const body = [
    `<h1>${escapeHtml(text.resultTitle)}</h1>`,
    `<p>${escapeHtml(text.resultBody)}</p>`,
    `<dl>\n${list}\n</dl>`,
  ].join('\n')
  return document(text, text.resultTitle, body)
}
