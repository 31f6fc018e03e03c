import type { CallbacksRepository } from './callbacks/callbacks.repository';
import { createTwilioCallPlacerOnFirstUse } from './callbacks/calls/call-placer';
import type { CallbackCallProgressDeps } from './callbacks/calls/callback-calls.progress';
import { createCallbackCallsRepository } from './callbacks/calls/callback-calls.repository';
import type { StartCallbackCallDeps } from './callbacks/calls/callback-calls.start';
import { createCallsRepository } from './calls/calls.repository';
import type { CasesRepository } from './cases/cases.repository';
import type { Config } from './config';
import type { Categories } from './content/categories';
import type { Places } from './content/places';
import type { Templates } from './content/templates';
import type { OutboxRepository } from './outbox/outbox.repository';
import type { RosterService } from './roster/roster.service';
import type { AskSatisfaction } from './satisfaction/satisfaction.ask';
import { loadSurveyCallFlow } from './satisfaction/survey/survey-call.flow';
import type { SurveyCallProgressDeps } from './satisfaction/survey/survey-calls.progress';
import type { SurveyCallsRepository } from './satisfaction/survey/survey-calls.repository';
import type { Clock } from './shared/clock';
import type { Db } from './shared/db';
import type { Logger } from './shared/logger';
import type { StaffRepository } from './staff/staff.repository';
import { loadFlow } from './voice/flow.load';
import { createRecordingFetcher } from './voice/recording-proxy';
import { createRecordingsRepository } from './voice/recordings.repository';
import { hotlineCountryOf } from './voice/sip-address';
import type { VoiceDeps } from './voice/voice.routes';

/** The telephone side: the IVR, masked call-backs and survey calls, which share the voice flow and the placer. */
export function buildCallWiring({
  db,
  config,
  casesRepository,
  staffRepository,
  callbacksRepository,
  surveyCallsRepository,
  rosterService,
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
  surveyCallsRepository: SurveyCallsRepository;
  rosterService: RosterService;
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
  const { defaultLanguage, satisfactionWindowHours } = config;
  const callsRepository = createCallsRepository({ db });
  const recordingsRepository = createRecordingsRepository({ db });
  const voiceDeps: VoiceDeps = {
    db,
    casesRepository,
    staffRepository,
    callsRepository,
    callbacksRepository,
    recordingsRepository,
    rosterService,
    outbox,
    templates,
    categories,
    flow: loadFlow(config.flowsDir),
    categoryKeys: new Map(
      categories.list.flatMap((category) => (category.key ? [[category.key, category.id]] : [])),
    ),
    places,
    publicBaseUrl: config.publicBaseUrl,
    clock,
    logger,
    randomInt,
    defaultLanguage,
    kickOutbox,
    abandonedCallFloorSeconds: config.abandonedCallFloorSeconds,
    homeCountry: hotlineCountryOf(config),
    byocTrunkSid: config.byocTrunkSid,
  };
  // Masked call-backs (SPEC §18): Twilio rings the officer, then the citizen under the hotline's number.
  const callbackCallsRepository = createCallbackCallsRepository({ db });
  const callbackCallStartDeps: StartCallbackCallDeps = {
    db,
    casesRepository,
    staffRepository,
    callbackCallsRepository,
    placer:
      config.twilio && config.hotlineNumber
        ? createTwilioCallPlacerOnFirstUse({
            ...config.twilio,
            apiBaseUrl: config.twilioApiBaseUrl,
            byocTrunkSid: config.byocTrunkSid,
          })
        : undefined,
    hotlineNumber: config.hotlineNumber,
    publicBaseUrl: config.publicBaseUrl,
    clock,
    logger,
  };
  const callbackCallProgressDeps: CallbackCallProgressDeps = {
    db,
    casesRepository,
    staffRepository,
    callbackCallsRepository,
    outbox,
    templates,
    flow: voiceDeps.flow,
    hotlineNumber: config.hotlineNumber,
    byocTrunkSid: config.byocTrunkSid,
    publicBaseUrl: config.publicBaseUrl,
    defaultLanguage,
    clock,
    logger,
    kickOutbox,
  };
  // survey-call.json is needed, and so checked at start-up, only where the question is a call.
  const surveyCallProgressDeps: SurveyCallProgressDeps | undefined =
    askSatisfaction.by === 'survey_call'
      ? {
          db,
          casesRepository,
          surveyCallsRepository,
          rosterService,
          outbox,
          templates,
          voices: voiceDeps.flow,
          surveyFlow: loadSurveyCallFlow(config.flowsDir),
          publicBaseUrl: config.publicBaseUrl,
          satisfactionWindowHours,
          clock,
          logger,
          kickOutbox,
        }
      : undefined;

  return {
    callsRepository,
    recordingsRepository,
    recordingFetcher: createRecordingFetcher({
      credentials: config.twilio,
      apiBaseUrl: config.twilioApiBaseUrl,
    }),
    voiceDeps,
    callbackCallsRepository,
    callbackCallStartDeps,
    callbackCallProgressDeps,
    surveyCallProgressDeps,
  };
}
