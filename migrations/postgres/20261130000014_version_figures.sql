-- Each version's readability figures (issue 18), worked out when it is saved, so the history
-- shows the text getting easier without reading any version's content. NULL for versions
-- saved before: the history says they were not measured.
ALTER TABLE document_versions ADD COLUMN reading_age BIGINT;
ALTER TABLE document_versions ADD COLUMN long_sentences BIGINT;

-- The listing index covers the figures too, so listing still never reads a row.
DROP INDEX document_versions_listing;
CREATE INDEX document_versions_listing
    ON document_versions (process_id, kind, number, author_id, created_at, amendment_id, summary,
                          reading_age, long_sentences);
