-- Email for those who gave an address (issue 20), never required.
-- What each person chose to hear about and how often. No row, or no topics: no email.
CREATE TABLE email_preferences (
    person_id BIGINT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    -- JSON list of the domain's Topic.
    topics TEXT NOT NULL,
    frequency TEXT NOT NULL CHECK (frequency IN ('at_once', 'daily')),
    -- The secret in every message's link that stops all mail without signing in.
    unsubscribe_token TEXT NOT NULL UNIQUE,
    updated_at BIGINT NOT NULL
);

-- Each notice is mailed to a person once ("open:12", "reply:40"). What was already there when
-- they chose is written here too, so it is not mailed as news.
CREATE TABLE email_notified (
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    notice TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (person_id, notice)
);

-- The outbox: written in the transaction that decides a message is due, sent by whichever
-- instance claims it first, so a restart loses nothing and two instances never both send.
-- The address is read when sending, so a changed or removed address is respected.
CREATE TABLE email_outbox (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- One message per key: "digest:<person>:<day>" or "notice:<person>:<first notice>".
    dedupe_key TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    -- Not tried before this time: an instance's claim while it sends, or a retry's wait.
    not_before BIGINT NOT NULL,
    claimed_by TEXT,
    sent_at BIGINT,
    -- Given up after too many failures.
    failed_at BIGINT
);
CREATE INDEX email_outbox_waiting ON email_outbox (sent_at, failed_at, not_before);
