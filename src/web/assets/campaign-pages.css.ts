// The rectification campaigns' pages.
export const CAMPAIGN_PAGES_CSS = `.campaigns .filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; }
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
