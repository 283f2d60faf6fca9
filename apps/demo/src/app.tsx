import type { VideoReference } from '@likeness/core'
import { LikenessProvider } from '@likeness/react'
import { AssetGallery, LikenessUIProvider, VerifyButton, VideoComposer } from '@likeness/ui'
import { useEffect, useState } from 'react'
import { TEXT, type Language } from './text.ts'

const USERS = ['ada', 'ben'] as const
type User = (typeof USERS)[number]
const THEMES = ['system', 'light', 'dark'] as const
type Theme = (typeof THEMES)[number]

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

/** One of the page's controls: a labelled choice among `options`, each a value and its name. */
function Choice<T extends string>(props: {
  label: string
  value: T | ''
  options: readonly (readonly [T, string])[]
  onChange: (value: T) => void
  disabled?: boolean
}) {
  return (
    <label>
      {props.label}
      <select
        className="lk-field"
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => {
          props.onChange(event.target.value as T)
        }}
      >
        {props.options.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </label>
  )
}

export function App() {
  const [user, setUser] = useState<User | null>(null)
  const [language, setLanguage] = usePreference<Language>(
    'language',
    ['en', 'zh-CN'],
    navigator.language.startsWith('zh') ? 'zh-CN' : 'en',
  )
  const [theme, setTheme] = usePreference<Theme>('theme', THEMES, 'system')
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
            <Choice
              label={text.signedInAs}
              value={user ?? ''}
              disabled={!user}
              options={USERS.map((name) => [name, text.users[name]] as const)}
              onChange={(next) => void switchUser(next)}
            />
            <Choice
              label={text.language}
              value={language}
              options={[
                ['en', 'English'],
                ['zh-CN', '简体中文'],
              ]}
              onChange={setLanguage}
            />
            <Choice
              label={text.theme}
              value={theme}
              options={THEMES.map((name) => [name, text.themes[name]] as const)}
              onChange={setTheme}
            />
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
