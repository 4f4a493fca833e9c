//! HTTP integration tests: the real app on a random port, a fresh database per test, every
//! case on SQLite and (when TEST_POSTGRES_URL is set) PostgreSQL.

mod harness;

mod accounts;
mod decisions;
mod discussion;
mod documents;
mod errors_and_limits;
mod invitations;
mod pages;
mod people;
mod permissions;
mod personal_data;
mod processes;
mod ratification;
mod security;
mod sessions;
mod workshops;
