import type { CallbacksRepository } from './callbacks/callbacks.repository';
import type { CasesRepository } from './cases/cases.repository';
import { type CaseServiceDeps, createCaseService } from './cases/cases.usecases';
import type { ReviewsRepository } from './cases/review/review.repository';
import { createReviewService } from './cases/review/review.usecases';
import type { Config } from './config';
import type { Categories } from './content/categories';
import { loadKeywords } from './content/keywords';
import type { Places } from './content/places';
import type { Templates } from './content/templates';
import type { NoticesRepository } from './notices/notices.repository';
import { submitServiceRequest } from './open311/open311.intake';
import { createOpen311KeysRepository } from './open311/open311.keys.repository';
import { createPublicCasesRepository } from './open311/open311.requests.repository';
import { createOpen311Service } from './open311/open311.usecases';
import type { OutboxRepository } from './outbox/outbox.repository';
import type { PetitionsRepository } from './petitions/petitions.repository';
import { createPetitions } from './petitions/petitions.usecases';
import type { RosterRepository } from './roster/roster.repository';
import type { RosterService } from './roster/roster.service';
import type { AskSatisfaction } from './satisfaction/satisfaction.ask';
import type { Clock } from './shared/clock';
import type { Db } from './shared/db';
import type { Logger } from './shared/logger';
import type { InboundRepository } from './sms/inbound.repository';
import type { ReceiveSmsDeps } from './sms/sms.usecases';
import type { StaffRepository } from './staff/staff.repository';

/** The use cases that open and work cases: the console's, texts, review, Open311 partners and petitions. */
export function buildCaseServices({
  db,
  config,
  casesRepository,
  staffRepository,
  callbacksRepository,
  inboundRepository,
  rosterRepository,
  rosterService,
  noticesRepository,
  reviewsRepository,
  petitionsRepository,
  outbox,
  templates,
  categories,
  places,
  askSatisfaction,
  clock,
  logger,
  randomInt,
  kickOutbox,
}: {
  db: Db;
  config: Config;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  callbacksRepository: CallbacksRepository;
  inboundRepository: InboundRepository;
  rosterRepository: RosterRepository;
  rosterService: RosterService;
  noticesRepository: NoticesRepository;
  reviewsRepository: ReviewsRepository;
  petitionsRepository: PetitionsRepository;
  outbox: OutboxRepository;
  templates: Templates;
  categories: Categories;
  places: Places;
  askSatisfaction: AskSatisfaction;
  clock: Clock;
  logger: Logger;
  randomInt: (maxExclusive: number) => number;
  kickOutbox: () => void;
}) {
  const { defaultLanguage, satisfactionWindowHours, timezone } = config;
  // One object per router or job, holding what its use cases touch.
  const caseServiceDeps: CaseServiceDeps = {
    db,
    casesRepository,
    staffRepository,
    callbacksRepository,
    outbox,
    rosterService,
    templates,
    categories,
    places,
    clock,
    logger,
    randomInt,
    defaultLanguage,
    satisfactionWindowHours,
    kickOutbox,
    reviewsRepository,
    askSatisfaction,
    petitionsRepository,
  };
  const smsDeps: ReceiveSmsDeps = {
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
    keywords: loadKeywords(config.flowsDir),
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
  };

  return {
    smsDeps,
    caseService: createCaseService(caseServiceDeps),
    reviewService: createReviewService({
      db,
      casesRepository,
      staffRepository,
      reviewsRepository,
      callbacksRepository,
      outbox,
      templates,
      categories,
      clock,
      satisfactionWindowHours,
      zone: timezone,
      kickOutbox,
    }),
    open311: createOpen311Service({
      publicCasesRepository: createPublicCasesRepository({ db }),
      keysRepository: createOpen311KeysRepository({ db, clock }),
      categories,
      places,
      clock,
      zone: timezone,
      agency: config.open311.agency,
      publicBaseUrl: config.publicBaseUrl,
      hotlineNumber: config.hotlineNumber,
      submit: (key, request) =>
        submitServiceRequest(
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
          },
          key,
          request,
        ),
    }),
    petitions: createPetitions({
      db,
      petitionsRepository,
      casesRepository,
      staffRepository,
      outbox,
      templates,
      categories,
      places,
      rosterService,
      clock,
      logger,
      kickOutbox,
    }),
  };
}
