import type { Db } from '../shared/db';
import { AppError } from '../shared/errors';
import type { Language, Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { describeProblem, type ImportProblem, parseRosterCsv } from './roster.import.parse';
import { planRosterImport } from './roster.import.plan';
import type { RotationVersion } from './roster.models';
import type { RosterRepository } from './roster.repository';

/** How many problems the message spells out; the rest are counted, and all are in `details`. */
const PROBLEMS_SHOWN = 5;

export class RosterImportError extends AppError {
  constructor(readonly problems: ImportProblem[]) {
    super(400, 'import.invalid', describeProblems(problems), { problems });
  }
}

/** One line, so the CLI can print it as it is. */
function describeProblems(problems: ImportProblem[]): string {
  const shown = problems.slice(0, PROBLEMS_SHOWN).map(describeProblem).join('; ');
  const more = problems.length > PROBLEMS_SHOWN ? `; and ${problems.length - PROBLEMS_SHOWN} more` : '';
  const rows = new Set(problems.map((problem) => problem.row)).size;
  const prefix = rows > 1 ? `${rows} rows have problems: ` : '';
  return `${prefix}${shown}${more}; nothing was imported`;
}

export interface RosterImportResult {
  staff: Staff[];
  rotations: RotationVersion[];
}

export interface RosterImportProgress {
  /** Called once the file is known to be good, before anything is written. */
  onStart?(total: number): void;
  onRow?(done: number): void;
}

export function createRosterImport(deps: {
  db: Db;
  staffRepository: StaffRepository;
  rosterRepository: RosterRepository;
  defaultLanguage: Language;
}) {
  return {
    /**
     * Imports staff and rotations from one CSV, all or nothing: every row is checked before the
     * first write, and the writes share one transaction, so a bad file leaves the roster as it was.
     */
    async importCsv(text: string, progress: RosterImportProgress = {}): Promise<RosterImportResult> {
      const parsed = parseRosterCsv(text);
      const stored = {
        staff: await deps.staffRepository.list(),
        rotations: await deps.rosterRepository.listRotations(),
      };
      const { plan, problems } = planRosterImport(parsed, stored, deps.defaultLanguage);
      if (!plan) throw new RosterImportError(problems);

      progress.onStart?.(plan.staff.length + plan.rotations.length);
      let done = 0;
      return deps.db.transaction().execute(async (trx) => {
        const staff: Staff[] = [];
        const idOfPhone = new Map<string, number>();
        for (const { row: _row, ...input } of plan.staff) {
          const member = await deps.staffRepository.create(input, trx);
          staff.push(member);
          idOfPhone.set(member.phone, member.id);
          progress.onRow?.(++done);
        }
        const rotations: RotationVersion[] = [];
        for (const { row: _row, members, ...input } of plan.rotations) {
          const memberIds = members.map((member) =>
            'staffId' in member ? member.staffId : idOfPhone.get(member.phone)!,
          );
          // Each takes effect now, whatever its start: importing never rewrites who was on duty before.
          rotations.push(
            await deps.rosterRepository.createRotation({ ...input, members: memberIds }, { outer: trx }),
          );
          progress.onRow?.(++done);
        }
        return { staff, rotations };
      });
    },
  };
}

export type RosterImport = ReturnType<typeof createRosterImport>;
