//! `/processes/:id/codes`: facilitators make batches of sign-in codes and find them again.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::sign_in_codes::{CreateSignInCodes, RevokeCodeBatch, list_code_batches};
use crate::domain::ProcessId;
use crate::domain::calendar::long_date;
use crate::domain::sign_in_code::BatchRequest;
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid};
use crate::ui::components::loaded::loaded;

#[component]
pub fn CodesPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|raw| ProcessId::parse(&raw))
    };
    let create = ServerAction::<CreateSignInCodes>::new();
    let revoke = ServerAction::<RevokeCodeBatch>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let invalid = move |field: &'static str| aria_invalid(error, field);

    let page = loaded(
        move || (id(), revoke.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => list_code_batches(id.get()).await,
                None => Err(crate::error::AppError::NotFound("that process".into())),
            }
        },
        move |list| {
            let process_id = list.process.id.get();
            view! {
                <p class="eyebrow"><a href=crate::routes::process(process_id)>{list.process.title.as_str().to_string()}</a></p>
                <h1>"Sign-in codes"</h1>
                <p>
                    "Hand these out at a workshop to people without an email address. Each code works once: "
                    "whoever types it gets their own account in this process, shown by no name until they choose one."
                </p>
                <h2>"Make new codes"</h2>
                <ActionForm action=create attr:class="form">
                    <FormError error />
                    <input type="hidden" name="process_id" value=process_id />
                    <div class="field">
                        <label for="count">"How many codes"</label>
                        <p class="hint" id="count-hint">"From 1 to " {BatchRequest::MAX_COUNT} "."</p>
                        <input id="count" name="count" type="number" inputmode="numeric" min="1" max=BatchRequest::MAX_COUNT value="20"
                            aria-describedby="count-hint" aria-invalid=move || invalid("count") />
                        <FieldError field="count" error />
                    </div>
                    <div class="field">
                        <label for="valid_days">"Days before unused codes stop working"</label>
                        <p class="hint" id="valid_days-hint">"From 1 to " {BatchRequest::MAX_DAYS} "."</p>
                        <input id="valid_days" name="valid_days" type="number" inputmode="numeric" min="1" max=BatchRequest::MAX_DAYS value="14"
                            aria-describedby="valid_days-hint" aria-invalid=move || invalid("valid_days") />
                        <FieldError field="valid_days" error />
                    </div>
                    <button type="submit" class="button">"Make codes"</button>
                </ActionForm>
                <h2>"Codes made so far"</h2>
                {if list.batches.is_empty() {
                    view! { <p>"No codes yet."</p> }.into_any()
                } else {
                    view! {
                        <table class="table">
                            <caption class="visually-hidden">"Batches of sign-in codes"</caption>
                            <thead><tr><th scope="col">"Made on"</th><th scope="col">"Used"</th><th scope="col">"Works until"</th><th scope="col">"Actions"</th></tr></thead>
                            <tbody>
                                {list.batches.into_iter().map(|b| view! {
                                    <tr>
                                        <td>{long_date(b.created_at)}</td>
                                        <td>{format!("{} of {}", b.used, b.total)}</td>
                                        <td>{if b.revoked { "Cancelled".to_string() } else { long_date(b.expires_at) }}</td>
                                        <td class="actions">
                                            <a href=crate::routes::code_batch(process_id, b.id)>"Print"<span class="visually-hidden">{format!(" the codes made on {}", long_date(b.created_at))}</span></a>
                                            {(!b.revoked).then(|| view! {
                                                <ActionForm action=revoke attr:class="inline-form">
                                                    <input type="hidden" name="process_id" value=process_id />
                                                    <input type="hidden" name="batch_id" value=b.id />
                                                    <button type="submit" class="button button--secondary">"Cancel unused codes"</button>
                                                </ActionForm>
                                            })}
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            }.into_any()
        },
    );
    view! {
        <Title text="Sign-in codes" />
        {page}
    }
}
