-- Secret means secret (issue 14): no figure of a secret result comes from fewer than this
-- many ballots (a process setting, never below 2).
ALTER TABLE processes ADD COLUMN secrecy_threshold BIGINT NOT NULL DEFAULT 3;
