import type { CallbacksRepository } from '../callbacks/callbacks.repository';
import type { CasesRepository } from '../cases/cases.repository';
import type { ReviewsRepository } from '../cases/review/review.repository';
import type { Categories } from '../content/categories';
import type { Keywords } from '../content/keywords';
import type { Places } from '../content/places';
import type { Templates } from '../content/templates';
import type { NoticesRepository } from '../notices/notices.repository';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { RosterRepository } from '../roster/roster.repository';
import type { RosterService } from '../roster/roster.service';
import type { AskSatisfaction } from '../satisfaction/satisfaction.ask';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import type { Logger } from '../shared/logger';
import { maskPhone } from '../shared/phone';
import type { Language } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import type { InboundRepository } from './inbound.repository';
import { handleCitizenText } from './sms.citizen';
import { handleStaffText } from './sms.staff';

export interface IncomingSms {
  messageSid: string;
  from: string;
  to: string | null;
  body: string;
  numMedia: number;
  optOutType?: string;
}

export interface ReceiveSmsDeps {
  db: Db;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  callbacksRepository: CallbacksRepository;
  inboundRepository: InboundRepository;
  rosterRepository: RosterRepository;
  rosterService: Pick<RosterService, 'onDutyAt' | 'loadRoster'>;
  noticesRepository: NoticesRepository;
  outbox: OutboxRepository;
  templates: Templates;
  categories: Categories;
  keywords: Keywords;
  places: Places;
  clock: Clock;
  logger: Logger;
  randomInt: (maxExclusive: number) => number;
  defaultLanguage: Language;
  satisfactionWindowHours: number;
  /** Reviewers answer a collective review by SMS (AGREE / DISAGREE). */
  reviewsRepository: ReviewsRepository;
  /** The hotline's zone, in which staff read the times. */
  timezone: string;
  /** Called once the text's transaction commits, so its replies go out without waiting for the next tick. */
  kickOutbox: () => void;
  askSatisfaction: AskSatisfaction;
}

/**
 * Handles one text from Twilio. The inbound row, the case change and every reply commit together
 * or not at all; a MessageSid seen before changes nothing.
 */
export async function receiveSms(
  {
    db,
    casesRepository,
    staffRepository,
    callbacksRepository,
    inboundRepository,
    rosterRepository,
    rosterService,
    noticesRepository,
    outbox,
    templates,
    categories,
    keywords,
    places,
    clock,
    logger,
    randomInt,
    defaultLanguage,
    satisfactionWindowHours,
    timezone,
    kickOutbox,
    reviewsRepository,
    askSatisfaction,
  }: ReceiveSmsDeps,
  sms: IncomingSms,
): Promise<{ duplicate: boolean }> {
  const at = clock.now();
  const now = at.toISOString();
  const sender = await staffRepository.findActiveByPhone(sms.from);
  const onDuty = await rosterService.onDutyAt(at);

  const duplicate = await db.transaction().execute(async (trx) => {
    const inboundId = await inboundRepository.recordOnce(trx, {
      message_sid: sms.messageSid,
      from_phone: sms.from,
      to_phone: sms.to,
      body: sms.body,
      num_media: sms.numMedia,
      sender_type: sender ? 'staff' : 'citizen',
      staff_id: sender?.id ?? null,
      intent: 'pending',
      received_at: now,
    });
    if (inboundId === null) return true;
    const context = { trx, inboundId, from: sms.from, body: sms.body, onDuty, now };
    const outcome = sender
      ? await handleStaffText(
          {
            casesRepository,
            staffRepository,
            callbacksRepository,
            rosterRepository,
            rosterService,
            noticesRepository,
            outbox,
            templates,
            keywords,
            clock,
            logger,
            timezone,
            reviewsRepository,
            satisfactionWindowHours,
            askSatisfaction,
          },
          { ...context, sender },
        )
      : await handleCitizenText(
          {
            casesRepository,
            staffRepository,
            inboundRepository,
            outbox,
            templates,
            categories,
            keywords,
            places,
            clock,
            logger,
            randomInt,
            defaultLanguage,
            satisfactionWindowHours,
          },
          context,
          sms.optOutType,
        );
    await inboundRepository.linkToCase(trx, inboundId, outcome.caseId ?? null, outcome.intent);
    return false;
  });

  if (duplicate)
    logger.info({ messageSid: sms.messageSid, from: maskPhone(sms.from) }, 'duplicate SMS ignored');
  else kickOutbox();
  return { duplicate };
}
