import type { MessageCatalog } from '../i18n.tsx'

/** Keys of {@link verifyButtonMessages}. */
export type VerifyButtonMessageKey = keyof (typeof verifyButtonMessages)['en']

const en = {
  'verify.idle': 'Verify it’s you',
  'verify.loading': 'Checking your verification…',
  'verify.starting': 'Opening the face check…',
  'verify.pending': 'Waiting for you to finish.',
  'verify.pendingHint.redirect': 'Finish the face check on the verification page.',
  'verify.pendingHint.popup': 'Finish the face check in the window that opened.',
  'verify.restart': 'Open it again',
  'verify.cancel': 'Cancel',
  'verify.verified': 'Verified',
  'verify.verifiedHint': 'You are verified. Your portraits can be used in videos.',
  'verify.failed': 'Try again',
  'verify.failedTitle': 'Verification failed.',
  'verify.cancelledTitle': 'Verification cancelled.',
  'verify.expired': 'Start again',
  'verify.expiredTitle': 'The verification expired.',
  'verify.errorTitle': 'The verification could not start.',
  'verify.reason.liveness_failed':
    'The face check did not pass. Try again in good light, facing the camera.',
  'verify.reason.cancelled': 'The face check was cancelled before it finished.',
  'verify.reason.too_many_attempts': 'There were too many attempts. Wait a while, then try again.',
  'verify.reason.camera_unavailable':
    'The camera could not be used. Allow camera access, then try again.',
  'verify.reason.face_mismatch': 'The face did not match during the check. Try again yourself.',
  'verify.reason.face_quality_too_low':
    'The picture of your face was not clear enough. Try again in better light.',
  'verify.reason.rate_limited': 'The service is busy. Try again in a moment.',
  'verify.reason.expired': 'The link was open too long. Start a new verification.',
  'verify.reason.network': 'Could not reach the server. Check your connection and try again.',
  'verify.reason.unauthorized': 'Please sign in first.',
  'verify.reason.other': 'Something went wrong. Try again later.',
  'verify.env.title': 'Before you start',
  'verify.env.insecure':
    'This page is not on a secure (https) connection, so the browser will not allow the camera.',
  'verify.env.no_camera':
    'This browser cannot use a camera. Open this page in an up-to-date browser such as Chrome, Safari or Edge.',
  'verify.env.in_app':
    'You seem to be in an app’s built-in browser, which often blocks the camera. Open this page in your browser (look for “Open in browser” in the app’s menu).',
  'verify.env.continue': 'Continue anyway',
  'verify.env.copy': 'Copy link',
  'verify.env.copied': 'Link copied. Paste it into your browser.',
  'verify.env.dismiss': 'Not now',
} as const

/**
 * The strings of {@link VerifyButton}, in English and Simplified Chinese. Override any by key
 * through the `messages` prop or `LikenessUIProvider`.
 *
 * @example
 * ```tsx
 * <VerifyButton messages={{ 'verify.idle': 'Prove it is you' }} />
 * ```
 */
export const verifyButtonMessages: MessageCatalog<keyof typeof en> = {
  en,
  'zh-CN': {
    'verify.idle': '验证本人',
    'verify.loading': '正在查询验证状态…',
    'verify.starting': '正在打开人脸核验…',
    'verify.pending': '等待你完成核验。',
    'verify.pendingHint.redirect': '请在核验页面完成人脸核验。',
    'verify.pendingHint.popup': '请在新打开的窗口中完成人脸核验。',
    'verify.restart': '重新打开',
    'verify.cancel': '取消',
    'verify.verified': '已验证',
    'verify.verifiedHint': '你已通过验证，你的肖像可以用于生成视频。',
    'verify.failed': '重试',
    'verify.failedTitle': '验证未通过。',
    'verify.cancelledTitle': '验证已取消。',
    'verify.expired': '重新开始',
    'verify.expiredTitle': '验证已过期。',
    'verify.errorTitle': '无法开始验证。',
    'verify.reason.liveness_failed': '人脸核验未通过。请在光线充足处正对镜头再试一次。',
    'verify.reason.cancelled': '人脸核验在完成前被取消了。',
    'verify.reason.too_many_attempts': '尝试次数过多，请稍等一会儿再试。',
    'verify.reason.camera_unavailable': '无法使用摄像头。请允许访问摄像头后重试。',
    'verify.reason.face_mismatch': '核验过程中人脸不一致。请本人重新核验。',
    'verify.reason.face_quality_too_low': '人脸画面不够清晰。请在光线更好的地方重试。',
    'verify.reason.rate_limited': '服务繁忙，请稍后再试。',
    'verify.reason.expired': '链接打开时间过长。请重新发起验证。',
    'verify.reason.network': '无法连接服务器。请检查网络后重试。',
    'verify.reason.unauthorized': '请先登录。',
    'verify.reason.other': '出了点问题，请稍后再试。',
    'verify.env.title': '开始之前',
    'verify.env.insecure': '此页面不是安全连接（https），浏览器不会允许使用摄像头。',
    'verify.env.no_camera':
      '此浏览器无法使用摄像头。请用最新版的 Chrome、Safari 或 Edge 打开此页面。',
    'verify.env.in_app':
      '你可能正在某个应用的内置浏览器中，它常常会阻止摄像头。请在浏览器中打开此页面（在应用菜单中找“在浏览器中打开”）。',
    'verify.env.continue': '仍然继续',
    'verify.env.copy': '复制链接',
    'verify.env.copied': '链接已复制，请粘贴到浏览器中打开。',
    'verify.env.dismiss': '暂不',
  },
}
