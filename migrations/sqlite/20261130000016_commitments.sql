-- Commitments on ratified sections (issue 19): what will change, who is responsible, how it
-- will be seen and by when. Updates are only ever inserted; the latest is where it stands.
CREATE TABLE commitments (
    id INTEGER PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    ratification_id BIGINT NOT NULL REFERENCES ratifications (id) ON DELETE CASCADE,
    section_key BIGINT NOT NULL,
    what TEXT NOT NULL,
    responsible TEXT NOT NULL,
    measure TEXT NOT NULL,
    -- Days since 1970-01-01.
    due_day BIGINT NOT NULL,
    created_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX commitments_by_process ON commitments (process_id, id);
CREATE INDEX commitments_by_ratification ON commitments (ratification_id, id);

CREATE TABLE commitment_updates (
    id INTEGER PRIMARY KEY,
    commitment_id BIGINT NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('planned', 'under_way', 'done', 'dropped')),
    note TEXT,
    updated_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX commitment_updates_by_commitment ON commitment_updates (commitment_id, id);
