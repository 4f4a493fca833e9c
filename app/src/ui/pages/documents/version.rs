//! `/processes/:id/documents/:kind/versions/:number`: one version, read-only.

use leptos::prelude::*;
use leptos_meta::Title;

use super::document::PublishForm;
use super::{DocumentTrail, route_document, route_number};
use crate::api::documents::publishing::PublishVersion;
use crate::api::documents::reading::read_version;
use crate::domain::calendar::{iso_date, long_date};
use crate::ui::components::field_error::FormError;
use crate::ui::components::loaded::loaded;
use crate::views::documents::VersionPage;

#[component]
pub fn VersionPageView() -> impl IntoView {
    let route = route_document();
    let number = route_number("number");
    loaded(
        move || (route.get(), number.get()),
        |(route, number)| async move {
            match (route, number.and_then(|n| u32::try_from(n).ok())) {
                (Some((id, kind)), Some(n)) => read_version(id, kind, n).await,
                _ => Err(crate::error::AppError::NotFound("that version".into())),
            }
        },
        |page| view! { <Version page /> },
    )
}

#[component]
fn Version(page: VersionPage) -> impl IntoView {
    let base = crate::routes::document(page.process.id.get(), page.kind);
    let meta = page.version.meta.clone();
    let n = meta.number;
    let publish = ServerAction::<PublishVersion>::new();
    let publish_error = Signal::derive(move || publish.value().get().and_then(Result::err));
    let may_publish = page.may.publish && page.published_now != Some(n);
    let (id, kind) = (page.process.id.get(), page.kind);
    view! {
        <Title text=format!("Version {n}: {}", page.kind.title()) />
        <DocumentTrail process=page.process.clone() kind=page.kind />
        <h1>{format!("{}, version {n}", page.kind.title())}</h1>
        <p class="notice">
            {format!("This is an earlier version, kept as it was (read-only). Saved by {} on ", meta.author)}
            <time datetime=iso_date(meta.created_at)>{long_date(meta.created_at)}</time>
            {if meta.summary.is_empty() { ".".to_string() } else { format!(": “{}”.", meta.summary) }}
        </p>
        <ul class="actions">
            <li><a href=format!("{base}/history")>"History of changes"</a></li>
            {(page.latest_number != n).then(|| view! {
                <li><a href=format!("{base}/compare?from={n}&to={}", page.latest_number)>"Compare with the latest version"</a></li>
            })}
        </ul>
        <FormError error=publish_error />
        <div class="doc-page">
            {page.version.sections.into_iter().map(|s| view! {
                <section class="doc-section" id=format!("section-{}", s.key) aria-labelledby=format!("heading-{}", s.key)>
                    <h2 id=format!("heading-{}", s.key)>{s.heading}</h2>
                    <div inner_html=s.html></div>
                </section>
            }).collect_view()}
        </div>
        {may_publish.then(|| view! { <PublishForm id kind number=n publish /> })}
    }
}
