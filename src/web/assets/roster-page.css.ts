// The roster page.
export const ROSTER_PAGE_CSS = `.roster .roster-window { margin: 0 0 .75rem; }
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
`;
