//! A process's timeline: read by anyone, set by its administrators.

use crate::domain::calendar::Day;
use crate::domain::permissions::ProcessAction;
use crate::domain::timeline::{SUGGESTED, Timeline};
use crate::error::AppError;
use crate::views::timeline::TimelineView;
use crate::workflows::{ProcessContext, unexpected};

pub async fn view(cx: &ProcessContext) -> Result<TimelineView, AppError> {
    let timeline = crate::store::processes::timeline(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading the timeline"))?;
    let may_edit = cx.may(ProcessAction::ConfigureProcess);
    Ok(TimelineView {
        now: timeline.now(Day::of(crate::store::unix_now())),
        text: if timeline.is_empty() && may_edit {
            SUGGESTED.to_string()
        } else {
            timeline.text()
        },
        phases: timeline.phases().to_vec(),
        may_edit,
        next_workshop: crate::workflows::workshops::pages::next_meeting(cx).await?,
    })
}

pub async fn set(cx: &ProcessContext, timeline: Timeline) -> Result<(), AppError> {
    cx.require(ProcessAction::ConfigureProcess, "change the timeline")?;
    crate::store::processes::set_timeline(cx.db(), cx.id(), &timeline)
        .await
        .map_err(unexpected("saving the timeline"))?;
    cx.state.live.public_pages_changed().await;
    Ok(())
}
