// The demo page's own words; the components bring theirs.
export type Language = 'en' | 'zh-CN'

export const TEXT = {
  en: {
    title: 'Likeness demo',
    tagline: 'Put a verified human into generated video.',
    signedInAs: 'Signed in as',
    users: { ada: 'Ada', ben: 'Ben' },
    language: 'Language',
    theme: 'Theme',
    themes: { system: 'System', light: 'Light', dark: 'Dark' },
    loading: 'Loading…',
    popup: 'Open the face check in a popup window',
    steps: {
      verify: {
        title: '1. Verify it’s you',
        body: 'A short face check on EasyRouter’s page proves that a real person is here. Only the result comes back: the server confirms it with EasyRouter.',
      },
      likeness: {
        title: '2. Manage your likeness',
        body: 'Add portraits of yourself. EasyRouter checks each against the verified face; those that match become Active and can be used in videos. Delete any, or everything, at any time.',
      },
      video: {
        title: '3. Create a video',
        body: 'Choose Active portraits as references, describe the scene, and Seedance 2.0 generates a video that features you.',
      },
    },
    footer:
      'Each demo user sees only their own verification, portraits and videos. Without an EasyRouter key everything runs on the built-in simulator.',
  },
  'zh-CN': {
    title: 'Likeness 演示',
    tagline: '把经过验证的真人放进生成的视频里。',
    signedInAs: '当前用户',
    users: { ada: 'Ada', ben: 'Ben' },
    language: '语言',
    theme: '主题',
    themes: { system: '跟随系统', light: '浅色', dark: '深色' },
    loading: '正在加载…',
    popup: '在弹出窗口中进行人脸核验',
    steps: {
      verify: {
        title: '1. 验证本人',
        body: '在 EasyRouter 的页面上做一次简短的人脸核验，证明是真人本人。页面只带回结果，由服务器向 EasyRouter 确认。',
      },
      likeness: {
        title: '2. 管理你的肖像',
        body: '添加你本人的照片。EasyRouter 会将每张与已验证的人脸比对，一致的变为“可用”，即可用于视频。你可以随时删除任意一张或全部删除。',
      },
      video: {
        title: '3. 生成视频',
        body: '选择可用的肖像作为参考，描述画面，Seedance 2.0 会生成一段有你出镜的视频。',
      },
    },
    footer:
      '每位演示用户只能看到自己的验证、肖像和视频。没有 EasyRouter 密钥时，一切都运行在内置的模拟器上。',
  },
} as const
