import * as m0001 from './0001_foundation';
import * as m0002 from './0002_voice';
import * as m0003 from './0003_roster_notices_calendars';
import * as m0004 from './0004_report_indexes';
import * as m0005 from './0005_sla';
import * as m0006 from './0006_callbacks_signoff';
import * as m0007 from './0007_merge_place';
import * as m0008 from './0008_sign_off_index';
import * as m0009 from './0009_staff_status_roster_revision';
import * as m0010 from './0010_outbox_claims_early_statuses';
import * as m0011 from './0011_token_expiry';
import * as m0012 from './0012_roster_revision_on_staff_update';
import * as m0013 from './0013_kpi_covering_indexes';
import * as m0014 from './0014_console_sessions';
import * as m0015 from './0015_job_leases';
import * as m0016 from './0016_kpi_and_queue_indexes';
import * as m0017 from './0017_places';
import * as m0018 from './0018_campaigns';
import * as m0019 from './0019_open311_keys';
import * as m0020 from './0020_case_reviews';
import * as m0021 from './0021_petitions';
import * as m0022 from './0022_staff_conduct';
import * as m0023 from './0023_callback_calls';
import * as m0024 from './0024_sign_off_branches';
import * as m0025 from './0025_survey_calls';
import type { SchemaDialect } from './schema-dialect';

export interface Migration {
  /** Recorded in schema_migrations; the number the file name starts with. */
  version: number;
  /** The file name without its extension, as recorded (the same as the .sql files had). */
  name: string;
  /** The statements, in order, for one store; applied in one transaction. */
  up(d: SchemaDialect): string[];
}

// Listed by hand, not read from the folder, so that the production build bundles them into dist/.
// test/shared/migrations.test.ts checks that every file is listed, in order.
export const migrations: Migration[] = [
  { version: 1, name: '0001_foundation', up: m0001.up },
  { version: 2, name: '0002_voice', up: m0002.up },
  { version: 3, name: '0003_roster_notices_calendars', up: m0003.up },
  { version: 4, name: '0004_report_indexes', up: m0004.up },
  { version: 5, name: '0005_sla', up: m0005.up },
  { version: 6, name: '0006_callbacks_signoff', up: m0006.up },
  { version: 7, name: '0007_merge_place', up: m0007.up },
  { version: 8, name: '0008_sign_off_index', up: m0008.up },
  { version: 9, name: '0009_staff_status_roster_revision', up: m0009.up },
  { version: 10, name: '0010_outbox_claims_early_statuses', up: m0010.up },
  { version: 11, name: '0011_token_expiry', up: m0011.up },
  { version: 12, name: '0012_roster_revision_on_staff_update', up: m0012.up },
  { version: 13, name: '0013_kpi_covering_indexes', up: m0013.up },
  { version: 14, name: '0014_console_sessions', up: m0014.up },
  { version: 15, name: '0015_job_leases', up: m0015.up },
  { version: 16, name: '0016_kpi_and_queue_indexes', up: m0016.up },
  { version: 17, name: '0017_places', up: m0017.up },
  { version: 18, name: '0018_campaigns', up: m0018.up },
  { version: 19, name: '0019_open311_keys', up: m0019.up },
  { version: 20, name: '0020_case_reviews', up: m0020.up },
  { version: 21, name: '0021_petitions', up: m0021.up },
  { version: 22, name: '0022_staff_conduct', up: m0022.up },
  { version: 23, name: '0023_callback_calls', up: m0023.up },
  { version: 24, name: '0024_sign_off_branches', up: m0024.up },
  { version: 25, name: '0025_survey_calls', up: m0025.up },
];
