-- How people appear, and their (optional) email sign-in. Names are personal data: they are
-- cleared when a person withdraws, and never shown publicly unless the person chose it.
ALTER TABLE people ADD COLUMN full_name TEXT;
ALTER TABLE people ADD COLUMN pseudonym TEXT;
ALTER TABLE people ADD COLUMN appearance TEXT NOT NULL DEFAULT 'constituency_only';
ALTER TABLE people ADD COLUMN show_on_public_pages BIGINT NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN withdrawn_at BIGINT;

-- Roles within a process; a person may hold several.
CREATE TABLE memberships (
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('participant', 'facilitator', 'commissioner', 'process_admin')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (process_id, person_id, role)
);
CREATE INDEX memberships_by_person ON memberships (person_id);

-- Constituencies a person declared in a process. Commissioner and provider staff count only
-- once a process administrator confirmed them (confirmed_at set).
CREATE TABLE constituency_claims (
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    constituency TEXT NOT NULL,
    declared_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    confirmed_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    PRIMARY KEY (process_id, person_id, constituency)
);

-- Sign-in codes for people without email, made in batches and printed as cards. A code only
-- ever creates a new account, never opens an existing one, so it is kept readable for
-- reprinting until it is used, revoked or expires.
CREATE TABLE sign_in_code_batches (
    id INTEGER PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    created_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE TABLE sign_in_codes (
    code TEXT PRIMARY KEY,
    batch_id BIGINT NOT NULL REFERENCES sign_in_code_batches (id) ON DELETE CASCADE,
    used_at BIGINT,
    used_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    revoked_at BIGINT
);
CREATE INDEX sign_in_codes_by_batch ON sign_in_codes (batch_id);
