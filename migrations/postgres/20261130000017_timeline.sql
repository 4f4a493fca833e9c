-- A process's timeline (issue 20): its phases with their dates, as JSON, set by its
-- administrators. NULL until they set one.
ALTER TABLE processes ADD COLUMN timeline TEXT;
