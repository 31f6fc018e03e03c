// The pages staff work cases on: their own cases, the case list, a case.
export const CASE_PAGES_CSS = `.my .my-case { padding: .85rem 1rem; }
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
`;
