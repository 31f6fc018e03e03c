import express from 'express';
import request from 'supertest';
import type { Principal } from '../../src/auth/auth.middleware';
import type { Actor } from '../../src/cases/cases.models';
import { createRosterRepository } from '../../src/roster/roster.repository';
import { createRosterRouter } from '../../src/roster/roster.routes';
import { createRosterService, type OverrideInput } from '../../src/roster/roster.service';
import { createManualClock } from '../../src/shared/clock';
import { createErrorHandler } from '../../src/shared/http';
import { silentLogger } from '../../src/shared/logger';
import { createStaffRepository } from '../../src/staff/staff.repository';
import { createTestDatabase } from '../helpers/db';

// The app authenticates; here a header picks the principal so the router is tested on its own.
async function setUp() {
  const opened = await createTestDatabase();
  const clock = createManualClock('2027-03-10T03:00:00.000Z');
  const staffRepository = createStaffRepository({ db: opened.db, clock });
  const rosterRepository = createRosterRepository({ db: opened.db, clock });
  const rosterService = createRosterService({ rosterRepository, staffRepository, clock });
  const li = await staffRepository.create({
    name: 'Li',
    phone: '+8613800000001',
    role: 'staff',
    language: 'zh-CN',
  });
  const wang = await staffRepository.create({
    name: 'Wang',
    phone: '+8613800000002',
    role: 'staff',
    language: 'en',
  });
  const app = express();
  app.use(express.json());
  app.use((req, _res, next) => {
    const role = req.get('x-test-role');
    const principals: Record<string, Principal> = {
      admin: { kind: 'admin', role: 'admin' },
      staff: { kind: 'staff', staffId: li.id, role: 'staff' },
    };
    if (role) req.principal = principals[role];
    next();
  });
  // Only the route's own work is tested here: the hand-over of an absence has its tests with the whole app.
  const recordAbsence = (input: Omit<OverrideInput, 'createdBy'>, actor: Actor) =>
    rosterService.createOverride({ ...input, createdBy: actor.staffId });
  app.use(
    '/api/roster',
    createRosterRouter({ rosterService, timezone: 'Asia/Shanghai', clock, recordAbsence }),
  );
  app.use(createErrorHandler(silentLogger));
  const asAdmin = () => ({
    post: (path: string) => request(app).post(path).set('x-test-role', 'admin'),
    patch: (path: string) => request(app).patch(path).set('x-test-role', 'admin'),
    get: (path: string) => request(app).get(path).set('x-test-role', 'admin'),
  });
  return { ...opened, app, li, wang, asAdmin };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

const rotationBody = (t: Setup) => ({
  name: 'Primary',
  position: 'primary',
  timezone: 'America/New_York',
  start: '2027-03-13',
  shiftHours: 24,
  members: [t.li.id, t.wang.id],
});

describe('the roster API', () => {
  let t: Setup;
  beforeEach(async () => {
    t = await setUp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('an admin creates a rotation and everyone can list it', async () => {
    const created = await t.asAdmin().post('/api/roster/rotations').send(rotationBody(t)).expect(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      name: 'Primary',
      position: 'primary',
      timezone: 'America/New_York',
      start: '2027-03-13T08:00',
      startsAt: '2027-03-13T08:00:00.000-05:00',
      shiftHours: 24,
      handoffTime: '08:00',
      members: [t.li.id, t.wang.id],
      weekdays: null,
      window: null,
      effectiveFrom: '2027-03-10T11:00:00.000+08:00',
    });
    const list = await request(t.app).get('/api/roster/rotations').set('x-test-role', 'staff').expect(200);
    expect(list.body.items).toEqual([created.body]);
  });

  it('says who is on duty at 07:59 and 08:00 New York time on spring-forward day', async () => {
    await t.asAdmin().post('/api/roster/rotations').send(rotationBody(t)).expect(201);
    const before = await t.asAdmin().get('/api/roster/on-duty?at=2027-03-14T07:59:00-04:00').expect(200);
    expect(before.body).toEqual({
      at: '2027-03-14T19:59:00.000+08:00',
      primary: {
        id: t.li.id,
        name: 'Li',
        phone: '+8613800000001',
        role: 'staff',
        language: 'zh-CN',
        active: true,
      },
      backup: null,
      supervisor: null,
    });
    const after = await t
      .asAdmin()
      .get('/api/roster/on-duty')
      .query({ at: '2027-03-14T12:00:00Z' })
      .expect(200);
    expect(after.body.primary.id).toBe(t.wang.id);
  });

  it('answers for now when no time is given', async () => {
    const res = await request(t.app).get('/api/roster/on-duty').set('x-test-role', 'staff').expect(200);
    expect(res.body).toEqual({
      at: '2027-03-10T11:00:00.000+08:00',
      primary: null,
      backup: null,
      supervisor: null,
    });
  });

  it.each(['2027-03-14T08:00:00', 'tomorrow', '2027-02-30T08:00:00Z'])(
    'refuses at=%s with 400',
    async (at) => {
      const res = await t.asAdmin().get('/api/roster/on-duty').query({ at }).expect(400);
      expect(res.body.error.code).toBe('request.invalid');
    },
  );

  it.each([
    ['an unknown zone', { timezone: 'Mars/Olympus' }, 'request.invalid'],
    ['a 200-hour shift', { shiftHours: 200 }, 'request.invalid'],
    ['a handoff at 8am', { handoffTime: '8am' }, 'request.invalid'],
    ['weekday 8', { weekdays: [1, 8] }, 'request.invalid'],
    ['a window without an end', { window: { start: '09:00' } }, 'request.invalid'],
    ['a misspelt field', { member: [1] }, 'request.invalid'],
    ['an unknown member', { members: [999] }, 'roster.unknown_staff'],
  ])('refuses a rotation with %s', async (_what, change, code) => {
    const res = await t
      .asAdmin()
      .post('/api/roster/rotations')
      .send({ ...rotationBody(t), ...change })
      .expect(400);
    expect(res.body.error.code).toBe(code);
  });

  it.each([
    ['with an offset', '2027-03-10T08:00:00-05:00'],
    ['in UTC', '2027-03-10T13:00:00Z'],
    ['with milliseconds', '2027-03-10T13:00:00.000Z'],
    ['with an offset and no seconds', '2027-03-10T21:00+08:00'],
  ])('takes a start given as an instant %s as that local time in the rotation zone', async (_what, start) => {
    const res = await t
      .asAdmin()
      .post('/api/roster/rotations')
      .send({ ...rotationBody(t), timezone: 'Asia/Shanghai', start })
      .expect(201);
    expect(res.body).toMatchObject({
      start: '2027-03-10T21:00',
      startsAt: '2027-03-10T21:00:00.000+08:00',
      handoffTime: '21:00',
    });
  });

  it('an instant start on the New York spring-forward morning keeps its local time from then on', async () => {
    const res = await t
      .asAdmin()
      .post('/api/roster/rotations')
      .send({ ...rotationBody(t), start: '2027-03-14T07:00:00Z' })
      .expect(201);
    expect(res.body).toMatchObject({ start: '2027-03-14T03:00', handoffTime: '03:00' });
    const onDuty = await t.asAdmin().get('/api/roster/on-duty?at=2027-03-15T03:00:00-04:00').expect(200);
    expect(onDuty.body.primary.id).toBe(t.wang.id);
  });

  it('takes a handoffTime with an instant start only when they agree', async () => {
    const body = { ...rotationBody(t), timezone: 'Asia/Shanghai', start: '2027-03-10T13:00:00Z' };
    await t
      .asAdmin()
      .post('/api/roster/rotations')
      .send({ ...body, handoffTime: '21:00' })
      .expect(201);
    const clash = await t
      .asAdmin()
      .post('/api/roster/rotations')
      .send({ ...body, name: 'Other', handoffTime: '08:00' })
      .expect(400);
    expect(clash.body.error).toMatchObject({
      code: 'rotation.handoff_time_conflict',
      message: expect.stringContaining('21:00'),
    });
  });

  it.each([
    ['not on a whole minute', '2027-03-10T13:00:30Z'],
    ['not a real time', '2027-02-30T13:00:00Z'],
    ['an offset without a time', '2027-03-10Z'],
    ['a local time with seconds', '2027-03-10T13:00:00'],
  ])('refuses a start %s with 400', async (_what, start) => {
    const res = await t
      .asAdmin()
      .post('/api/roster/rotations')
      .send({ ...rotationBody(t), start })
      .expect(400);
    expect(res.body.error.code).toBe('request.invalid');
  });

  it('an edit takes a new start given as an instant, read in the rotation zone', async () => {
    const created = await t.asAdmin().post('/api/roster/rotations').send(rotationBody(t)).expect(201);
    const edited = await t
      .asAdmin()
      .patch(`/api/roster/rotations/${created.body.id}`)
      .send({ start: '2027-03-20T09:30:00-04:00' })
      .expect(200);
    expect(edited.body).toMatchObject({ start: '2027-03-20T09:30', handoffTime: '09:30' });
    const moved = await t
      .asAdmin()
      .patch(`/api/roster/rotations/${created.body.id}`)
      .send({ timezone: 'Asia/Shanghai', start: '2027-03-20T09:30:00-04:00' })
      .expect(200);
    expect(moved.body).toMatchObject({ timezone: 'Asia/Shanghai', start: '2027-03-20T21:30' });
  });

  it('a new rotation takes effect from its creation or a later effectiveFrom, never earlier', async () => {
    const now = await t
      .asAdmin()
      .post('/api/roster/rotations')
      .send({ ...rotationBody(t), start: '2027-02-08' })
      .expect(201);
    expect(now.body.effectiveFrom).toBe('2027-03-10T11:00:00.000+08:00');
    const yesterday = await t.asAdmin().get('/api/roster/on-duty?at=2027-03-09T12:00:00Z').expect(200);
    expect(yesterday.body.primary).toBeNull();

    const later = await t
      .asAdmin()
      .post('/api/roster/rotations')
      .send({ ...rotationBody(t), name: 'Later', effectiveFrom: '2027-03-12T00:00:00+08:00' })
      .expect(201);
    expect(later.body.effectiveFrom).toBe('2027-03-12T00:00:00.000+08:00');
    const past = await t
      .asAdmin()
      .post('/api/roster/rotations')
      .send({ ...rotationBody(t), name: 'Past', effectiveFrom: '2027-03-01T00:00:00Z' })
      .expect(400);
    expect(past.body.error.code).toBe('rotation.effective_from_past');
  });

  it('only an admin may change the roster', async () => {
    const res = await request(t.app)
      .post('/api/roster/rotations')
      .set('x-test-role', 'staff')
      .send(rotationBody(t))
      .expect(403);
    expect(res.body.error.code).toBe('auth.forbidden');
    await request(t.app).get('/api/roster/rotations').expect(401);
  });

  it('an edit takes effect from now or a later effectiveFrom, and an unknown rotation is 404', async () => {
    const created = await t.asAdmin().post('/api/roster/rotations').send(rotationBody(t)).expect(201);
    const edited = await t
      .asAdmin()
      .patch(`/api/roster/rotations/${created.body.id}`)
      .send({ members: [t.wang.id], effectiveFrom: '2027-03-11T00:00:00+08:00' })
      .expect(200);
    expect(edited.body).toMatchObject({
      members: [t.wang.id],
      effectiveFrom: '2027-03-11T00:00:00.000+08:00',
    });
    const past = await t
      .asAdmin()
      .patch(`/api/roster/rotations/${created.body.id}`)
      .send({ effectiveFrom: '2027-03-01T00:00:00Z', name: 'x' })
      .expect(400);
    expect(past.body.error.code).toBe('rotation.effective_from_past');
    for (const id of ['999', 'abc']) {
      const missing = await t.asAdmin().patch(`/api/roster/rotations/${id}`).send({ name: 'x' }).expect(404);
      expect(missing.body.error.code).toBe('rotation.not_found');
    }
  });

  it('an admin records a sick note; the absence leaves the position empty', async () => {
    await t.asAdmin().post('/api/roster/rotations').send(rotationBody(t)).expect(201);
    const res = await t
      .asAdmin()
      .post('/api/roster/overrides')
      .send({
        absentStaffId: t.li.id,
        from: '2027-03-14T00:00:00-05:00',
        to: '2027-03-14T08:00:00-04:00',
        reason: 'sick',
      })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      position: 'primary',
      absentStaffId: t.li.id,
      coverStaffId: null,
      from: '2027-03-14T13:00:00.000+08:00',
      to: '2027-03-14T20:00:00.000+08:00',
      reason: 'sick',
      createdBy: null,
      createdAt: '2027-03-10T11:00:00.000+08:00',
      cancelledAt: null,
    });
    const onDuty = await t.asAdmin().get('/api/roster/on-duty?at=2027-03-14T07:00:00-04:00').expect(200);
    expect(onDuty.body.primary).toBeNull();
  });

  it.each([
    ['nobody in it', { from: '2027-03-14T00:00:00Z', to: '2027-03-15T00:00:00Z', reason: 'sick' }],
    [
      'an end before its start',
      { coverStaffId: 1, from: '2027-03-15T00:00:00Z', to: '2027-03-14T00:00:00Z', reason: 'sick' },
    ],
    [
      'an unknown reason',
      { coverStaffId: 1, from: '2027-03-14T00:00:00Z', to: '2027-03-15T00:00:00Z', reason: 'bored' },
    ],
  ])('refuses an override with %s', async (_what, body) => {
    const res = await t.asAdmin().post('/api/roster/overrides').send(body).expect(400);
    expect(res.body.error.code).toBe('request.invalid');
  });
});
