import type { DbOrTransaction } from '../shared/db';

/** Who said the number opted out: the citizen's own STOP, or Twilio refusing a send (21610). */
export type OptOutSource = 'sms' | 'twilio';

// The one place `opt_outs` is written: the outbox decides what may be sent to whom.

export async function recordOptOut(
  trx: DbOrTransaction,
  { phone, source, at }: { phone: string; source: OptOutSource; at: string },
): Promise<void> {
  await trx
    .insertInto('opt_outs')
    .values({ phone, opted_out_at: at, source })
    .onConflict((oc) => oc.column('phone').doNothing())
    .execute();
}

export async function removeOptOut(trx: DbOrTransaction, phone: string): Promise<void> {
  await trx.deleteFrom('opt_outs').where('phone', '=', phone).execute();
}
