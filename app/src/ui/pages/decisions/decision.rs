//! `/processes/:id/decisions/:decision`: the question, how to vote (a few taps on a phone,
//! changeable until it closes), who took part, and once closed the result by constituency
//! and the head of its participation record. Everything works from plain forms.

use leptos::prelude::*;
use leptos_meta::Title;

use super::results::ResultsView;
use crate::api::decisions::pages::load_decision;
use crate::api::decisions::ratifying::RatifyDecision;
use crate::api::decisions::running::CloseDecision;
use crate::api::decisions::voting::Vote;
use crate::views::decisions::DecisionPage;
use crate::views::decisions::RatifyOffer;

use crate::domain::calendar::{iso_date, long_date};
use crate::domain::decision::ballot::Ballot;
use crate::domain::decision::method::{ConsentAnswer, Method};
use crate::domain::decision::replay::Recount;
use crate::ui::components::field_error::{FieldError, FormError};
use crate::ui::components::loaded::loaded_as;
use crate::ui::components::refetch::successes;
use crate::ui::components::shown_text::WithoutShownText;
use crate::ui::pages::documents::{query_number, route_number};

#[component]
pub fn DecisionPageView() -> impl IntoView {
    let decision = route_number("decision");
    let vote = ServerAction::<Vote>::new();
    let close = ServerAction::<CloseDecision>::new();
    let ratify = ServerAction::<RatifyDecision>::new();
    let (voted, closed, ratified) = (successes(vote), successes(close), successes(ratify));
    // The names are in the HTML already: only how many is sent again for hydration.
    loaded_as::<WithoutShownText, _, _, _, _>(
        move || (decision.get(), voted.get(), closed.get(), ratified.get()),
        |(decision, ..)| async move {
            match decision {
                Some(id) => load_decision(id).await,
                None => Err(crate::error::AppError::NotFound("that decision".into())),
            }
        },
        move |page| view! { <Decision page vote close ratify /> },
    )
}

#[component]
fn Decision(
    page: DecisionPage,
    vote: ServerAction<Vote>,
    close: ServerAction<CloseDecision>,
    ratify: ServerAction<RatifyDecision>,
) -> impl IntoView {
    let process = page.process.id.get();
    let voted = query_number("voted");
    let ratified = query_number("ratified");
    let error = Signal::derive(move || vote.value().get().and_then(Result::err));
    let close_error = Signal::derive(move || close.value().get().and_then(Result::err));
    let eligible: Vec<&str> = page.eligible.iter().map(|c| c.plural()).collect();
    view! {
        <Title text=page.question.clone() />
        <nav aria-label="You are here" class="trail">
            <a href=crate::routes::process(process)>{page.process.title.as_str().to_string()}</a>
            " › " <a href=crate::routes::decisions(process)>"Decisions"</a>
        </nav>
        <h1>{page.question.clone()}</h1>
        {page.subject.clone().map(|s| view! {
            <p class="subject">"About: " <a href=s.href>{s.text}</a>{s.standing.map(|st| format!(" ({st})"))}</p>
            <UnwrittenWarning unwritten=s.unwritten />
        })}
        <p class="meta">
            {page.method.label()} " · opened " <time datetime=iso_date(page.opened_at)>{long_date(page.opened_at)}</time>
            {page.closed_at.map(|t| view! { " · closed " <time datetime=iso_date(t)>{long_date(t)}</time> })}
        </p>
        <p>{page.rule.in_words()} {format!(" Who may vote: {}.", eligible.join(", "))}
            {if page.secret { " Ballots are secret: the record shows who took part, not how." } else { " Ballots are open: the record shows how each person voted." }}
            {page.workshop_vote.then_some(" This vote was opened at a workshop: its guests may vote in it too.")}</p>
        <div aria-live="polite">
            {move || voted.get().map(|_| view! { <p class="notice" role="status">"Your vote has been counted. You can change it until the decision closes."</p> })}
            {move || ratified.get().map(|_| view! { <p class="notice" role="status">"You have ratified this version. It is now the ratified version on the public page."</p> })}
        </div>
        <FormError error />
        <FormError error=close_error />
        {page.open.then(|| page.guessable.clone()).flatten().map(|warning| view! { <p class="notice">{warning}</p> })}
        {match (page.open, page.cannot_vote.clone()) {
            (true, None) => view! { <VoteForm page=page.clone() vote error /> }.into_any(),
            (_, Some(why)) => view! { <p class="notice">{why}</p> }.into_any(),
            _ => ().into_any(),
        }}
        <p>{format!("{} {} voted", page.ballots, if page.ballots == 1 { "person has" } else { "people have" })}
            {match page.guest_ballots {
                0 => ".".to_string(),
                1 => ", of which 1 is a workshop guest.".to_string(),
                n => format!(", of which {n} are workshop guests."),
            }}</p>
        {page.may_close.then(|| view! {
            <ActionForm action=close attr:class="inline-form">
                <input type="hidden" name="decision_id" value=page.id />
                <button type="submit" class="button button--secondary">"Close the decision and count it"</button>
            </ActionForm>
        })}
        {page.results.clone().map(|results| view! { <ResultsView results options=page.options.clone() /> }.into_any())}
        {(page.adopts_version && page.closed_at.is_some()).then(|| view! {
            <p><a href=crate::routes::minority(process, page.id)>"The minority's voice: objections, reservations and the minority statement"</a></p>
        })}
        <Ratification page=page.clone() ratify />
        <section aria-labelledby="record-heading">
            <h2 id="record-heading">"Who took part"</h2>
            <p>{turnout_words(&page)}</p>
            {(!page.voted_of.is_empty()).then(|| view! {
                <ul class="voted-of" aria-label="Of those who may vote, how many have voted">
                    {page.voted_of.iter().map(|(c, voted, may)| {
                        let mut name = c.plural().chars();
                        let name: String = name.next().map(|f| f.to_uppercase().chain(name).collect()).unwrap_or_default();
                        view! { <li>{format!("{name}: {voted} of {may} who may vote have voted")}</li> }
                    }).collect_view()}
                </ul>
            })}
            {page.not_voted.clone().map(|names| view! {
                <details class="not-voted">
                    <summary>{format!("Not voted yet: {} (only facilitators see this, to remind people in person)", names.len())}</summary>
                    <ul class="people">{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                </details>
            })}
            {if page.took_part.is_empty() {
                view! { <p>"Nobody has voted yet."</p> }.into_any()
            } else {
                view! { <ul class="people">{page.took_part.clone().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> }.into_any()
            }}
            <p class="record-head">
                "Participation record: "
                {if page.record_intact { "checked, intact." } else { "CHECK FAILED: the record has been altered." }}
                {format!(" {} entries.", page.record_entries)}
                {page.record_head.clone().map(|h| view! { " Latest entry's fingerprint (SHA-256): " <code class="hash">{h}</code> })}
            </p>
            <p>{recount_words(&page.recount)}</p>
            <p>"Download the participation record: "
                <a href=crate::routes::record_json(process, page.id) download>"as JSON"</a> " or "
                <a href=crate::routes::record_csv(process, page.id) download>"as CSV (for a spreadsheet)"</a>"."
            </p>
        </section>
    }
}

fn turnout_words(page: &DecisionPage) -> String {
    let parts: Vec<String> = page
        .turnout
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| format!("{} {n}", c.plural()))
        .collect();
    match page.ballots {
        0 => "Nobody has taken part yet.".to_string(),
        1 => format!("1 person took part: {}.", parts.join(", ")),
        n => format!("{n} people took part: {}.", parts.join(", ")),
    }
}

fn recount_words(recount: &Recount) -> String {
    match recount {
        Recount::NotClosed => "Once the decision closes, its count is checked again from the record alone.".into(),
        Recount::Matches => "Recounted from the record alone: the ballots in the record give exactly this result.".into(),
        Recount::TurnoutMatches => "Checked from the record alone: the numbers taking part match the count (ballots are secret, so the record holds who voted, not how).".into(),
        Recount::Differs(why) => format!("RECOUNT FAILED: {why}."),
    }
}

/// A warning that the version to adopt still has sections nobody has written.
#[component]
fn UnwrittenWarning(unwritten: Vec<String>) -> impl IntoView {
    (!unwritten.is_empty()).then(|| {
        let count = match unwritten.len() {
            1 => "1 section".to_string(),
            n => format!("{n} sections"),
        };
        view! {
            <div class="notice notice--warning" role="note">
                <p><strong>{format!("Not written yet: {count} of this version still hold only the template's question, or nothing.")}</strong>
                    " Adopting it would adopt those questions, not answers:"</p>
                <ul>{unwritten.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ul>
            </div>
        }
    })
}

/// The ratification once made, or the form for a commissioner who may make it.
#[component]
fn Ratification(page: DecisionPage, ratify: ServerAction<RatifyDecision>) -> impl IntoView {
    let error = Signal::derive(move || ratify.value().get().and_then(Result::err));
    let process = page.process.id.get();
    let made = page.ratification.clone().map(|r| view! {
        <section aria-labelledby="ratified-heading" class="ratified">
            <h2 id="ratified-heading">"Ratified"</h2>
            <p>
                {format!("Version {} of “{}” was ratified by {}, commissioner, on ", r.version, r.document.title(), r.by)}
                <time datetime=iso_date(r.at)>{long_date(r.at)}</time>"."
            </p>
            <p><a href=crate::routes::ratified(process, r.document)>"Read the ratified version on its public page"</a></p>
        </section>
    });
    let offer = match page.ratify.clone() {
        RatifyOffer::Hidden => ().into_any(),
        RatifyOffer::Refused(why) => view! { <p class="notice">{why}</p> }.into_any(),
        RatifyOffer::NeedsFullName => view! {
            <section aria-labelledby="ratify-heading">
                <h2 id="ratify-heading">"Ratify"</h2>
                <p class="notice">
                    "This decision passed, and as a commissioner you can ratify the version it adopted. Commissioners ratify in their public role, so your full name is shown with a ratification. "
                    <a href=crate::routes::me()>"Add your full name on your profile page"</a>
                    ", then come back to ratify."
                </p>
            </section>
        }.into_any(),
        RatifyOffer::Allowed => view! {
            <section aria-labelledby="ratify-heading">
                <h2 id="ratify-heading">"Ratify"</h2>
                <p>"This decision passed. As a commissioner you can ratify the version it adopted. It then becomes the ratified version on the public page, and your name is shown with it, because commissioners act in a public role."</p>
                <UnwrittenWarning unwritten=page.subject.clone().map(|s| s.unwritten).unwrap_or_default() />
                <FormError error />
                <FieldError field="name" error />
                <ActionForm action=ratify attr:class="inline-form">
                    <input type="hidden" name="decision_id" value=page.id />
                    <button type="submit" class="button">"Ratify this version"</button>
                </ActionForm>
            </section>
        }.into_any(),
    };
    view! { {made} {offer} }
}

/// Whether a ballot's reason may go in a minority annex, and on what terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnexTerms {
    /// Not a decision to adopt a version: there is no annex.
    NoAnnex,
    /// Open ballots: a reason is shown as its voter appears on public pages.
    Open,
    /// Secret ballots: only with the voter's agreement, ticked here, and never with a name.
    Secret,
}

impl AnnexTerms {
    pub fn of(adopts_version: bool, secret: bool) -> Self {
        match (adopts_version, secret) {
            (false, _) => Self::NoAnnex,
            (true, false) => Self::Open,
            (true, true) => Self::Secret,
        }
    }
}

/// The fields of a ballot for `method`, with `mine` (this person's current ballot) chosen.
/// Shared by the decision page and a workshop's phone page.
pub fn ballot_fields(
    method: Method,
    options: Vec<String>,
    mine: Option<Ballot>,
    annex: AnnexTerms,
) -> AnyView {
    match method {
        Method::Consent => {
            let (current, reason, shared) = match &mine {
                Some(Ballot::Consent {
                    answer,
                    reason,
                    in_annex,
                }) => (Some(*answer), reason.clone().unwrap_or_default(), *in_annex),
                _ => (None, String::new(), false),
            };
            let terms = match annex {
                AnnexTerms::NoAnnex => None,
                AnnexTerms::Open => Some(view! {
                    <p class="hint">"Your ballot is open: if you object or have reservations, your reason will be listed in the annex of the ratified text, as you chose to appear on public pages."</p>
                }.into_any()),
                AnnexTerms::Secret => Some(view! {
                    <div class="choice">
                        <input id="in-annex" name="in_annex" type="checkbox" value="yes" checked=shared />
                        <label for="in-annex">"If I object or have reservations, my reason may be listed in the annex of the ratified text, without my name"</label>
                    </div>
                }.into_any()),
            };
            view! {
                <fieldset>
                    <legend>"Your answer"</legend>
                    {ConsentAnswer::ALL.into_iter().map(|a| view! {
                        <div class="choice">
                            <input id=format!("answer-{}", a.slug()) name="answer" type="radio" value=a.slug() checked=current == Some(a) required=true />
                            <label for=format!("answer-{}", a.slug())>{a.label()}</label>
                        </div>
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="reason">"Your reason (needed if you object)"</label>
                    <textarea id="reason" name="reason" rows="3" maxlength="1000">{crate::ui::components::raw_text::escaped_on_server(reason)}</textarea>
                </div>
                {terms}
            }
            .into_any()
        }
        Method::SingleChoice => {
            let current = match &mine {
                Some(Ballot::Single(i)) => Some(*i),
                _ => None,
            };
            view! {
                <fieldset>
                    <legend>"Your choice"</legend>
                    {options.iter().enumerate().map(|(i, o)| view! {
                        <div class="choice">
                            <input id=format!("choice-{i}") name="choice" type="radio" value=i checked=current == Some(i) required=true />
                            <label for=format!("choice-{i}")>{o.clone()}</label>
                        </div>
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
        Method::RankedChoice => {
            let n = options.len();
            let rank_of = |i: usize| match &mine {
                Some(Ballot::Ranked(order)) => order.iter().position(|x| *x == i).map(|p| p + 1),
                _ => None,
            };
            view! {
                <fieldset>
                    <legend>"Put the options in order: 1 for your first choice. Leave out any you do not want to rank."</legend>
                    {options.iter().enumerate().map(|(i, o)| {
                        let current = rank_of(i);
                        view! {
                            <div class="field">
                                <label for=format!("rank-{i}")>{format!("Rank for “{o}”")}</label>
                                <select id=format!("rank-{i}") name=format!("values[{i}]")>
                                    <option value="" selected=current.is_none()>"Not ranked"</option>
                                    {(1..=n).map(|r| view! { <option value=r selected=current == Some(r)>{r}</option> }).collect_view()}
                                </select>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
        Method::DotVoting { dots } => {
            let current = |i: usize| match &mine {
                Some(Ballot::Dots(v)) => v.get(i).copied().unwrap_or(0),
                _ => 0,
            };
            view! {
                <fieldset>
                    <legend>{format!("Spread up to {dots} dots across the options")}</legend>
                    {options.iter().enumerate().map(|(i, o)| view! {
                        <div class="field">
                            <label for=format!("dots-{i}")>{format!("Dots for “{o}”")}</label>
                            <input id=format!("dots-{i}") name=format!("values[{i}]") type="number" min="0" max=dots value=current(i) />
                        </div>
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
        Method::Score => {
            let current = |i: usize| match &mine {
                Some(Ballot::Scores(v)) => v.get(i).copied().unwrap_or(0),
                _ => 0,
            };
            view! {
                <fieldset>
                    <legend>"Score each option from 0 (not at all) to 5 (very much)"</legend>
                    {options.iter().enumerate().map(|(i, o)| {
                        let now = current(i);
                        view! {
                            <div class="field">
                                <label for=format!("score-{i}")>{format!("Score for “{o}”")}</label>
                                <select id=format!("score-{i}") name=format!("values[{i}]")>
                                    {(0u8..=5).map(|s| view! { <option value=s selected=now == s>{s}</option> }).collect_view()}
                                </select>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
    }
}

#[component]
fn VoteForm(
    page: DecisionPage,
    vote: ServerAction<Vote>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let mine = page.my_ballot.clone();
    let fields = ballot_fields(
        page.method,
        page.options.clone(),
        mine.clone(),
        AnnexTerms::of(page.adopts_version, page.secret),
    );
    let label = if mine.is_some() {
        "Change my vote"
    } else {
        "Cast my vote"
    };
    view! {
        <section aria-labelledby="vote-heading">
            <h2 id="vote-heading">"Your vote"</h2>
            {mine.is_some().then(|| view! { <p>"You have voted. Your current answers are selected below; you can change them until the decision closes."</p> })}
            <ActionForm action=vote attr:class="form">
                <input type="hidden" name="decision_id" value=page.id />
                {fields}
                <FieldError field="ballot" error />
                <FieldError field="choice" error />
                <button type="submit" class="button button--wide">{label}</button>
            </ActionForm>
        </section>
    }
}
