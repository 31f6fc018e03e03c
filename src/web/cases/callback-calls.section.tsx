import { type CallbackCall, citizenLegOf } from '../../callbacks/calls/callback-calls.models';
import type { Staff } from '../../staff/staff.models';
import { StackTable, Time } from '../components';
import type { PageContext } from '../web.context';
import type { CasesTranslate } from './cases.i18n';

/**
 * The masked call-backs made on the case: who was rung, how the citizen's leg went, and the
 * conversation's recording, played through Dutyline like the case's voice message.
 */
export function CallbackCallsSection({
  context,
  reference,
  calls,
  staff,
  t,
}: {
  context: PageContext;
  reference: string;
  calls: CallbackCall[];
  staff: Map<number, Staff>;
  t: CasesTranslate;
}) {
  if (calls.length === 0) return null;
  const headers = [t('started'), t('calledOfficer'), t('outcome'), t('length'), t('recording')];
  return (
    <section aria-labelledby="masked-calls">
      <h2 id="masked-calls">{t('maskedCalls')}</h2>
      <StackTable caption={t('maskedCalls')} headers={headers}>
        {calls.map((call) => (
          <tr key={call.id}>
            <td data-label={t('started')}>
              <Time context={context} value={call.createdAt} />
            </td>
            <td data-label={t('calledOfficer')}>{staff.get(call.staffId)?.name ?? '–'}</td>
            <td data-label={t('outcome')}>
              {call.errorCode && call.callSid === null
                ? t('citizenLeg.not_started')
                : t(`citizenLeg.${citizenLegOf(call)}`)}
            </td>
            <td data-label={t('length')}>
              {call.durationSeconds === null ? '–' : t('seconds', { seconds: call.durationSeconds })}
            </td>
            <td data-label={t('recording')}>
              {call.recordingUrl ? (
                // biome-ignore lint/a11y/useMediaCaption: a phone conversation has no transcript; the officer's note is the record.
                <audio
                  controls
                  preload="none"
                  src={`/console/cases/${reference}/calls/${call.id}/recording`}
                  aria-label={t('maskedCallRecordingLabel')}
                />
              ) : (
                '–'
              )}
            </td>
          </tr>
        ))}
      </StackTable>
    </section>
  );
}
