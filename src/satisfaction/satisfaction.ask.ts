import type { Case } from '../cases/cases.models';
import type { Templates } from '../content/templates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { Clock } from '../shared/clock';
import type { DbOrTransaction } from '../shared/db';
import type { SurveyCallsRepository } from './survey/survey-calls.repository';

/**
 * How "are you satisfied?" reaches a reporter, inside the transaction that asks: a text where
 * citizens can text back, a survey call where they cannot (HOTLINE_REGION=cn, SPEC §19).
 */
export interface AskSatisfaction {
  /** A text needs a number that can receive one; a call does not. */
  by: 'sms' | 'survey_call';
  /** `ref` is the case whose result is judged: the reporter's own, or the one it was merged into. */
  ask(trx: DbOrTransaction, question: { reporter: Case & { phone: string }; ref: string }): Promise<void>;
}

export function createSmsQuestion({
  outbox,
  templates,
}: {
  outbox: Pick<OutboxRepository, 'enqueue'>;
  templates: Templates;
}): AskSatisfaction {
  return {
    by: 'sms',
    async ask(trx, { reporter, ref }) {
      await outbox.enqueue(trx, {
        to: reporter.phone,
        purpose: 'satisfaction',
        caseId: reporter.id,
        body: templates.render('satisfactionQuestion', reporter.language, { ref }),
      });
    },
  };
}

/** The first attempt is due at once; the survey-calls job rings it (and a retry) from the table. */
export function createSurveyCallQuestion({
  surveyCallsRepository,
  clock,
}: {
  surveyCallsRepository: Pick<SurveyCallsRepository, 'schedule' | 'cancelScheduled'>;
  clock: Clock;
}): AskSatisfaction {
  return {
    by: 'survey_call',
    async ask(trx, { reporter, ref }) {
      const now = clock.now().toISOString();
      // A new question (a new resolution, say) replaces one not yet rung.
      await surveyCallsRepository.cancelScheduled(trx, reporter.id, now);
      await surveyCallsRepository.schedule(trx, {
        caseId: reporter.id,
        aboutRef: ref,
        phone: reporter.phone,
        language: reporter.language,
        attempt: 1,
        dueAt: now,
        now,
      });
    },
  };
}

/** Where citizens cannot text back (region `cn`), the question is a call. */
export function createAskSatisfaction(deps: {
  region: 'default' | 'cn';
  outbox: Pick<OutboxRepository, 'enqueue'>;
  templates: Templates;
  surveyCallsRepository: Pick<SurveyCallsRepository, 'schedule' | 'cancelScheduled'>;
  clock: Clock;
}): AskSatisfaction {
  return deps.region === 'cn' ? createSurveyCallQuestion(deps) : createSmsQuestion(deps);
}
