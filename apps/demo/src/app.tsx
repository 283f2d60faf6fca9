import type { VideoReference } from '@likeness/core'
import { LikenessProvider } from '@likeness/react'
import { AssetGallery, LikenessUIProvider, VerifyButton, VideoComposer } from '@likeness/ui'
import { useEffect, useState } from 'react'
import { TEXT, type Language } from './text.ts'

const USERS = ['ada', 'ben'] as const
type User = (typeof USERS)[number]
type Theme = 'system' | 'light' | 'dark'

// Small choices of the visitor's, kept across reloads.
function usePreference<T extends string>(key: string, allowed: readonly T[], fallback: T) {
  const [value, setValue] = useState<T>(() => {
    const stored = localStorage.getItem(`likeness-demo:${key}`)
    return allowed.find((option) => option === stored) ?? fallback
  })
  return [
    value,
    (next: T) => {
      localStorage.setItem(`likeness-demo:${key}`, next)
      setValue(next)
    },
  ] as const
}

export function App() {
  const [user, setUser] = useState<User | null>(null)
  const [language, setLanguage] = usePreference<Language>(
    'language',
    ['en', 'zh-CN'],
    navigator.language.startsWith('zh') ? 'zh-CN' : 'en',
  )
  const [theme, setTheme] = usePreference<Theme>('theme', ['system', 'light', 'dark'], 'system')
  const [popup, setPopup] = usePreference<'yes' | 'no'>('popup', ['yes', 'no'], 'no')
  const text = TEXT[language]

  // Asked before anything else: a browser the server does not know yet gets its own demo
  // identity (a signed cookie) here, which every request to the handler then carries.
  useEffect(() => {
    void fetch('/demo/user')
      .then((response) => response.json() as Promise<{ user: User }>)
      .then(({ user: signedIn }) => {
        setUser(signedIn)
      })
  }, [])
  useEffect(() => {
    document.documentElement.lang = language
    if (theme === 'system') document.documentElement.removeAttribute('data-lk-theme')
    else document.documentElement.setAttribute('data-lk-theme', theme)
  }, [language, theme])

  const switchUser = async (next: User) => {
    const response = await fetch('/demo/user', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-likeness-request': '1' },
      body: JSON.stringify({ user: next }),
    })
    // The page shows whoever the server now takes the browser for.
    if (response.ok) setUser(((await response.json()) as { user: User }).user)
  }

  return (
    <LikenessUIProvider locale={language}>
      <div className="demo lk-root">
        <header className="demo-header">
          <div>
            <h1>{text.title}</h1>
            <p>{text.tagline}</p>
          </div>
          <div className="demo-controls">
            <label>
              {text.signedInAs}
              <select
                className="lk-field"
                value={user ?? ''}
                disabled={!user}
                onChange={(event) => void switchUser(event.target.value as User)}
              >
                {USERS.map((name) => (
                  <option key={name} value={name}>
                    {text.users[name]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {text.language}
              <select
                className="lk-field"
                value={language}
                onChange={(event) => {
                  setLanguage(event.target.value as Language)
                }}
              >
                <option value="en">English</option>
                <option value="zh-CN">简体中文</option>
              </select>
            </label>
            <label>
              {text.theme}
              <select
                className="lk-field"
                value={theme}
                onChange={(event) => {
                  setTheme(event.target.value as Theme)
                }}
              >
                <option value="system">{text.themes.system}</option>
                <option value="light">{text.themes.light}</option>
                <option value="dark">{text.themes.dark}</option>
              </select>
            </label>
          </div>
        </header>
        {user ? (
          // Keyed by user: switching people starts from a clean page, as a new sign-in would.
          <LikenessProvider key={user} baseUrl="/api/likeness" scope={user}>
            <Journey user={user} popup={popup === 'yes'} onPopupChange={setPopup} text={text} />
          </LikenessProvider>
        ) : (
          <p role="status">{text.loading}</p>
        )}
        <footer className="demo-footer">
          <p>{text.footer}</p>
        </footer>
      </div>
    </LikenessUIProvider>
  )
}

function Journey({
  user,
  popup,
  onPopupChange,
  text,
}: {
  user: User
  popup: boolean
  onPopupChange: (popup: 'yes' | 'no') => void
  text: (typeof TEXT)[Language]
}) {
  const [references, setReferences] = useState<readonly VideoReference[]>([])
  // The gallery's selection and the composer's portraits are one list; roles chosen in the
  // composer stay with portraits that remain selected.
  const select = (ids: readonly string[]) => {
    setReferences(ids.map((id) => references.find((ref) => ref.assetId === id) ?? { assetId: id }))
  }
  const mode = popup ? 'popup' : 'redirect'
  return (
    <main className="demo-steps">
      <section className="demo-step" aria-labelledby="step-verify">
        <h2 id="step-verify">{text.steps.verify.title}</h2>
        <p>{text.steps.verify.body}</p>
        <label className="demo-check">
          <input
            type="checkbox"
            checked={popup}
            onChange={(event) => {
              onPopupChange(event.target.checked ? 'yes' : 'no')
            }}
          />
          {text.popup}
        </label>
        <VerifyButton mode={mode} size="large" />
      </section>
      <section className="demo-step" aria-labelledby="step-likeness">
        <h2 id="step-likeness">{text.steps.likeness.title}</h2>
        <p>{text.steps.likeness.body}</p>
        <AssetGallery
          selectionMode="multiple"
          selectedIds={references.map((ref) => ref.assetId)}
          onSelectedIdsChange={select}
          capture="user"
          verifyButtonProps={{ mode }}
        />
      </section>
      <section className="demo-step" aria-labelledby="step-video">
        <h2 id="step-video">{text.steps.video.title}</h2>
        <p>{text.steps.video.body}</p>
        <VideoComposer
          references={references}
          onReferencesChange={setReferences}
          storageKey={`likeness-demo:${user}:video-job`}
        />
      </section>
    </main>
  )
}
