import { chooseAssignee, chooseUrgentRecipients } from '../../src/cases/cases.models';
import { chooseSupervisorsToTell, type Staff } from '../../src/staff/staff.models';

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
const otherSupervisor = member(4, { role: 'supervisor' });
const ids = (staff: Staff[]) => staff.map((item) => item.id);

describe('who takes a case', () => {
  it('the primary on duty, else the backup, else the supervisor, else nobody', () => {
    expect(chooseAssignee({ primary, backup, supervisor })).toBe(primary);
    expect(chooseAssignee({ primary: null, backup, supervisor })).toBe(backup);
    expect(chooseAssignee({ primary: null, backup: null, supervisor })).toBe(supervisor);
    expect(chooseAssignee({ primary: null, backup: null, supervisor: null })).toBeNull();
  });

  it('never an absent officer, whatever position they are still shown in', () => {
    expect(chooseAssignee({ primary, backup, supervisor }, [primary.id])).toBe(backup);
    expect(chooseAssignee({ primary: backup, backup, supervisor }, [backup.id])).toBe(supervisor);
    expect(chooseAssignee({ primary: null, backup: null, supervisor }, [supervisor.id])).toBeNull();
  });
});

describe('which supervisors are told', () => {
  const active = [supervisor, otherSupervisor];

  it('the supervisor on duty; with none on duty, every active supervisor', () => {
    expect(ids(chooseSupervisorsToTell(supervisor, active))).toEqual([3]);
    expect(ids(chooseSupervisorsToTell(null, active))).toEqual([3, 4]);
    expect(ids(chooseSupervisorsToTell(null, []))).toEqual([]);
  });

  it('never someone excluded (the sender): then every other active supervisor', () => {
    expect(ids(chooseSupervisorsToTell(supervisor, active, [3]))).toEqual([4]);
    expect(ids(chooseSupervisorsToTell(null, active, [4]))).toEqual([3]);
  });

  it('an inactive supervisor on duty counts as none', () => {
    const gone = member(3, { role: 'supervisor', active: false });
    expect(ids(chooseSupervisorsToTell(gone, [otherSupervisor]))).toEqual([4]);
  });
});

describe('who hears of an urgent case at once', () => {
  const active = [supervisor, otherSupervisor];

  it('the supervisor on duty; the backup when the supervisor has the case; every supervisor when none is on duty', () => {
    expect(chooseUrgentRecipients({ primary, backup, supervisor }, active, primary.id)).toEqual({
      kind: 'supervisor',
      staff: [supervisor],
    });
    expect(
      chooseUrgentRecipients({ primary: supervisor, backup, supervisor }, active, supervisor.id),
    ).toEqual({ kind: 'backup', staff: [backup] });
    expect(
      chooseUrgentRecipients({ primary: null, backup: null, supervisor }, active, supervisor.id),
    ).toEqual({ kind: 'none', staff: [] });
    expect(chooseUrgentRecipients({ primary, backup, supervisor: null }, active, primary.id)).toEqual({
      kind: 'all_supervisors',
      staff: [supervisor, otherSupervisor],
    });
  });

  it('with no supervisor on duty, a supervisor who is the assignee is not told of their own case', () => {
    expect(
      chooseUrgentRecipients({ primary: null, backup: null, supervisor: null }, active, otherSupervisor.id),
    ).toEqual({ kind: 'all_supervisors', staff: [supervisor] });
  });
});
