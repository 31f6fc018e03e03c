import type { SchemaDialect } from './schema-dialect';

export function up(d: SchemaDialect): string[] {
  return [
    // A collective review of one resolution of an important or urgent case (SPEC §18).
    // resolved_at is the resolution it judges: a review whose case was reopened or resolved again
    // since no longer speaks for it. decided_at is set once, with its outcome.
    `CREATE TABLE case_reviews (
  ${d.autoId},
  case_id INTEGER NOT NULL REFERENCES cases (id),
  resolved_at TEXT NOT NULL,
  quorum INTEGER NOT NULL CHECK (quorum >= 1),
  requested_by INTEGER REFERENCES staff (id),
  requested_at TEXT NOT NULL,
  outcome TEXT CHECK (outcome IN ('signed_off', 'reopened', 'undecided', 'withdrawn', 'superseded')),
  decided_at TEXT,
  CHECK ((outcome IS NULL) = (decided_at IS NULL))
)`,
    // One open review per case at a time.
    `CREATE UNIQUE INDEX case_reviews_open_per_case ON case_reviews (case_id) WHERE decided_at IS NULL`,
    `CREATE INDEX case_reviews_open_by_requested ON case_reviews (requested_at) WHERE decided_at IS NULL`,
    `CREATE TABLE case_review_reviewers (
  review_id INTEGER NOT NULL REFERENCES case_reviews (id),
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  PRIMARY KEY (review_id, staff_id)
)`,
    // An opinion is a record: one per reviewer, never changed.
    `CREATE TABLE case_review_opinions (
  review_id INTEGER NOT NULL REFERENCES case_reviews (id),
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  verdict TEXT NOT NULL CHECK (verdict IN ('agree', 'disagree')),
  opinion TEXT NOT NULL,
  channel TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (review_id, staff_id),
  FOREIGN KEY (review_id, staff_id) REFERENCES case_review_reviewers (review_id, staff_id)
)`,
    ...d.appendOnly('case_review_opinions'),
  ];
}
