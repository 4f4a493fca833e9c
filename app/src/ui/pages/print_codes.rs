//! `/processes/:id/codes/:batch`: a sheet of cut-out cards, one unused code each. Prints on
//! A4 (see the print styles); on screen it is a preview with a print button.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::sign_in_codes::get_code_batch;
use crate::domain::calendar::long_date;
use crate::ui::components::loaded::loaded;

#[component]
pub fn PrintCodesPage() -> impl IntoView {
    let params = use_params_map();
    let ids = move || {
        let p = params.read();
        (
            p.get("id").and_then(|v| v.parse::<i64>().ok()),
            p.get("batch").and_then(|v| v.parse::<i64>().ok()),
        )
    };

    let page = loaded(
        ids,
        |ids| async move {
            match ids {
                (Some(process), Some(batch)) => get_code_batch(process, batch).await,
                _ => Err(crate::error::AppError::NotFound(
                    "that batch of sign-in codes".into(),
                )),
            }
        },
        move |b| {
            let title = b.process.title.as_str().to_string();
            let until = long_date(b.expires_at);
            let join_url = b.join_url.clone();
            let back = crate::routes::codes(b.process.id);
            view! {
                <div class="no-print">
                    <p class="eyebrow"><a href=back>"Back to sign-in codes"</a></p>
                    <h1>"Sign-in cards"</h1>
                    <p>
                        {format!("{} unused codes", b.unused.len())}
                        {(b.used > 0).then(|| format!(" ({} already used, not shown)", b.used))}
                        {if b.revoked { ". This batch was cancelled: these codes no longer work.".to_string() } else { format!(". They work until {until}.") }}
                    </p>
                    <p>"Use your browser's Print command; the cards fit ten to an A4 page, ready to cut out."</p>
                </div>
                <ul class="code-cards" aria-label="Sign-in cards">
                    {b.unused.into_iter().map(|code| view! {
                        <li class="code-card">
                            <p class="code-card__title">{title.clone()}</p>
                            <p class="code-card__how">"Go to " <strong>{join_url.clone()}</strong> " and type:"</p>
                            <p class="code-card__code">{code.display()}</p>
                            <p class="code-card__note">{format!("Works once, until {until}. You do not need an email address.")}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        },
    );
    view! {
        <Title text="Print sign-in codes" />
        {page}
    }
}
