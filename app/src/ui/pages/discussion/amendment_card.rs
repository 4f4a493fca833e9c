//! One amendment: who proposed it and why, its wording as a diff against the current text,
//! its state, and its support (with the button to give or take back one's own).

use leptos::prelude::*;

use crate::api::discussion::amendments::SupportAmendment;
use crate::domain::calendar::{iso_date, long_date};
use crate::domain::deliberation::amendment::Currency;
use crate::ui::components::diff_view::{DiffKey, WordDiff};
use crate::ui::components::thread::ThreadPlace;
use crate::views::discussion::AmendmentView;
use crate::views::discussion::DiscussionAbilities;

#[component]
pub fn AmendmentCard(
    amendment: AmendmentView,
    place: ThreadPlace,
    may: DiscussionAbilities,
    support: ServerAction<SupportAmendment>,
    /// On the amendment's own page: the proposed text in full, no link to itself.
    full: bool,
) -> impl IntoView {
    let id = amendment.id;
    let link = crate::routes::amendment(place.process, place.kind, id);
    let supports = amendment.supports;
    let currency_note = match amendment.currency {
        Currency::Current => None,
        Currency::NeedsUpdate => Some(format!(
            "Needs an update: the section has changed since this was proposed on version {}.",
            amendment.base
        )),
        Currency::SectionRemoved => Some("The section has since been removed.".to_string()),
    };
    let undecided = amendment.state.is_undecided();
    view! {
        <article class="amendment" id=format!("amendment-{id}") aria-labelledby=format!("amendment-{id}-title")>
            <h3 id=format!("amendment-{id}-title")>
                {format!("Amendment {id} by {}", amendment.proposer)}
            </h3>
            <p class="meta">
                "Proposed on version " {amendment.base} " · "
                <time datetime=iso_date(amendment.created_at)>{long_date(amendment.created_at)}</time>
            </p>
            <p class="amendment__state"><strong>{amendment.state.label()}</strong></p>
            {currency_note.map(|n| view! { <p class="amendment__stale" role="note">{n}</p> })}
            <p><strong>"Why: "</strong>{amendment.reason.clone()}</p>
            <h4>"Changes from the current text"</h4>
            <DiffKey />
            <WordDiff changes=amendment.diff.clone() />
            {full.then(|| view! {
                <h4>"The proposed text in full"</h4>
                <div class="doc-page amendment__text" inner_html=amendment.proposed_html.clone()></div>
            })}
            <p class="amendment__support">
                {format!("{supports} {}", if supports == 1 { "person supports this" } else { "people support this" })}
                {amendment.supported_by_me.then_some(", including you")}
                "."
            </p>
            <div class="amendment__tools">
                {(may.propose && undecided).then(|| view! {
                    <ActionForm action=support attr:class="inline-form">
                        <input type="hidden" name="amendment_id" value=id />
                        <input type="hidden" name="support" value=if amendment.supported_by_me { "no" } else { "yes" } />
                        <button type="submit" class=if amendment.supported_by_me { "button button--secondary button--small" } else { "button button--small" }>
                            {if amendment.supported_by_me { "Take back my support" } else { "Support this amendment" }}
                            <span class="visually-hidden">{format!(" ({id})")}</span>
                        </button>
                    </ActionForm>
                })}
                {(!full).then(|| {
                    // A drafter accepts or declines it on its own page: the link says so.
                    let words = if may.decide && undecided { "Accept, decline or comment" } else { "Comment on it" };
                    view! {
                        <a href=link.clone() class="button button--secondary button--small" aria-label=format!("{words}: amendment {id}")>
                            {words}
                        </a>
                    }
                })}
            </div>
        </article>
    }
}
