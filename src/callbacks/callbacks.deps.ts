import type { CasesRepository } from '../cases/cases.repository';
import type { NoticesDeps } from '../notices/notices.deps';
import type { CallbacksRepository } from './callbacks.repository';

/** What the callbacks job needs: the notices machinery (once-only keys, supervisors on duty) and the tasks. */
export interface CallbacksJobDeps extends NoticesDeps {
  casesRepository: CasesRepository;
  callbacksRepository: CallbacksRepository;
}
