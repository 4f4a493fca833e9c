//! When a page should load its data again after a form was sent: only after the server
//! accepted it. Reloading after a refused attempt would re-create the form and lose what the
//! person typed, which the error message asks them to correct.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Changes each time `action` succeeds; stays the same when it fails.
pub fn successes<S>(action: ServerAction<S>) -> Memo<usize>
where
    S: ServerFn + Send + Sync + Clone + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    Memo::new(move |previous: Option<&usize>| {
        let version = action.version().get();
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            version
        } else {
            previous.copied().unwrap_or(0)
        }
    })
}
