//! `recovery-commons backup PATH`: a consistent copy of a running SQLite database, checked
//! before it is reported as made. (PostgreSQL has its own tools, `pg_dump`: see the README.)

use std::path::Path;

use anyhow::Context;

use app::store::{Backend, Db};

/// What the checked copy holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckedCopy {
    pub decisions: i64,
    pub ballots: i64,
}

/// Copies `db` to `path` and checks the copy: SQLite's integrity check, and every decision's
/// participation record whole and agreeing with its ballots and outcome. A copy that fails a
/// check is removed, so no unchecked file is left looking like a backup.
pub async fn backup(db: &Db, path: &Path) -> anyhow::Result<CheckedCopy> {
    if db.backend() != Backend::Sqlite {
        anyhow::bail!(
            "backup copies SQLite databases; for PostgreSQL use pg_dump (see the README)"
        );
    }
    if path.exists() {
        anyhow::bail!("{} exists already: choose a new file name", path.display());
    }
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("creating the folder {}", folder.display()))?;
    }
    db.copy_to(path)
        .await
        .with_context(|| format!("copying the database to {}", path.display()))?;
    match check(path).await {
        Ok(copy) => Ok(copy),
        Err(error) => {
            let _ = std::fs::remove_file(path);
            Err(error.context("the copy failed its check and was removed"))
        }
    }
}

/// Opens a copy (as the server would, without creating it) and checks it.
pub async fn check(path: &Path) -> anyhow::Result<CheckedCopy> {
    let copy = Db::connect(&format!("sqlite://{}?mode=rw", path.display()))
        .await
        .context("opening the copy")?;
    let result = async {
        if let Some(problem) = copy.integrity_problem().await? {
            anyhow::bail!("SQLite's integrity check found: {problem}");
        }
        if let Err(failure) = app::workflows::decisions::record::verify_all(&copy).await? {
            anyhow::bail!("the participation record check failed: {failure}");
        }
        let (decisions, ballots) = app::store::decisions::totals(&copy).await?;
        Ok(CheckedCopy { decisions, ballots })
    }
    .await;
    copy.close().await;
    result
}
