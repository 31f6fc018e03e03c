// The console's one stylesheet, served by Dutyline itself (no CDN: hotline offices may have no
// internet). Kept as a string so the bundle carries it; it is plain CSS.
export const CONSOLE_CSS = `
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
/* The report pages: duty gaps, KPIs, calls. */
.report .window-form { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: flex-end; }
.report .window-form .field { margin-bottom: .5rem; }
.report .window-form input[type="datetime-local"], .report .window-form select { width: auto; }
.report .window-span { margin: .25rem 0 .75rem; }
.report .report-links { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; margin: 0 0 .5rem; }
.report .card-bad { border-left: 4px solid var(--bad); }
.report .figure-none { font-size: 1.1rem; font-weight: 600; color: var(--muted); padding: .45rem 0 .3rem; }
.report td.num { text-align: right; font-variant-numeric: tabular-nums; }
.report table.compact { width: auto; min-width: min(22rem, 100%); }
.report table.compact th:not(:first-child), .duty-gaps .slots th:nth-child(n+5) { text-align: right; }
.report td.bad { color: var(--bad); font-weight: 700; }
.report td.warn { color: var(--warn); font-weight: 700; }
.report .nowrap { white-space: nowrap; }
.duty-gaps .timeline-wrap { overflow-x: auto; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .25rem; }
.duty-gaps .timeline { display: block; width: 100%; min-width: 900px; height: auto; }
.duty-gaps .tl-lane-bg { fill: var(--wash); }
.duty-gaps .tl-lane-name { font-size: 13px; font-weight: 600; fill: var(--ink); }
.duty-gaps .tl-duty { fill: #d4e4f7; stroke: #fff; stroke-width: 1.5; }
.duty-gaps .tl-duty-name { font-size: 12px; fill: #12375f; }
.duty-gaps .tl-gap { fill: url(#tl-hatch); stroke: var(--bad); stroke-width: 1.5; }
.duty-gaps .tl-hatch-ground { fill: var(--bad-wash); }
.duty-gaps .tl-hatch-line { stroke: #e58a8a; stroke-width: 3; }
.duty-gaps .tl-gap-text { font-size: 12px; font-weight: 700; fill: var(--bad); paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
.duty-gaps .tl-absence { fill: var(--bad-wash); stroke: var(--bad); stroke-width: 1; stroke-dasharray: 4 2; }
.duty-gaps .tl-absence-covered { fill: #d9dee4; stroke: var(--muted); stroke-width: 1; stroke-dasharray: 3 2; }
.duty-gaps .tl-absence-name { font-size: 11px; fill: var(--ink); paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
.duty-gaps .tl-missed { fill: var(--bad); }
.duty-gaps .tl-abandoned { fill: #c27c0e; }
.duty-gaps .tl-count { font-size: 12px; font-weight: 700; fill: var(--ink); }
.duty-gaps .tl-slot-edge { stroke: #bcccdc; stroke-width: 1; }
.duty-gaps .tl-grid { stroke: #bcccdc; stroke-width: 1; }
.duty-gaps .tl-grid-minor { stroke: var(--line); stroke-dasharray: 2 3; }
.duty-gaps .tl-day { font-size: 12px; fill: var(--ink); }
.duty-gaps .tl-hour { font-size: 11px; fill: var(--muted); }
.duty-gaps .tl-now line { stroke: var(--accent); stroke-width: 2; stroke-dasharray: 5 3; }
.duty-gaps .tl-now text { font-size: 11px; font-weight: 700; fill: var(--accent); }
.duty-gaps .legend { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; padding: 0; margin: .5rem 0 0; font-size: .9rem; }
.duty-gaps .legend li { display: flex; align-items: center; gap: .35rem; }
.duty-gaps .tl-swatch { flex: none; }
.kpis .kpi-cards { margin-top: .5rem; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); }
.kpis .kpi-cards .card { margin-bottom: 0; }
.kpis .chart-pair h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
.kpis .chart-body { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem 1.5rem; align-items: start; }
.kpis .bar-chart { display: block; width: 100%; max-width: 30rem; height: auto; background: var(--paper); }
.kpis .bar-label { font-size: 14px; fill: var(--ink); }
.kpis .bar-track { fill: var(--wash); }
.kpis .bar { fill: var(--accent); }
.kpis .bar-count { font-size: 14px; font-weight: 700; fill: var(--ink); }
.calls ol.attempts { margin: 0; padding-left: 1.1rem; }
.calls .paging { display: flex; gap: 1.5rem; margin: 1rem 0; }
@media (max-width: 640px) {
  .report .window-form .field { flex: 1 1 100%; }
  .report .window-form input[type="datetime-local"], .report .window-form select { width: 100%; }
  .report table.stack td.num { text-align: left; }
  .duty-gaps .slots table.stack td.num { display: inline-block; padding-right: .25rem; }
  .kpis .chart-body { grid-template-columns: 1fr; }
}
@page duty-gaps { size: A4 landscape; margin: 10mm; }
@media print {
  .duty-gaps { page: duty-gaps; }
  .report .window-form, .report .report-links { display: none; }
  .duty-gaps .timeline-wrap { overflow: visible; border: none; padding: 0; }
  .duty-gaps .timeline { min-width: 0; }
  .duty-gaps .print-page, .kpis .chart-pair { break-inside: avoid; }
  .report table { font-size: 8.5pt; }
  .report th, .report td { padding: .15rem .35rem; }
  .duty-gaps .cards { grid-template-columns: repeat(6, 1fr); gap: .4rem; margin: .5rem 0; }
  .report .card-bad { padding-left: .5rem; }
  .report svg, .report .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
.my .my-case { padding: .85rem 1rem; }
.my .my-case-head { display: flex; flex-wrap: wrap; align-items: center; gap: .35rem .6rem; }
.my .my-case-head h3 { margin: 0 .25rem 0 0; font-size: 1.1rem; font-variant-numeric: tabular-nums; }
.my .my-case-deadline { margin: .4rem 0 0; font-weight: 600; }
.my .my-case-late { color: var(--bad); }
.my .my-case-summary { margin: .2rem 0; overflow: hidden; display: -webkit-box; -webkit-box-orient: vertical;
  -webkit-line-clamp: 2; line-clamp: 2; }
.my .my-case-facts { margin: 0; font-size: .88rem; }
.my .my-case-phone { margin: .5rem 0; }
.my .my-case-actions { display: flex; flex-direction: column; gap: .5rem; border-top: 1px solid var(--line);
  padding-top: .6rem; margin-top: .5rem; }
.my .my-case-actions form { margin: 0; }
.my .my-case-actions details { border: 1px solid var(--line); border-radius: 4px; padding: .3rem .7rem; background: var(--wash); }
.my .my-case-actions summary { cursor: pointer; font-weight: 600; color: var(--accent); padding: .35rem 0; }
.my .my-case-actions details[open] { background: var(--paper); }
.my .my-case-actions details form { padding-bottom: .5rem; }
.my .my-case-actions textarea, .my .my-case-actions select { max-width: none; }
.my .my-case-actions .hint { margin-bottom: .5rem; }
@media (min-width: 900px) {
  .my .my-case-actions { flex-direction: row; flex-wrap: wrap; align-items: flex-start; }
  .my .my-case-actions details { flex: 1 1 16rem; }
}
.cases-list .filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0 1rem;
  align-items: start; margin-bottom: 1rem; }
.cases-list .filters .field { margin-bottom: .5rem; }
.cases-list .filters .filter-buttons { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; align-self: end; }
.cases-list .pager { display: flex; flex-wrap: wrap; gap: 1.5rem; margin: .75rem 0; }
.cases-list td time, .case-page td time, .case-page .event-meta time { white-space: nowrap; }
.case-page .case-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(20rem, 2fr);
  grid-template-areas: "main side" "history history"; gap: 0 1.5rem; align-items: start; }
.case-page .case-main { grid-area: main; min-width: 0; }
.case-page .case-side { grid-area: side; min-width: 0; }
.case-page .case-history { grid-area: history; min-width: 0; }
.case-page .case-description, .case-page .message-body { white-space: pre-wrap; overflow-wrap: anywhere; }
.case-page .case-actions .action { margin-bottom: .75rem; padding: .75rem 1rem; }
.case-page .case-actions h3 { font-size: 1rem; margin: 0 0 .4rem; }
.case-page .case-actions summary { cursor: pointer; font-weight: 600; color: var(--accent); }
.case-page .case-actions details[open] summary { margin-bottom: .25rem; }
.case-page .case-actions button { margin-top: .6rem; }
.case-page .case-actions .hint { margin-top: .25rem; }
.case-page .case-actions textarea, .case-page .case-actions select,
.case-page .case-actions input[type="text"] { max-width: none; }
.case-page .case-actions .check { display: flex; gap: .5rem; align-items: baseline; margin: .6rem 0 0; }
.case-page .case-actions .check label { font-weight: 400; margin: 0; }
.case-page .action-signoff { border-color: var(--warn); background: var(--warn-wash); }
.case-page audio { display: block; width: 100%; max-width: 30rem; }
.case-page .event-meta { color: var(--muted); font-size: .85rem; }
.case-page ul.inline-list { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem .75rem; }
@media (max-width: 900px) {
  .case-page .case-grid { grid-template-columns: minmax(0, 1fr); grid-template-areas: "main" "side" "history"; }
}
@media (max-width: 640px) {
  .cases-list .filters { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 .6rem; }
  .cases-list .filters .field-wide { grid-column: 1 / -1; }
}
@media print {
  .case-page .case-side, .case-page .case-recording { display: none; }
  .case-page .case-grid { display: block; }
}
.roster .roster-window { margin: 0 0 .75rem; }
.roster .roster-window input[type="date"] { width: auto; }
.roster .roster-window label { margin-top: 0; }
.roster tr.roster-cancelled td { color: var(--muted); }
.roster .roster-row-actions { display: flex; flex-direction: column; gap: .4rem; align-items: flex-start; }
.roster .roster-row-actions form { margin: 0; }
.roster .roster-cover-it { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem .5rem; }
.roster .roster-cover-it label { margin: 0; font-weight: 400; font-size: .85rem; }
.roster .roster-cover-it select { width: auto; }
.roster .roster-record { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(14rem, 100%), 1fr));
  gap: 0 1rem; align-items: start; }
.roster .roster-record .field { margin-bottom: .5rem; }
.roster .roster-record button { justify-self: start; grid-column: 1 / -1; }
.roster .roster-rotations { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(22rem, 100%), 1fr)); gap: .75rem; }
.roster .roster-rotation { margin: 0; }
.roster .roster-rotation h3 { margin: 0 0 .2rem; font-size: 1.05rem; }
.roster .roster-shift { margin: 0 0 .4rem; }
.roster .roster-rotation details { margin-top: .5rem; }
.roster .roster-rotation summary { cursor: pointer; color: var(--accent); font-weight: 600; }
.roster .roster-rotation .badge { margin-left: .4rem; }
.roster .roster-feed input { max-width: none; font-family: ui-monospace, monospace; font-size: .85rem; }
.roster .roster-problems { margin-bottom: 1rem; }
.roster section.card { margin-top: 1.5rem; }
.roster .card > h2:first-child { margin-top: 0; }
.campaigns .filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; }
.campaigns .filters label { margin: 0; }
.campaigns .filters select { width: auto; }
.campaigns fieldset { border: 1px solid var(--line); border-radius: 4px; margin: .75rem 0; padding: .25rem .75rem .5rem; max-width: 40rem; }
.campaigns legend { font-weight: 600; padding: 0 .25rem; }
.campaigns .checks { display: flex; flex-wrap: wrap; gap: 0 1.25rem; }
.campaigns label.check { display: inline-flex; gap: .35rem; align-items: baseline; font-weight: 400; margin: .25rem 0; }
.campaigns section.card { margin-top: 1.5rem; }
.campaigns .card > h2:first-child { margin-top: 0; }
.campaign-page dl.card { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem 1.25rem; margin-top: 0; }
.campaign-page dt { color: var(--muted); }
.campaign-page dd { margin: 0; }
.campaigns .bar-chart { display: block; width: 100%; max-width: 30rem; height: auto; background: var(--paper); }
.campaigns .bar-label { font-size: 14px; fill: var(--ink); }
.campaigns .bar-track { fill: var(--wash); }
.campaigns .bar { fill: var(--accent); }
.campaigns .bar-count { font-size: 14px; font-weight: 700; fill: var(--ink); }
`;
