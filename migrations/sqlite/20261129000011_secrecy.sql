-- Secret means secret (issue 14): no figure of a secret result comes from fewer than this
-- many ballots (a process setting, never below 2).
ALTER TABLE processes ADD COLUMN secrecy_threshold BIGINT NOT NULL DEFAULT 3;
-- Each decision keeps the threshold in force when it opened: the rule voters were told.
ALTER TABLE decisions ADD COLUMN secrecy_threshold BIGINT NOT NULL DEFAULT 3;
