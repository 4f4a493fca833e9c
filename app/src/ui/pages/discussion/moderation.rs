//! `/processes/:id/moderation`: for facilitators and process administrators. Comments waiting
//! for approval and comments people reported, with the reasons; hide (with a reason), unhide,
//! approve, or leave as it is. Below: the log of every moderation action, and (for process
//! administrators) the setting for comments from the public.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::discussion::moderation::{ModerateComment, SetPublicComments};
use crate::api::discussion::pages::load_moderation;
use crate::domain::ProcessId;
use crate::domain::calendar::{iso_date, long_date};
use crate::ui::components::field_error::FormError;
use crate::ui::components::loaded::loaded;
use crate::ui::components::refetch::successes;
use crate::ui::components::thread::ModerateForms;
use crate::views::discussion::ModerationPage;
use crate::views::discussion::QueueItem;

#[component]
pub fn ModerationPageView() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|raw| ProcessId::parse(&raw))
    };
    let moderate = ServerAction::<ModerateComment>::new();
    let setting = ServerAction::<SetPublicComments>::new();
    let (moderated, set) = (successes(moderate), successes(setting));
    let error = Signal::derive(move || {
        moderate
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| setting.value().get().and_then(Result::err))
    });
    let page = loaded(
        move || (id(), moderated.get(), set.get()),
        |(id, ..)| async move {
            match id {
                Some(id) => load_moderation(id.get()).await,
                None => Err(crate::error::AppError::NotFound("that process".into())),
            }
        },
        move |page| view! { <Moderation page moderate setting error /> },
    );
    view! {
        <Title text="Moderation" />
        {page}
    }
}

#[component]
fn Moderation(
    page: ModerationPage,
    moderate: ServerAction<ModerateComment>,
    setting: ServerAction<SetPublicComments>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let id = page.process.id.get();
    let count = page.queue.len();
    view! {
        <nav aria-label="You are here" class="trail">
            <a href=crate::routes::process(id)>{page.process.title.as_str().to_string()}</a>
        </nav>
        <h1>"Moderation"</h1>
        <p>"Nothing is deleted: a hidden comment keeps its text, which only facilitators can read, and everyone else sees that it was hidden and why. Every action is logged below."</p>
        <FormError error />
        <section aria-labelledby="queue-heading">
            <h2 id="queue-heading">{format!("Waiting for you ({count})")}</h2>
            {if page.queue.is_empty() {
                view! { <p>"Nothing is waiting: no reported comments and no public comments to approve."</p> }.into_any()
            } else {
                view! {
                    <ol class="queue">
                        {page.queue.clone().into_iter().map(|item| view! { <li><QueueEntry item moderate /></li> }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="public-heading">
            <h2 id="public-heading">"Comments from the public"</h2>
            <p>{if page.public_comments {
                "On: members of the public can comment on published drafts, without an account. Their comments wait here for approval."
            } else {
                "Off: only people taking part can comment."
            }}</p>
            {page.may_configure.then(|| view! {
                <ActionForm action=setting attr:class="inline-form">
                    <input type="hidden" name="process_id" value=id />
                    <input type="hidden" name="public_comments" value=if page.public_comments { "off" } else { "on" } />
                    <button type="submit" class="button button--secondary">
                        {if page.public_comments { "Turn public comments off" } else { "Turn public comments on" }}
                    </button>
                </ActionForm>
            })}
        </section>
        <section aria-labelledby="log-heading">
            <h2 id="log-heading">"Moderation log"</h2>
            {if page.log.is_empty() {
                view! { <p>"No moderation yet."</p> }.into_any()
            } else {
                view! {
                    <table class="log">
                        <caption class="visually-hidden">"Every moderation action, newest first"</caption>
                        <thead><tr><th scope="col">"When"</th><th scope="col">"Comment"</th><th scope="col">"Action"</th><th scope="col">"By"</th><th scope="col">"Reason"</th></tr></thead>
                        <tbody>
                            {page.log.clone().into_iter().map(|line| view! {
                                <tr>
                                    <td><time datetime=iso_date(line.at)>{long_date(line.at)}</time></td>
                                    <td>{line.comment}</td>
                                    <td>{action_label(&line.action)}</td>
                                    <td>{line.actor}</td>
                                    <td>{line.reason}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

fn action_label(slug: &str) -> &'static str {
    match slug {
        "hide" => "Hidden",
        "unhide" => "Unhidden",
        "approve" => "Approved",
        "dismiss_reports" => "Left as it is",
        _ => "Other",
    }
}

#[component]
fn QueueEntry(item: QueueItem, moderate: ServerAction<ModerateComment>) -> impl IntoView {
    let c = item.comment.clone();
    let reported = !item.reports.is_empty();
    view! {
        <article class="queue__item" aria-labelledby=format!("queue-{}", c.id)>
            <h3 id=format!("queue-{}", c.id)>
                {if c.awaiting_approval { "Public comment waiting for approval" } else { "Reported comment" }}
                {format!(" on {}", item.section_heading)}
            </h3>
            <p class="comment__by"><strong>{c.author.clone()}</strong> " · " <time datetime=iso_date(c.created_at)>{long_date(c.created_at)}</time></p>
            {c.moderator_note.clone().map(|n| view! { <p class="comment__note">{n}</p> })}
            {c.html.clone().map(|html| view! { <div class="comment__text" inner_html=html></div> })}
            {reported.then(|| view! {
                <p><strong>"Reported because:"</strong></p>
                <ul>{item.reports.clone().into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            })}
            <p><a href=item.link.clone()>"See it in its thread"</a></p>
            <div class="comment__tools">
                <ModerateForms comment=c.id hidden=c.hidden awaiting=c.awaiting_approval back_to="queue" actions=moderate reported />
            </div>
        </article>
    }
}
