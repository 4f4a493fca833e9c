//! `/processes/:id/audit`: who gave or took which role, confirmed whom, and admitted or
//! removed which workshop guest, and when. For process administrators and commissioners.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::members::audit_trail;
use crate::domain::calendar::{iso_date, long_date};
use crate::ui::components::loaded::loaded;
use crate::ui::pages::documents::route_number;
use crate::views::people::AuditPage;

#[component]
pub fn AuditPageView() -> impl IntoView {
    let id = route_number("id");
    let page = loaded(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => audit_trail(id).await,
                None => Err(crate::error::AppError::NotFound("that process".into())),
            }
        },
        |page| view! { <Audit page /> },
    );
    view! {
        <Title text="Audit trail" />
        {page}
    }
}

#[component]
fn Audit(page: AuditPage) -> impl IntoView {
    let process = page.process.id;
    view! {
        <nav aria-label="You are here" class="trail">
            <a href=crate::routes::process(process)>{page.process.title.as_str().to_string()}</a>
            " › " <a href=crate::routes::people(process)>"People"</a>
        </nav>
        <h1>"Audit trail"</h1>
        <p>"Every role given or taken away, every commissioner or provider confirmed, and every workshop guest admitted or removed, newest first. Nobody can give themselves a role or confirm themselves."</p>
        {if page.lines.is_empty() {
            view! { <p>"Nothing yet."</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="Audit trail">
                    <table class="table">
                        <caption class="visually-hidden">"Changes to roles and confirmations"</caption>
                        <thead><tr><th scope="col">"When"</th><th scope="col">"Who"</th><th scope="col">"What"</th><th scope="col">"To whom"</th></tr></thead>
                        <tbody>
                            {page.lines.into_iter().map(|l| view! {
                                <tr>
                                    <td><time datetime=iso_date(l.at)>{long_date(l.at)}</time></td>
                                    <td>{l.by}</td>
                                    <td>{l.what}</td>
                                    <td>{l.whom.unwrap_or_default()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}
