//! `/processes/:id/decisions/:decision/minority`: the annex of objections and reservations of
//! a decision that adopted a version, and its minority statement. Anyone reads it; those who
//! objected or agreed with reservations write the statement and co-sign it, with plain forms.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::decisions::minority::{
    SignStatement, UnsignStatement, WriteStatement, load_minority,
};
use crate::ui::components::field_error::{FieldError, FormError};
use crate::ui::components::loaded::loaded;
use crate::ui::components::raw_text::escaped_on_server;
use crate::ui::pages::documents::{query_number, route_number};
use crate::views::minority::MinorityPage;

#[component]
pub fn MinorityPageView() -> impl IntoView {
    let decision = route_number("decision");
    let write = ServerAction::<WriteStatement>::new();
    let sign = ServerAction::<SignStatement>::new();
    let unsign = ServerAction::<UnsignStatement>::new();
    loaded(
        move || {
            (
                decision.get(),
                write.version().get(),
                sign.version().get(),
                unsign.version().get(),
            )
        },
        |(decision, ..)| async move {
            match decision {
                Some(d) => load_minority(d).await,
                None => Err(crate::error::AppError::NotFound("that decision".into())),
            }
        },
        move |page| view! { <Minority page write sign unsign /> },
    )
}

#[component]
fn Minority(
    page: MinorityPage,
    write: ServerAction<WriteStatement>,
    sign: ServerAction<SignStatement>,
    unsign: ServerAction<UnsignStatement>,
) -> impl IntoView {
    let id = page.process.id.get();
    let written = query_number("written");
    let signed_now = query_number("signed");
    let unsigned = query_number("unsigned");
    let error = Signal::derive(move || {
        write
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| sign.value().get().and_then(Result::err))
            .or_else(|| unsign.value().get().and_then(Result::err))
    });
    let annex = crate::ui::annex_html::annex_html(&page.view, None);
    let statement = page.view.statement.clone();
    let revision = statement.as_ref().map_or(0, |s| s.revision);
    let current_text = statement
        .as_ref()
        .map(|s| s.body.clone())
        .unwrap_or_default();
    view! {
        <Title text="The minority's voice" />
        <nav aria-label="You are here" class="trail">
            <a href=crate::routes::process(id)>{page.process.title.as_str().to_string()}</a>
            " › "
            <a href=crate::routes::decision(id, page.decision_id)>{page.question.clone()}</a>
        </nav>
        <h1>"The minority's voice"</h1>
        <p>"When a version is adopted, the objections and reservations of the decision stay with it. This annex prints with the ratified text, so those who read it also read who disagreed, and why."</p>
        <div aria-live="polite">
            {move || written.get().map(|_| view! { <p class="notice" role="status">"Your statement is saved. You are its first signer; others can now co-sign it."</p> })}
            {move || signed_now.get().map(|_| view! { <p class="notice" role="status">"Your signature is saved."</p> })}
            {move || unsigned.get().map(|_| view! { <p class="notice" role="status">"Your signature is taken off."</p> })}
        </div>
        <FormError error />
        {page.ratified_path.clone().map(|href| view! {
            <p><a href=href>"Read the ratified text this annex goes with"</a></p>
        })}
        {(!page.closed).then(|| view! {
            <p class="notice">"This decision is still open. The annex is made from its ballots once it closes."</p>
        })}
        <div inner_html=annex></div>
        {page.may_sign.then(|| view! {
            <section id="statement" aria-labelledby="sign-heading" class="no-print">
                <h2 id="sign-heading">"You objected or had reservations"</h2>
                <p>"You can write a short minority statement in your own words, or co-sign the one that is there. Signing shows your name as you chose to appear (on public pages, only if you chose that)."</p>
                {statement.clone().map(|_| if page.signed {
                    view! {
                        <ActionForm action=unsign attr:class="inline-form">
                            <input type="hidden" name="decision_id" value=page.decision_id />
                            <button type="submit" class="button button--secondary">"Take my signature off"</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! {
                        <ActionForm action=sign attr:class="inline-form">
                            <input type="hidden" name="decision_id" value=page.decision_id />
                            <input type="hidden" name="revision" value=revision />
                            <button type="submit" class="button">"Co-sign this statement"</button>
                        </ActionForm>
                    }.into_any()
                })}
                <ActionForm action=write attr:class="form">
                    <input type="hidden" name="decision_id" value=page.decision_id />
                    <input type="hidden" name="revision" value=revision />
                    <div class="field">
                        <label for="statement-text">{if statement.is_some() { "Write the statement again" } else { "The minority statement" }}</label>
                        <p class="hint" id="statement-hint">{if statement.is_some() {
                            "If you change the words, the others' signatures come off: they sign again once they have read the new text."
                        } else {
                            "A few paragraphs at most: what you disagree with, and what you ask for."
                        }}</p>
                        <textarea id="statement-text" name="statement" rows="6" maxlength="2000" required aria-describedby="statement-hint">{escaped_on_server(current_text.clone())}</textarea>
                        <FieldError field="statement" error />
                    </div>
                    <button type="submit" class="button">"Save the statement"</button>
                </ActionForm>
            </section>
        })}
    }
}
