import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import request from 'supertest';
import { ADMIN_TOKEN, createTestContext, PUBLIC_BASE_URL, type TestContext } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { addRotation, addStaff, issueToken } from '../helpers/seed';

interface FeedEvent {
  uid: string;
  start: string;
  end: string;
  summary: string;
}

interface ApiShift {
  position: string;
  staff: { id: number; name: string } | null;
  from: string;
  to: string;
}

const LABELS: Record<string, string> = { primary: 'Primary', backup: 'Backup', supervisor: 'Supervisor' };

// The clock starts at 2027-03-01T02:00Z: feeds cover whole UTC days from 30 days back to 90 ahead.
const WINDOW = { from: '2027-01-30T00:00:00.000Z', to: '2027-05-31T00:00:00.000Z' };

/** Parsed by ical.js, a full RFC 5545 parser, not by looking at the text. */
function parseFeed(text: string): { calendar: ICAL.Component; events: FeedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      summary: event.summary,
    };
  });
  return { calendar, events };
}

const byStart = (a: { start: string; summary: string }, b: { start: string; summary: string }) =>
  a.start.localeCompare(b.start) || a.summary.localeCompare(b.summary);

async function shiftsFromApi(t: TestContext): Promise<ApiShift[]> {
  const res = await t.api('get', `/api/roster/shifts?from=${WINDOW.from}&to=${WINDOW.to}`);
  expect(res.status).toBe(200);
  return res.body as ApiShift[];
}

function asEvents(shifts: ApiShift[]) {
  return shifts
    .map((shift) => ({
      start: new Date(shift.from).toISOString(),
      end: new Date(shift.to).toISOString(),
      summary: `${LABELS[shift.position]}: ${shift.staff?.name ?? 'uncovered'}`,
    }))
    .sort(byStart);
}

async function createFeed(t: TestContext, path: string): Promise<string> {
  const res = await t.api('post', path);
  expect(res.status).toBe(201);
  expect(res.body.url).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/calendar/dl_[A-Za-z0-9_-]+\\.ics$`));
  return res.body.url.slice(PUBLIC_BASE_URL.length);
}

describe('iCal feeds of the roster', () => {
  const hotline = useHotline({ online: false, team: false, start: '2027-03-01T02:00:00Z' });
  let t: TestContext;
  let wang: { id: number; name: string };
  let li: { id: number; name: string };

  beforeEach(async () => {
    t = hotline.ctx;
    wang = await addStaff(t, { name: 'Wang Fang', phone: '+8613800000001', role: 'staff' });
    li = await addStaff(t, { name: 'Li Qiang', phone: '+8613800000002', role: 'staff' });
    const zhao = await addStaff(t, { name: 'Zhao Min', phone: '+8613800000003', role: 'supervisor' });
    const desk = { timezone: 'Asia/Shanghai', start: '2027-02-01', handoffTime: '08:00', shiftHours: 24 };
    // Entered at their first handoff: a rotation answers only from when it is entered.
    t.clock.set('2027-02-01T00:00:00Z');
    await addRotation(t, { ...desk, name: 'primary desk', position: 'primary', members: [wang.id, li.id] });
    await addRotation(t, { ...desk, name: 'backup desk', position: 'backup', members: [li.id, wang.id] });
    await addRotation(t, { ...desk, name: 'supervisors', position: 'supervisor', members: [zhao.id] });
    t.clock.set('2027-03-01T02:00:00Z');
    // Wang is off sick for a morning with nobody covering: a gap in the primary position.
    const sick = await t.api('post', '/api/roster/overrides').send({
      absentStaffId: wang.id,
      from: '2027-03-03T08:00:00+08:00',
      to: '2027-03-03T12:00:00+08:00',
      reason: 'sick',
      position: 'primary',
    });
    expect(sick.status).toBe(201);
  });

  it('a per-person feed, fetched with no bearer token, holds exactly that person’s shifts from GET /api/roster/shifts', async () => {
    const path = await createFeed(t, `/api/staff/${wang.id}/calendar`);

    const res = await request(t.app).get(path);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { calendar, events } = parseFeed(res.text);
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const expected = asEvents((await shiftsFromApi(t)).filter((shift) => shift.staff?.id === wang.id));
    expect(expected.length).toBeGreaterThan(100);
    expect(events.map(({ uid: _uid, ...event }) => event).sort(byStart)).toEqual(expected);
    // The sick morning is not Wang's: the shift of 3 March starts at noon.
    expect(events).toContainEqual(
      expect.objectContaining({
        summary: 'Primary: Wang Fang',
        start: '2027-03-03T04:00:00.000Z',
        end: '2027-03-04T00:00:00.000Z',
      }),
    );
  });

  it('the whole-roster feed holds every staffed shift and the gaps, as GET /api/roster/shifts does', async () => {
    const path = await createFeed(t, '/api/roster/calendar');

    const res = await request(t.app).get(path);

    expect(res.status).toBe(200);
    const { events } = parseFeed(res.text);
    expect(events.map(({ uid: _uid, ...event }) => event).sort(byStart)).toEqual(
      asEvents(await shiftsFromApi(t)),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        summary: 'Primary: uncovered',
        start: '2027-03-03T00:00:00.000Z',
        end: '2027-03-03T04:00:00.000Z',
      }),
    );
    expect(events.filter((event) => event.summary === `Backup: ${li.name}`).length).toBeGreaterThan(50);
    expect(new Set(events.map((event) => event.uid)).size).toBe(events.length);
  });

  it('keeps each event’s UID when the feed is fetched again later', async () => {
    const path = await createFeed(t, `/api/staff/${li.id}/calendar`);
    const first = parseFeed((await request(t.app).get(path)).text).events;

    t.clock.advance(3 * 60 * 60_000);
    const again = parseFeed((await request(t.app).get(path)).text).events;

    expect(again).toEqual(first);
  });

  it('answers 404 to an unknown token and to a revoked one', async () => {
    const path = await createFeed(t, `/api/staff/${wang.id}/calendar`);
    expect((await request(t.app).get('/calendar/dl_not-a-real-token.ics')).status).toBe(404);
    expect((await request(t.app).get(path.replace('.ics', 'x.ics'))).status).toBe(404);

    expect(await t.container.calendarFeeds.revokeFeed(`${PUBLIC_BASE_URL}${path}`)).toBe(true);

    const revoked = await request(t.app).get(path);
    expect(revoked.status).toBe(404);
    expect(revoked.body.error.code).toBe('calendar.not_found');
  });

  it('keeps the secret token out of the metrics', async () => {
    const path = await createFeed(t, '/api/roster/calendar');
    await request(t.app).get(path);
    await request(t.app).get('/calendar/dl_guess.ics');

    const metrics = await request(t.app).get('/metrics').set('Authorization', `Bearer ${ADMIN_TOKEN}`);

    expect(metrics.text).toContain('group="/calendar"');
    expect(metrics.text).not.toContain('dl_');
  });

  it('stops serving a person’s feed once they are deactivated', async () => {
    const path = await createFeed(t, `/api/staff/${wang.id}/calendar`);
    expect((await t.api('patch', `/api/staff/${wang.id}`).send({ active: false })).status).toBe(200);

    expect((await request(t.app).get(path)).status).toBe(404);
  });

  it('admins create feeds, a staff member only one of their own shifts, and only for staff who exist', async () => {
    const staffToken = await issueToken(t, li.id);
    const own = await t.api('post', `/api/staff/${li.id}/calendar`, staffToken);
    expect(own.status).toBe(201);
    expect(own.body).toEqual({ url: expect.stringMatching(/\/calendar\/[^/]+\.ics$/), staffId: li.id });
    expect((await t.api('post', `/api/staff/${wang.id}/calendar`, staffToken)).status).toBe(403);
    expect((await t.api('post', '/api/roster/calendar', staffToken)).status).toBe(403);
    expect((await request(t.app).post('/api/roster/calendar')).status).toBe(401);
    const missing = await t.api('post', '/api/staff/999/calendar');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('staff.not_found');
  });
});

describe('a feed across a DST change', () => {
  it('shows New York handoffs at 08:00 local time before and after clocks go forward on 14 March 2027', async () => {
    const t = await createTestContext({ start: '2027-03-01T02:00:00Z' });
    try {
      const ana = await addStaff(t, { name: 'Ana Ruiz', phone: '+12025550101', role: 'staff' });
      const ben = await addStaff(t, { name: 'Ben Cole', phone: '+12025550102', role: 'staff' });
      await addRotation(t, {
        name: 'New York desk',
        position: 'primary',
        timezone: 'America/New_York',
        start: '2027-03-01',
        handoffTime: '08:00',
        shiftHours: 24,
        members: [ana.id, ben.id],
      });
      const path = await createFeed(t, `/api/staff/${ana.id}/calendar`);

      const { events } = parseFeed((await request(t.app).get(path)).text);

      // The last event is cut at the feed's end, 31 May 00:00 UTC; every whole shift runs 08:00 to 08:00.
      expect(events.filter((event) => event.end === WINDOW.to)).toHaveLength(1);
      const whole = events.filter((event) => event.end !== WINDOW.to);
      const local = whole.map((event) => ({
        start: DateTime.fromISO(event.start).setZone('America/New_York'),
        end: DateTime.fromISO(event.end).setZone('America/New_York'),
      }));
      expect(local.length).toBeGreaterThan(30);
      for (const { start, end } of local) {
        expect(start.toFormat('HH:mm')).toBe('08:00');
        expect(end.toFormat('HH:mm')).toBe('08:00');
      }
      const offsets = new Set(local.map(({ start }) => start.toFormat('ZZ')));
      expect(offsets).toEqual(new Set(['-05:00', '-04:00']));
      // Ana's shift of 13 March runs into the change and is an hour shorter.
      expect(events).toContainEqual(
        expect.objectContaining({ start: '2027-03-13T13:00:00.000Z', end: '2027-03-14T12:00:00.000Z' }),
      );
    } finally {
      await t.close();
    }
  });
});
