import type { Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';
import { FORMAT_TYPES, type Open311Error } from './open311.models';

export type Open311Format = keyof typeof FORMAT_TYPES;

export function isOpen311Format(value: string): value is Open311Format {
  return value === 'json' || value === 'xml';
}

const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true });

// Characters XML 1.0 cannot hold at all, escaped or not; a result typed with one must not break the document.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it removes.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function forXml(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(NOT_XML, '');
  if (Array.isArray(value)) return value.map(forXml);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, forXml(item)]));
  }
  return value;
}

/**
 * A list as the standard's XML has it: a wrapper element with one child element per item
 * (`<services><service>…</service></services>`), where the JSON form is a plain array.
 */
export function xmlList(element: string, items: unknown[]): unknown {
  return items.length > 0 ? { [element]: items } : '';
}

/**
 * Sends one document. `json` is the Spark-convention JSON; `xml` is the same content as the tree
 * under the root element, with each list wrapped by xmlList.
 */
export function sendOpen311(
  res: Response,
  format: Open311Format,
  status: number,
  body: { json: unknown; root: string; xml: unknown },
): void {
  res.status(status).type(`${FORMAT_TYPES[format]}; charset=utf-8`);
  if (format === 'json') {
    res.send(JSON.stringify(body.json));
    return;
  }
  const declaration = { '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' } };
  res.send(builder.build({ ...declaration, [body.root]: forXml(body.xml) }));
}

export function sendOpen311List(
  res: Response,
  format: Open311Format,
  status: number,
  names: { root: string; item: string },
  items: object[],
): void {
  sendOpen311(res, format, status, { json: items, root: names.root, xml: xmlList(names.item, items) });
}

export function sendOpen311Errors(
  res: Response,
  format: Open311Format,
  status: number,
  errors: Open311Error[],
) {
  sendOpen311List(res, format, status, { root: 'errors', item: 'error' }, errors);
}
