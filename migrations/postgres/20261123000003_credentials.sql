-- Optional email sign-in. A person may have neither (sign-in codes), and can add both later.
-- The password hash is Argon2id in PHC string form; it is never serialised or logged.
ALTER TABLE people ADD COLUMN email TEXT;
ALTER TABLE people ADD COLUMN password_hash TEXT;
CREATE UNIQUE INDEX people_by_email ON people (email);
