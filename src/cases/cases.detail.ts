import type { Principal } from '../auth/auth.middleware';
import type { CallbackTask } from '../callbacks/callbacks.models';
import type { Call } from '../calls/calls.models';
import type { CallsRepository } from '../calls/calls.repository';
import type { OutboxMessage } from '../outbox/outbox.models';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { InboundMessage, InboundRepository } from '../sms/inbound.repository';
import { staffIdOf } from './cases.access';
import { type Case, type CaseEvent, concernsStaff } from './cases.models';
import type { CasesRepository } from './cases.repository';
import type { CaseService } from './cases.usecases';
import type { CaseReview } from './review/review.models';
import type { ReviewsRepository } from './review/review.repository';

/** One case with everything its page shows: GET /api/cases/:ref and /console/cases/:ref read the same. */
export interface CaseDetail {
  found: Case;
  events: CaseEvent[];
  inbound: InboundMessage[];
  outbound: OutboxMessage[];
  calls: Call[];
  /** The cases merged into this one, oldest first (a group complaint's other reporters). */
  merged: Case[];
  /** The case this one was merged into, if it was. */
  mergedInto: Case | null;
  callbacks: CallbackTask[];
  /** The case's newest collective review, open or decided. */
  review: CaseReview | null;
}

export interface LoadCaseDetailDeps {
  caseService: Pick<CaseService, 'get' | 'listCallbacks'>;
  casesRepository: Pick<CasesRepository, 'listEvents' | 'listMergedInto' | 'findById'>;
  inboundRepository: Pick<InboundRepository, 'listForCase'>;
  outbox: Pick<OutboxRepository, 'listForCase'>;
  callsRepository: Pick<CallsRepository, 'listForCase'>;
  reviewsRepository: Pick<ReviewsRepository, 'findLatest'>;
}

/** Loads a case the principal may see (else 404 case.not_found), with its trail, messages and calls. */
export async function loadCaseDetail(
  {
    caseService,
    casesRepository,
    inboundRepository,
    outbox,
    callsRepository,
    reviewsRepository,
  }: LoadCaseDetailDeps,
  ref: string,
  principal: Principal,
): Promise<CaseDetail> {
  const found = await caseService.get(ref, principal);
  const [events, inbound, outbound, calls, merged, callbacks, mergedInto, review] = await Promise.all([
    casesRepository.listEvents(found.id),
    inboundRepository.listForCase(found.id),
    outbox.listForCase(found.id),
    callsRepository.listForCase(found.id),
    casesRepository.listMergedInto(found.id),
    caseService.listCallbacks(found),
    found.mergedInto === null ? undefined : casesRepository.findById(found.mergedInto),
    reviewsRepository.findLatest(found.id),
  ]);
  return {
    found,
    events,
    inbound,
    outbound,
    calls,
    // A complaint about the viewer merged into this case stays out of their sight (SPEC §18).
    merged: merged.filter((item) => !concernsStaff(item, staffIdOf(principal))),
    mergedInto: mergedInto ?? null,
    callbacks,
    review: review ?? null,
  };
}
