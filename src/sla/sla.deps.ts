import type { CasesRepository } from '../cases/cases.repository';
import type { Templates } from '../content/templates';
import type { NoticesRepository } from '../notices/notices.repository';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { RosterService } from '../roster/roster.service';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import type { Logger } from '../shared/logger';
import type { StaffRepository } from '../staff/staff.repository';
import type { SlaRepository } from './sla.repository';

/** What sla-watch needs, named, so a test can run it at any instant. */
export interface SlaDeps {
  db: Db;
  slaRepository: SlaRepository;
  /** Its notices_sent `claim`: a reminder or escalation and its key commit together. */
  noticesRepository: Pick<NoticesRepository, 'claim'>;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  rosterService: Pick<RosterService, 'onDutyAt'>;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  logger: Logger;
  kickOutbox: () => void;
  /** The hotline's zone, for the deadline's local time in texts. */
  timezone: string;
}
