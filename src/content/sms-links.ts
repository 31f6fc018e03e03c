import { ContentError } from './content.errors';

// Carriers turn more than `http://` into a link: a bare `gov.cn`, `example.com/x`, an IP address.
// Top-level domains a carrier links on sight; any other one only when a path follows it.
const KNOWN_TLDS = [
  ...'com net org gov edu mil int info biz name mobi io co cc tv me ly gl app dev xyz'.split(' '),
  ...'top vip site online shop club link cn hk mo tw sg my jp kr uk us de fr eu au ca nz'.split(' '),
  ...'中国 中國 公司 网络 网址 政务 公益'.split(' '),
];
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
// What may follow a host in a link: printable ASCII up to the next space or non-ASCII character.
const REST = '[\\x21-\\x7e]*';
const LINK = new RegExp(
  [
    `[a-z][a-z0-9+.-]*://${REST}`,
    `(?<![a-z0-9-])www\\.${REST}`,
    `(?<![a-z0-9.-])\\d{1,3}(?:\\.\\d{1,3}){3}(?!\\d)(?:[/:]${REST})?`,
    `(?<![a-z0-9.-])(?:${LABEL}\\.)+(?:${KNOWN_TLDS.join('|')})(?![a-z0-9-])(?:[/:?#]${REST})?`,
    `(?<![a-z0-9.-])(?:${LABEL}\\.)+[a-z]{2,63}/${REST}`,
  ].join('|'),
  'iu',
);

/**
 * Full-width letters and dots (ｇｏｖ．ｃｎ, gov。cn) read as a link too. Each replacement keeps the
 * text's length, so a match's position is the same in the original.
 */
function foldWidths(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3002\uFF61]/g, (char) => {
    if (char === '\u3002' || char === '\uFF61') return '.';
    return String.fromCharCode(char.charCodeAt(0) - 0xfee0);
  });
}

/** The first thing in `text` a phone would show as a link, as written; null when there is none. */
export function findLink(text: string): string | null {
  const match = LINK.exec(foldWidths(text));
  if (!match) return null;
  // A sentence's full stop or closing bracket after a link is not part of it.
  const link = text.slice(match.index, match.index + match[0].length);
  return link.replace(/[.,;:!?)\]'"]+$/, '');
}

/** A link in a template is refused when the templates load (server start and `flows check`). */
export function checkNoLink(name: string, language: string, text: string, source: string): void {
  const link = findLink(text);
  if (link === null) return;
  throw new ContentError(
    `${source}: template "${name}" (${language}) contains a link, "${link}"; SMS to mainland China may carry no links, so no template may`,
  );
}
