-- Ratifications (issue 6): a commissioner confirms the version a passed decision adopted.
-- Each also publishes that version with the status 'ratified'. Rows are never changed: a newer
-- ratification of the same document supersedes the older one, and both stay readable.
CREATE TABLE ratifications (
    id INTEGER PRIMARY KEY,
    process_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    number BIGINT NOT NULL,
    -- One ratification per decision, enforced here as well as in code.
    decision_id BIGINT NOT NULL UNIQUE REFERENCES decisions (id) ON DELETE CASCADE,
    publication_id BIGINT NOT NULL REFERENCES document_publications (id) ON DELETE CASCADE,
    ratified_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    -- Commissioners act in a public role: their name as it stood when they ratified.
    ratifier_name TEXT NOT NULL,
    ratified_at BIGINT NOT NULL,
    FOREIGN KEY (process_id, kind, number) REFERENCES document_versions (process_id, kind, number) ON DELETE CASCADE
);
CREATE INDEX ratifications_by_document ON ratifications (process_id, kind, id);
CREATE INDEX ratifications_by_publication ON ratifications (publication_id);
