//! The pages of a document: the document itself, the section editor, a clash to merge, the
//! history, one old version, and a comparison of two versions.

pub mod compare;
pub mod conflict;
pub mod document;
pub mod history;
mod hydration;
pub mod section_editor;
pub mod version;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::domain::ProcessSummary;
use crate::domain::document::DocumentKind;

/// The process id and document kind from the route; `None` when malformed.
pub fn route_document() -> Memo<Option<(i64, String)>> {
    let params = use_params_map();
    Memo::new(move |_| {
        let params = params.read();
        let id = params.get("id")?.parse::<i64>().ok()?;
        let kind = params.get("kind")?;
        DocumentKind::from_slug(&kind).map(|_| (id, kind))
    })
}

/// A number from the route (`:key`, `:number`, `:conflict`).
pub fn route_number(name: &'static str) -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get(name)?.parse::<i64>().ok())
}

/// A number from the query string.
pub fn query_number(name: &'static str) -> Memo<Option<u32>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(name)?.parse::<u32>().ok())
}

/// An id from the query string (a comment to show, say).
pub fn query_id(name: &'static str) -> Memo<Option<i64>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(name)?.parse::<i64>().ok())
}

/// Text from the query string, as typed (parsed by the server).
pub fn query_text(name: &'static str) -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(name))
}

/// "Process title › Document title" above each page's heading.
#[component]
pub fn DocumentTrail(process: ProcessSummary, kind: DocumentKind) -> impl IntoView {
    let id = process.id.get();
    view! {
        <nav aria-label="You are here" class="trail">
            <a href=crate::routes::process(id)>{process.title.as_str().to_string()}</a>
            " › "
            <a href=crate::routes::document(id, kind)>{kind.title()}</a>
        </nav>
    }
}
