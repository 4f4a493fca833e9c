-- The minority's voice (issue 19): one statement per adopting decision, in the words of those
-- who objected or had reservations, and who co-signed it. Rewriting the text removes the
-- other signatures: nobody stays signed under words they did not read.
CREATE TABLE minority_statements (
    decision_id BIGINT PRIMARY KEY REFERENCES decisions (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    revision BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    -- One more at every write, signature and withdrawal: what a cached public page compares.
    changes BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE minority_signatures (
    decision_id BIGINT NOT NULL REFERENCES minority_statements (decision_id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    signed_at BIGINT NOT NULL,
    PRIMARY KEY (decision_id, person_id)
);

-- Comments on a commitment's update ("You said, we did"), by people taking part.
CREATE TABLE commitment_comments (
    id INTEGER PRIMARY KEY,
    update_id BIGINT NOT NULL REFERENCES commitment_updates (id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES people (id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    hidden_at BIGINT
);
CREATE INDEX commitment_comments_by_update ON commitment_comments (update_id, id);
