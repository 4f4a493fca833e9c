-- Documents (issue 4), and the drafter role: members of the drafting group edit the documents.
-- SQLite cannot change a CHECK constraint, so the two tables that name roles are rebuilt.
CREATE TABLE memberships_new (
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('participant', 'drafter', 'facilitator', 'commissioner', 'process_admin')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (process_id, person_id, role)
);
INSERT INTO memberships_new SELECT process_id, person_id, role, created_at FROM memberships;
DROP TABLE memberships;
ALTER TABLE memberships_new RENAME TO memberships;
CREATE INDEX memberships_by_person ON memberships (person_id);

CREATE TABLE invitations_new (
    token_hash TEXT PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('participant', 'drafter', 'facilitator', 'commissioner', 'process_admin')),
    created_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    used_by BIGINT REFERENCES people (id) ON DELETE SET NULL
);
INSERT INTO invitations_new
    SELECT token_hash, process_id, role, created_by, created_at, expires_at, used_at, used_by FROM invitations;
DROP TABLE invitations;
ALTER TABLE invitations_new RENAME TO invitations;

-- Every saved version of a document, kept forever. Each row is a full copy of the sections
-- (JSON), so showing any version or comparing any two never replays history. A document is
-- identified by its process and kind; it has no versions until someone starts it.
CREATE TABLE document_versions (
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('definition', 'rois-vision')),
    number BIGINT NOT NULL CHECK (number >= 1),
    -- Who saved it. Kept when they withdraw (they are then shown as a withdrawn participant).
    author_id BIGINT REFERENCES people (id) ON DELETE SET NULL,
    summary TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (process_id, kind, number)
);

-- Each time a process administrator publishes a version. The newest row per document is what
-- the public reads. The HTML is rendered once, when publishing, and never changes; the ETag
-- is its hash.
CREATE TABLE document_publications (
    id INTEGER PRIMARY KEY,
    process_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    number BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft_for_consultation', 'ratified')),
    published_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    published_at BIGINT NOT NULL,
    html TEXT NOT NULL,
    etag TEXT NOT NULL,
    FOREIGN KEY (process_id, kind, number) REFERENCES document_versions (process_id, kind, number) ON DELETE CASCADE
);
CREATE INDEX document_publications_by_document ON document_publications (process_id, kind, id);

-- A section save that met someone else's change to the same section. The person's words are
-- kept here until they merge, so nothing they typed is lost, with or without JavaScript.
CREATE TABLE edit_conflicts (
    id INTEGER PRIMARY KEY,
    process_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    section_key BIGINT NOT NULL,
    base_number BIGINT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    heading TEXT NOT NULL,
    body TEXT NOT NULL,
    summary TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    resolved_at BIGINT,
    FOREIGN KEY (process_id, kind, base_number) REFERENCES document_versions (process_id, kind, number) ON DELETE CASCADE
);
