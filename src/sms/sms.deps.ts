import type { CaseDeps, OnDuty } from '../cases/cases.deps';
import type { Keywords } from '../content/keywords';
import type { SicknessDeps } from '../roster/roster.sickness';
import type { DbOrTransaction } from '../shared/db';
import type { Staff } from '../staff/staff.models';
import type { InboundRepository } from './inbound.repository';

export interface SmsDeps extends CaseDeps {
  inboundRepository: InboundRepository;
  keywords: Keywords;
  /** SICK and COVER change the roster inside the SMS's transaction. */
  sickness: SicknessDeps;
}

/** One incoming text, already recorded, being handled inside its transaction. */
export interface SmsContext {
  trx: DbOrTransaction;
  inboundId: number;
  from: string;
  body: string;
  onDuty: OnDuty;
  now: string;
}

export interface StaffSmsContext extends SmsContext {
  sender: Staff;
}

/** What handling decided, stored on the inbound message: the intent and the case it went to. */
export interface SmsOutcome {
  intent: string;
  caseId?: number;
}
