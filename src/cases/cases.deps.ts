import type { CallbacksRepository } from '../callbacks/callbacks.repository';
import type { Categories } from '../content/categories';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { Position } from '../roster/roster.models';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import type { Logger } from '../shared/logger';
import type { Language, Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import type { CasesRepository } from './cases.repository';

export type OnDuty = Record<Position, Staff | null>;

export interface OnDutyLookup {
  onDutyAt(at: Date): Promise<OnDuty>;
}

/** What the case use cases need, named, so tests can hand in an in-memory database and fakes. */
export interface CaseDeps {
  db: Db;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  callbacksRepository: CallbacksRepository;
  roster: OnDutyLookup;
  templates: Templates;
  categories: Categories;
  clock: Clock;
  logger: Logger;
  randomInt: (maxExclusive: number) => number;
  defaultLanguage: Language;
  /** How long a resolved case waits for the citizen's answer before it may close (SATISFACTION_WINDOW_HOURS). */
  satisfactionWindowHours: number;
  /** Called after a transaction that queued messages commits, so they go out without waiting for the next tick. */
  kickOutbox: () => void;
}
