-- "Sections changed since I last read them" (issue 20): the newest version of each document
-- a person taking part has opened. Only moves forward.
CREATE TABLE document_reads (
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    number BIGINT NOT NULL,
    read_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, process_id, kind)
);

-- When a workshop is planned to meet (NULL: no date given), for "the next workshop".
ALTER TABLE workshops ADD COLUMN meets_at BIGINT;
