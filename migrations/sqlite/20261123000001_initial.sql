-- People: identity fields arrive with the people issue. site_role is 'site_admin' or 'member'.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    site_role TEXT NOT NULL CHECK (site_role IN ('site_admin', 'member')),
    created_at BIGINT NOT NULL
);

-- Server-side sessions. Only a SHA-256 hash of the cookie's token is stored, so a copy of the
-- database cannot be used to sign in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_person ON sessions (person_id);

-- One-time sign-in links (the first administrator's, printed on the console).
CREATE TABLE sign_in_links (
    token_hash TEXT PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE processes (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    created_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
