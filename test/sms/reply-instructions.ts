import path from 'node:path';
import { loadKeywords } from '../../src/content/keywords';

const FLOWS = path.resolve(__dirname, '../../flows');

// Verbs that turn a keyword into something to send back: "Reply ACK", "Text STATUS", 回复“收到”, 发送“查询”.
const SEND_VERBS = ['回复', '发送', '短信', 'reply', 'text', 'send', 'sms'];
const OPENING_QUOTES = '“"「‘\'';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every word a citizen or an officer could text back, as the shipped sms-keywords.json lists them. */
function listReplyWords(): string[] {
  const keywords = loadKeywords(FLOWS);
  return [...Object.values(keywords.citizen), ...Object.values(keywords.staff)].flat();
}

function buildInstructionPattern(): RegExp {
  const verbs = SEND_VERBS.map((verb) => (/^[a-z]+$/.test(verb) ? `\\b${verb}\\b` : verb)).join('|');
  // Longest first, so "NO ANSWER" wins over a shorter word it starts with.
  const words = listReplyWords()
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  return new RegExp(`(?:${verbs})\\s*[${OPENING_QUOTES}]?\\s*(?:${words})(?![A-Za-z0-9])`, 'giu');
}

const INSTRUCTION = buildInstructionPattern();
// "30分钟内回复可补充" names no keyword, yet still asks for a text back.
const BARE_REPLY = /回复|\breply\b/giu;

/**
 * The places where a text asks its reader to send an SMS back: a send verb followed by a keyword
 * the hotline understands, or a bare "reply". Empty when the text is one-way.
 */
export function findReplyInstructions(text: string): string[] {
  const found = [...text.matchAll(INSTRUCTION)];
  const starts = new Set(found.map((match) => match.index));
  const bare = [...text.matchAll(BARE_REPLY)].filter((match) => !starts.has(match.index));
  return [...found, ...bare].map((match) => match[0]);
}
