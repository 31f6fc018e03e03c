import type { Response } from 'supertest';
import type { TestContext } from '../helpers/context';
import { PHONES } from '../helpers/seed';

/** The error contract of every 4xx and 5xx: exact status, a JSON body `{error:{code,message}}`, nothing more. */
export function expectError(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(res.type).toBe('application/json');
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.message.length).toBeGreaterThan(0);
}

/** A complaint a staff member logs from a letter, as the admin. */
export async function logLetter(
  ctx: TestContext,
  overrides: Record<string, unknown> = {},
): Promise<{ ref: string } & Record<string, unknown>> {
  const res = await ctx.api('post', '/api/cases').send({
    phone: PHONES.citizen,
    description: 'A letter about the broken street light on Renmin Road',
    category: 'roads',
    channel: 'letter',
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`could not log a case: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function countRows(ctx: TestContext, table: 'cases' | 'inbound_messages' | 'case_events') {
  const row = await ctx.container.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
