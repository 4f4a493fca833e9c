-- One row that /healthz rewrites, so a database that still reads but can no longer write (a
-- full disk) is reported as unhealthy.
CREATE TABLE health_probe (
    id BIGINT PRIMARY KEY,
    written_at BIGINT NOT NULL
);
INSERT INTO health_probe (id, written_at) VALUES (1, 0);
