//! A process's Atom feed of public events, for anyone (feed readers sign in to nothing).

use crate::domain::feed::{FeedEntry, FeedEvent, atom};
use crate::error::AppError;
use crate::routes;
use crate::workflows::{ProcessContext, unexpected};

fn entry(process: i64, event: FeedEvent) -> FeedEntry {
    match event {
        FeedEvent::Published {
            id,
            kind,
            number,
            at,
        } => FeedEntry {
            id: format!("publication-{id}"),
            title: format!(
                "Published for consultation: version {number} of “{}”",
                kind.title()
            ),
            at,
            path: routes::public_document(process, kind),
        },
        FeedEvent::DecisionOpened { id, question, at } => FeedEntry {
            id: format!("decision-{id}-opened"),
            title: format!("A decision opened: {question}"),
            at,
            path: routes::decision(process, id),
        },
        FeedEvent::DecisionClosed { id, question, at } => FeedEntry {
            id: format!("decision-{id}-closed"),
            title: format!("A decision closed: {question}"),
            at,
            path: routes::decision(process, id),
        },
        FeedEvent::Ratified {
            id,
            kind,
            number,
            by,
            at,
        } => FeedEntry {
            id: format!("ratification-{id}"),
            title: format!("Ratified by {by}: version {number} of “{}”", kind.title()),
            at,
            path: routes::ratification(process, kind, id),
        },
    }
}

/// The feed as Atom XML; `site` is the address links start with.
pub async fn atom_feed(cx: &ProcessContext, site: &str) -> Result<String, AppError> {
    let events = crate::store::feed::events(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading the feed"))?;
    let p = cx.id().get();
    let entries: Vec<FeedEntry> = events.into_iter().map(|e| entry(p, e)).collect();
    Ok(atom(
        site,
        &routes::feed(p),
        cx.process.title.as_str(),
        &entries,
    ))
}
