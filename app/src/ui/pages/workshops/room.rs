//! What the console and the projector both show of the room: the current step's section,
//! its newest comments, and its vote's count by constituency (chart and table).

use leptos::prelude::*;

use crate::ui::results_html::{breakdown, chart_svg, table_html};
use crate::views::workshops::LiveStep;
use crate::views::workshops::LiveVote;

/// The section's heading and text.
#[component]
pub fn StepSection(step: LiveStep) -> impl IntoView {
    step.html.map(|html| {
        view! {
            <section class="room-section" aria-labelledby="room-section-heading">
                <h2 id="room-section-heading">{step.heading.unwrap_or_default()}</h2>
                <div class="room-section__text" inner_html=html></div>
            </section>
        }
    })
}

/// The newest comments, newest first.
#[component]
pub fn StepComments(step: LiveStep) -> impl IntoView {
    let count = step.comments.len();
    view! {
        <section class="room-comments" aria-labelledby="room-comments-heading" aria-live="polite">
            <h2 id="room-comments-heading">{format!("Comments ({count} newest)")}</h2>
            {if count == 0 {
                view! { <p>"No comments yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="room-comments__list">
                        {step.comments.into_iter().map(|c| view! {
                            <li><p class="room-comments__who">{c.who}</p><div inner_html=c.html></div></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The vote's count so far, by constituency.
#[component]
pub fn VoteCount(vote: LiveVote) -> impl IntoView {
    let voters = vote.voters.unwrap_or(0);
    let figures = match (&vote.overall, &vote.groups) {
        (Some(overall), Some(groups)) => Some(breakdown(overall, groups, &vote.options)),
        _ => None,
    };
    // A secret vote shows how many voted, not how, until it closes.
    let note = match (vote.secret, vote.open, &vote.withheld) {
        (true, true, _) => {
            Some("Ballots are secret: the result shows when the vote closes.".to_string())
        }
        (_, false, Some(why)) => Some(why.clone()),
        _ => None,
    };
    view! {
        <section class="room-vote" aria-labelledby="room-vote-heading">
            <h2 id="room-vote-heading">{vote.question.clone()}</h2>
            <p class="room-vote__voters" aria-live="polite">
                {format!("{} voted{}", if voters == 1 { "1 person has".to_string() } else { format!("{voters} people have") }, if vote.open { " so far." } else { ". Voting has closed." })}
            </p>
            {note.map(|n| view! { <p class="room-vote__note">{n}</p> })}
            {figures.map(|f| {
                let (chart, table) = (chart_svg(&f, "room-results"), table_html(&f));
                view! { <div inner_html=chart></div> <div inner_html=table></div> }
            })}
        </section>
    }
}
