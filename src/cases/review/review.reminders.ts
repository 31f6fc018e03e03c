import type { Templates } from '../../content/templates';
import type { NoticesRepository } from '../../notices/notices.repository';
import type { OutboxRepository } from '../../outbox/outbox.repository';
import type { Clock } from '../../shared/clock';
import type { Db } from '../../shared/db';
import { yieldToRequests } from '../../shared/event-loop';
import type { StaffRepository } from '../../staff/staff.repository';
import { systemActor } from '../cases.models';
import type { CasesRepository } from '../cases.repository';
import {
  isCurrentReview,
  pendingReviewers,
  REVIEW_REMINDER_PERIOD_MS,
  reviewReminderDue,
} from './review.models';
import type { ReviewsRepository } from './review.repository';

export interface RemindReviewersDeps {
  db: Db;
  reviewsRepository: ReviewsRepository;
  noticesRepository: Pick<NoticesRepository, 'claim'>;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  kickOutbox: () => void;
}

/**
 * Part of sla-watch: each reviewer who has not answered an open review is reminded a day after it
 * was asked for, and every day after, each reminder once (its notices_sent key is claimed in the
 * transaction that queues it). Returns how many reminders were queued.
 */
export async function remindReviewers({
  db,
  reviewsRepository,
  noticesRepository,
  casesRepository,
  staffRepository,
  outbox,
  templates,
  clock,
  kickOutbox,
}: RemindReviewersDeps): Promise<number> {
  const now = clock.now();
  const reviews = await reviewsRepository.listOpenRequestedBefore(
    new Date(now.getTime() - REVIEW_REMINDER_PERIOD_MS),
  );
  let reminded = 0;
  for (const listed of reviews) {
    await yieldToRequests();
    reminded += await db.transaction().execute(async (trx) => {
      // Read again in the transaction: an opinion may have come in since the scan.
      const review = await reviewsRepository.findOpen(listed.caseId, trx);
      const found = await casesRepository.findById(listed.caseId, trx);
      if (!review || review.id !== listed.id || !found) return 0;
      if (!isCurrentReview(review, found)) {
        // Its case left the resolution it judged: nobody is to be reminded, and it ends.
        await reviewsRepository.decide(trx, review.id, 'superseded', now.toISOString());
        return 0;
      }
      const staff = await staffRepository.findByIds(pendingReviewers(review), trx);
      const told: number[] = [];
      for (const [staffId, reviewer] of staff) {
        const due = reviewReminderDue(review, staffId, now);
        if (!due || !reviewer.active) continue;
        if (!(await noticesRepository.claim(trx, due.key, now))) continue;
        await outbox.enqueue(trx, {
          to: reviewer.phone,
          purpose: 'review_reminder',
          caseId: found.id,
          staffId,
          body: templates.render('reviewReminder', reviewer.language, { ref: found.ref }),
        });
        told.push(staffId);
      }
      if (told.length === 0) return 0;
      await casesRepository.appendEvent(trx, {
        caseId: found.id,
        at: now.toISOString(),
        type: 'review_reminded',
        actor: systemActor,
        data: { staffIds: told },
      });
      return told.length;
    });
  }
  if (reminded > 0) kickOutbox();
  return reminded;
}
