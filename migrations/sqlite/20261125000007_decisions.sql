-- Decisions (issue 6): decisions, one ballot per person per decision, and the participation
-- record, an append-only chain of events in which people appear by a pseudonymous id.

CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    -- JSON of the domain types: the method, the rule, the options, the eligible constituencies.
    method TEXT NOT NULL,
    rule TEXT NOT NULL,
    options TEXT NOT NULL,
    eligible TEXT NOT NULL,
    secret BIGINT NOT NULL,
    -- What is decided: a free question (all NULL), adopting version `subject_number` of the
    -- document `subject_document` ('adopt_version'), or amendment `subject_number` ('amendment').
    subject_kind TEXT CHECK (subject_kind IN ('adopt_version', 'amendment')),
    subject_document TEXT,
    subject_number BIGINT,
    opened_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    opened_at BIGINT NOT NULL,
    closes_at BIGINT,
    closed_at BIGINT,
    -- JSON of the outcome, written when it closes.
    outcome TEXT
);
CREATE INDEX decisions_by_process ON decisions (process_id, id);
CREATE INDEX decisions_by_subject ON decisions (subject_kind, subject_number);

-- One ballot per person per decision, enforced here as well as in code. A changed ballot
-- replaces the old one; both events stay in the participation record.
CREATE TABLE ballots (
    decision_id BIGINT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    constituencies TEXT NOT NULL,
    ballot TEXT NOT NULL,
    cast_at BIGINT NOT NULL,
    changed_at BIGINT,
    PRIMARY KEY (decision_id, person_id)
);

-- How a person appears in participation records. Deleted on withdrawal: the record keeps
-- the pseudonym, and nothing links it to them any more.
CREATE TABLE record_pseudonyms (
    person_id BIGINT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    pseudonym TEXT NOT NULL UNIQUE
);

-- The participation record: only ever inserted. Each entry carries the hash of the one
-- before (SHA-256 over a canonical encoding); `recovery-commons verify-record` re-walks it.
CREATE TABLE participation_record (
    decision_id BIGINT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    event TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (decision_id, seq)
);
