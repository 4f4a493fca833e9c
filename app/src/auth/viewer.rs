//! Who is making a request, from their session cookie.

use http::HeaderMap;

use super::cookie::session_token;
use crate::domain::Viewer;
use crate::store::{Db, StoreError, sessions, unix_now};

pub async fn current_viewer(db: &Db, headers: &HeaderMap) -> Result<Option<Viewer>, StoreError> {
    let Some(token) = session_token(headers) else {
        return Ok(None);
    };
    Ok(sessions::viewer_for(db, &token.hash(), unix_now())
        .await?
        .map(|(person, site_role)| Viewer { person, site_role }))
}

/// Who asks, read once per request. A page's header, its data and its forms each ask during
/// one render; the session cannot change in between (signing in or out answers with a
/// redirect). Provided fresh to every request by the server; without it, each asks again.
#[derive(Clone, Debug, Default)]
pub struct RequestViewer(std::sync::Arc<tokio::sync::OnceCell<Option<Viewer>>>);

impl RequestViewer {
    /// The viewer, read with `read` the first time it is asked for.
    pub async fn get_or_read<F, Fut>(&self, read: F) -> Result<Option<Viewer>, StoreError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Option<Viewer>, StoreError>>,
    {
        self.0.get_or_try_init(read).await.copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{PersonId, SiteRole};
    use std::sync::atomic::{AtomicU32, Ordering};

    #[tokio::test]
    async fn a_request_reads_its_viewer_once() {
        let once = RequestViewer::default();
        let reads = AtomicU32::new(0);
        let read = || async {
            reads.fetch_add(1, Ordering::SeqCst);
            Ok(Some(Viewer {
                person: PersonId::new(7),
                site_role: SiteRole::Member,
            }))
        };
        for _ in 0..3 {
            let viewer = once.get_or_read(read).await.expect("read");
            assert_eq!(viewer.map(|v| v.person), Some(PersonId::new(7)));
        }
        assert_eq!(reads.load(Ordering::SeqCst), 1);
        // Another request starts afresh.
        RequestViewer::default()
            .get_or_read(read)
            .await
            .expect("read");
        assert_eq!(reads.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_failed_read_is_not_remembered() {
        let once = RequestViewer::default();
        let failed = once
            .get_or_read(|| async { Err(StoreError::Corrupt("test".into())) })
            .await;
        assert!(failed.is_err());
        let signed_out = once.get_or_read(|| async { Ok(None) }).await.expect("read");
        assert_eq!(signed_out, None);
    }
}
