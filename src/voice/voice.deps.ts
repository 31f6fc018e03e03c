import type { CallsRepository } from '../calls/calls.repository';
import type { CaseDeps } from '../cases/cases.deps';
import type { CategoryKeys } from './flow.engine';
import type { Flow } from './flow.schema';
import type { RecordingsRepository } from './recordings.repository';

export interface VoiceDeps extends CaseDeps {
  callsRepository: CallsRepository;
  recordingsRepository: RecordingsRepository;
  flow: Flow;
  /** Category id by menu key, and the names said in the category menu. */
  categoryKeys: CategoryKeys;
  publicBaseUrl: string;
  /** Hang-ups shorter than this are taken for misdials: logged as abandoned, with no call-back case. */
  abandonedCallFloorSeconds: number;
}
