//! `/workshops/:id`: the phone view. One thing at a time, large touch targets: the section to
//! read, a box to comment, or the vote. It follows the facilitator's current step by itself
//! (and catches up after a dropped connection); without JavaScript, reloading shows the
//! current step and every form still works. Opened from its address (a QR code, a link, a
//! reload) it is sent without the app's WebAssembly and follows the room with a small script
//! (`ui/follow.js`); reached from another page of the app, the app follows it.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::decisions::voting::Vote;
use crate::api::workshops::joining::CommentInWorkshop;
use crate::api::workshops::pages::load_step;
use crate::domain::document::easy_read::Reading;
use crate::domain::document::render::EASY_READ_MISSING;
use crate::domain::workshop::agenda::{Position, StepKind};
use crate::ui::components::field_error::{FieldError, FormError};
use crate::ui::components::live::{ReconnectingNotice, live_frames};
use crate::ui::components::loaded::loaded;
use crate::ui::components::reading_switch::ReadingSwitch;
use crate::ui::pages::decisions::decision::{AnnexTerms, ballot_fields};
use crate::ui::pages::documents::{query_number, query_text, route_number};
use crate::views::workshops::LiveStep;

#[component]
pub fn PhonePageView() -> impl IntoView {
    let id = route_number("id");
    loaded(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_step(id).await,
                None => Err(crate::error::AppError::NotFound("that workshop".into())),
            }
        },
        |step| view! { <Phone step /> },
    )
}

#[component]
fn Phone(step: LiveStep) -> impl IntoView {
    let id = step.workshop;
    let follow = crate::routes::live(id, "step");
    let key = step.key();
    let live = live_frames(follow.clone(), step);
    let current = live.frame;
    let vote = ServerAction::<Vote>::new();
    let comment = ServerAction::<CommentInWorkshop>::new();
    let voted = query_number("voted");
    let commented = query_number("commented");
    let vote_error = Signal::derive(move || vote.value().get().and_then(Result::err));
    let comment_error = Signal::derive(move || comment.value().get().and_then(Result::err));
    let vote_ok =
        Signal::derive(move || voted.get().is_some() || matches!(vote.value().get(), Some(Ok(_))));
    let comment_ok = Signal::derive(move || {
        commented.get().is_some() || matches!(comment.value().get(), Some(Ok(_)))
    });
    // An unknown choice shows the full text: the switch below offers both.
    let read = query_text("read");
    let reading =
        Memo::new(move |_| Reading::from_query(read.get().as_deref()).unwrap_or_default());
    let here = crate::routes::phone(id);
    view! {
        <Title text="Workshop" />
        // Sent without the app, the page follows the room with `ui/follow.js`, which reads these.
        <div class="phone" data-follow=follow data-step-key=key>
            <ReconnectingNotice reconnecting=live.reconnecting />
            {move || {
                let s = current.get();
                let heading = match s.position {
                    Position::Gathering => "You are in. The workshop will start soon.".to_string(),
                    Position::Finished => "The workshop has finished. Thank you for taking part.".to_string(),
                    Position::At(_) => s.title.clone(),
                };
                view! {
                    {matches!(s.position, Position::At(_)).then(|| view! { <p class="phone__count">{format!("Step {} of {}", s.number, s.of)}</p> })}
                    <h1 class="phone__title">{heading}</h1>
                    {s.html.clone().map(|html| {
                        let reading = reading.get();
                        let html = match (reading, s.easy_html.clone()) {
                            (Reading::Full, _) => html,
                            (Reading::Easy, Some(easy)) => easy,
                            (Reading::Easy, None) => format!("<p class=\"notice easy-read-note\">{EASY_READ_MISSING}</p>{html}"),
                        };
                        view! {
                            <section class="phone__section" aria-labelledby="phone-section-heading">
                                <h2 id="phone-section-heading">{s.heading.clone().unwrap_or_default()}</h2>
                                <ReadingSwitch path=here.clone() reading />
                                <div inner_html=html></div>
                            </section>
                        }
                    })}
                    {matches!(s.kind, Some(StepKind::Comments { .. })).then(|| view! {
                        <section aria-labelledby="phone-comment-heading">
                            <h2 id="phone-comment-heading">"Your comment"</h2>
                            {move || comment_ok.get().then(|| view! { <p class="notice" role="status">"Thank you: your comment has been sent."</p> })}
                            <ActionForm action=comment attr:class="form">
                                <FormError error=comment_error />
                                <input type="hidden" name="workshop_id" value=id />
                                <div class="field">
                                    <label for="phone-comment">"What do you think of this section?"</label>
                                    <textarea id="phone-comment" name="body" rows="4" required maxlength="2000"></textarea>
                                    <FieldError field="body" error=comment_error />
                                </div>
                                <button type="submit" class="button button--wide">"Send my comment"</button>
                            </ActionForm>
                        </section>
                    })}
                    {s.vote.clone().map(|v| if v.open {
                        view! {
                            <section aria-labelledby="phone-vote-heading">
                                <h2 id="phone-vote-heading">{v.question.clone()}</h2>
                                {v.secret.then(|| view! { <p class="hint">"Your vote is secret: the screen at the front shows how many have voted, not how."</p> })}
                                {v.guessable.clone().map(|warning| view! { <p class="notice">{warning}</p> })}
                                {move || vote_ok.get().then(|| view! { <p class="notice" role="status">"Your vote is counted. You can change it until the vote closes."</p> })}
                                <ActionForm action=vote attr:class="form">
                                    <FormError error=vote_error />
                                    <input type="hidden" name="decision_id" value=v.decision />
                                    <input type="hidden" name="workshop_id" value=id />
                                    {ballot_fields(v.method, v.options.clone(), None, AnnexTerms::of(v.adopts_version, v.secret))}
                                    <FieldError field="ballot" error=vote_error />
                                    <FieldError field="choice" error=vote_error />
                                    <button type="submit" class="button button--wide">"Send my vote"</button>
                                </ActionForm>
                            </section>
                        }.into_any()
                    } else {
                        view! { <p class="notice">"This vote has closed. The result is on the screen at the front."</p> }.into_any()
                    })}
                }
            }}
        </div>
    }
}
