import ICAL from 'ical.js';
import request from 'supertest';
import { formatSlot } from '../../src/notices/notices.format';
import { callHotline } from '../helpers/calls';
import { PUBLIC_BASE_URL, type TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { useHotline } from '../helpers/hotline';
import { addRotation, addStaff } from '../helpers/seed';

const HOUR = 3_600_000;
const ZONE = 'Asia/Shanghai';
const POSITIONS = ['primary', 'backup', 'supervisor'] as const;
type Position = (typeof POSITIONS)[number];
const LABELS: Record<Position, string> = { primary: 'Primary', backup: 'Backup', supervisor: 'Supervisor' };

/** Who holds each position: a staff id, or null for nobody. */
type Holders = Record<Position, number | null>;

interface Interval {
  from: number;
  to: number;
}

const local = (text: string) => Date.parse(`${text}+08:00`);
const iso = (instant: number) => new Date(instant).toISOString();
const contains = (interval: Interval, at: number) => interval.from <= at && at < interval.to;
const interval = (item: { from: string; to: string }): Interval => ({
  from: Date.parse(item.from),
  to: Date.parse(item.to),
});

// The test week, Monday 1 March to Monday 8 March 2027 in Shanghai. Every rotation hands off at 08:00.
const WEEK = { from: local('2027-03-01T00:00:00'), to: local('2027-03-08T00:00:00') };

/**
 * One week with every awkward case at once:
 * - Li Qiang, on the primary rotation with Wang Fang, is deactivated on Wednesday at 12:00 and
 *   stays on the rotation;
 * - a day rotation (08:00–20:00) entered on Thursday at 14:00 with a start a month back;
 * - Wang Fang's leave on Tuesday afternoon, with no cover;
 * - Chen Jie covering Wang Fang on Saturday night, and Li Qiang named to cover her on Thursday
 *   morning (arranged before he was deactivated).
 */
async function enterTeam(ctx: TestContext) {
  const clock = ctx.clock;
  clock.set('2027-02-20T00:00:00Z');
  const person = (name: string, phone: string, role = 'staff') =>
    addStaff(ctx, { name, phone, role, language: 'en' });
  const wang = await person('Wang Fang', '+8613800000001');
  const li = await person('Li Qiang', '+8613800000002');
  const zhao = await person('Zhao Min', '+8613800000003', 'supervisor');
  const chen = await person('Chen Jie', '+8613800000004');
  const sun = await person('Sun Li', '+8613800000005');
  const desk = { timezone: ZONE, start: '2027-02-22', handoffTime: '08:00', shiftHours: 24 };
  await addRotation(ctx, { ...desk, name: 'primary desk', position: 'primary', members: [wang.id, li.id] });
  await addRotation(ctx, { ...desk, name: 'backup desk', position: 'backup', members: [chen.id] });
  await addRotation(ctx, { ...desk, name: 'supervisor desk', position: 'supervisor', members: [zhao.id] });

  const override = async (body: Record<string, unknown>) => {
    const res = await ctx.api('post', '/api/roster/overrides').send({ position: 'primary', ...body });
    expect(res.status).toBe(201);
  };
  await override({
    absentStaffId: wang.id,
    from: '2027-03-02T14:00:00+08:00',
    to: '2027-03-02T18:00:00+08:00',
    reason: 'leave',
  });
  await override({
    absentStaffId: wang.id,
    coverStaffId: li.id,
    from: '2027-03-04T09:00:00+08:00',
    to: '2027-03-04T11:00:00+08:00',
    reason: 'swap',
  });
  await override({
    absentStaffId: wang.id,
    coverStaffId: chen.id,
    from: '2027-03-06T22:00:00+08:00',
    to: '2027-03-07T02:00:00+08:00',
    reason: 'sick',
  });

  return { wang, li, zhao, chen, sun, staff: [wang, li, zhao, chen, sun] };
}

type Team = Awaited<ReturnType<typeof enterTeam>>;

/** The changes made during the week, each at its own time (the clock is set to it first). */
function changesDuringTheWeek(ctx: TestContext, team: Team): { at: number; run: () => Promise<void> }[] {
  return [
    {
      at: local('2027-03-03T12:00:00'),
      run: async () => {
        const res = await ctx.api('patch', `/api/staff/${team.li.id}`).send({ active: false });
        expect(res.status).toBe(200);
      },
    },
    {
      at: local('2027-03-04T14:00:00'),
      run: async () => {
        await addRotation(ctx, {
          name: 'day desk',
          position: 'primary',
          timezone: ZONE,
          start: '2027-02-01',
          handoffTime: '08:00',
          shiftHours: 12,
          members: [team.sun.id],
          window: { start: '08:00', end: '20:00' },
        });
      },
    },
  ];
}

interface ApiShift {
  position: Position;
  staff: { id: number } | null;
  from: string;
  to: string;
}

interface FeedEvent extends Interval {
  summary: string;
}

function parseFeed(text: string): FeedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      from: event.startDate.toJSDate().getTime(),
      to: event.endDate.toJSDate().getTime(),
      summary: event.summary,
    };
  });
}

describe('every view of the roster', () => {
  const hotline = useHotline({ team: false, start: '2027-02-20T00:00:00Z' });
  let ctx: TestContext;
  let fake: FakeTwilio;
  let week: Team;

  beforeEach(async () => {
    ({ ctx, fake } = hotline);
    week = await enterTeam(ctx);
  });

  const get = async (path: string, query: Record<string, string> = {}) => {
    const res = await ctx.api('get', path).query(query);
    expect(res.status).toBe(200);
    return res;
  };
  const nameOf = (id: number | null) => week.staff.find((member) => member.id === id)?.name ?? null;
  const phoneOf = (id: number) => week.staff.find((member) => member.id === id)!.phone;

  async function onDutyAt(at: number): Promise<Holders> {
    const body = (await get('/api/roster/on-duty', { at: iso(at) })).body;
    return {
      primary: body.primary?.id ?? null,
      backup: body.backup?.id ?? null,
      supervisor: body.supervisor?.id ?? null,
    };
  }

  it('the duty-gap report, on-duty, the hunt, shifts, iCal and gap-watch agree at every instant of the week', async () => {
    // The week is lived through in order: a caller presses 0 every six hours and at a few awkward
    // moments, between the changes made during the week, and the hunt rings whoever is on duty then.
    const huntInstants = [
      '2027-03-02T15:00:00',
      '2027-03-04T10:00:00',
      '2027-03-05T21:00:00',
      '2027-03-06T23:00:00',
    ].map(local);
    for (let at = WEEK.from + HOUR; at < WEEK.to; at += 6 * HOUR) huntInstants.push(at);
    const hunts: { at: number; holders: Holders; dialed: string[] }[] = [];
    const hunt = async (at: number) => {
      const holders = await onDutyAt(at);
      const call = await callHotline(
        ctx,
        '+8613912345678',
        { actions: [{ press: '0' }, { hangup: true }] },
        { fake },
      );
      hunts.push({ at, holders, dialed: call.dialed.map((dialed) => dialed.phone) });
    };
    const timeline = [
      ...changesDuringTheWeek(ctx, week),
      ...huntInstants.map((at) => ({ at, run: () => hunt(at) })),
    ].sort((a, b) => a.at - b.at);
    for (const step of timeline) {
      ctx.clock.set(new Date(step.at));
      await step.run();
    }
    // Looked back on from the end of the week.
    ctx.clock.set(new Date(WEEK.to));

    const weekQuery = { from: iso(WEEK.from), to: iso(WEEK.to) };
    const shifts = (await get('/api/roster/shifts', weekQuery)).body as ApiShift[];
    const report = (await get('/api/reports/duty-gaps', weekQuery)).body;

    // Every hour, and a millisecond either side of every edge any view shows.
    const edges = new Set<number>();
    for (const item of [...shifts, ...report.gaps, ...report.slots, ...report.noBackup]) {
      edges.add(Date.parse(item.from));
      edges.add(Date.parse(item.to));
    }
    const instants = new Set<number>();
    for (let at = WEEK.from; at < WEEK.to; at += HOUR) instants.add(at);
    for (const edge of edges) for (const at of [edge - 1, edge, edge + 1]) instants.add(at);
    const sorted = [...instants].filter((at) => at >= WEEK.from && at < WEEK.to).sort((a, b) => a - b);

    const onDuty = new Map<number, Holders>();
    for (const at of sorted) onDuty.set(at, await onDutyAt(at));

    // Shifts and the report, at every instant.
    for (const at of sorted) {
      const holders = onDuty.get(at)!;
      for (const position of POSITIONS) {
        const segments = shifts.filter(
          (shift) => shift.position === position && contains(interval(shift), at),
        );
        expect({ at: iso(at), position, shifts: segments.map((shift) => shift.staff?.id ?? null) }).toEqual({
          at: iso(at),
          position,
          shifts: [holders[position]],
        });
      }
      const inGap = report.gaps.some((gap: { from: string; to: string }) => contains(interval(gap), at));
      const slots = report.slots.filter((slot: ApiShift) => contains(interval(slot), at));
      const inNoBackup = report.noBackup.some((stretch: { from: string; to: string }) =>
        contains(interval(stretch), at),
      );
      expect({
        at: iso(at),
        gap: inGap,
        slot: slots.map((slot: ApiShift) => slot.staff?.id ?? null),
        noBackup: inNoBackup,
      }).toEqual({
        at: iso(at),
        gap: holders.primary === null,
        slot: [holders.primary],
        noBackup: holders.backup === null,
      });
    }

    // The week has what it was built to have.
    const primaryAt = (text: string) => nameOf(onDuty.get(local(text))?.primary ?? -1);
    expect(sorted).toEqual(expect.arrayContaining([local('2027-03-03T15:00:00')]));
    expect(primaryAt('2027-03-03T15:00:00')).toBeNull(); // Li Qiang's day, deactivated
    expect(primaryAt('2027-03-02T15:00:00')).toBeNull(); // Wang Fang on leave
    expect(primaryAt('2027-03-04T10:00:00')).toBeNull(); // her cover is Li Qiang, deactivated
    expect(primaryAt('2027-03-04T12:00:00')).toBe('Wang Fang'); // the day desk did not exist yet
    expect(primaryAt('2027-03-05T10:00:00')).toBe('Sun Li'); // the day desk
    expect(primaryAt('2027-03-05T21:00:00')).toBeNull(); // Li Qiang's night, deactivated
    expect(primaryAt('2027-03-06T23:00:00')).toBe('Chen Jie'); // covering Wang Fang
    expect(primaryAt('2027-03-01T09:00:00')).toBe('Li Qiang'); // before he was deactivated
    expect(primaryAt('2027-03-07T21:00:00')).toBeNull(); // his night, still deactivated
    expect(new Set(report.gaps.map((gap: { cause: string }) => gap.cause))).toEqual(
      new Set(['absence_without_cover', 'member_inactive']),
    );

    // The report's hours: on-duty holds between consecutive edges, so its answers add up to them.
    const bounds = [...new Set([WEEK.from, ...edges, WEEK.to])]
      .filter((at) => at >= WEEK.from && at <= WEEK.to)
      .sort((a, b) => a - b);
    const hours = new Map<number, number>();
    for (let i = 0; i + 1 < bounds.length; i++) {
      const holders = onDuty.get(bounds[i])!;
      for (const id of new Set(POSITIONS.map((position) => holders[position]))) {
        if (id !== null) hours.set(id, (hours.get(id) ?? 0) + (bounds[i + 1] - bounds[i]) / HOUR);
      }
    }
    const expectedHours = [...hours].map(([id, total]) => ({ id, hours: Math.round(total * 100) / 100 }));
    expect(
      report.hours.map((entry: { staff: { id: number }; hours: number }) => ({
        id: entry.staff.id,
        hours: entry.hours,
      })),
    ).toEqual(expect.arrayContaining(expectedHours));
    expect(report.hours).toHaveLength(expectedHours.length);

    // iCal: the whole-roster feed and each person's feed, rendered now (the week is inside their window).
    const feedPath = async (path: string) => {
      const res = await ctx.api('post', path);
      expect(res.status).toBe(201);
      return (res.body.url as string).slice(PUBLIC_BASE_URL.length);
    };
    const readFeed = async (path: string) => {
      const res = await request(ctx.app).get(path);
      expect(res.status).toBe(200);
      return parseFeed(res.text);
    };
    const whole = await readFeed(await feedPath('/api/roster/calendar'));
    // A deactivated member has no feed of their own any more.
    const active = week.staff.filter((member) => member.id !== week.li.id);
    const personal = new Map<number, FeedEvent[]>();
    for (const member of active) {
      personal.set(member.id, await readFeed(await feedPath(`/api/staff/${member.id}/calendar`)));
    }
    for (const at of sorted) {
      const holders = onDuty.get(at)!;
      for (const position of POSITIONS) {
        const events = whole.filter(
          (event) => event.summary.startsWith(`${LABELS[position]}: `) && contains(event, at),
        );
        expect({ at: iso(at), events: events.map((event) => event.summary) }).toEqual({
          at: iso(at),
          events: [`${LABELS[position]}: ${nameOf(holders[position]) ?? 'uncovered'}`],
        });
      }
      for (const member of active) {
        const theirs = personal
          .get(member.id)!
          .filter((event) => contains(event, at))
          .map((event) => event.summary)
          .sort();
        const expected = POSITIONS.filter((position) => holders[position] === member.id)
          .map((position) => `${LABELS[position]}: ${member.name}`)
          .sort();
        expect({ at: iso(at), member: member.name, events: theirs }).toEqual({
          at: iso(at),
          member: member.name,
          events: expected,
        });
      }
    }

    // gap-watch, run every hour through the week, tells the supervisor of exactly the report's gaps.
    const causeText = (gap: { cause: string; staff: { name: string } | null }) =>
      gap.cause === 'no_rotation'
        ? 'no rotation'
        : gap.cause === 'member_inactive'
          ? `${gap.staff?.name} inactive`
          : `${gap.staff?.name} absent, no cover`;
    const firstRun = WEEK.from - 24 * HOUR;
    const lastRun = WEEK.to - 25 * HOUR;
    // Gap-watch follows a gap to its end, so the expected gaps come from a report wide enough to hold them.
    const wide = (
      await get('/api/reports/duty-gaps', {
        from: iso(WEEK.from - 2 * 24 * HOUR),
        to: iso(WEEK.to + 2 * 24 * HOUR),
      })
    ).body;
    const expectedAlerts = wide.gaps
      .filter(
        (gap: { from: string; to: string }) =>
          Date.parse(gap.to) > firstRun && Date.parse(gap.from) <= lastRun + 24 * HOUR,
      )
      .map(
        (gap: { from: string; to: string; cause: string; staff: { name: string } | null }) =>
          `Duty gap: primary ${formatSlot(new Date(gap.from), new Date(gap.to), ZONE, 'en')} (${causeText(gap)}). Please arrange cover.`,
      );
    expect(expectedAlerts.length).toBeGreaterThanOrEqual(report.gaps.length);
    for (let at = firstRun; at <= lastRun; at += HOUR) {
      ctx.clock.set(new Date(at));
      await ctx.container.jobs.runNow('gap-watch');
      // The run kicks the dispatcher; an hour moved on under a send in flight would expire its claim.
      await ctx.container.dispatcher?.idle();
    }
    await ctx.flushOutbox();
    const alerts = fake.messages
      .filter((message) => message.to === week.zhao.phone && message.body.startsWith('Duty gap'))
      .map((message) => message.body);
    expect(alerts.sort()).toEqual([...expectedAlerts].sort());

    // The hunt rang whoever on-duty said then, in order, and nobody else; and on-duty still says the same.
    for (const { at, holders, dialed } of hunts) {
      const expected = [...new Set(POSITIONS.map((position) => holders[position]))].flatMap((id) =>
        id === null ? [] : [phoneOf(id)],
      );
      expect({ at: iso(at), dialed, holders: onDuty.get(at) ?? (await onDutyAt(at)) }).toEqual({
        at: iso(at),
        dialed: expected,
        holders,
      });
    }
  }, 120_000);
});
