import type { OnDuty } from '../cases/cases.models';
import type { DbOrTransaction } from '../shared/db';
import type { Staff } from '../staff/staff.models';

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
