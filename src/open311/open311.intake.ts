import { openCase } from '../cases/cases.intake';
import { type Actor, detectLanguage } from '../cases/cases.models';
import type { CasesRepository } from '../cases/cases.repository';
import type { Categories } from '../content/categories';
import type { Places } from '../content/places';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { RosterService } from '../roster/roster.service';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import { AppError, badRequest } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Language } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import type { Open311Key } from './open311.keys.repository';
import { describeCommitment, isPublicService, type LocationInput, resolveLocation } from './open311.models';

/** The longest free-text place kept, as staff may type one (POST /api/cases). */
const MAX_PLACE_LENGTH = 200;

export interface ServiceRequestInput {
  serviceCode: string;
  location: LocationInput;
  description: string;
  /** Already in E.164; null when the partner sent none. */
  phone: string | null;
  /** Who the partner says is reporting; kept on the audit trail for staff, never shown publicly. */
  reporter: { firstName?: string; lastName?: string; email?: string; accountId?: string; deviceId?: string };
  /** Kept as text: the hotline never fetches what a partner links to. */
  mediaUrl?: string;
  /** The language the partner asked in; the description's own language wins when it is plain. */
  language: Language;
}

export interface SubmitServiceRequestDeps {
  db: Db;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  outbox: OutboxRepository;
  rosterService: Pick<RosterService, 'onDutyAt'>;
  templates: Templates;
  categories: Categories;
  places: Places;
  clock: Clock;
  logger: Logger;
  randomInt: (maxExclusive: number) => number;
  kickOutbox: () => void;
}

/** A citizen reporting through a partner's app; the event channel is the API, the case's channel open311. */
const partnerActor: Actor = { type: 'citizen', staffId: null, channel: 'api' };

/**
 * Opens a case from an Open311 POST with the same intake as a text or a call: assigned to the
 * officer on duty, the officer alerted, and the citizen's receipt queued when a phone was given
 * (an opted-out number gets none, as for every text). The partner and what it sent about the
 * reporter go on the audit trail in the same transaction.
 */
export async function submitServiceRequest(
  {
    db,
    casesRepository,
    staffRepository,
    outbox,
    rosterService,
    templates,
    categories,
    places,
    clock,
    logger,
    randomInt,
    kickOutbox,
  }: SubmitServiceRequestDeps,
  key: Open311Key,
  input: ServiceRequestInput,
): Promise<{ ref: string; serviceNotice: string }> {
  const category = categories.get(input.serviceCode);
  if (!category || !isPublicService(category.id)) {
    // The standard's own answer to an unknown service_code in a POST.
    throw new AppError(404, 'open311.service_not_found', `service_code ${input.serviceCode} was not found`);
  }
  const location = resolveLocation(input.location, places);
  if ('problem' in location) throw badRequest('open311.location_invalid', location.problem);

  const language = detectLanguage(input.description, input.language);
  const place = location.placeId
    ? (places.name(location.placeId, language) ?? null)
    : (location.unmatched?.slice(0, MAX_PLACE_LENGTH) ?? null);
  const now = clock.now();
  const onDuty = await rosterService.onDutyAt(now);
  const created = await db.transaction().execute(async (trx) => {
    const opened = await openCase(
      { casesRepository, staffRepository, outbox, templates, categories, clock, logger, randomInt },
      trx,
      {
        channel: 'open311',
        phone: input.phone,
        language,
        category: category.id,
        priority: 'normal',
        description: input.description,
        actor: partnerActor,
        place,
        placeId: location.placeId,
      },
      onDuty,
    );
    await casesRepository.appendEvent(trx, {
      caseId: opened.id,
      at: now.toISOString(),
      type: 'open311_received',
      actor: partnerActor,
      data: withoutUndefined({
        partner: key.name,
        keyId: key.id,
        ...input.reporter,
        lat: input.location.lat,
        long: input.location.long,
        addressString: input.location.addressString,
        addressId: input.location.addressId,
        mediaUrl: input.mediaUrl,
      }),
    });
    return opened;
  });
  kickOutbox();
  return {
    ref: created.ref,
    serviceNotice: describeCommitment(
      categories.commitment(category.id, 'normal').resultHours,
      input.language,
    ),
  };
}

function withoutUndefined(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
}
