import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One TwiML element: its attributes as written (strings, entities decoded), its text, its child elements. */
export interface TwimlNode {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: TwimlNode[];
}

/** What Twilio would report as error 12100: the answer is not a TwiML document. */
export class TwimlError extends Error {}

// preserveOrder keeps verbs in document order; values stay strings so "0123" is not read as 123.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type OrderedNode = Record<string, unknown>;

function toNode(ordered: OrderedNode): TwimlNode | null {
  const name = Object.keys(ordered).find((key) => key !== ':@');
  if (!name || name === '#text') return null;
  const attributes = (ordered[':@'] ?? {}) as Record<string, string>;
  const content = ordered[name] as OrderedNode[];
  const text = content
    .filter((item) => '#text' in item)
    .map((item) => String(item['#text']))
    .join(' ');
  const children = content.map(toNode).filter((node): node is TwimlNode => node !== null);
  return { name, attributes: { ...attributes }, text, children };
}

/**
 * Parses a TwiML answer into its <Response> element. Tests compare trees for exact-XML checks:
 * `expect(parseTwiml(res.text)).toEqual(parseTwiml('<Response>…</Response>'))` ignores attribute
 * order and whitespace but not verb order.
 */
export function parseTwiml(xml: string): TwimlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new TwimlError(`not XML: ${valid.err.msg} (line ${valid.err.line}): ${xml.slice(0, 200)}`);
  }
  const roots = (parser.parse(xml) as OrderedNode[]).map(toNode).filter((node) => node !== null);
  if (roots.length !== 1 || roots[0].name !== 'Response') {
    const names = roots.map((node) => `<${node.name}>`).join(', ') || 'nothing';
    throw new TwimlError(`TwiML must have one <Response> root, found ${names}: ${xml.slice(0, 200)}`);
  }
  return roots[0];
}
