-- A process's own word lists (issue 18): its glossary and its words to think twice about,
-- edited by its drafters. JSON; no row, or NULL, means the starting list.
CREATE TABLE process_word_lists (
    process_id BIGINT PRIMARY KEY REFERENCES processes (id) ON DELETE CASCADE,
    glossary TEXT,
    language TEXT,
    updated_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL
);
