// The report pages: duty gaps, KPIs, hotspots, calls.
export const REPORT_PAGES_CSS = `/* The report pages: duty gaps, KPIs, calls. */
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
/* The appraisal's fourteen columns fit a desk screen when their headings wrap. */
.appraisal table.stack th[scope="col"] { white-space: normal; vertical-align: bottom; }
.appraisal table.stack th[scope="col"]:not(:first-child) { text-align: right; }
.appraisal table.stack th, .appraisal table.stack td { padding: .4rem .45rem; }
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
`;
