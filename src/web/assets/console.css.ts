import { CAMPAIGN_PAGES_CSS } from './campaign-pages.css';
import { CASE_PAGES_CSS } from './case-pages.css';
import { PETITION_PAGES_CSS } from './petition-pages.css';
import { REPORT_PAGES_CSS } from './report-pages.css';
import { ROSTER_PAGE_CSS } from './roster-page.css';

// The console's one stylesheet, served by Dutyline itself (no CDN: hotline offices may have no
// internet). Kept as strings so the bundle carries it; it is plain CSS. The frame every page shares
// is here; each group of pages has its own file.
const FRAME_CSS = `
:root {
  --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --paper: #ffffff; --wash: #f5f7fa;
  --accent: #1f5fa8; --accent-ink: #ffffff;
  --ok: #1d6b3a; --ok-wash: #e3f4e8; --warn: #8a5300; --warn-wash: #fff3d6;
  --bad: #a61b1b; --bad-wash: #fde8e8; --info: #1f5fa8; --info-wash: #e6effa;
  font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB",
    "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
  font-size: 15px; line-height: 1.55; color: var(--ink); background: var(--wash);
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible {
  outline: 3px solid #f0b429; outline-offset: 2px;
}
.skip { position: absolute; left: -9999px; top: 0; background: var(--paper); padding: .5rem 1rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip:focus { left: .5rem; top: .5rem; z-index: 10; }
.banner { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .6rem 1.25rem;
  background: var(--paper); border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; font-size: 1.05rem; }
.brand-sub { font-weight: 400; color: var(--muted); margin-left: .35rem; }
.nav ul { display: flex; flex-wrap: wrap; gap: .25rem; list-style: none; margin: 0; padding: 0; }
.nav a { display: block; white-space: nowrap; padding: .3rem .6rem; border-radius: 4px; text-decoration: none; color: var(--ink); }
.nav a:hover { background: var(--wash); }
.nav a[aria-current="page"] { background: var(--accent); color: var(--accent-ink); }
.who { margin-left: auto; display: flex; flex-wrap: wrap; align-items: center; gap: .25rem .75rem;
  color: var(--muted); font-size: .9rem; }
.role { border: 1px solid var(--line); border-radius: 999px; padding: 0 .5rem; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.25rem 2rem; }
h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.footer { max-width: 1200px; margin: 0 auto; padding: 0 1.25rem 2rem; color: var(--muted); font-size: .85rem; }
.inline { display: inline; }
button, .button { font: inherit; padding: .4rem .9rem; border-radius: 4px; border: 1px solid var(--accent);
  background: var(--accent); color: var(--accent-ink); cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: var(--paper); color: var(--accent); }
button.danger { background: var(--bad); border-color: var(--bad); }
button.link { background: none; border: none; color: var(--accent); padding: 0; text-decoration: underline; }
label { display: block; font-weight: 600; margin: .5rem 0 .2rem; }
input[type="text"], input[type="tel"], input[type="password"], input[type="datetime-local"], input[type="date"],
input[type="number"], input[type="file"], select, textarea {
  font: inherit; width: 100%; max-width: 28rem; padding: .4rem .5rem; border: 1px solid #9aa5b1; border-radius: 4px;
  background: var(--paper); color: var(--ink); }
textarea { min-height: 5rem; max-width: 40rem; }
.field { margin-bottom: .75rem; }
.hint { color: var(--muted); font-size: .85rem; margin: .1rem 0 0; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; margin-bottom: 1rem; }
.cards { margin: 1.25rem 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .75rem; }
.figure { font-size: 1.8rem; font-weight: 700; }
.figure-label { color: var(--muted); font-size: .9rem; }
table { width: 100%; border-collapse: collapse; background: var(--paper); font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .4rem 0; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--wash); font-weight: 600; white-space: nowrap; }
.table-wrap { overflow-x: auto; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 3px; font-size: .85rem; border: 1px solid currentColor; white-space: nowrap; }
.badge-ok { color: var(--ok); background: var(--ok-wash); }
.badge-warn { color: var(--warn); background: var(--warn-wash); }
.badge-bad { color: var(--bad); background: var(--bad-wash); }
.badge-info { color: var(--info); background: var(--info-wash); }
.badge-muted { color: var(--muted); background: var(--wash); }
.notice { padding: .6rem .9rem; border-radius: 4px; border-left: 4px solid; }
.notice-done { background: var(--ok-wash); border-color: var(--ok); }
.notice-error { background: var(--bad-wash); border-color: var(--bad); }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; }
.actions form { margin: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
ol.timeline { list-style: none; padding: 0; margin: 0; border-left: 2px solid var(--line); }
ol.timeline li { padding: .25rem 0 .5rem .9rem; position: relative; }
ol.timeline li::before { content: ""; position: absolute; left: -6px; top: .7rem; width: 10px; height: 10px;
  border-radius: 50%; background: var(--accent); }
.muted { color: var(--muted); }
.login { max-width: 28rem; margin: 3rem auto; }
svg text { font-family: inherit; }
@media (max-width: 640px) {
  :root { font-size: 16px; }
  .banner { padding: .5rem .75rem; }
  .who { margin-left: 0; width: 100%; }
  main { padding: .75rem; }
  /* A flex item is as wide as its content unless allowed to shrink: without this the links
     widen the page instead of scrolling inside the navigation. */
  .nav { width: 100%; min-width: 0; }
  .nav ul { flex-wrap: nowrap; overflow-x: auto; }
  table.stack thead { display: none; }
  table.stack tr { display: block; border-bottom: 1px solid var(--line); padding: .4rem 0; }
  table.stack td { display: block; border: none; padding: .1rem .6rem; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
  button, .button { padding: .6rem 1rem; }
  .card { padding: .75rem; }
  .figure { font-size: 1.4rem; }
  table.stack th[scope="row"] { display: block; background: none; padding: .2rem .6rem 0; }
}
@media print {
  .banner, .footer, .no-print, .skip { display: none; }
  body, :root { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .card { border: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
}
`;

export const CONSOLE_CSS =
  FRAME_CSS + REPORT_PAGES_CSS + CASE_PAGES_CSS + ROSTER_PAGE_CSS + CAMPAIGN_PAGES_CSS + PETITION_PAGES_CSS;
