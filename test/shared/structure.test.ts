import fs from 'node:fs';
import path from 'node:path';

// Structural rules that keep the duty fixes fixed: each table has one writer, its capability's
// repository; and use cases name the dependencies they use instead of inheriting a bag of them.

const SRC = path.resolve(__dirname, '../../src');

/** The capability (folder under src/) whose repository writes each table. */
const TABLE_OWNERS: Record<string, string> = {
  calendar_feeds: 'calendar',
  call_attempts: 'calls',
  calls: 'calls',
  campaign_cases: 'campaigns',
  campaign_events: 'campaigns',
  campaigns: 'campaigns',
  console_sessions: 'web',
  callback_calls: 'callbacks',
  callback_tasks: 'callbacks',
  case_events: 'cases',
  case_review_opinions: 'cases',
  case_review_reviewers: 'cases',
  case_reviews: 'cases',
  cases: 'cases',
  inbound_messages: 'sms',
  job_leases: 'jobs',
  login_codes: 'web',
  notices_sent: 'notices',
  open311_keys: 'open311',
  opt_outs: 'outbox',
  outbox: 'outbox',
  outbox_early_statuses: 'outbox',
  overrides: 'roster',
  petitions: 'petitions',
  recordings: 'voice',
  rotation_versions: 'roster',
  rotations: 'roster',
  settings: 'shared',
  staff: 'staff',
  staff_status_changes: 'staff',
  staff_tokens: 'auth',
  survey_calls: 'satisfaction',
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const files = sourceFiles(SRC).map((file) => ({
  name: path.relative(SRC, file).split(path.sep).join('/'),
  source: fs.readFileSync(file, 'utf8'),
}));

describe('each table has one writer', () => {
  const writes = files.flatMap(({ name, source }) =>
    [...source.matchAll(/(?:insertInto|updateTable|deleteFrom)\('([a-z0-9_]+)'\)/g)].map((match) => ({
      table: match[1],
      file: name,
    })),
  );

  it('finds the writes it checks', () => {
    expect(new Set(writes.map((write) => write.table))).toEqual(new Set(Object.keys(TABLE_OWNERS)));
  });

  it("every write to a table is in its owner's capability, in its repository or one of the repository's stores", () => {
    const strays = writes.filter(({ table, file }) => {
      const parts = file.split('/');
      const storeFile = /\.repository\.ts$|-store\.ts$/.test(parts.at(-1) ?? '');
      const folder = parts[0];
      return folder !== TABLE_OWNERS[table] || !storeFile;
    });
    expect(strays).toEqual([]);
  });
});

describe('use cases take named dependencies', () => {
  it('no dependencies type extends another one', () => {
    const chains = files.flatMap(({ name, source }) =>
      [...source.matchAll(/interface (\w+Deps) extends ([\w<>, '|]+)\{/g)].map(
        (match) => `${name}: ${match[1]} extends ${match[2].trim()}`,
      ),
    );
    expect(chains).toEqual([]);
  });

  it('no capability keeps a shared bag of dependencies in a *.deps.ts file', () => {
    expect(files.map(({ name }) => name).filter((name) => name.endsWith('.deps.ts'))).toEqual([]);
  });
});
