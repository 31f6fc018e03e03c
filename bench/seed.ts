import crypto from 'node:crypto';
import type SqliteDatabase from 'better-sqlite3';
import { generateReference } from '../src/cases/case-reference';

export interface SeedSize {
  staff: number;
  cases: number;
}

/**
 * Fills a migrated database the way a year of operation would: staff, three rotations that started
 * a year ago, and `cases` cases spread over that year. Raw prepared statements keep seeding fast.
 */
export function seedBenchDatabase(sqlite: SqliteDatabase.Database, size: SeedSize, now: Date) {
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
  const iso = yearAgo.toISOString();
  const insertStaff = sqlite.prepare(
    "INSERT INTO staff (name, phone, role, language, active, created_at, updated_at) VALUES (?, ?, ?, 'zh-CN', 1, ?, ?)",
  );
  const insertRotation = sqlite.prepare('INSERT INTO rotations (created_at) VALUES (?)');
  const insertVersion = sqlite.prepare(
    `INSERT INTO rotation_versions (rotation_id, effective_from, name, position, timezone, start_local, shift_hours, members, created_at)
     VALUES (?, ?, ?, ?, 'Asia/Shanghai', ?, ?, ?, ?)`,
  );
  const insertCase = sqlite.prepare(
    `INSERT INTO cases (ref, status, channel, phone, language, category, priority, description, assignee_id, on_duty, due_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'zh-CN', 'other', 'normal', ?, ?, '{}', ?, ?, ?)`,
  );
  const startLocal = `${iso.slice(0, 10)}T08:00`;

  sqlite.transaction(() => {
    const ids: number[] = [];
    for (let i = 0; i < size.staff; i += 1) {
      const role = i < 20 ? 'supervisor' : 'staff';
      ids.push(
        Number(
          insertStaff.run(`Staff ${i}`, `+86138${String(i).padStart(8, '0')}`, role, iso, iso)
            .lastInsertRowid,
        ),
      );
    }
    const groups: [string, number[], number][] = [
      ['primary', ids.slice(20, 120), 12],
      ['backup', ids.slice(120), 24],
      ['supervisor', ids.slice(0, 20), 24],
    ];
    for (const [position, members, hours] of groups) {
      const rotationId = Number(insertRotation.run(iso).lastInsertRowid);
      insertVersion.run(
        rotationId,
        iso,
        `${position} desk`,
        position,
        startLocal,
        hours,
        JSON.stringify(members),
        iso,
      );
    }
    const refs = new Set<string>();
    const statuses = ['assigned', 'acknowledged', 'resolved', 'closed', 'closed', 'closed'];
    const span = now.getTime() - yearAgo.getTime();
    for (let i = 0; i < size.cases; i += 1) {
      let ref = generateReference(crypto.randomInt);
      while (refs.has(ref)) ref = generateReference(crypto.randomInt);
      refs.add(ref);
      const created = new Date(yearAgo.getTime() + Math.floor((span * i) / size.cases)).toISOString();
      insertCase.run(
        ref,
        statuses[i % statuses.length],
        i % 3 === 0 ? 'voice' : 'sms',
        `+86139${String(i % 500_000).padStart(8, '0')}`,
        'bench complaint',
        ids[20 + (i % 100)],
        created,
        created,
        created,
      );
    }
  })();
}
