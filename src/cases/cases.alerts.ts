import type { DbOrTransaction } from '../shared/db';
import type { Staff } from '../staff/staff.models';
import type { CaseDeps } from './cases.deps';
import { type Case, summarize } from './cases.models';

/** Tells a staff member, in their language, that a case is now theirs. */
export function queueOfficerAlert(deps: CaseDeps, trx: DbOrTransaction, found: Case, officer: Staff) {
  return deps.outbox.enqueue(trx, {
    to: officer.phone,
    purpose: 'officer_alert',
    caseId: found.id,
    staffId: officer.id,
    body: deps.templates.render('officerAlert', officer.language, {
      ref: found.ref,
      channel: deps.templates.render(`channel.${found.channel}`, officer.language),
      phone: found.phone ?? '',
      summary: summarize(found.description),
    }),
  });
}
