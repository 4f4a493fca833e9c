-- One-time invitation links: a process administrator invites someone into a process with a
-- role, and sends the link themselves (by email or otherwise). Only the token's hash is kept.
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('participant', 'facilitator', 'commissioner', 'process_admin')),
    created_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    used_by BIGINT REFERENCES people (id) ON DELETE SET NULL
);
