//! HTTP integration tests: the real app on a random port, a fresh database per test, every
//! case on SQLite and on PostgreSQL (TEST_POSTGRES_URL; a PostgreSQL case without it fails).
//! Every test that needs PostgreSQL has "postgres" in its name, so `--skip postgres` leaves
//! exactly those out.

mod harness;

mod accounts;
mod assets;
mod comfort;
mod commitments;
mod decisions;
mod discussion;
mod documents;
mod durability;
mod easy_read;
mod email;
mod errors_and_limits;
mod influence;
mod invitations;
mod legitimacy;
mod minority;
mod needs;
mod pages;
mod people;
mod permission_matrix;
mod permissions;
mod personal_data;
mod processes;
mod ratification;
mod schema_parity;
mod secrecy;
mod security;
mod sessions;
mod smtp_sink;
mod timeline;
mod turnout;
mod word_lists;
mod workshops;
