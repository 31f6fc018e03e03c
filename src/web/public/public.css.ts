import { CONSOLE_CSS } from '../assets/console.css';

// The public page wears the console's stylesheet, plus a few rules of its own: one file, one request.
export const PUBLIC_CSS = `${CONSOLE_CSS}
.public, main.public + .footer { max-width: 1000px; }
.public h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
.public table.compact { width: 100%; }
.public table.compact th[scope="row"] { text-align: left; font-weight: 600; }
.public table.compact td, .public table.compact th { white-space: nowrap; }
.public table.stack th[scope="row"] { white-space: nowrap; }
.public a[aria-current] { font-weight: 700; }
.public ul.definitions { padding-left: 1.25rem; }
.public ul.definitions li { margin-bottom: .35rem; }
@media (max-width: 640px) {
  .public table.compact { font-size: .8rem; }
  .public table.compact td, .public table.compact th { padding: .35rem .25rem; white-space: normal; }
}
`;
