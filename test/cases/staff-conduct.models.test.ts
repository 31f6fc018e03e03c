import type { Principal } from '../../src/auth/auth.middleware';
import { canActOnCase, canSeeCase } from '../../src/cases/cases.access';
import { isAboutStaffSql, needsSignOffSql, notConcerningSql } from '../../src/cases/cases.conditions';
import {
  type Case,
  chooseAssignee,
  chooseUrgentRecipients,
  concernsStaff,
  holderKeepsCase,
  isAboutStaff,
  needsSignOff,
} from '../../src/cases/cases.models';
import type { Staff } from '../../src/staff/staff.models';
import { useHotline } from '../helpers/hotline';

function member(id: number, fields: Partial<Staff> = {}): Staff {
  return {
    id,
    name: `Member ${id}`,
    phone: `+86138000000${String(id).padStart(2, '0')}`,
    role: 'staff',
    language: 'en',
    active: true,
    createdAt: '2027-01-01T00:00:00.000Z',
    updatedAt: '2027-01-01T00:00:00.000Z',
    ...fields,
  };
}

const primary = member(1);
const backup = member(2);
const supervisor = member(3, { role: 'supervisor' });
const deputy = member(4, { role: 'supervisor' });
const team = { primary, backup, supervisor };

describe('who takes a complaint about staff', () => {
  it('the supervisor on duty, though a primary is on duty', () => {
    const conduct = { concernsStaffId: primary.id, activeSupervisors: [supervisor, deputy] };
    expect(chooseAssignee(team, [], conduct)).toBe(supervisor);
  });

  it('another active supervisor when the one on duty is named, or absent, or there is none', () => {
    const active = [supervisor, deputy];
    expect(chooseAssignee(team, [], { concernsStaffId: supervisor.id, activeSupervisors: active })).toBe(
      deputy,
    );
    expect(chooseAssignee(team, [supervisor.id], { concernsStaffId: null, activeSupervisors: active })).toBe(
      deputy,
    );
    expect(
      chooseAssignee({ ...team, supervisor: null }, [], { concernsStaffId: null, activeSupervisors: active }),
    ).toBe(supervisor);
  });

  it('nobody rather than an officer by the roster', () => {
    expect(
      chooseAssignee(team, [], { concernsStaffId: supervisor.id, activeSupervisors: [supervisor] }),
    ).toBeNull();
  });
});

describe('who keeps a case that triage or a mark makes a complaint about staff', () => {
  const plain = { category: 'noise', concernsStaffId: null };
  const conduct = { category: 'staff-conduct', concernsStaffId: null };
  const naming = (id: number) => ({ category: 'noise', concernsStaffId: id });

  it('an officer holding a case that just became one hands it on, as on arrival; a supervisor keeps it', () => {
    expect(holderKeepsCase(plain, conduct, backup)).toBe(false);
    expect(holderKeepsCase(plain, naming(primary.id), backup)).toBe(false);
    expect(holderKeepsCase(plain, conduct, supervisor)).toBe(true);
    expect(holderKeepsCase(plain, conduct, member(9, { role: 'admin' }))).toBe(true);
    expect(holderKeepsCase(plain, conduct, null)).toBe(false);
  });

  it('the officer it names never keeps it; whoever a supervisor gave a complaint to keeps it through later changes', () => {
    expect(holderKeepsCase(conduct, naming(backup.id), backup)).toBe(false);
    expect(holderKeepsCase(naming(supervisor.id), naming(supervisor.id), supervisor)).toBe(false);
    expect(holderKeepsCase(conduct, { ...conduct, concernsStaffId: primary.id }, backup)).toBe(true);
    expect(holderKeepsCase(conduct, conduct, null)).toBe(true);
    expect(holderKeepsCase(plain, plain, backup)).toBe(true);
    expect(holderKeepsCase(conduct, plain, backup)).toBe(true);
  });
});

describe('what a complaint about staff is', () => {
  const about = (category: string, concernsStaffId: number | null) => ({ category, concernsStaffId });

  it('its category, or a case naming the staff member concerned', () => {
    expect(isAboutStaff(about('staff-conduct', null))).toBe(true);
    expect(isAboutStaff(about('noise', 7))).toBe(true);
    expect(isAboutStaff(about('noise', null))).toBe(false);
    expect(concernsStaff({ concernsStaffId: 7 }, 7)).toBe(true);
    expect(concernsStaff({ concernsStaffId: 7 }, 8)).toBe(false);
    expect(concernsStaff({ concernsStaffId: null }, null)).toBe(false);
  });

  it('needs a sign-off at any priority, as important and urgent cases do', () => {
    expect(needsSignOff({ priority: 'normal', ...about('noise', null) })).toBe(false);
    expect(needsSignOff({ priority: 'important', ...about('noise', null) })).toBe(true);
    expect(needsSignOff({ priority: 'urgent', ...about('noise', null) })).toBe(true);
    expect(needsSignOff({ priority: 'normal', ...about('noise', 7) })).toBe(true);
    expect(needsSignOff({ priority: 'normal', ...about('staff-conduct', null) })).toBe(true);
  });
});

describe('who hears of an urgent complaint about staff', () => {
  const about = { category: 'staff-conduct', concernsStaffId: primary.id };

  it('the supervisor on duty, never the officer it names nor the backup', () => {
    const choice = chooseUrgentRecipients(team, [supervisor, deputy], deputy.id, about);
    expect(choice.staff).toEqual([supervisor]);
  });

  it('the other supervisors when the one on duty holds it or is named, and the backup never', () => {
    expect(chooseUrgentRecipients(team, [supervisor, deputy], supervisor.id, about).staff).toEqual([deputy]);
    const naming = { category: 'noise', concernsStaffId: supervisor.id };
    expect(chooseUrgentRecipients(team, [supervisor, deputy], deputy.id, naming)).toEqual({
      kind: 'none',
      staff: [],
    });
  });
});

describe('who may see and act on a complaint about staff', () => {
  const found = { assigneeId: null, category: 'staff-conduct', concernsStaffId: 5 } as unknown as Case;
  const staffOf = (staffId: number, role: Principal['role']): Principal =>
    ({ kind: 'staff', staffId, role }) as Principal;

  it('not the staff member it names, even an administrator', () => {
    expect(canSeeCase(staffOf(5, 'admin'), found)).toBe(false);
    expect(canSeeCase(staffOf(5, 'supervisor'), { ...found, assigneeId: 5 })).toBe(false);
    expect(canSeeCase(staffOf(6, 'supervisor'), found)).toBe(true);
    expect(canSeeCase({ kind: 'admin', role: 'admin' }, found)).toBe(true);
  });

  it('nobody holds it: a supervisor may take it, an officer on duty may not', () => {
    expect(canActOnCase(staffOf(6, 'staff'), found, [6])).toBe(false);
    expect(canActOnCase(staffOf(5, 'supervisor'), found, [5])).toBe(false);
    expect(canActOnCase(staffOf(6, 'supervisor'), found, [])).toBe(true);
  });
});

describe('the SQL conditions say what the rules say', () => {
  const hotline = useHotline({ online: false });

  it('about staff, needing a sign-off, and hidden from the staff member named, case by case', async () => {
    const { ctx, team: seeded } = hotline;
    for (const category of ['noise', 'staff-conduct']) {
      for (const priority of ['normal', 'important', 'urgent']) {
        for (const concernsStaffId of [null, seeded.primary.id, seeded.backup.id]) {
          const res = await ctx.api('post', '/api/cases').send({
            description: 'A letter',
            category,
            priority,
            channel: 'letter',
            concernsStaffId,
          });
          expect(res.status).toBe(201);
        }
      }
    }
    const { db, casesRepository } = ctx.container;
    const all = (await db.selectFrom('cases').select(['id', 'ref']).orderBy('id').execute()).map(
      (row) => row.ref,
    );
    expect(all).toHaveLength(18);
    const cases = await Promise.all(all.map(async (ref) => (await casesRepository.findByRef(ref))!));
    const idsWhere = async (condition: Parameters<ReturnType<typeof db.selectFrom<'cases'>>['where']>[0]) =>
      (await db.selectFrom('cases').select('id').where(condition).orderBy('id').execute()).map(
        (row) => row.id,
      );
    const idsOf = (keep: (found: Case) => boolean) => cases.filter(keep).map((found) => found.id);

    expect(await idsWhere(isAboutStaffSql)).toEqual(idsOf(isAboutStaff));
    expect(await idsWhere(needsSignOffSql)).toEqual(idsOf(needsSignOff));
    expect(await idsWhere(notConcerningSql(seeded.primary.id))).toEqual(
      idsOf((found) => !concernsStaff(found, seeded.primary.id)),
    );
  });
});
