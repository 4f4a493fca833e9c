-- What needs me (issue 20): the things a person marked done, by their key ("vote:12").
CREATE TABLE needs_done (
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    item TEXT NOT NULL,
    done_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, item)
);
