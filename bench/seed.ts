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
 * the last week's still in progress; one in forty a call-back.
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
       result, resolved_at, feedback_sent_at, feedback_delivered_at, feedback_via, due_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'zh-CN', ?, 'normal', 'bench complaint', ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      const inserted = insertCase.run(
        generateReference(crypto.randomInt),
        status,
        i % 3 === 0 ? 'voice' : 'sms',
        `+86139${String(i % 500_000).padStart(8, '0')}`,
        i % 40 === 0 ? 'callback' : 'other',
        staffIds[20 + (i % 100)],
        done ? 'resolved by the duty officer' : null,
        done ? due : null,
        delivered,
        delivered,
        delivered ? 'sms' : null,
        due,
        created,
        created,
      );
      // A reference already taken is simply drawn again.
      if (inserted.changes === 1) i += 1;
    }
  })();
}
