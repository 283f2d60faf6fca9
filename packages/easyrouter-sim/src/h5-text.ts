import type { H5Outcome } from './state.ts'

/** Languages the H5 page speaks, chosen by the link's `lng` parameter as upstream. */
export type H5Language = 'zh' | 'en' | 'zh-Hant'

/** Every piece of text the H5 pages show, in one language. */
export interface H5Text {
  htmlLang: string
  title: string
  notice: string
  legend: string
  expiresNote: (expiresAt: string) => string
  outcomes: Record<H5Outcome, { label: string; description: string }>
  usedTitle: string
  usedBody: string
  expiredTitle: string
  expiredBody: string
  invalidTitle: string
  invalidBody: string
  badOutcomeTitle: string
  badOutcomeBody: string
  resultTitle: string
  resultBody: string
  resultOutcome: string
}

const en: H5Text = {
  htmlLang: 'en',
  title: 'Liveness check (simulator)',
  notice:
    'This page stands in for the real liveness check. It is served by the EasyRouter ' +
    'simulator: no camera is opened and no face is checked. Choose the result to send back ' +
    'to the site that brought you here.',
  legend: 'Choose a result',
  expiresNote: (expiresAt) => `This link works once and expires at ${expiresAt}.`,
  outcomes: {
    pass: {
      label: 'Pass',
      description:
        'The check succeeds (resultCode 10000, algorithmBaseRespCode 0) and a portrait ' +
        'asset group is created.',
    },
    fail: { label: 'Fail', description: 'Liveness failed (resultCode -1003).' },
    mismatch: {
      label: 'Fail with face mismatch',
      description:
        'resultCode 10000 with the sub-code 210312: it looks like success but is a failure.',
    },
    cancel: {
      label: 'Cancel',
      description: 'The person gives up (resultCode -1006); nothing is billed.',
    },
  },
  usedTitle: 'This link has already been used',
  usedBody:
    'Each verification link works only once. Go back to the site and start a new verification.',
  expiredTitle: 'This link has expired',
  expiredBody:
    'Verification links are valid for a limited time. Go back to the site and start a new ' +
    'verification.',
  invalidTitle: 'This link is not valid',
  invalidBody:
    'The verification link is incomplete or has been changed. Open it exactly as you received it.',
  badOutcomeTitle: 'Unknown result',
  badOutcomeBody: 'Choose one of the results the page offers: pass, fail, mismatch or cancel.',
  resultTitle: 'Verification finished',
  resultBody: 'No return address was given, so the result is shown here.',
  resultOutcome: 'Result',
}

const zh: H5Text = {
  htmlLang: 'zh-CN',
  title: '活体检测（模拟器）',
  notice:
    '这是 EasyRouter 模拟器提供的测试页面，用来代替真实的活体检测：不会打开摄像头，' +
    '也不会检测人脸。请选择要返回给来源网站的结果。',
  legend: '选择检测结果',
  expiresNote: (expiresAt) => `此链接只能使用一次，有效期至 ${expiresAt}。`,
  outcomes: {
    pass: {
      label: '通过',
      description: '检测成功（resultCode 10000，algorithmBaseRespCode 0），并创建人像素材组。',
    },
    fail: { label: '失败', description: '活体检测失败（resultCode -1003）。' },
    mismatch: {
      label: '失败（人脸不一致）',
      description: 'resultCode 为 10000，但子码为 210312：看似成功，实为失败。',
    },
    cancel: { label: '取消', description: '用户放弃检测（resultCode -1006），不计费。' },
  },
  usedTitle: '此链接已被使用',
  usedBody: '每个验证链接只能使用一次。请返回原网站，重新发起验证。',
  expiredTitle: '此链接已过期',
  expiredBody: '验证链接的有效期有限。请返回原网站，重新发起验证。',
  invalidTitle: '此链接无效',
  invalidBody: '验证链接不完整或已被修改。请按收到时的原样打开链接。',
  badOutcomeTitle: '未知的检测结果',
  badOutcomeBody: '请选择页面提供的结果之一：pass、fail、mismatch 或 cancel。',
  resultTitle: '验证已完成',
  resultBody: '未提供回调地址，因此在此显示结果。',
  resultOutcome: '结果',
}

const zhHant: H5Text = {
  htmlLang: 'zh-Hant',
  title: '活體檢測（模擬器）',
  notice:
    '這是 EasyRouter 模擬器提供的測試頁面，用來代替真實的活體檢測：不會開啟相機，' +
    '也不會檢測人臉。請選擇要回傳給來源網站的結果。',
  legend: '選擇檢測結果',
  expiresNote: (expiresAt) => `此連結只能使用一次，有效期至 ${expiresAt}。`,
  outcomes: {
    pass: {
      label: '通過',
      description: '檢測成功（resultCode 10000，algorithmBaseRespCode 0），並建立人像素材組。',
    },
    fail: { label: '失敗', description: '活體檢測失敗（resultCode -1003）。' },
    mismatch: {
      label: '失敗（人臉不一致）',
      description: 'resultCode 為 10000，但子碼為 210312：看似成功，實為失敗。',
    },
    cancel: { label: '取消', description: '使用者放棄檢測（resultCode -1006），不計費。' },
  },
  usedTitle: '此連結已被使用',
  usedBody: '每個驗證連結只能使用一次。請返回原網站，重新發起驗證。',
  expiredTitle: '此連結已過期',
  expiredBody: '驗證連結的有效期有限。請返回原網站，重新發起驗證。',
  invalidTitle: '此連結無效',
  invalidBody: '驗證連結不完整或已被修改。請依收到時的原樣開啟連結。',
  badOutcomeTitle: '未知的檢測結果',
  badOutcomeBody: '請選擇頁面提供的結果之一：pass、fail、mismatch 或 cancel。',
  resultTitle: '驗證已完成',
  resultBody: '未提供回呼網址，因此在此顯示結果。',
  resultOutcome: '結果',
}

const TEXTS: Record<H5Language, H5Text> = { en, zh, 'zh-Hant': zhHant }

/** Picks the language from a `lng` value; anything unknown falls back to `zh`, as upstream. */
export function pickLanguage(lng: string | null | undefined): H5Language {
  return lng === 'en' || lng === 'zh-Hant' ? lng : 'zh'
}

/** The texts of one language. */
export function h5Text(language: H5Language): H5Text {
  return TEXTS[language]
}
