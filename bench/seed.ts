import crypto from 'node:crypto';
import type SqliteDatabase from 'better-sqlite3';
import { generateReference } from '../src/cases/case-reference';

const DAY_MS = 86_400_000;

/** 200 staff and three rotations (primary, backup, supervisor) that started a year ago. */
export function seedRoster(sqlite: SqliteDatabase.Database, staffCount: number, now: Date): number[] {
  const iso = new Date(now.getTime() - 365 * DAY_MS).toISOString();
  const insertStaff = sqlite.prepare(
    "INSERT INTO staff (name, phone, role, language, active, created_at, updated_at) VALUES (?, ?, ?, 'zh-CN', 1, ?, ?)",
  );
  const insertRotation = sqlite.prepare('INSERT INTO rotations (created_at) VALUES (?)');
  const insertVersion = sqlite.prepare(
    `INSERT INTO rotation_versions (rotation_id, effective_from, name, position, timezone, start_local, shift_hours, members, created_at)
     VALUES (?, ?, ?, ?, 'Asia/Shanghai', ?, ?, ?, ?)`,
  );
  return sqlite.transaction(() => {
    const ids: number[] = [];
    for (let i = 0; i < staffCount; i += 1) {
      const role = i < 20 ? 'supervisor' : 'staff';
      const phone = `+86138${String(i).padStart(8, '0')}`;
      ids.push(Number(insertStaff.run(`Staff ${i}`, phone, role, iso, iso).lastInsertRowid));
    }
    const groups: [string, number[], number][] = [
      ['primary', ids.slice(20, 120), 12],
      ['backup', ids.slice(120), 24],
      ['supervisor', ids.slice(0, 20), 24],
    ];
    for (const [position, members, hours] of groups) {
      const rotationId = Number(insertRotation.run(iso).lastInsertRowid);
      const start = `${iso.slice(0, 10)}T08:00`;
      insertVersion.run(
        rotationId,
        iso,
        `${position} desk`,
        position,
        start,
        hours,
        JSON.stringify(members),
        iso,
      );
    }
    return ids;
  })();
}

/**
 * `count` more cases spread over the past year, as a year of operation leaves them: cases older
 * than a week answered with their feedback delivered, except one in fifty still missing something;
 * the last week's still in progress; one in forty a call-back. One in three names a place (one of
 * 2,000 streets); one resolution in ten came after the deadline; closed cases were answered, about
 * one in six unsatisfied; one resolved case in a hundred was reopened once.
 */
export function seedCases(
  sqlite: SqliteDatabase.Database,
  count: number,
  staffIds: number[],
  now: Date,
): void {
  const yearAgo = now.getTime() - 365 * DAY_MS;
  const insertCase = sqlite.prepare(
    `INSERT OR IGNORE INTO cases (ref, status, channel, phone, language, category, priority, description, assignee_id, on_duty,
       result, resolved_at, feedback_sent_at, feedback_delivered_at, feedback_via, due_at, created_at, updated_at,
       place, satisfaction_asked_at, satisfaction_answer, satisfaction_answered_at)
     VALUES (?, ?, ?, ?, 'zh-CN', ?, 'normal', 'bench complaint', ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertReopened = sqlite.prepare(
    "INSERT INTO case_events (case_id, at, type, actor_type, channel, data) VALUES (?, ?, 'reopened', 'citizen', 'sms', '{}')",
  );
  const statuses = ['assigned', 'acknowledged', 'resolved', 'closed', 'closed', 'closed'];
  sqlite.transaction(() => {
    for (let i = 0; i < count; ) {
      const created = new Date(yearAgo + Math.floor((365 * DAY_MS * i) / count)).toISOString();
      const due = new Date(new Date(created).getTime() + 3 * DAY_MS).toISOString();
      const recent = now.getTime() - new Date(created).getTime() < 7 * DAY_MS;
      const status = recent || i % 50 === 0 ? statuses[i % 2] : statuses[2 + (i % 4)];
      const done = status === 'resolved' || status === 'closed';
      const delivered = done ? due : null;
      const answered = status === 'closed' ? due : null;
      const late = new Date(new Date(due).getTime() + 6 * 3_600_000).toISOString();
      const inserted = insertCase.run(
        generateReference(crypto.randomInt),
        status,
        i % 3 === 0 ? 'voice' : 'sms',
        `+86139${String(i % 500_000).padStart(8, '0')}`,
        i % 40 === 0 ? 'callback' : 'other',
        staffIds[20 + (i % 100)],
        done ? 'resolved by the duty officer' : null,
        done ? (i % 10 === 3 ? late : due) : null,
        delivered,
        delivered,
        delivered ? 'sms' : null,
        due,
        created,
        created,
        i % 3 === 0 ? `Street ${i % 2000}` : null,
        answered,
        answered && (i % 8 === 1 ? 'unsatisfied' : 'satisfied'),
        answered,
      );
      // A reference already taken is simply drawn again.
      if (inserted.changes !== 1) continue;
      if (done && i % 100 === 7) insertReopened.run(inserted.lastInsertRowid, due);
      i += 1;
    }
  })();
}

/**
 * `count` calls over the past year: half leave a message, a quarter ask for the officer and are
 * accepted 5 to 40 s later, one in twenty asks and nobody accepts, one in ten checks a case and
 * one in ten hangs up.
 */
export function seedCalls(
  sqlite: SqliteDatabase.Database,
  count: number,
  staffIds: number[],
  now: Date,
): void {
  const yearAgo = now.getTime() - 365 * DAY_MS;
  const insertCall = sqlite.prepare(
    `INSERT INTO calls (call_sid, from_phone, language, status, outcome, officer_requested_at, accepted_at, accepted_by,
       missed, started_at, ended_at, duration_seconds, created_at, updated_at)
     VALUES (?, ?, 'zh-CN', 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const started = yearAgo + Math.floor((365 * DAY_MS * i) / count);
      const at = (offsetSeconds: number) => new Date(started + offsetSeconds * 1000).toISOString();
      const kind = i % 20;
      const asks = kind < 6; // 0-4 accepted, 5 missed
      const accepted = kind < 5;
      const outcome = accepted ? 'connected' : kind < 16 ? 'message' : kind < 18 ? 'status' : 'abandoned';
      insertCall.run(
        // 'b' keeps these apart from the CallSids the webhook load used.
        `CAb${i.toString(16).padStart(31, '0')}`,
        `+86137${String(i % 1_000_000).padStart(8, '0')}`,
        outcome,
        asks ? at(15) : null,
        accepted ? at(15 + 5 + (i % 36)) : null,
        accepted ? staffIds[20 + (i % 100)] : null,
        asks && !accepted ? 1 : 0,
        at(0),
        at(120),
        120,
        at(0),
        at(120),
      );
    }
  })();
}
