//! `/processes/:id/decisions`: the process's decisions; facilitators open new ones here.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::decisions::pages::list_decisions;
use crate::api::decisions::running::OpenDecision;
use crate::api::processes::SetSecrecyThreshold;
use crate::domain::calendar::{iso_date, long_date};
use crate::domain::document::DocumentKind;
use crate::domain::{Constituency, ProcessId};
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid, described_by};
use crate::ui::components::loaded::loaded;
use crate::views::decisions::DecisionList;

#[component]
pub fn DecisionsPage() -> impl IntoView {
    let params = use_params_map();
    loaded(
        move || {
            params
                .read()
                .get("id")
                .and_then(|raw| ProcessId::parse(&raw))
        },
        |id| async move {
            match id {
                Some(id) => list_decisions(id.get()).await,
                None => Err(crate::error::AppError::NotFound("that process".into())),
            }
        },
        |list| view! { <Decisions list /> },
    )
}

#[component]
fn Decisions(list: DecisionList) -> impl IntoView {
    let id = list.process.id.get();
    view! {
        <Title text="Decisions" />
        <nav aria-label="You are here" class="trail">
            <a href=crate::routes::process(id)>{list.process.title.as_str().to_string()}</a>
        </nav>
        <h1>"Decisions"</h1>
        {if list.decisions.is_empty() {
            view! { <p>"No decisions yet."</p> }.into_any()
        } else {
            view! {
                <ul class="process-list">
                    {list.decisions.into_iter().map(|d| view! {
                        <li class="process-card">
                            <h2 class="decision-card__title"><a href=crate::routes::decision(id, d.id)>{d.question}</a></h2>
                            <p class="meta">
                                {d.method.label()} " · opened "
                                <time datetime=iso_date(d.opened_at)>{long_date(d.opened_at)}</time>
                                " · "
                                {match (d.open, d.passed) {
                                    (true, _) => "open for votes".to_string(),
                                    (false, Some(true)) => "closed: passed".to_string(),
                                    (false, Some(false)) => "closed: did not pass".to_string(),
                                    (false, None) => "closed".to_string(),
                                }}
                            </p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {list.may_run.then(|| view! { <OpenForm id /> })}
        {list.may_configure.then(|| view! { <SecrecyForm id k=list.secrecy /> })}
    }
}

/// The process's secrecy threshold, for decisions opened from now on.
#[component]
fn SecrecyForm(id: i64, k: u32) -> impl IntoView {
    let set = ServerAction::<SetSecrecyThreshold>::new();
    let error = Signal::derive(move || set.value().get().and_then(Result::err));
    let saved = move || set.value().get().and_then(Result::ok);
    view! {
        <section aria-labelledby="secrecy-heading">
            <h2 id="secrecy-heading">"Secret ballots"</h2>
            <p id="secrecy-hint">
                "In a secret vote, no number is shown that comes from fewer people than this: smaller groups are merged, and if that is not enough only the result and how many took part are shown. "
                "It applies to decisions opened from now on. It cannot be lower than 2."
            </p>
            <ActionForm action=set attr:class="form">
                <input type="hidden" name="process_id" value=id />
                <div class="field">
                    <label for="secrecy_threshold">"The smallest group a secret result may show"</label>
                    <input id="secrecy_threshold" name="secrecy_threshold" type="number" min="2" max="50" inputmode="numeric" value=k required=true
                        aria-describedby=move || described_by(error, "secrecy_threshold", Some("secrecy-hint")) aria-invalid=move || aria_invalid(error, "secrecy_threshold") />
                    <FieldError field="secrecy_threshold" error />
                </div>
                <button type="submit" class="button">"Save"</button>
                {move || saved().map(|k| view! { <p role="status">{format!("Saved: from now on, no group smaller than {k}.")}</p> })}
            </ActionForm>
        </section>
    }
}

#[component]
fn OpenForm(id: i64) -> impl IntoView {
    let open = ServerAction::<OpenDecision>::new();
    let error = Signal::derive(move || open.value().get().and_then(Result::err));
    view! {
        <section aria-labelledby="open-heading">
            <h2 id="open-heading">"Open a decision"</h2>
            <ActionForm action=open attr:class="form">
                <FormError error />
                <input type="hidden" name="process_id" value=id />
                <fieldset>
                    <legend>"What is it about?"</legend>
                    <div class="choice">
                        <input id="subject-question" name="subject" type="radio" value="question" checked=true />
                        <label for="subject-question">"A question with options, or any other question"</label>
                    </div>
                    {DocumentKind::ALL.into_iter().map(|kind| {
                        let field = format!("subject-{}", kind.slug());
                        view! {
                            <div class="choice">
                                <input id=field.clone() name="subject" type="radio" value=kind.slug() />
                                <label for=field>{format!("Adopting a version of “{}” (commissioners can then ratify it)", kind.title())}</label>
                            </div>
                        }
                    }).collect_view()}
                    <div class="field">
                        <label for="version">"Which version (leave empty for the latest)"</label>
                        <input id="version" name="version" type="number" min="1" inputmode="numeric" aria-invalid=move || aria_invalid(error, "version") />
                        <FieldError field="version" error />
                    </div>
                </fieldset>
                <div class="field">
                    <label for="question">"The question"</label>
                    <p class="hint" id="question-hint">"When adopting a version you can leave this empty: the question will name the version."</p>
                    <input id="question" name="question" type="text" maxlength="300" aria-describedby=move || described_by(error, "question", Some("question-hint")) aria-invalid=move || aria_invalid(error, "question") />
                    <FieldError field="question" error />
                </div>
                <div class="field">
                    <label for="method">"How people vote"</label>
                    <select id="method" name="method">
                        <option value="consent">"Consent: agree, agree with reservations, object, abstain"</option>
                        <option value="single">"One choice among the options"</option>
                        <option value="ranked">"Rank the options (instant runoff)"</option>
                        <option value="dots">"Dot voting: spread dots across the options"</option>
                        <option value="score">"Score each option from 0 to 5"</option>
                    </select>
                    <FieldError field="method" error />
                </div>
                <div class="field">
                    <label for="options">"Options, one per line (not needed for consent)"</label>
                    <textarea id="options" name="options" rows="4" aria-invalid=move || aria_invalid(error, "options")></textarea>
                    <FieldError field="options" error />
                </div>
                <div class="field">
                    <label for="dots">"Dots for each person (dot voting)"</label>
                    <input id="dots" name="dots" type="number" min="1" max="20" value="5" />
                </div>
                <div class="field">
                    <label for="threshold">"What it needs to pass"</label>
                    <select id="threshold" name="threshold">
                        <option value="majority">"More than half"</option>
                        <option value="supermajority">"A supermajority (set the per cent below)"</option>
                        <option value="consensus">"No unresolved objections (consent only)"</option>
                    </select>
                    <FieldError field="threshold" error />
                </div>
                <div class="field">
                    <label for="percent">"Supermajority, per cent"</label>
                    <input id="percent" name="percent" type="number" min="51" max="100" value="66" />
                </div>
                <div class="choice">
                    <input id="co_production" name="co_production" type="checkbox" value="yes" />
                    <label for="co_production">"Co-production rule: it must also pass among people with lived experience"</label>
                </div>
                <div class="field">
                    <label for="min_lived_experience">"How many people with lived experience must take part"</label>
                    <input id="min_lived_experience" name="min_lived_experience" type="number" min="1" value="3" />
                </div>
                <fieldset aria-describedby=move || aria_invalid(error, "eligible").map(|_| "eligible-error")>
                    <legend>"Who may vote"</legend>
                    {Constituency::ALL.into_iter().map(|c| {
                        let field = c.slug();
                        view! {
                            <div class="choice">
                                <input id=format!("eligible-{field}") name=field type="checkbox" value="yes" checked=true />
                                <label for=format!("eligible-{field}")>{c.plural()}</label>
                            </div>
                        }
                    }).collect_view()}
                    <FieldError field="eligible" error />
                </fieldset>
                <div class="choice">
                    <input id="secret" name="secret" type="checkbox" value="yes" />
                    <label for="secret">"Secret ballot: the record shows who took part, not how they voted"</label>
                </div>
                <div class="field">
                    <label for="closes_in_minutes">"Close automatically after this many minutes (leave empty to close by hand)"</label>
                    <input id="closes_in_minutes" name="closes_in_minutes" type="number" min="1" />
                </div>
                <button type="submit" class="button">"Open the decision"</button>
            </ActionForm>
        </section>
    }
}
