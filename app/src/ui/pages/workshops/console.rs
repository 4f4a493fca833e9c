//! `/workshops/:id/console`: the facilitator's console, on a laptop or tablet. It shows the
//! join code and its QR code, who has joined, the agenda with the room's place in it, and
//! the current step with what only a facilitator does there: typing in what was said aloud,
//! entering a show of hands, closing the vote. It follows the live stream once hydrated;
//! every button is a plain form that also works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;

use super::room::{StepComments, StepSection, VoteCount};

use crate::api::decisions::running::CloseDecision;
use crate::api::workshops::pages::{load_console, load_guests};
use crate::api::workshops::running::{
    AddStep, AdmitGuest, CloseJoining, EnterHands, MoveRoom, RemoveGuest, SaidInRoom, SetRoomSize,
};
use crate::domain::Constituency;
use crate::domain::decision::method::{ConsentAnswer, Method};
use crate::domain::workshop::agenda::{Position, StepKind};
use crate::ui::components::field_error::{FieldError, FormError};
use crate::ui::components::live::{ReconnectingNotice, live_frames};
use crate::ui::components::loaded::loaded;
use crate::ui::components::refetch::successes;
use crate::ui::pages::documents::route_number;
use crate::views::workshops::ConsolePage;
use crate::views::workshops::LiveRoom;
use crate::views::workshops::LiveVote;

#[component]
pub fn ConsolePageView() -> impl IntoView {
    let id = route_number("id");
    loaded(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_console(id).await,
                None => Err(crate::error::AppError::NotFound("that workshop".into())),
            }
        },
        |page| view! { <Console page /> },
    )
}

/// Where the room is, as the move form says it.
fn from_field(p: Position) -> String {
    match p {
        Position::Gathering => "gathering".into(),
        Position::At(n) => (n + 1).to_string(),
        Position::Finished => "finished".into(),
    }
}

fn joined_words(room: &LiveRoom) -> String {
    let total: u32 = room.joined.iter().map(|(_, n)| n).sum();
    let parts: Vec<String> = room
        .joined
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| format!("{} {n}", c.plural()))
        .collect();
    match total {
        0 => "Nobody has joined yet.".into(),
        1 => format!("1 person has joined: {}.", parts.join(", ")),
        n => format!("{n} people have joined: {}.", parts.join(", ")),
    }
}

#[component]
fn Console(page: ConsolePage) -> impl IntoView {
    let id = page.room.workshop;
    let process = page.room.process;
    let live = live_frames(crate::routes::live(id, "room"), page.room.clone());
    let room = live.frame;
    let moving = ServerAction::<MoveRoom>::new();
    let adding = ServerAction::<AddStep>::new();
    let saying = ServerAction::<SaidInRoom>::new();
    let hands = ServerAction::<EnterHands>::new();
    let closing = ServerAction::<CloseDecision>::new();
    let move_error = Signal::derive(move || moving.value().get().and_then(Result::err));
    // The step's identity and its vote without the counts: the forms depend on these only.
    let tools = Memo::new(move |_| {
        room.with(|r| {
            r.step.as_ref().map(|s| {
                let vote = s.vote.clone().map(|v| LiveVote {
                    voters: None,
                    overall: None,
                    groups: None,
                    withheld: None,
                    ..v
                });
                (s.number, s.kind, vote)
            })
        })
    });
    let step_title = Memo::new(move |_| room.with(|r| r.step.as_ref().map(|s| s.title.clone())));
    view! {
        <Title text=format!("Console: {}", page.room.title) />
        <nav aria-label="You are here" class="trail">
            <a href=crate::routes::process(process)>"The process"</a>
            " › " <a href=crate::routes::workshops(process)>"Workshops"</a>
        </nav>
        <h1>{page.room.title.clone()}</h1>
        <ReconnectingNotice reconnecting=live.reconnecting />
        <div class="console-join">
            <div class="console-join__qr" inner_html=page.join_qr.clone()></div>
            <div>
                <p class="console-join__code">"Join code: " <strong>{page.room.join_code.clone()}</strong></p>
                <p>"People go to " <a href=page.join_url.clone()>{page.join_url.clone()}</a> " or scan the code."</p>
                <p><a href=crate::routes::projector(id) target="_blank" rel="noopener">"Open the projector view (in a new window)"</a></p>
                <p><a href=crate::routes::summary(id)>"The summary (to publish and print after the workshop)"</a></p>
                <p aria-live="polite">{move || joined_words(&room.get())}</p>
            </div>
        </div>
        // The console is long: these jump to the part a facilitator needs now.
        <nav class="console-jump" aria-label="Parts of the console">
            <a href="#current-heading">"The current step"</a>
            <a href="#agenda-heading">"Agenda"</a>
            <a href="#room-heading">"The room"</a>
            <a href="#add-step-heading">"Add a step"</a>
        </nav>
        <section aria-labelledby="agenda-heading">
            <h2 id="agenda-heading">"Agenda"</h2>
            <FormError error=move_error />
            {move || {
                let r = room.get();
                let from = from_field(r.position);
                let at = match r.position { Position::At(n) => Some(n), _ => None };
                view! {
                    <p class="console-where" aria-live="polite">{match r.position {
                        Position::Gathering => "The room is gathering: the screens show the join code.".to_string(),
                        Position::At(n) => format!("The room is at step {} of {}.", n + 1, r.step_titles.len()),
                        Position::Finished => "The workshop has finished.".to_string(),
                    }}</p>
                    <ol class="agenda">
                        {r.step_titles.iter().enumerate().map(|(i, t)| {
                            let current = at == Some(i);
                            let from = from.clone();
                            view! {
                                <li aria-current=current.then_some("step")>
                                    <span class=if current { "agenda__title agenda__title--current" } else { "agenda__title" }>{t.clone()}</span>
                                    {(!current && r.position != Position::Finished).then(|| view! {
                                        <ActionForm action=moving attr:class="inline-form">
                                            <input type="hidden" name="workshop_id" value=id />
                                            <input type="hidden" name="from" value=from.clone() />
                                            <input type="hidden" name="to" value=(i + 1).to_string() />
                                            <button type="submit" class="button button--secondary">{format!("Go to step {}", i + 1)}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    {(r.position != Position::Finished).then(|| view! {
                        <div class="console-moves">
                            {[("previous", "Previous step"), ("next", "Next step")].into_iter().map(|(to, label)| {
                                let from = from.clone();
                                view! {
                                <ActionForm action=moving attr:class="inline-form">
                                    <input type="hidden" name="workshop_id" value=id />
                                    <input type="hidden" name="from" value=from.clone() />
                                    <input type="hidden" name="to" value=to />
                                    <button type="submit" class=if to == "next" { "button" } else { "button button--secondary" }>{label}</button>
                                </ActionForm>
                            }}).collect_view()}
                        </div>
                        // Apart from the moves, and asked for twice: it cannot be undone.
                        <details class="tool console-finish">
                            <summary>"Finish the workshop…"</summary>
                            <ActionForm action=moving>
                                <input type="hidden" name="workshop_id" value=id />
                                <input type="hidden" name="from" value=from.clone() />
                                <input type="hidden" name="to" value="finish" />
                                <p>"Finishing stops the phones following the room. It cannot be undone."</p>
                                <div class="choice">
                                    <input type="checkbox" id="finish-for-good" name="finish_for_good" value="yes" required />
                                    <label for="finish-for-good">"Yes, finish it"</label>
                                </div>
                                <button type="submit" class="button button--secondary">"Finish the workshop"</button>
                            </ActionForm>
                        </details>
                    })}
                }
            }}
        </section>
        <section aria-labelledby="current-heading">
            <h2 id="current-heading">"The current step"</h2>
            {move || step_title.get().map(|t| view! { <h3>{t}</h3> })}
            // The forms first (the show of hands and closing the vote within reach), redrawn
            // only when the step changes, so nothing being typed is lost when a comment or
            // ballot arrives...
            {move || match tools.get() {
                Some((_, Some(StepKind::Comments { .. }), _)) => view! { <SaidForm id saying /> }.into_any(),
                Some((_, _, Some(vote))) if vote.open => view! {
                    {(!vote.secret).then(|| view! { <HandsForm id vote=vote.clone() hands /> })}
                    <ActionForm action=closing attr:class="inline-form">
                        <input type="hidden" name="decision_id" value=vote.decision />
                        <input type="hidden" name="in_workshop" value=id />
                        <button type="submit" class="button button--secondary">"Close the vote and count it"</button>
                    </ActionForm>
                }.into_any(),
                _ => ().into_any(),
            }}
            // ...then what changes with every comment and ballot.
            {move || match room.get().step {
                None => view! { <p>"No step is showing."</p> }.into_any(),
                // The count and the comments before the section's (long) text.
                Some(step) => view! {
                    {step.vote.clone().map(|vote| view! {
                        <VoteCount vote=vote.clone() />
                        <p><a href=crate::routes::decision(process, vote.decision)>"The vote's own page, with who took part and its record"</a></p>
                    })}
                    {matches!(step.kind, Some(StepKind::Comments { .. })).then(|| view! { <StepComments step=step.clone() /> })}
                    <StepSection step=step.clone() />
                }.into_any(),
            }}
        </section>
        <RoomControls id room joining_closed=page.joining_closed room_size=page.room_size />
        <AddStepForm id sections=page.sections.clone() adding />
    }
}

#[component]
fn SaidForm(id: i64, saying: ServerAction<SaidInRoom>) -> impl IntoView {
    let error = Signal::derive(move || saying.value().get().and_then(Result::err));
    view! {
        <ActionForm action=saying attr:class="form">
            <input type="hidden" name="workshop_id" value=id />
            <div class="field">
                <label for="said">"Type in something said aloud (shown as “Said in the room”)"</label>
                <textarea id="said" name="body" rows="2" required maxlength="2000"></textarea>
                <FieldError field="body" error />
            </div>
            <button type="submit" class="button">"Add what was said"</button>
        </ActionForm>
    }
}

#[component]
fn HandsForm(id: i64, vote: LiveVote, hands: ServerAction<EnterHands>) -> impl IntoView {
    let error = Signal::derive(move || hands.value().get().and_then(Result::err));
    let answers: Vec<String> = match vote.method {
        Method::Consent => ConsentAnswer::ALL
            .iter()
            .map(|a| a.label().to_string())
            .collect(),
        Method::SingleChoice => vote.options.clone(),
        _ => return ().into_any(),
    };
    view! {
        <ActionForm action=hands attr:class="form">
            <fieldset class="hands">
                <legend>"A show of hands, for people without a phone"</legend>
                <input type="hidden" name="workshop_id" value=id />
                <input type="hidden" name="decision_id" value=vote.decision />
                {answers.into_iter().enumerate().map(|(i, a)| view! {
                    <div class="field field--number">
                        <label for=format!("hands-{i}")>{format!("Hands for “{a}”")}</label>
                        <input id=format!("hands-{i}") name=format!("hands[{i}]") type="number" min="0" max="300" value="0" inputmode="numeric" />
                    </div>
                }).collect_view()}
                <div class="field">
                    <label for="hands-constituency">"Whose hands were they?"</label>
                    <select id="hands-constituency" name="constituency">
                        <option value="">"Not recorded (counted as other participants)"</option>
                        {Constituency::ALL.into_iter().map(|c| view! { <option value=c.slug()>{c.plural()}</option> }).collect_view()}
                    </select>
                </div>
                <FieldError field="hands" error />
                <button type="submit" class="button">"Count these hands"</button>
            </fieldset>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn AddStepForm(
    id: i64,
    sections: Vec<(crate::domain::document::DocumentKind, u32, String)>,
    adding: ServerAction<AddStep>,
) -> impl IntoView {
    let error = Signal::derive(move || adding.value().get().and_then(Result::err));
    // Once a step is added the form empties, so the same step is not added twice by mistake.
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(adding.value().get(), Some(Ok(_)))
            && let Some(form) = form.get()
        {
            form.reset();
        }
    });
    view! {
        <section aria-labelledby="add-step-heading">
            <h2 id="add-step-heading">"Add a step"</h2>
            <ActionForm action=adding node_ref=form attr:class="form">
                <FormError error />
                <input type="hidden" name="workshop_id" value=id />
                <div class="field">
                    <label for="step-title">"What the step is called"</label>
                    <input id="step-title" name="title" type="text" required maxlength="120" />
                    <FieldError field="title" error />
                </div>
                <div class="field">
                    <label for="step-kind">"What the room does"</label>
                    <select id="step-kind" name="kind">
                        <option value="read">"Read a section together"</option>
                        <option value="comments">"Gather comments on a section"</option>
                        <option value="vote">"A quick vote (agree, reservations, object, abstain)"</option>
                        <option value="dots">"A dot vote on priorities"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="step-section">"The section (to read or comment on)"</label>
                    <select id="step-section" name="section">
                        {sections.into_iter().map(|(d, key, heading)| view! {
                            <option value=format!("{}:{key}", d.slug())>{format!("{}: {heading}", d.title())}</option>
                        }).collect_view()}
                    </select>
                    <FieldError field="section" error />
                </div>
                <div class="field">
                    <label for="step-question">"The question (for a vote)"</label>
                    <input id="step-question" name="question" type="text" maxlength="300" />
                    <FieldError field="question" error />
                </div>
                <div class="field">
                    <label for="step-options">"Options, one per line (for a dot vote)"</label>
                    <textarea id="step-options" name="options" rows="4"></textarea>
                    <FieldError field="options" error />
                </div>
                <div class="field">
                    <label for="step-dots">"Dots for each person (for a dot vote)"</label>
                    <input id="step-dots" name="dots" type="number" min="1" max="20" value="3" />
                </div>
                <div class="choice">
                    <input id="step-secret" name="secret" type="checkbox" value="yes" aria-describedby="step-secret-hint" />
                    <label for="step-secret">"Secret ballot (for a vote)"</label>
                </div>
                <p class="hint" id="step-secret-hint">"The room sees how many have voted, not how, until you close the vote. Votes are then only on phones or a shared device, not by show of hands."</p>
                <FieldError field="secret" error />
                <button type="submit" class="button">"Add the step"</button>
            </ActionForm>
        </section>
    }
}

/// The room itself: closing joining, how many people are in it (no show of hands may count
/// more), and the guests (people without a role in the process), each of whom the facilitator
/// may admit into the process or remove from the room.
#[component]
fn RoomControls(
    id: i64,
    room: ReadSignal<LiveRoom>,
    joining_closed: bool,
    room_size: Option<u32>,
) -> impl IntoView {
    let closing = ServerAction::<CloseJoining>::new();
    let sizing = ServerAction::<SetRoomSize>::new();
    let removing = ServerAction::<RemoveGuest>::new();
    let admitting = ServerAction::<AdmitGuest>::new();
    let closed = move || joining_closed || closing.value().with(|v| matches!(v, Some(Ok(_))));
    let size_error = Signal::derive(move || sizing.value().get().and_then(Result::err));
    let guest_error = Signal::derive(move || {
        removing
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| admitting.value().get().and_then(Result::err))
    });
    let stated = move || {
        sizing
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().ok().copied()))
            .or(room_size)
    };
    // Asked again as people join (the live frame's count changes) and after each removal
    // or admission.
    let (removed, admitted) = (successes(removing), successes(admitting));
    let joined = Memo::new(move |_| room.with(|r| r.joined.iter().map(|(_, n)| *n).sum::<u32>()));
    let guests = crate::ui::components::json::resource(
        move || (joined.get(), removed.get(), admitted.get()),
        move |_| load_guests(id),
    );
    view! {
        <section aria-labelledby="room-heading" class="console-room">
            <h2 id="room-heading">"The room"</h2>
            {move || if closed() {
                view! { <p class="notice" role="status">"Joining is closed: the code no longer works."</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=closing attr:class="inline-form">
                        <input type="hidden" name="workshop_id" value=id />
                        <button type="submit" class="button button--secondary">"Close joining (the code stops working)"</button>
                    </ActionForm>
                }.into_any()
            }}
            <ActionForm action=sizing attr:class="form form--inline">
                <input type="hidden" name="workshop_id" value=id />
                <div class="field field--number">
                    <label for="room-people">"How many people are in the room"</label>
                    <p class="hint" id="room-people-hint">
                        {move || match stated() {
                            Some(n) => format!("Now: {n}. A show of hands never counts more people than this."),
                            None => "Needed before a show of hands: it never counts more people than this.".to_string(),
                        }}
                    </p>
                    <input id="room-people" name="people" type="number" min="1" max="1000" inputmode="numeric" required
                        aria-describedby="room-people-hint" />
                    <FieldError field="people" error=size_error />
                </div>
                <button type="submit" class="button button--secondary">"Save the number"</button>
            </ActionForm>
            <h3>"Guests"</h3>
            <p class="hint">"People who joined with the code and hold no role in this process. They see this workshop only, and vote only in its own votes."</p>
            <FormError error=guest_error />
            <Suspense fallback=|| view! { <p>"Loading the guests…"</p> }>
                {move || Suspend::new(async move {
                    match guests.await {
                        Ok(list) if list.is_empty() => view! { <p>"No guests yet."</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="guest-list">
                                {list.into_iter().map(|g| {
                                    // The visible words stay first in the name (what a voice user says).
                                    let (admit_name, remove_name) = (
                                        format!("Admit into the process: {}", g.shown_as),
                                        format!("Remove from the room: {}", g.shown_as),
                                    );
                                    view! {
                                        <li class="guest">
                                            <span class="guest__name">{g.shown_as.clone()}</span>
                                            {if g.removed {
                                                view! { <span class="meta">" (removed)"</span> }.into_any()
                                            } else {
                                                view! {
                                                    <ActionForm action=admitting attr:class="inline-form">
                                                        <input type="hidden" name="workshop_id" value=id />
                                                        <input type="hidden" name="person_id" value=g.person_id />
                                                        <button type="submit" class="button button--secondary" aria-label=admit_name>"Admit into the process"</button>
                                                    </ActionForm>
                                                    <ActionForm action=removing attr:class="inline-form">
                                                        <input type="hidden" name="workshop_id" value=id />
                                                        <input type="hidden" name="person_id" value=g.person_id />
                                                        <button type="submit" class="button button--secondary" aria-label=remove_name>"Remove from the room"</button>
                                                    </ActionForm>
                                                }.into_any()
                                            }}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <p class="form-error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
