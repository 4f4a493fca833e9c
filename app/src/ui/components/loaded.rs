//! The shape every data page shares: load from a server function keyed by the route, show a
//! loading line, then the page, or the error in plain words (with the matching status).

use std::future::Future;

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::AppError;
use crate::ui::pages::error_notice::ErrorNotice;

pub fn loaded<S, T, Fut, V>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetch: impl Fn(S) -> Fut + Send + Sync + 'static,
    show: impl Fn(T) -> V + Send + Sync + Copy + 'static,
) -> impl IntoView
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    loaded_as::<crate::ui::components::json::Json, _, _, _, _>(source, fetch, show)
}

/// As [`loaded`], with the data the server sends for hydration encoded by `Codec` (a page
/// can leave out what the browser already has in the HTML).
pub fn loaded_as<Codec, S, T, Fut, V>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetch: impl Fn(S) -> Fut + Send + Sync + 'static,
    show: impl Fn(T) -> V + Send + Sync + Copy + 'static,
) -> impl IntoView
where
    Codec: Encoder<Result<T, AppError>, Encoded = String>
        + Decoder<Result<T, AppError>, Encoded = str>
        + Send
        + Sync
        + 'static,
    <Codec as Encoder<Result<T, AppError>>>::Error: std::fmt::Debug,
    <Codec as Decoder<Result<T, AppError>>>::Error: std::fmt::Debug,
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let resource = Resource::<Result<T, AppError>, Codec>::new_with_options(source, fetch, false);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(data) => show(data).into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
