import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../shared/db.schema';
import { SIGN_OFF_PRIORITIES, STAFF_CONDUCT_CATEGORY } from './cases.models';

// The SQL twins of pure rules in cases.models.ts, for queries that filter cases by them; each says
// in SQL what its twin says in TypeScript (test/cases/cases.conditions.test.ts holds them together).

type CasesBuilder = ExpressionBuilder<Database, 'cases'>;

/** isAboutStaff: the staff-conduct category, or a case naming the staff member concerned. */
export function isAboutStaffSql(eb: CasesBuilder) {
  return eb.or([
    eb('cases.category', '=', STAFF_CONDUCT_CATEGORY),
    eb('cases.concerns_staff_id', 'is not', null),
  ]);
}

/**
 * needsSignOff's reasons, one condition each (important or urgent; the staff-conduct category; a
 * named officer): a query that must use an index per reason unions them rather than OR them.
 */
export const SIGN_OFF_REASONS_SQL = [
  (eb: CasesBuilder) => eb('cases.priority', 'in', [...SIGN_OFF_PRIORITIES]),
  (eb: CasesBuilder) => eb('cases.category', '=', STAFF_CONDUCT_CATEGORY),
  (eb: CasesBuilder) => eb('cases.concerns_staff_id', 'is not', null),
] as const;

/** needsSignOff: important, urgent, or about staff. */
export function needsSignOffSql(eb: CasesBuilder) {
  return eb.or(SIGN_OFF_REASONS_SQL.map((reason) => reason(eb)));
}

/** Not concernsStaff(found, staffId): the cases this staff member may see as far as conduct goes. */
export function notConcerningSql(staffId: number) {
  return (eb: CasesBuilder) =>
    eb.or([eb('cases.concerns_staff_id', 'is', null), eb('cases.concerns_staff_id', '!=', staffId)]);
}
