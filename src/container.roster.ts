import type { TokensRepository } from './auth/auth.repository';
import { createCalendarRepository } from './calendar/calendar.repository';
import { createCalendarFeeds } from './calendar/calendar.usecases';
import type { Actor } from './cases/cases.models';
import type { CasesRepository } from './cases/cases.repository';
import type { Config } from './config';
import type { Templates } from './content/templates';
import type { OutboxRepository } from './outbox/outbox.repository';
import { type RecordAbsenceDeps, recordAbsence } from './roster/roster.absence';
import { createRosterImport } from './roster/roster.import';
import type { RosterRepository } from './roster/roster.repository';
import type { OverrideInput, RosterService } from './roster/roster.service';
import { createShiftsQuery } from './roster/roster.shifts-query';
import type { Clock } from './shared/clock';
import type { Db } from './shared/db';
import type { Logger } from './shared/logger';
import type { StaffRepository } from './staff/staff.repository';
import { createStaffService } from './staff/staff.usecases';

/** Staff and the roster: the staff list, absences, the CSV import, shifts and calendar feeds. */
export function buildRosterServices({
  db,
  config,
  staffRepository,
  tokensRepository,
  rosterRepository,
  rosterService,
  casesRepository,
  outbox,
  templates,
  clock,
  logger,
  kickOutbox,
}: {
  db: Db;
  config: Config;
  staffRepository: StaffRepository;
  tokensRepository: TokensRepository;
  rosterRepository: RosterRepository;
  rosterService: RosterService;
  casesRepository: CasesRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  logger: Logger;
  kickOutbox: () => void;
}) {
  const recordAbsenceDeps: RecordAbsenceDeps = {
    db,
    rosterService,
    rosterRepository,
    casesRepository,
    staffRepository,
    outbox,
    templates,
    clock,
    logger,
    kickOutbox,
  };
  return {
    recordAbsence: (input: Omit<OverrideInput, 'createdBy'>, actor: Actor) =>
      recordAbsence(recordAbsenceDeps, input, actor),
    staffService: createStaffService({
      staffRepository,
      tokensRepository,
      clock,
      defaultLanguage: config.defaultLanguage,
    }),
    rosterImport: createRosterImport({
      db,
      staffRepository,
      rosterRepository,
      defaultLanguage: config.defaultLanguage,
    }),
    calendarFeeds: createCalendarFeeds({
      calendarRepository: createCalendarRepository({ db, clock }),
      staffRepository,
      rosterService,
      clock,
      publicBaseUrl: config.publicBaseUrl,
    }),
    shiftsQuery: createShiftsQuery({ rosterService, staffRepository }),
  };
}
