import { maskPhone } from '../shared/phone';
import { handleCitizenText } from './sms.citizen';
import type { SmsDeps } from './sms.deps';
import { handleStaffText } from './sms.staff';

export interface IncomingSms {
  messageSid: string;
  from: string;
  to: string | null;
  body: string;
  numMedia: number;
  optOutType?: string;
}

/**
 * Handles one text from Twilio. The inbound row, the case change and every reply commit together
 * or not at all; a MessageSid seen before changes nothing.
 */
export async function receiveSms(deps: SmsDeps, sms: IncomingSms): Promise<{ duplicate: boolean }> {
  const at = deps.clock.now();
  const now = at.toISOString();
  const sender = await deps.staffRepository.findActiveByPhone(sms.from);
  const onDuty = await deps.roster.onDutyAt(at);

  const duplicate = await deps.db.transaction().execute(async (trx) => {
    const inboundId = await deps.inboundRepository.recordOnce(trx, {
      message_sid: sms.messageSid,
      from_phone: sms.from,
      to_phone: sms.to,
      body: sms.body,
      num_media: sms.numMedia,
      sender_type: sender ? 'staff' : 'citizen',
      staff_id: sender?.id ?? null,
      intent: 'pending',
      received_at: now,
    });
    if (inboundId === null) return true;
    const context = { trx, inboundId, from: sms.from, body: sms.body, onDuty, now };
    const outcome = sender
      ? await handleStaffText(deps, { ...context, sender })
      : await handleCitizenText(deps, context, sms.optOutType);
    await deps.inboundRepository.linkToCase(trx, inboundId, outcome.caseId ?? null, outcome.intent);
    return false;
  });

  if (duplicate)
    deps.logger.info({ messageSid: sms.messageSid, from: maskPhone(sms.from) }, 'duplicate SMS ignored');
  else deps.kickOutbox();
  return { duplicate };
}
