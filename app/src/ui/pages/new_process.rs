//! `/processes/new`: a site administrator starts a process. The form posts without
//! JavaScript; once the page is interactive it also counts characters as you type.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::processes::CreateProcess;
use crate::domain::{ProcessDescription, ProcessTitle};
use crate::ui::ViewerResource;
use crate::ui::components::char_count::CharCount;
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid, described_by};
use crate::ui::components::status::set_http_status;

#[component]
pub fn NewProcessPage() -> impl IntoView {
    let viewer = expect_context::<ViewerResource>();
    view! {
        <Title text="Start a new process" />
        <h1>"Start a new process"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(Some(v)) if v.is_site_admin() => view! { <NewProcessForm /> }.into_any(),
                    Ok(Some(_)) => {
                        set_http_status(403);
                        view! {
                            <p class="notice">
                                "Only a site administrator can start a new process. "
                                "Ask whoever runs this site."
                            </p>
                        }
                            .into_any()
                    }
                    Ok(None) => {
                        set_http_status(401);
                        view! {
                            <p class="notice">
                                "Please sign in as a site administrator to start a new process."
                            </p>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <p class="form-error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewProcessForm() -> impl IntoView {
    let create = ServerAction::<CreateProcess>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let title_len = RwSignal::new(0usize);
    let described_by =
        move |field: &'static str, hint: &'static str| described_by(error, field, Some(hint));
    let invalid = move |field: &'static str| aria_invalid(error, field);

    view! {
        <p>
            "A process is one local effort to agree a definition of recovery and a vision for "
            "local services, for example \u{201c}Sefton local definition of recovery 2027\u{201d}. "
            "Its title and description are public."
        </p>
        <ActionForm action=create attr:class="form" attr:novalidate=true>
            <FormError error />
            <div class="field">
                <label for="title">"Title"</label>
                <CharCount id="title-hint" max=ProcessTitle::MAX_CHARS count=title_len />
                <input
                    id="title"
                    name="title"
                    type="text"
                    required
                    maxlength=ProcessTitle::MAX_CHARS
                    autocomplete="off"
                    aria-describedby=move || described_by("title", "title-hint")
                    aria-invalid=move || invalid("title")
                    on:input=move |ev| title_len.set(event_target_value(&ev).chars().count())
                />
                <FieldError field="title" error />
            </div>
            <div class="field">
                <label for="description">"Short public description"</label>
                <p class="hint" id="description-hint">
                    "What is this process for, and who is taking part? Up to "
                    {ProcessDescription::MAX_CHARS} " characters."
                </p>
                <textarea
                    id="description"
                    name="description"
                    rows="5"
                    required
                    maxlength=ProcessDescription::MAX_CHARS
                    aria-describedby=move || described_by("description", "description-hint")
                    aria-invalid=move || invalid("description")
                ></textarea>
                <FieldError field="description" error />
            </div>
            <button type="submit" class="button" disabled=move || create.pending().get()>
                "Start the process"
            </button>
        </ActionForm>
    }
}
