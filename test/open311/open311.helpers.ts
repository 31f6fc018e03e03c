import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import type { TestContext } from '../helpers/context';

/** Parses an Open311 XML answer as a partner's client would; tag values stay text (refs keep their zeros). */
export function parseXml(text: string): Record<string, unknown> {
  return new XMLParser({
    parseTagValue: false,
    isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format'].includes(name),
  }).parse(text);
}

export function open311Get(ctx: TestContext, path: string, language?: string) {
  const req = request(ctx.app).get(`/open311/v2/${path}`);
  return language ? req.set('Accept-Language', language) : req;
}

/** A partner's app filing a request, form-encoded as the standard has it. */
export function open311Post(
  ctx: TestContext,
  fields: Record<string, string>,
  format: 'json' | 'xml' = 'json',
) {
  return request(ctx.app).post(`/open311/v2/requests.${format}`).type('form').send(fields);
}

export async function issueOpen311Key(ctx: TestContext, name = 'City app'): Promise<string> {
  return (await ctx.container.open311.issueKey(name)).key;
}
