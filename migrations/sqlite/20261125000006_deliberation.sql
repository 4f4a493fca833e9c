-- Deliberation (issue 5): comments, replies, amendments, support, moderation.
-- Nothing here is ever deleted by moderation: hidden is a state, with who and why.

-- Whether members of the public may comment on published drafts (off by default).
ALTER TABLE processes ADD COLUMN public_comments BIGINT NOT NULL DEFAULT 0;

-- Replacement text for one section, proposed against version base_number.
CREATE TABLE amendments (
    id INTEGER PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    section_key BIGINT NOT NULL,
    base_number BIGINT NOT NULL,
    body TEXT NOT NULL,
    reason TEXT NOT NULL,
    -- Kept when they withdraw (then shown as a withdrawn participant).
    proposer_id BIGINT REFERENCES people (id) ON DELETE SET NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'declined', 'sent_to_vote')),
    decided_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    decided_at BIGINT,
    decline_reason TEXT,
    accepted_number BIGINT,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (process_id, kind, base_number) REFERENCES document_versions (process_id, kind, number) ON DELETE CASCADE
);
CREATE INDEX amendments_by_document ON amendments (process_id, kind, section_key);
CREATE INDEX amendments_by_proposer ON amendments (proposer_id, created_at);

-- One support per person per amendment, enforced here as well as in code.
CREATE TABLE amendment_supports (
    amendment_id BIGINT NOT NULL REFERENCES amendments (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (amendment_id, person_id)
);

-- A version made by accepting an amendment credits its proposer through this column.
ALTER TABLE document_versions ADD COLUMN amendment_id BIGINT REFERENCES amendments (id);

-- Comments on a section (amendment_id null) or on an amendment. thread_id is null for the
-- first comment of a thread and names that first comment for replies.
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    section_key BIGINT NOT NULL,
    version_number BIGINT NOT NULL,
    amendment_id BIGINT REFERENCES amendments (id) ON DELETE CASCADE,
    thread_id BIGINT REFERENCES comments (id) ON DELETE CASCADE,
    quote TEXT,
    body TEXT NOT NULL,
    author_id BIGINT REFERENCES people (id) ON DELETE SET NULL,
    -- A member of the public, who has no account: 1, with the name they gave (if any).
    from_public BIGINT NOT NULL DEFAULT 0,
    public_name TEXT,
    visibility TEXT NOT NULL CHECK (visibility IN ('visible', 'awaiting_approval', 'hidden')),
    hidden_reason TEXT,
    resolved_at BIGINT,
    resolved_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    resolved_note TEXT,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (process_id, kind, version_number) REFERENCES document_versions (process_id, kind, number) ON DELETE CASCADE
);
CREATE INDEX comments_by_document ON comments (process_id, kind, section_key);
CREATE INDEX comments_by_author ON comments (author_id, created_at);
CREATE INDEX comments_by_thread ON comments (thread_id);

CREATE TABLE comment_reports (
    id INTEGER PRIMARY KEY,
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    reporter_id BIGINT REFERENCES people (id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Set when a facilitator hid the comment or dismissed the report.
    handled_at BIGINT
);
CREATE INDEX comment_reports_by_comment ON comment_reports (comment_id);

-- Every hide, unhide and approval: who, why, when. Only ever inserted.
CREATE TABLE moderation_log (
    id INTEGER PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    action TEXT NOT NULL CHECK (action IN ('hide', 'unhide', 'approve', 'dismiss_reports')),
    actor_id BIGINT REFERENCES people (id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX moderation_log_by_process ON moderation_log (process_id, id);
