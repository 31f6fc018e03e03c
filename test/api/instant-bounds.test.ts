import { z } from 'zod';
import { parseInput } from '../../src/shared/http';
import { instantSchema, storedInstantSchema } from '../../src/shared/schemas';
import type { TestContext } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { expectError, logLetter } from './api-helpers';

// UTC 10000-01-01T13:59Z: past year 9999, so toISOString() writes `+010000-…`, which sorts as text before 2027.
const AFTER_YEAR_9999 = '9999-12-31T23:59-14:00';
// Year 0: Shanghai's zone data gives it local mean time, which used to print as `+08:5.71666…`.
const YEAR_ZERO = '0000-01-01T00:00Z';

describe('instants outside the hotline’s range are refused with a 400 naming the field', () => {
  const hotline = useHotline({ online: false });
  let ctx: TestContext;

  beforeEach(() => {
    ctx = hotline.ctx;
  });

  function expectFieldRefused(
    res: { status: number; body: { error?: { message?: string } } },
    field: string,
  ) {
    expectError(res as never, 400, 'request.invalid');
    expect(res.body.error?.message).toMatch(
      new RegExp(`^${field}: must be between 2000-01-01 and 2199-12-31`),
    );
  }

  it('an override ending after year 9999 gets 400 on `to`, not 500, and nothing is stored', async () => {
    const res = await ctx.api('post', '/api/roster/overrides').send({
      absentStaffId: hotline.team.primary.id,
      from: '2027-03-02T08:00+08:00',
      to: AFTER_YEAR_9999,
      reason: 'sick',
    });
    expectFieldRefused(res, 'to');
    const stored = await ctx.container.db.selectFrom('overrides').selectAll().execute();
    expect(stored).toEqual([]);
  });

  it('an override starting in year 0 gets 400 on `from` instead of being stored with a broken offset', async () => {
    const res = await ctx.api('post', '/api/roster/overrides').send({
      absentStaffId: hotline.team.primary.id,
      from: YEAR_ZERO,
      to: '2027-03-02T08:00+08:00',
      reason: 'sick',
    });
    expectFieldRefused(res, 'from');
    expect(await ctx.container.db.selectFrom('overrides').selectAll().execute()).toEqual([]);
  });

  it('listing cases from after year 9999 gets 400 instead of every case', async () => {
    await logLetter(ctx);
    const res = await ctx.api('get', `/api/cases?from=${encodeURIComponent(AFTER_YEAR_9999)}`);
    expectFieldRefused(res, 'from');
  });

  it.each([
    ['on-duty ?at', `/api/roster/on-duty?at=${encodeURIComponent(AFTER_YEAR_9999)}`, 'at'],
    ['shifts ?from', `/api/roster/shifts?from=${YEAR_ZERO}&to=2027-03-02T00:00Z`, 'from'],
    ['cases ?to', `/api/cases?to=${YEAR_ZERO}`, 'to'],
    ['calls ?from', `/api/calls?from=${encodeURIComponent(AFTER_YEAR_9999)}`, 'from'],
    [
      'duty gaps ?to',
      `/api/reports/duty-gaps?from=2027-03-01T00:00Z&to=${encodeURIComponent(AFTER_YEAR_9999)}`,
      'to',
    ],
    ['KPIs ?from', `/api/reports/kpis?from=${YEAR_ZERO}&to=2027-03-02T00:00Z`, 'from'],
  ])('GET %s out of range gets 400 naming it', async (_what, path, field) => {
    expectFieldRefused(await ctx.api('get', path), field);
  });

  it('a rotation edit effective after year 9999 gets 400 on effectiveFrom', async () => {
    const rotations = await ctx.api('get', '/api/roster/rotations');
    const id = (rotations.body.items ?? rotations.body)[0].id;
    const res = await ctx
      .api('patch', `/api/roster/rotations/${id}`)
      .send({ shiftHours: 12, effectiveFrom: AFTER_YEAR_9999 });
    expectFieldRefused(res, 'effectiveFrom');
  });
});

describe('the shared instant schemas (used by every route and CLI option that takes an instant)', () => {
  const parse = (value: string) => parseInput(z.object({ at: instantSchema }), { at: value });

  it.each([
    ['2000-01-01T00:00:00Z', '2000-01-01T00:00:00.000Z'],
    ['2199-12-31T23:59:59.999Z', '2199-12-31T23:59:59.999Z'],
    ['2027-03-01T09:00 08:00', '2027-03-01T01:00:00.000Z'],
  ])('accepts %s', (value, iso) => {
    expect(parse(value).at.toISOString()).toBe(iso);
    expect(storedInstantSchema.parse(value)).toBe(iso);
  });

  it.each([
    [AFTER_YEAR_9999],
    [YEAR_ZERO],
    ['1999-12-31T23:59:59.999Z'],
    ['2000-01-01T07:59+08:00'],
    ['2200-01-01T00:00Z'],
    ['2199-12-31T23:59-00:01'],
  ])('refuses %s with one line naming the field', (value) => {
    expect(() => parse(value)).toThrow(/^at: must be between 2000-01-01 and 2199-12-31 \(UTC\)$/);
    expect(storedInstantSchema.safeParse(value).success).toBe(false);
  });
});
