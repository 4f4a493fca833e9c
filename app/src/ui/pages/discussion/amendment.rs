//! `/processes/:id/documents/:kind/amendments/:amendment`: one amendment with its comments.
//! Drafters, facilitators and process administrators accept it (a new version credits the
//! proposer), decline it with a reason, or send it to a vote.

use leptos::prelude::*;
use leptos_meta::Title;

use super::amendment_card::AmendmentCard;
use crate::api::discussion::amendments::{DecideAmendment, SupportAmendment};
use crate::api::discussion::pages::load_amendment;
use crate::domain::deliberation::CommentBody;
use crate::domain::deliberation::amendment::Currency;
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid, described_by};
use crate::ui::components::loaded::loaded;
use crate::ui::components::refetch::successes;
use crate::ui::components::thread::{PlaceFields, ThreadActions, ThreadList, ThreadPlace};
use crate::ui::pages::documents::{DocumentTrail, query_number, route_number};
use crate::views::discussion::AmendmentPage;

#[component]
pub fn AmendmentPageView() -> impl IntoView {
    let amendment = route_number("amendment");
    let actions = ThreadActions::new();
    let support = ServerAction::<SupportAmendment>::new();
    let decide = ServerAction::<DecideAmendment>::new();
    let (thread_changes, supported, decided) =
        (actions.versions(), successes(support), successes(decide));
    loaded(
        move || {
            (
                amendment.get(),
                thread_changes(),
                supported.get(),
                decided.get(),
            )
        },
        |(amendment, ..)| async move {
            match amendment {
                Some(id) => load_amendment(id).await,
                None => Err(crate::error::AppError::NotFound("that amendment".into())),
            }
        },
        move |page| view! { <Amendment page actions support decide /> },
    )
}

#[component]
fn Amendment(
    page: AmendmentPage,
    actions: ThreadActions,
    support: ServerAction<SupportAmendment>,
    decide: ServerAction<DecideAmendment>,
) -> impl IntoView {
    let a = page.amendment.clone();
    let place = ThreadPlace {
        process: page.process.id.get(),
        kind: page.kind,
        key: a.key,
        version: page.latest,
        amendment: Some(a.id),
    };
    let proposed = query_number("proposed");
    let decided = query_number("decided");
    let commented = query_number("commented");
    let errors = actions.error();
    let support_error = Signal::derive(move || support.value().get().and_then(Result::err));
    let back = crate::routes::discussion(place.process, place.kind, a.key);
    let may = page.may;
    let post_error = Signal::derive(move || actions.post.value().get().and_then(Result::err));
    let count = page.threads.len();
    view! {
        <Title text=format!("Amendment {} to “{}”", a.id, page.heading) />
        <DocumentTrail process=page.process.clone() kind=page.kind />
        <h1>{format!("Amendment to “{}”", page.heading)}</h1>
        <p><a href=back>{format!("Back to the discussion of “{}”", page.heading)}</a></p>
        <div aria-live="polite">
            {move || proposed.get().map(|_| view! { <p class="notice" role="status">"Your amendment has been proposed. People can now comment on it and support it."</p> })}
            {move || decided.get().map(|_| view! { <p class="notice" role="status">"Your decision has been recorded."</p> })}
            {move || commented.get().map(|_| view! { <p class="notice" role="status">"Your comment has been posted."</p> })}
        </div>
        <FormError error=errors />
        <FormError error=support_error />
        <section aria-labelledby="proposal-heading">
            <h2 id="proposal-heading">"The proposal"</h2>
            <AmendmentCard amendment=a.clone() place may support full=true />
        </section>
        {(may.decide && a.state.is_undecided()).then(|| view! { <DecideForms id=a.id current=a.currency == Currency::Current decide /> })}
        <section aria-labelledby="threads-heading">
            <h2 id="threads-heading">{format!("Comments on this amendment ({count})")}</h2>
            <ThreadList threads=page.threads.clone() place may actions />
        </section>
        {may.comment.then(|| view! {
            <section aria-labelledby="amendment-comment-heading">
                <h2 id="amendment-comment-heading">"Comment on this amendment"</h2>
                <ActionForm action=actions.post attr:class="form">
                    <PlaceFields place />
                    <div class="field">
                        <label for="comment-body">"Your comment"</label>
                        <p class="hint" id="comment-body-hint">{format!("Up to {} characters.", CommentBody::MAX_CHARS)}</p>
                        <textarea id="comment-body" name="body" rows="4" required maxlength=CommentBody::MAX_CHARS
                            aria-describedby=move || described_by(post_error, "body", Some("comment-body-hint"))
                            aria-invalid=move || aria_invalid(post_error, "body")></textarea>
                        <FieldError field="body" error=post_error />
                    </div>
                    <button type="submit" class="button">"Post comment"</button>
                </ActionForm>
            </section>
        })}
    }
}

#[component]
fn DecideForms(id: i64, current: bool, decide: ServerAction<DecideAmendment>) -> impl IntoView {
    let error = Signal::derive(move || decide.value().get().and_then(Result::err));
    view! {
        <section class="decide" aria-labelledby="decide-heading">
            <h2 id="decide-heading">"Decide on this amendment"</h2>
            <FormError error />
            {if current {
                view! {
                    <p>"Accepting saves a new version of the document with this wording, crediting the proposer in the history."</p>
                    <ActionForm action=decide attr:class="inline-form">
                        <input type="hidden" name="amendment_id" value=id />
                        <input type="hidden" name="verdict" value="accept" />
                        <button type="submit" class="button">"Accept the amendment"</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! { <p>"This amendment cannot be accepted until it is brought up to date with the latest version."</p> }.into_any()
            }}
            <ActionForm action=decide attr:class="inline-form">
                <input type="hidden" name="amendment_id" value=id />
                <input type="hidden" name="verdict" value="vote" />
                <button type="submit" class="button button--secondary">"Send it to a vote"</button>
            </ActionForm>
            <ActionForm action=decide attr:class="form">
                <input type="hidden" name="amendment_id" value=id />
                <input type="hidden" name="verdict" value="decline" />
                <div class="field">
                    <label for="decline-reason">"Reason for declining"</label>
                    <p class="hint" id="decline-reason-hint">"The proposer and everyone taking part will see it."</p>
                    <textarea id="decline-reason" name="reason" rows="2" required maxlength="1000"
                        aria-describedby=move || described_by(error, "reason", Some("decline-reason-hint"))
                        aria-invalid=move || aria_invalid(error, "reason")></textarea>
                    <FieldError field="reason" error />
                </div>
                <button type="submit" class="button button--secondary">"Decline the amendment"</button>
            </ActionForm>
        </section>
    }
}
