// The fake liveness page's look: enough to read as a hosted verification page on a phone or a
// desktop, in light and dark, with a visible keyboard focus. Served as a file (never inline) so
// the page keeps a CSP without 'unsafe-inline'.
export const H5_STYLESHEET = `:root {
  color-scheme: light dark;
  --bg: #f4f5f7;
  --card: #ffffff;
  --text: #1c1f24;
  --muted: #5a6270;
  --line: #d8dce2;
  --accent: #1f6feb;
  --accent-text: #ffffff;
  --danger: #b42318;
  --focus: #1f6feb;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #111318;
    --card: #1b1e25;
    --text: #eef0f3;
    --muted: #a7afbc;
    --line: #333844;
    --accent: #4c8dff;
    --accent-text: #0b0d12;
    --danger: #ff8a80;
    --focus: #8ab4ff;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0;
  min-height: 100vh;
  background: var(--bg);
  color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
  display: flex;
  align-items: flex-start;
  justify-content: center;
  padding: 24px 16px;
}
main {
  width: 100%;
  max-width: 440px;
  background: var(--card);
  border: 1px solid var(--line);
  border-radius: 16px;
  padding: 24px;
}
h1 { font-size: 1.375rem; line-height: 1.3; margin: 0 0 12px; }
h2 { font-size: 1rem; margin: 0; }
p { margin: 0 0 12px; color: var(--muted); }
fieldset { border: 0; margin: 16px 0 0; padding: 0; }
legend { padding: 0; margin-bottom: 8px; }
ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; }
li { border: 1px solid var(--line); border-radius: 12px; padding: 12px; }
li p { margin: 8px 0 0; font-size: 0.875rem; }
button {
  width: 100%;
  min-height: 44px;
  font: inherit;
  font-weight: 600;
  border-radius: 10px;
  border: 1px solid var(--line);
  background: transparent;
  color: var(--text);
  cursor: pointer;
}
button[value="pass"] { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
button[value="fail"], button[value="mismatch"] { color: var(--danger); }
button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; font-size: 0.875rem; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; font-family: ui-monospace, monospace; }
`
