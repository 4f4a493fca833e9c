//! Persistence (server only). One module per aggregate; each function runs one query against
//! the [`Db`] or a write transaction.
//!
//! SQLite and PostgreSQL are served by the same code through sqlx's `Any` driver with
//! portable SQL: `$1` placeholders (SQLite accepts them too), `BIGINT` columns, timestamps as
//! Unix seconds, `RETURNING` for new ids. Only the migrations differ, one folder per backend.

pub mod amendments;
pub mod audit;
pub mod comments;
pub mod commitments;
pub mod constituency_claims;
pub mod decisions;
pub mod documents;
pub mod email;
pub mod feed;
pub mod guests;
pub mod influence;
pub mod invitations;
pub mod memberships;
pub mod minority;
pub mod needs;
pub mod participation_record;
pub mod people;
pub mod personal_data;
pub mod processes;
pub mod ratifications;
pub mod sessions;
pub mod sign_in_codes;
pub mod sign_in_links;
pub mod word_lists;
pub mod workshops;

use std::path::Path;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::any::{AnyArguments, AnyQueryResult, AnyRow};
use sqlx::query::{Query, QueryScalar};
use sqlx::{Any, Connection, Executor, FromRow, Pool, Transaction};

type AnyPool = Pool<Any>;

/// How long a request waits for a database connection before it is told to try again.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("could not prepare the database folder {path}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("unsupported database URL: it must start with sqlite: or postgres:")]
    UnsupportedUrl,
    #[error("a stored value is not valid: {0}")]
    Corrupt(String),
    /// An amendment or similar was decided by someone else meanwhile; nothing was stored.
    #[error("already decided by someone else")]
    AlreadyDecided,
    /// Others kept writing the same thing at the same moment and every retry lost the race;
    /// nothing was stored, and trying again will work.
    #[error("too many writes to the same thing at once")]
    Contended,
}

impl StoreError {
    /// The database could not be reached, or refused to write (a full disk, an I/O error, a
    /// lost connection, a read-only or shutting-down server): the transaction did not commit,
    /// and trying again later may work. Constraint violations and unreadable values are bugs
    /// or races, not outages.
    pub fn is_unavailable(&self) -> bool {
        use sqlx::error::ErrorKind;
        match self {
            StoreError::Database(error) => match error {
                sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)
                | sqlx::Error::Protocol(_)
                | sqlx::Error::WorkerCrashed
                | sqlx::Error::BeginFailed
                | sqlx::Error::InvalidSavePointStatement => true,
                sqlx::Error::Database(error) => matches!(error.kind(), ErrorKind::Other),
                _ => false,
            },
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool to either backend.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// The SQLite database file (for the health check's look at the disk).
    sqlite_file: Option<std::path::PathBuf>,
}

impl Db {
    /// Connects, creating the SQLite file (and its folder) if it does not exist yet.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let (backend, url) = if url.starts_with("sqlite:") {
            (Backend::Sqlite, prepare_sqlite_url(url)?)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            (Backend::Postgres, url.to_string())
        } else {
            return Err(StoreError::UnsupportedUrl);
        };
        let options = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            // During an outage a person waits at most this long for "nothing was saved, try
            // again" (503), not the ten seconds of a hung page.
            .acquire_timeout(ACQUIRE_TIMEOUT)
            // sqlx pings every connection as it goes back to the pool, a round trip to an
            // SQLite connection's worker thread. An SQLite connection lives in this process and
            // cannot be cut off while idle, so another ping before each use only cost time
            // (the pings together were about a tenth of a page's CPU). A PostgreSQL server may
            // drop an idle connection: tested there.
            .test_before_acquire(backend != Backend::Sqlite)
            // A failed write can leave a connection that believes it is still inside a
            // transaction: SQLite rolled back by itself (a full disk, an I/O error), so sqlx's
            // own ROLLBACK failed and its depth stayed at 1, and every later BEGIN on it fails.
            // Such a connection is closed and replaced, never reused. Checked as it goes back
            // (the depth is a number the worker keeps; only when it says "inside" do we wait,
            // with a ping, for a dropped transaction's queued rollback to run, and read it
            // again) and once more as it is taken out: by then sqlx's ping on release has
            // waited for anything still queued (a BEGIN whose caller went away), so the depth
            // read there is final. This replaced a ping of ours on every release.
            .after_release(|conn, _meta| {
                Box::pin(async move {
                    if conn.is_in_transaction() {
                        conn.ping().await?;
                    }
                    Ok(!conn.is_in_transaction())
                })
            })
            .before_acquire(|conn, _meta| Box::pin(async move { Ok(!conn.is_in_transaction()) }));
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    // WAL lets readers work while one person writes. synchronous=FULL because a
                    // ballot or decision acknowledged to a person must survive power loss.
                    // secure_delete overwrites what is deleted or replaced with zeros, so a
                    // withdrawn person's name and email do not linger in free pages.
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                         PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                         PRAGMA secure_delete = ON;",
                    )
                    .await?;
                    Ok(())
                })
            })
        } else {
            options
        };
        let pool = options.connect(&url).await?;
        let sqlite_file = (backend == Backend::Sqlite)
            .then(|| {
                let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
                rest.split('?').next().unwrap_or(rest).to_string()
            })
            .filter(|path| path != ":memory:")
            .map(std::path::PathBuf::from);
        Ok(Self {
            pool,
            backend,
            sqlite_file,
        })
    }

    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("../migrations/sqlite")
                    .run(&self.pool)
                    .await?
            }
            Backend::Postgres => {
                sqlx::migrate!("../migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    /// Answers whether the database responds (for `/healthz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Answers whether the database accepts a write and commits it (for `/healthz`): a
    /// database that still reads but cannot write (a full disk) is not healthy.
    pub async fn probe_write(&self, now: i64) -> Result<(), StoreError> {
        self.execute_committed(
            sqlx::query("UPDATE health_probe SET written_at = $1 WHERE id = 1").bind(now),
        )
        .await?;
        Ok(())
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes fails with
    /// `SQLITE_BUSY_SNAPSHOT` under concurrent writers, whatever the busy timeout.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, StoreError> {
        Ok(self.begin_write_raw().await?)
    }

    /// Runs one writing statement in its own write transaction and returns only once that
    /// transaction has committed. Every write whose success a person is told about goes
    /// through here or through [`Db::begin_write`]: a statement sent straight to the pool
    /// runs in SQLite's autocommit mode, where `INSERT … RETURNING` hands back its row before
    /// the commit and a failed commit (a full disk) is then lost (sqlx issues 2099, 3430).
    pub async fn execute_committed<'q>(
        &self,
        statement: Query<'q, Any, AnyArguments<'q>>,
    ) -> Result<AnyQueryResult, sqlx::Error> {
        let mut tx = self.begin_write_raw().await?;
        let done = statement.execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(done)
    }

    /// As [`Db::execute_committed`], for `INSERT … RETURNING id` and the like: the value is
    /// returned only once the transaction has committed.
    pub async fn fetch_one_committed<'q, O>(
        &self,
        statement: QueryScalar<'q, Any, O, AnyArguments<'q>>,
    ) -> Result<O, sqlx::Error>
    where
        O: Send + Unpin,
        (O,): Send + Unpin + for<'r> FromRow<'r, AnyRow>,
    {
        let mut tx = self.begin_write_raw().await?;
        let value = statement.fetch_one(&mut *tx).await?;
        tx.commit().await?;
        Ok(value)
    }

    async fn begin_write_raw(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// On SQLite, copies the write-ahead log into the database and empties it, so what was
    /// just erased (with `secure_delete`, overwritten in the database) leaves no copy in the
    /// log. `false` if readers kept it from finishing within the busy timeout. PostgreSQL
    /// keeps old row versions until `VACUUM` (see the README).
    pub async fn checkpoint(&self) -> Result<bool, StoreError> {
        if self.backend != Backend::Sqlite {
            return Ok(true);
        }
        let busy: i64 = sqlx::query_scalar("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(&self.pool)
            .await?;
        Ok(busy == 0)
    }

    /// On SQLite, writes a consistent copy of the whole database to `path` while it is in
    /// use (`VACUUM INTO`: one read transaction, so the copy is a single moment, and it is
    /// compacted and free of erased data). `path` must not exist yet.
    pub async fn copy_to(&self, path: &Path) -> Result<(), StoreError> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::UnsupportedUrl);
        }
        let path = path.to_str().ok_or_else(|| StoreError::Folder {
            path: path.display().to_string(),
            source: std::io::Error::other("the path is not valid UTF-8"),
        })?;
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// SQLite's own check of the file (`PRAGMA integrity_check`): `None` when it is sound,
    /// or what is wrong.
    pub async fn integrity_problem(&self) -> Result<Option<String>, StoreError> {
        if self.backend != Backend::Sqlite {
            return Ok(None);
        }
        let answer: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&self.pool)
            .await?;
        Ok((answer != "ok").then_some(answer))
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The SQLite database file, if this is SQLite on disk.
    pub fn sqlite_file(&self) -> Option<&Path> {
        self.sqlite_file.as_deref()
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Adds `mode=rwc` (create if missing) and creates the file's folder.
fn prepare_sqlite_url(url: &str) -> Result<String, StoreError> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:"
        && let Some(folder) = Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(folder).map_err(|source| StoreError::Folder {
            path: folder.display().to_string(),
            source,
        })?;
    }
    Ok(if query.contains("mode=") {
        url.to_string()
    } else if query.is_empty() {
        format!("sqlite://{path}?mode=rwc")
    } else {
        format!("sqlite://{path}?{query}&mode=rwc")
    })
}

/// The current time as Unix seconds.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// SQL reading every row of `from` (a table and its `WHERE`) as one JSON text: an array of
/// `[column, …]` arrays. A long list then crosses from the database as one row: SQLite's
/// driver hands rows over one at a time between threads, which cost about 7 µs a row, and a
/// decision of a thousand ballots has two thousand. TEXT columns arrive as JSON strings,
/// numbers as numbers.
///
/// **The rows come in no promised order: the caller sorts what it parses** (by `order` on
/// PostgreSQL; on SQLite in the order of the index the statement reads, usually already
/// sorted). SQLite runs `json_group_array(… ORDER BY …)` by copying every row into a
/// temporary B-tree first; for a decision's participation record (1,000 entries, 300 KB) that
/// copying was a fifth of the decision page's CPU.
pub(crate) fn rows_as_json(backend: Backend, columns: &str, from: &str, order: &str) -> String {
    match backend {
        Backend::Sqlite => {
            format!("SELECT COALESCE(json_group_array(json_array({columns})), '[]') FROM {from}")
        }
        Backend::Postgres => format!(
            "SELECT COALESCE(json_agg(json_build_array({columns}) ORDER BY {order}), '[]'::json)::text FROM {from}"
        ),
    }
}

/// Reads what [`rows_as_json`] wrote into rows of type `T` (a tuple of the columns).
pub(crate) fn parse_json_rows<T: serde::de::DeserializeOwned>(
    text: &str,
    what: &str,
) -> Result<Vec<T>, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sqlite_url_gets_create_mode() {
        let dir = std::env::temp_dir().join("rc-url-test");
        let url = format!("sqlite://{}/x.db", dir.display());
        assert_eq!(
            prepare_sqlite_url(&url).unwrap(),
            format!("sqlite://{}/x.db?mode=rwc", dir.display())
        );
        assert!(dir.is_dir());
    }

    #[test]
    fn an_explicit_mode_is_kept() {
        assert_eq!(
            prepare_sqlite_url("sqlite:x.db?mode=ro").unwrap(),
            "sqlite:x.db?mode=ro"
        );
    }
}
