import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../src/config';
import { type Container, createContainer } from '../../src/container';
import { createManualClock } from '../../src/shared/clock';
import { type OpenedDatabase, openDatabase } from '../../src/shared/db';
import { silentLogger } from '../../src/shared/logger';
import { migrate } from '../../src/shared/migrator';
import { TEST_STORE } from '../helpers/db';
import { createSharedPostgresStore, type SharedPostgresStore } from '../helpers/shared-store';

const ROSTER_CSV = [
  'kind,name,phone,role,language,position,timezone,start,handoff_time,shift_hours,members',
  'staff,Wang Fang,+8613800000001,staff,en,,,,,,',
  'staff,Li Qiang,+8613800000002,staff,en,,,,,,',
  'rotation,primary desk,,,,primary,Asia/Shanghai,2027-02-01,08:00,24,+8613800000001;+8613800000002',
  '',
].join('\n');

// The running server and the CLI: two processes, each with its own connection to one SQLite file.
// On PostgreSQL: two nodes of a cluster, each with its own pool on one schema.
describe('roster changes made by another process on the same database', () => {
  let dir: string;
  let store: SharedPostgresStore | undefined;
  const opened: OpenedDatabase[] = [];

  async function openProcess(databasePath: string): Promise<Container> {
    let database: OpenedDatabase;
    if (TEST_STORE === 'postgres') {
      store ??= await createSharedPostgresStore();
      database = store.open();
    } else {
      database = openDatabase(databasePath);
      opened.push(database);
      // The first to open the file migrates it, as `npm start` does.
      await migrate(database);
    }
    const config = parseConfig({
      DATABASE_PATH: databasePath,
      ADMIN_TOKEN: 'test-admin-token-0123456789',
      HOTLINE_TIMEZONE: 'Asia/Shanghai',
      LOG_LEVEL: 'silent',
    });
    const clock = createManualClock('2027-03-01T02:00:00Z');
    return createContainer({ config, db: database.db, clock, logger: silentLogger });
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-roster-'));
  });

  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    await store?.close();
    store = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('are seen by the running server at once: an import, an edit and a deactivation', async () => {
    const databasePath = path.join(dir, 'dutyline.sqlite');
    const server = await openProcess(databasePath);
    const cli = await openProcess(databasePath);
    const now = server.clock.now();
    const primaryNow = async () => (await server.rosterService.onDutyAt(now)).primary?.name ?? null;

    // The server has answered (and kept what it read) before the CLI changes anything.
    expect(await primaryNow()).toBeNull();

    await cli.rosterImport.importCsv(ROSTER_CSV);
    expect(await primaryNow()).toBe('Wang Fang');

    const [rotation] = await cli.rosterService.listRotations();
    const li = (await cli.staffRepository.list()).find((member) => member.name === 'Li Qiang')!;
    await cli.rosterService.updateRotation(rotation.rotationId, { members: [li.id] });
    expect(await primaryNow()).toBe('Li Qiang');

    await cli.staffRepository.update(li.id, { active: false });
    expect(await primaryNow()).toBeNull();
    expect(await server.rosterService.onDutyIdsAt(now)).toEqual({
      primary: null,
      backup: null,
      supervisor: null,
    });
  });
});
