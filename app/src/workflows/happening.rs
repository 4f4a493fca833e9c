//! The printable "what's happening" sheet of a process (server only).

use crate::domain::calendar::{Day, long_date};
use crate::error::AppError;
use crate::views::happening::{HappeningSheet, OpenVote};
use crate::workflows::{ProcessContext, unexpected};

/// The sheet, with addresses starting with `site` (the site's public address).
pub async fn sheet(cx: &ProcessContext, site: String) -> Result<HappeningSheet, AppError> {
    let now = crate::store::unix_now();
    let timeline = crate::store::processes::timeline(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading the timeline"))?;
    let decisions = crate::store::decisions::for_process(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading decisions"))?;
    let open_votes = decisions
        .iter()
        .filter(|d| d.closed_at.is_none() && d.timing().is_open(now))
        .map(|d| OpenVote {
            question: d.spec.question.as_str().to_string(),
            closes: d.closes_at.map(long_date),
            address: format!("{site}{}", crate::routes::decision(cx.id(), d.id)),
        })
        .collect();
    let workshops = crate::store::workshops::for_process(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading workshops"))?
        .into_iter()
        .filter(|w| w.summary_published_at.is_none())
        .map(|w| w.title.as_str().to_string())
        .collect();
    Ok(HappeningSheet {
        process: cx.process.clone(),
        today: long_date(now),
        now: (!timeline.is_empty()).then(|| timeline.now(Day::of(now))),
        open_votes,
        workshops,
        next_workshop: crate::workflows::workshops::pages::next_meeting(cx).await?,
        site,
    })
}
