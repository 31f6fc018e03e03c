import { createRosterRepository } from '../../src/roster/roster.repository';
import { createRosterService } from '../../src/roster/roster.service';
import { createManualClock, HOUR } from '../../src/shared/clock';
import type { AppError } from '../../src/shared/errors';
import { createStaffRepository } from '../../src/staff/staff.repository';
import { createTestDatabase } from '../helpers/db';

// Shanghai has no DST: a 08:00 handoff is 00:00Z every day.
async function setUp() {
  const opened = await createTestDatabase();
  const clock = createManualClock('2027-03-10T03:00:00.000Z');
  const staffRepository = createStaffRepository({ db: opened.db, clock });
  const rosterRepository = createRosterRepository({ db: opened.db, clock });
  const rosterService = createRosterService({ rosterRepository, staffRepository, clock });
  const person = (name: string, phone: string) =>
    staffRepository.create({ name, phone, role: 'staff', language: 'zh-CN' });
  const [li, wang, zhao, chen] = await Promise.all([
    person('Li', '+8613800000001'),
    person('Wang', '+8613800000002'),
    person('Zhao', '+8613800000003'),
    person('Chen', '+8613800000004'),
  ]);
  // Entered on 1 March at its first handoff, so that it answers for the whole of last week.
  const dailyRotation = async () => {
    const today = clock.now();
    clock.set('2027-03-01T00:00:00.000Z');
    try {
      return await rosterService.createRotation({
        name: 'Day and night',
        position: 'primary',
        timezone: 'Asia/Shanghai',
        start: '2027-03-01',
        shiftHours: 24,
        members: [li.id, wang.id],
      });
    } finally {
      clock.set(today);
    }
  };
  return {
    ...opened,
    clock,
    staffRepository,
    rosterRepository,
    rosterService,
    li,
    wang,
    zhao,
    chen,
    dailyRotation,
  };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

const at = (iso: string) => new Date(iso);

async function expectAppError(promise: Promise<unknown>, status: number, code: string) {
  await expect(promise).rejects.toMatchObject({ status, code } satisfies Partial<AppError>);
}

describe('the roster service', () => {
  let t: Setup;
  beforeEach(async () => {
    t = await setUp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('a rotation entered on its first day answers for every day since and for now', async () => {
    const rotation = await t.dailyRotation();
    expect(rotation.startLocal).toBe('2027-03-01T08:00');
    expect(rotation.effectiveFrom).toBe('2027-03-01T00:00:00.000Z');
    expect((await t.rosterService.onDutyAt(at('2027-03-01T12:00:00Z'))).primary?.name).toBe('Li');
    expect((await t.rosterService.onDutyAt(at('2027-03-02T12:00:00Z'))).primary?.name).toBe('Wang');
    const now = await t.rosterService.onDutyAt(t.clock.now()); // day 9 → Wang
    expect(now).toEqual({
      primary: expect.objectContaining({ id: t.wang.id }),
      backup: null,
      supervisor: null,
    });
    expect(await t.rosterService.onDutyAt(at('2027-02-28T23:59:59Z'))).toEqual({
      primary: null,
      backup: null,
      supervisor: null,
    });
  });

  it('a rotation created today with a start 30 days ago leaves who was on duty last week as it was', async () => {
    await t.dailyRotation();
    const lastWeek = [1, 2, 3, 4, 5, 6, 7].map((day) => at(`2027-03-0${day}T12:00:00Z`));
    const before = await Promise.all(lastWeek.map((instant) => t.rosterService.onDutyIdsAt(instant)));

    const backDated = await t.rosterService.createRotation({
      name: 'Newcomers',
      position: 'primary',
      timezone: 'Asia/Shanghai',
      start: '2027-02-08',
      shiftHours: 24,
      members: [t.zhao.id, t.chen.id],
    });

    expect(backDated.effectiveFrom).toBe('2027-03-10T03:00:00.000Z');
    expect(await Promise.all(lastWeek.map((instant) => t.rosterService.onDutyIdsAt(instant)))).toEqual(
      before,
    );
    expect((await t.rosterService.onDutyIdsAt(at('2027-03-10T02:59:59.999Z'))).primary).toBe(t.wang.id);
    // Its start still sets the cycle: 10 March is day 30 from 8 February, so Zhao's turn; then Chen's.
    expect((await t.rosterService.onDutyIdsAt(t.clock.now())).primary).toBe(t.zhao.id);
    expect((await t.rosterService.onDutyIdsAt(at('2027-03-11T00:00:00Z'))).primary).toBe(t.chen.id);
  });

  it('a new rotation may take effect from a later effectiveFrom, never an earlier one', async () => {
    const input = {
      name: 'Later',
      position: 'primary' as const,
      timezone: 'Asia/Shanghai',
      start: '2027-03-01',
      shiftHours: 24,
      members: [t.zhao.id],
    };
    const later = await t.rosterService.createRotation({
      ...input,
      effectiveFrom: at('2027-03-12T00:00:00Z'),
    });
    expect(later.effectiveFrom).toBe('2027-03-12T00:00:00.000Z');
    expect((await t.rosterService.onDutyIdsAt(at('2027-03-11T23:59:59.999Z'))).primary).toBeNull();
    expect((await t.rosterService.onDutyIdsAt(at('2027-03-12T00:00:00Z'))).primary).toBe(t.zhao.id);
    await expectAppError(
      t.rosterService.createRotation({ ...input, effectiveFrom: at('2027-03-09T00:00:00Z') }),
      400,
      'rotation.effective_from_past',
    );
  });

  it('changing the members from now leaves everyone before now where they were', async () => {
    const rotation = await t.dailyRotation();
    const lastWeek = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7].map((day) => t.rosterService.onDutyIdsAt(at(`2027-03-0${day}T12:00:00Z`))),
    );
    const edited = await t.rosterService.updateRotation(rotation.rotationId, {
      members: [t.zhao.id, t.chen.id],
    });
    expect(edited.effectiveFrom).toBe('2027-03-10T03:00:00.000Z');
    expect(edited.members).toEqual([t.zhao.id, t.chen.id]);
    expect(edited.name).toBe('Day and night');
    const lastWeekAgain = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7].map((day) => t.rosterService.onDutyIdsAt(at(`2027-03-0${day}T12:00:00Z`))),
    );
    expect(lastWeekAgain).toEqual(lastWeek);
    expect((await t.rosterService.onDutyIdsAt(at('2027-03-10T02:59:59Z'))).primary).toBe(t.wang.id);
    expect((await t.rosterService.onDutyIdsAt(t.clock.now())).primary).toBe(t.chen.id);
    expect(await t.rosterService.listRotations()).toEqual([edited]);
  });

  it('changing the handoff time alone keeps the start date; a bare new date keeps the handoff time', async () => {
    const rotation = await t.dailyRotation();
    const later = await t.rosterService.updateRotation(rotation.rotationId, { handoffTime: '09:30' });
    expect(later.startLocal).toBe('2027-03-01T09:30');
    t.clock.advance(HOUR);
    const moved = await t.rosterService.updateRotation(rotation.rotationId, { start: '2027-03-05' });
    expect(moved.startLocal).toBe('2027-03-05T09:30');
  });

  it('two edits at the same instant become one version holding both changes', async () => {
    const rotation = await t.dailyRotation();
    await t.rosterService.updateRotation(rotation.rotationId, { name: 'Renamed' });
    await t.rosterService.updateRotation(rotation.rotationId, { members: [t.zhao.id] });
    const versions = await t.rosterRepository.findVersions(rotation.rotationId);
    expect(versions).toHaveLength(2);
    expect(versions[1]).toMatchObject({ name: 'Renamed', members: [t.zhao.id] });
  });

  it('refuses an edit that would take effect in the past, and an unknown rotation', async () => {
    const rotation = await t.dailyRotation();
    await expectAppError(
      t.rosterService.updateRotation(rotation.rotationId, { name: 'x' }, at('2027-03-09T00:00:00Z')),
      400,
      'rotation.effective_from_past',
    );
    await expectAppError(t.rosterService.updateRotation(999, { name: 'x' }), 404, 'rotation.not_found');
  });

  it('schedules a future edit without changing today', async () => {
    const rotation = await t.dailyRotation();
    await t.rosterService.updateRotation(
      rotation.rotationId,
      { members: [t.zhao.id] },
      at('2027-03-12T00:00:00Z'),
    );
    expect((await t.rosterService.onDutyIdsAt(t.clock.now())).primary).toBe(t.wang.id);
    expect((await t.rosterService.onDutyIdsAt(at('2027-03-12T00:00:00Z'))).primary).toBe(t.zhao.id);
    expect((await t.rosterService.listRotations())[0].members).toEqual([t.li.id, t.wang.id]);
  });

  it('refuses members who do not exist or are inactive', async () => {
    await t.staffRepository.update(t.chen.id, { active: false });
    await expectAppError(
      t.rosterService.createRotation({
        name: 'x',
        position: 'backup',
        timezone: 'Asia/Shanghai',
        start: '2027-03-01',
        shiftHours: 12,
        members: [t.li.id, 999],
      }),
      400,
      'roster.unknown_staff',
    );
    const rotation = await t.dailyRotation();
    await expectAppError(
      t.rosterService.updateRotation(rotation.rotationId, { members: [t.chen.id] }),
      400,
      'roster.unknown_staff',
    );
  });

  it('someone deactivated after being rostered counts as nobody from then on, and stays on record before', async () => {
    await t.dailyRotation();
    await t.staffRepository.update(t.wang.id, { active: false });
    expect(await t.rosterService.onDutyIdsAt(t.clock.now())).toEqual({
      primary: null,
      backup: null,
      supervisor: null,
    });
    expect((await t.rosterService.onDutyIdsAt(at('2027-03-10T02:59:59.999Z'))).primary).toBe(t.wang.id);
    // Back on the books tomorrow morning, back on the rotation from that moment.
    t.clock.set('2027-03-11T01:00:00.000Z');
    await t.staffRepository.update(t.wang.id, { active: true });
    expect((await t.rosterService.onDutyIdsAt(at('2027-03-10T23:59:59.999Z'))).primary).toBeNull();
    expect((await t.rosterService.onDutyIdsAt(at('2027-03-12T01:00:00.000Z'))).primary).toBe(t.wang.id);
  });

  it('a sick note without cover leaves a gap at once; with cover the cover is on duty', async () => {
    await t.dailyRotation();
    const sick = await t.rosterService.createOverride({
      absentStaffId: t.wang.id,
      from: at('2027-03-10T02:00:00Z'),
      to: at('2027-03-10T06:00:00Z'),
      reason: 'sick',
    });
    expect(sick).toMatchObject({
      position: 'primary',
      absentStaffId: t.wang.id,
      coverStaffId: null,
      createdBy: null,
    });
    expect((await t.rosterService.onDutyIdsAt(t.clock.now())).primary).toBeNull();
    await t.rosterService.createOverride({
      coverStaffId: t.zhao.id,
      from: at('2027-03-10T03:00:00Z'),
      to: at('2027-03-10T04:00:00Z'),
      reason: 'other',
    });
    expect((await t.rosterService.onDutyIdsAt(t.clock.now())).primary).toBe(t.zhao.id);
    expect((await t.rosterService.onDutyIdsAt(at('2027-03-10T06:00:00Z'))).primary).toBe(t.wang.id);
  });

  it('an absence defaults to the position the person holds, even when their duty starts later', async () => {
    await t.rosterService.createRotation({
      name: 'Backup',
      position: 'backup',
      timezone: 'Asia/Shanghai',
      start: '2027-03-01',
      shiftHours: 24,
      members: [t.zhao.id, t.chen.id],
    });
    const now = await t.rosterService.createOverride({
      absentStaffId: t.chen.id,
      from: at('2027-03-10T03:00:00Z'),
      to: at('2027-03-11T00:00:00Z'),
      reason: 'leave',
    });
    expect(now.position).toBe('backup');
    const tomorrow = await t.rosterService.createOverride({
      absentStaffId: t.zhao.id,
      from: at('2027-03-10T03:00:00Z'),
      to: at('2027-03-12T00:00:00Z'),
      reason: 'leave',
    });
    expect(tomorrow.position).toBe('backup');
    const nowhere = await t.rosterService.createOverride({
      absentStaffId: t.li.id,
      from: at('2027-03-10T03:00:00Z'),
      to: at('2027-03-12T00:00:00Z'),
      reason: 'leave',
    });
    expect(nowhere.position).toBe('primary');
  });

  it('refuses an override with nobody in it, a backwards period, or an inactive cover', async () => {
    const period = {
      from: at('2027-03-10T03:00:00Z'),
      to: at('2027-03-10T04:00:00Z'),
      reason: 'sick' as const,
    };
    await expectAppError(t.rosterService.createOverride(period), 400, 'request.invalid');
    await expectAppError(
      t.rosterService.createOverride({ ...period, absentStaffId: t.li.id, to: period.from }),
      400,
      'request.invalid',
    );
    await t.staffRepository.update(t.chen.id, { active: false });
    await expectAppError(
      t.rosterService.createOverride({ ...period, absentStaffId: t.li.id, coverStaffId: t.chen.id }),
      400,
      'roster.unknown_staff',
    );
  });

  it('sees a rotation edited behind its back (by the CLI) at once', async () => {
    const rotation = await t.dailyRotation();
    expect((await t.rosterService.onDutyIdsAt(t.clock.now())).primary).toBe(t.wang.id);
    await t.rosterRepository.updateRotation(rotation.rotationId, { members: [t.zhao.id] });
    expect((await t.rosterService.onDutyIdsAt(t.clock.now())).primary).toBe(t.zhao.id);
  });

  it('resolves the timeline of shifts with their causes', async () => {
    await t.dailyRotation();
    await t.rosterService.createOverride({
      absentStaffId: t.li.id,
      coverStaffId: t.zhao.id,
      from: at('2027-03-11T06:00:00Z'),
      to: at('2027-03-11T12:00:00Z'),
      reason: 'swap',
    });
    const primary = (
      await t.rosterService.shiftsBetween(at('2027-03-11T00:00:00Z'), at('2027-03-12T00:00:00Z'))
    ).filter((segment) => segment.position === 'primary');
    expect(
      primary.map((segment) => [segment.staffId, segment.from.toISOString(), segment.source?.kind]),
    ).toEqual([
      [t.li.id, '2027-03-11T00:00:00.000Z', 'rotation'],
      [t.zhao.id, '2027-03-11T06:00:00.000Z', 'override'],
      [t.li.id, '2027-03-11T12:00:00.000Z', 'rotation'],
    ]);
  });
});
