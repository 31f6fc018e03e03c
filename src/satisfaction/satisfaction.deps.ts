import type { CallbacksJobDeps } from '../callbacks/callbacks.deps';
import type { SatisfactionRepository } from './satisfaction.repository';

/** What the satisfaction job needs, named, so a test can run it at any instant. */
export interface SatisfactionDeps extends CallbacksJobDeps {
  satisfactionRepository: SatisfactionRepository;
  /** SATISFACTION_WINDOW_HOURS: how long the citizen has to answer before the case may close. */
  satisfactionWindowHours: number;
}
