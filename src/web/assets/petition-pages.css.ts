// The petition section of a case page and the petitions list.
export const PETITION_PAGES_CSS = `.case-page .petition .facts { margin-bottom: .5rem; }
.case-page .petition ul.representatives { list-style: none; margin: 0; padding: 0; }
.case-page .petition ul.representatives li { margin: 0 0 .15rem; }
.petition-form .representative-rows { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: .25rem .6rem; }
.petition-form .representative-row { display: contents; }
.petition-form .representative-rows input { max-width: none; width: 100%; }
.petition-form fieldset { border: 1px solid var(--line); border-radius: 4px; padding: .4rem .7rem .6rem; margin: .6rem 0; }
.petition-form input[type="number"], .petition-form input[type="date"] { max-width: 12rem; }
.petition-form summary { cursor: pointer; font-weight: 600; color: var(--accent); }
.petition-form[open] summary { margin-bottom: .25rem; }
.petition-form form > button { display: block; margin-top: .8rem; }
.petition-form textarea { max-width: none; }
.petitions-list td time { white-space: nowrap; }
`;
