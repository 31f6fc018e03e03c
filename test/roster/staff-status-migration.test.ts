import { createRosterRepository } from '../../src/roster/roster.repository';
import { createRosterService } from '../../src/roster/roster.service';
import { createManualClock } from '../../src/shared/clock';
import { openDatabase } from '../../src/shared/db';
import { migrate, readMigrations } from '../../src/shared/migrator';
import { createStaffRepository } from '../../src/staff/staff.repository';

// A database from before staff activity was kept: Li Qiang was deactivated on 5 March at 09:00Z
// (his last update), and is still on the primary rotation with Wang Fang.
describe('upgrading a database whose staff were deactivated before their history was kept', () => {
  it('counts them active until their last update and inactive since, as far as the record goes', async () => {
    const opened = openDatabase(':memory:');
    const migrations = readMigrations();
    await migrate(
      opened,
      migrations.filter((migration) => migration.version < 9),
    );
    const addStaff = opened.sqlite.prepare(
      "INSERT INTO staff (name, phone, role, language, active, created_at, updated_at) VALUES (?, ?, 'staff', 'en', ?, '2027-02-01T00:00:00.000Z', ?)",
    );
    const wang = Number(
      addStaff.run('Wang Fang', '+8613800000001', 1, '2027-02-01T00:00:00.000Z').lastInsertRowid,
    );
    const li = Number(
      addStaff.run('Li Qiang', '+8613800000002', 0, '2027-03-05T09:00:00.000Z').lastInsertRowid,
    );
    opened.sqlite.prepare("INSERT INTO rotations (created_at) VALUES ('2027-02-01T00:00:00.000Z')").run();
    opened.sqlite
      .prepare(
        `INSERT INTO rotation_versions (rotation_id, effective_from, name, position, timezone, start_local, shift_hours, members, created_at)
         VALUES (1, '2027-02-01T00:00:00.000Z', 'primary desk', 'primary', 'Asia/Shanghai', '2027-02-01T08:00', 24, ?, '2027-02-01T00:00:00.000Z')`,
      )
      .run(JSON.stringify([wang, li]));

    await migrate(opened, migrations);

    const clock = createManualClock('2027-03-10T00:00:00Z');
    const staffRepository = createStaffRepository({ db: opened.db, clock });
    const rosterService = createRosterService({
      rosterRepository: createRosterRepository({ db: opened.db, clock }),
      staffRepository,
      clock,
    });
    const primaryAt = async (iso: string) => (await rosterService.onDutyIdsAt(new Date(iso))).primary;
    // 4 March and 6 March are Li Qiang's days (day 31 and 33 of the rotation).
    expect(await primaryAt('2027-03-04T12:00:00Z')).toBe(li);
    expect(await primaryAt('2027-03-05T08:59:59.999Z')).toBe(wang);
    expect(await primaryAt('2027-03-06T12:00:00Z')).toBeNull();
    expect(await staffRepository.listStatusChanges()).toEqual([
      { staffId: wang, active: true, at: '2027-02-01T00:00:00.000Z' },
      { staffId: li, active: true, at: '2027-02-01T00:00:00.000Z' },
      { staffId: li, active: false, at: '2027-03-05T09:00:00.000Z' },
    ]);
    await opened.close();
  });
});
