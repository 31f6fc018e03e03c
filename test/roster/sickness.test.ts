import { findGaps } from '../../src/roster/roster.coverage';
import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { addRotation, PHONES } from '../helpers/seed';

// The context's clock starts at 2027-03-01 02:00Z: 10:00 in Shanghai, two hours into the primary's shift.
const TEN_LOCAL = new Date('2027-03-01T02:00:00Z');
const DAY_START = new Date('2027-02-28T16:00:00Z');
const NEXT_HANDOFF = new Date('2027-03-02T00:00:00Z');
// Midnight to midnight two days on, so the window holds the whole shift.
const TWO_DAYS_END = new Date('2027-03-02T16:00:00Z');
const MINUTE = 60_000;

describe('sickness and cover by SMS', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  const bodiesTo = async (phone: string) => {
    await ctx.flushOutbox();
    return fake.messages.filter((message) => message.to === phone).map((message) => message.body);
  };
  const overrides = () => ctx.container.db.selectFrom('overrides').selectAll().orderBy('id').execute();
  const onDuty = async (at?: string) => {
    const res = await ctx.api('get', `/api/roster/on-duty${at ? `?at=${encodeURIComponent(at)}` : ''}`);
    expect(res.status).toBe(200);
    return res.body as Record<'primary' | 'backup' | 'supervisor', { name: string } | null>;
  };
  const primaryGaps = async (from: Date, to: Date) =>
    findGaps(await ctx.container.rosterService.shiftsBetween(from, to), 'primary');
  const report = async () => {
    const res = await ctx
      .api('get', '/api/reports/duty-gaps')
      .query({ from: DAY_START.toISOString(), to: TWO_DAYS_END.toISOString() });
    expect(res.status).toBe(200);
    return res.body as {
      gaps: { position: string; from: string; to: string; cause: string }[];
      absences: { staff: { name: string }; from: string; to: string; covered: boolean }[];
    };
  };

  it('a primary who texts SICK leaves a gap the backup and supervisor hear of; a colleague’s COVER closes it', async () => {
    expect((await ctx.sms(PHONES.primary, 'SICK')).status).toBe(200);

    const [absence] = await overrides();
    expect(await overrides()).toHaveLength(1);
    expect(absence).toMatchObject({
      position: 'primary',
      absent_staff_id: team.primary.id,
      cover_staff_id: null,
      reason: 'sick',
      starts_at: TEN_LOCAL.toISOString(),
      ends_at: NEXT_HANDOFF.toISOString(),
      created_by: team.primary.id,
    });
    const during = await onDuty();
    expect(during.primary).toBeNull();
    expect(during.backup?.name).toBe('Li Qiang');
    expect(await primaryGaps(DAY_START, TWO_DAYS_END)).toEqual([
      {
        position: 'primary',
        from: TEN_LOCAL,
        to: NEXT_HANDOFF,
        cause: 'absence_without_cover',
        overrideId: absence.id,
        staffId: team.primary.id,
      },
    ]);

    const before = await report();
    expect(before.gaps.filter((gap) => gap.position === 'primary')).toEqual([
      {
        position: 'primary',
        from: '2027-03-01T10:00:00.000+08:00',
        to: '2027-03-02T08:00:00.000+08:00',
        cause: 'absence_without_cover',
        overrideId: absence.id,
        staff: { id: team.primary.id, name: 'Wang Fang' },
      },
    ]);
    expect(before.absences).toMatchObject([{ staff: { name: 'Wang Fang' }, covered: false }]);

    expect(await bodiesTo(PHONES.primary)).toEqual([
      'Sick leave recorded: primary 1 Mar 10:00–2 Mar 08:00. Get well soon.',
    ]);
    const alert =
      'Wang Fang is off sick: primary 1 Mar 10:00–2 Mar 08:00 is uncovered. Text COVER to take it.';
    expect(await bodiesTo(PHONES.backup)).toEqual([alert]);
    expect(await bodiesTo(PHONES.supervisor)).toEqual([alert]);
    expect(await bodiesTo(PHONES.colleague)).toEqual([]);
    // Staff texts never become cases.
    expect(await ctx.container.db.selectFrom('cases').selectAll().execute()).toEqual([]);
    // The supervisor has just been told of this gap: gap-watch does not tell it again.
    await ctx.container.jobs.runNow('gap-watch');
    expect((await bodiesTo(PHONES.supervisor)).filter((body) => body.startsWith('Duty gap'))).toEqual([]);

    ctx.clock.advance(30 * MINUTE);
    const coverAt = ctx.clock.now();
    await ctx.sms(PHONES.colleague, 'cover');

    expect((await onDuty()).primary?.name).toBe('Chen Jie');
    expect(await primaryGaps(coverAt, new Date(coverAt.getTime() + 24 * 60 * MINUTE))).toEqual([]);
    // The half hour nobody held stays in the record.
    const dayGaps = await primaryGaps(DAY_START, TWO_DAYS_END);
    expect(dayGaps.map((gap) => [gap.from, gap.to])).toEqual([[TEN_LOCAL, coverAt]]);
    expect(
      (await overrides()).map((row) => [row.absent_staff_id, row.cover_staff_id, row.starts_at, row.ends_at]),
    ).toEqual([
      [team.primary.id, null, TEN_LOCAL.toISOString(), coverAt.toISOString()],
      [team.primary.id, team.colleague.id, coverAt.toISOString(), NEXT_HANDOFF.toISOString()],
    ]);
    const after = await report();
    expect(after.gaps.filter((gap) => gap.position === 'primary')).toMatchObject([
      { from: '2027-03-01T10:00:00.000+08:00', to: '2027-03-01T10:30:00.000+08:00' },
    ]);
    expect(after.absences).toMatchObject([
      { staff: { name: 'Wang Fang' }, covered: false },
      { staff: { name: 'Wang Fang' }, covered: true, covers: [{ name: 'Chen Jie' }] },
    ]);
    expect(await bodiesTo(PHONES.colleague)).toEqual([
      'You are covering for Wang Fang: primary 1 Mar 10:30–2 Mar 08:00. Thank you.',
    ]);
    expect((await bodiesTo(PHONES.supervisor)).at(-1)).toBe(
      'Covered: Chen Jie takes over from Wang Fang, primary 1 Mar 10:30–2 Mar 08:00.',
    );
  });

  it('病假 and 顶班 work the same in Chinese, answered in the sender’s language', async () => {
    await ctx.api('patch', `/api/staff/${team.colleague.id}`).send({ language: 'zh-CN' });
    await ctx.sms(PHONES.primary, '病假');
    expect((await onDuty()).primary).toBeNull();

    await ctx.sms(PHONES.colleague, '顶班！');

    expect((await onDuty()).primary?.name).toBe('Chen Jie');
    expect(await bodiesTo(PHONES.colleague)).toEqual([
      '您已顶替Wang Fang：主班 3月1日10:00–3月2日08:00。谢谢！',
    ]);
    const now = ctx.clock.now();
    expect(await primaryGaps(now, new Date(now.getTime() + 24 * 60 * MINUTE))).toEqual([]);
    // Not yet begun at that very instant, so the absence itself names the cover.
    expect((await overrides()).map((row) => row.cover_staff_id)).toEqual([team.colleague.id]);
  });

  it('COVER with nothing uncovered gets a reply and changes nothing', async () => {
    await ctx.sms(PHONES.colleague, 'COVER');

    expect(await bodiesTo(PHONES.colleague)).toEqual(['There is no uncovered slot to take.']);
    expect(await overrides()).toEqual([]);
    expect((await onDuty()).primary?.name).toBe('Wang Fang');
    expect(await bodiesTo(PHONES.supervisor)).toEqual([]);
  });

  it('a second SICK for the same shift records nothing more and alerts nobody again', async () => {
    await ctx.sms(PHONES.primary, 'SICK');
    ctx.clock.advance(5 * MINUTE);
    await ctx.sms(PHONES.primary, 'sick');

    expect(await overrides()).toHaveLength(1);
    expect(await bodiesTo(PHONES.primary)).toEqual([
      'Sick leave recorded: primary 1 Mar 10:00–2 Mar 08:00. Get well soon.',
      'Your sick leave for primary 1 Mar 10:00–2 Mar 08:00 is already recorded.',
    ]);
    expect(await bodiesTo(PHONES.backup)).toHaveLength(1);
    expect(await bodiesTo(PHONES.supervisor)).toHaveLength(1);
  });

  it('SICK while off duty marks the whole of the next shift; a COVER before it begins names the cover on it', async () => {
    // The colleague is the night backup, 20:00–08:00.
    await addRotation(ctx, {
      name: 'night backup',
      position: 'backup',
      timezone: 'Asia/Shanghai',
      start: '2027-02-01',
      handoffTime: '08:00',
      shiftHours: 24,
      members: [team.colleague.id],
      window: { start: '20:00', end: '08:00' },
    });
    expect((await onDuty('2027-03-01T21:00:00+08:00')).backup?.name).toBe('Chen Jie');

    await ctx.sms(PHONES.colleague, 'SICK');

    const [absence] = await overrides();
    expect(absence).toMatchObject({
      position: 'backup',
      absent_staff_id: team.colleague.id,
      cover_staff_id: null,
      starts_at: '2027-03-01T12:00:00.000Z',
      ends_at: NEXT_HANDOFF.toISOString(),
    });
    expect(await bodiesTo(PHONES.colleague)).toEqual([
      'Sick leave recorded: backup 1 Mar 20:00–2 Mar 08:00. Get well soon.',
    ]);
    // The absent backup is the sender, so only the supervisor hears of it.
    expect(await bodiesTo(PHONES.supervisor)).toEqual([
      'Chen Jie is off sick: backup 1 Mar 20:00–2 Mar 08:00 is uncovered. Text COVER to take it.',
    ]);
    expect(await bodiesTo(PHONES.backup)).toEqual([]);
    expect((await onDuty('2027-03-01T21:00:00+08:00')).backup).toBeNull();

    await ctx.sms(PHONES.backup, 'COVER');

    expect(await overrides()).toHaveLength(1);
    expect((await overrides())[0].cover_staff_id).toBe(team.backup.id);
    expect((await onDuty('2027-03-01T21:00:00+08:00')).backup?.name).toBe('Li Qiang');
    expect(await bodiesTo(PHONES.backup)).toEqual([
      'You are covering for Chen Jie: backup 1 Mar 20:00–2 Mar 08:00. Thank you.',
    ]);
  });

  it('someone with no shift in the next 7 days is told so and nothing changes', async () => {
    await ctx.sms(PHONES.colleague, 'SICK');

    expect(await bodiesTo(PHONES.colleague)).toEqual([
      'You have no shift in the next 7 days, so nothing was recorded.',
    ]);
    expect(await overrides()).toEqual([]);
    expect(await bodiesTo(PHONES.supervisor)).toEqual([]);
  });

  it('nobody may cover their own absence', async () => {
    await ctx.sms(PHONES.primary, 'SICK');
    ctx.clock.advance(10 * MINUTE);
    await ctx.sms(PHONES.primary, 'COVER');

    expect((await bodiesTo(PHONES.primary)).at(-1)).toBe('You cannot cover your own absence.');
    expect(await overrides()).toHaveLength(1);
    expect((await overrides())[0].cover_staff_id).toBeNull();
    expect((await onDuty()).primary).toBeNull();
    expect(await bodiesTo(PHONES.supervisor)).toHaveLength(1);
  });
});
