//! `/processes/:id/documents/:kind`: the document. People taking part read the latest draft;
//! drafters also edit, add, move and remove sections; process administrators publish. Others
//! read the published version. Every button is a plain form, so all of it works without
//! JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{DocumentTrail, query_number, query_text, route_document};
use crate::ui::components::shown_text::WithoutShownText;

use crate::api::documents::editing::{AddSection, MoveSection, RemoveSection, StartDocument};
use crate::api::documents::publishing::PublishVersion;
use crate::api::documents::reading::load_document;
use crate::domain::calendar::{iso_date, long_date};
use crate::domain::deliberation::activity::SectionActivity;
use crate::domain::document::SectionHeading;
use crate::domain::document::easy_read::Reading;
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid, described_by};
use crate::ui::components::loaded::loaded_as;
use crate::ui::components::reading_switch::ReadingSwitch;
use crate::views::documents::DocumentPage;
use crate::views::documents::SectionView;

/// The form actions on this page, shared with the section toolbars.
#[derive(Clone, Copy)]
struct Actions {
    start: ServerAction<StartDocument>,
    add: ServerAction<AddSection>,
    move_section: ServerAction<MoveSection>,
    remove: ServerAction<RemoveSection>,
    publish: ServerAction<PublishVersion>,
}

#[component]
pub fn DocumentPageView() -> impl IntoView {
    let route = route_document();
    let read = query_text("read");
    let actions = Actions {
        start: ServerAction::new(),
        add: ServerAction::new(),
        move_section: ServerAction::new(),
        remove: ServerAction::new(),
        publish: ServerAction::new(),
    };
    loaded_as::<WithoutShownText, _, _, _, _>(
        move || {
            (
                route.get(),
                read.get(),
                actions.start.version().get(),
                actions.move_section.version().get(),
                actions.remove.version().get(),
                actions.publish.version().get(),
            )
        },
        |(route, read, ..)| async move {
            match route {
                Some((id, kind)) => load_document(id, kind, read).await,
                None => Err(crate::error::AppError::NotFound("that document".into())),
            }
        },
        move |page| view! { <Document page actions /> },
    )
}

#[component]
fn Document(page: DocumentPage, actions: Actions) -> impl IntoView {
    let id = page.process.id.get();
    let kind = page.kind;
    let may = page.may;
    let saved = query_number("saved");
    let published_now = query_number("published");
    let unchanged = query_number("unchanged");
    let action_error = Signal::derive(move || {
        [
            actions.start.value().get(),
            actions.move_section.value().get().map(|r| r.map(|_| 0)),
            actions.remove.value().get(),
            actions.publish.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(Result::err)
    });
    let base = page.shown.as_ref().map(|v| v.meta.number);
    let reading = page.reading;
    let easy = reading == Reading::Easy;
    let published_number = page.published.as_ref().map(|p| p.number);
    view! {
        <Title text=kind.title() />
        <DocumentTrail process=page.process.clone() kind />
        <h1>{kind.title()}</h1>
        <div aria-live="polite">
            {move || saved.get().map(|n| view! { <p class="notice" role="status">{format!("Saved as version {n}.")}</p> })}
            {move || unchanged.get().map(|_| view! { <p class="notice" role="status">"Nothing had changed, so no new version was saved."</p> })}
            {move || published_now.get().map(|n| view! { <p class="notice" role="status">{format!("Version {n} is now public.")}</p> })}
        </div>
        <FormError error=action_error />
        {page.published.clone().map(|p| view! {
            <p class="publication">
                <strong>{p.status.label()}</strong>
                {format!(": version {} was published on ", p.number)}
                <time datetime=iso_date(p.published_at)>{long_date(p.published_at)}</time>
                ". " <a href=crate::routes::public_document(id, kind)>"Read the public page"</a>
            </p>
        })}
        {match page.shown.clone() {
            None if may.edit => view! { <StartForm id kind start=actions.start /> }.into_any(),
            None if may.read_drafts => view! { <p>"Nobody has started this document yet."</p> }.into_any(),
            None => view! { <p>"This document has not been published yet."</p> }.into_any(),
            Some(version) => {
                let count = version.sections.len();
                view! {
                    <p class="meta">
                        {if may.read_drafts { format!("Latest version: {}, saved by {} on ", version.meta.number, version.meta.author) } else { format!("Published version {}, saved on ", version.meta.number) }}
                        <time datetime=iso_date(version.meta.created_at)>{long_date(version.meta.created_at)}</time>
                        "."
                    </p>
                    <ul class="actions">
                        <li><a href=crate::routes::history(id, kind)>"History of changes"</a></li>
                        {published_number.filter(|n| Some(*n) != base).map(|n| view! {
                            <li><a href=format!("{}?from={n}&to={}", crate::routes::compare(id, kind), base.unwrap_or(n))>"Compare with the published version"</a></li>
                        })}
                    </ul>
                    <ReadingSwitch path=crate::routes::document(id, kind) reading />
                    {(may.read_drafts && easy).then(|| view! { <EasyReadProgress count=version.easy_read /> })}
                    <div class="doc-page" class:doc-page--easy=easy>
                        {version.sections.into_iter().enumerate().map(|(i, section)| {
                            let activity = may.read_drafts.then(|| {
                                page.activity.iter().find(|(k, _)| *k == section.key).map(|(_, a)| *a).unwrap_or_default()
                            });
                            view! {
                                <DocumentSection section id kind base=version.meta.number edit=may.edit first=i == 0 last=i + 1 == count actions activity public_comment=page.public_comments_open easy />
                            }
                        }).collect_view()}
                    </div>
                    {may.edit.then(|| view! { <AddSectionForm id kind add=actions.add /> })}
                    {(may.publish && published_number != base).then(|| view! {
                        <PublishForm id kind number=version.meta.number publish=actions.publish />
                    })}
                }.into_any()
            }
        }}
    }
}

#[component]
fn StartForm(
    id: i64,
    kind: crate::domain::document::DocumentKind,
    start: ServerAction<StartDocument>,
) -> impl IntoView {
    view! {
        <section class="start" aria-labelledby="start-heading">
            <h2 id="start-heading">"Start this document"</h2>
            <p>"The template has a section for each part, with a short question in each to help the group begin. You can change, move or remove any of it."</p>
            <ActionForm action=start attr:class="inline-form">
                <input type="hidden" name="process_id" value=id />
                <input type="hidden" name="kind" value=kind.slug() />
                <input type="hidden" name="start_from" value="template" />
                <button type="submit" class="button">"Start from the template"</button>
            </ActionForm>
            <ActionForm action=start attr:class="inline-form">
                <input type="hidden" name="process_id" value=id />
                <input type="hidden" name="kind" value=kind.slug() />
                <input type="hidden" name="start_from" value="blank" />
                <button type="submit" class="button button--secondary">"Start blank"</button>
            </ActionForm>
        </section>
    }
}

#[allow(clippy::too_many_arguments)]
#[component]
fn DocumentSection(
    section: SectionView,
    id: i64,
    kind: crate::domain::document::DocumentKind,
    base: u32,
    edit: bool,
    first: bool,
    last: bool,
    actions: Actions,
    /// What is under discussion here; `None` for the public (who read no discussion).
    activity: Option<SectionActivity>,
    /// A member of the public may comment on this section.
    public_comment: bool,
    /// The page shows the easy read: "Edit" opens the easy read's box.
    easy: bool,
) -> impl IntoView {
    let key = section.key;
    let discuss = crate::routes::discussion(id, kind, key);
    let heading_for_link = section.heading.clone();
    let heading_for_public = section.heading.clone();
    let heading = section.heading.clone();
    let edit_link =
        crate::routes::edit_section(id, kind, key) + if easy { "#easy-read" } else { "" };
    let move_form = move |direction: &'static str, label: &'static str| {
        let heading = heading.clone();
        view! {
            <ActionForm action=actions.move_section attr:class="inline-form">
                <input type="hidden" name="process_id" value=id />
                <input type="hidden" name="kind" value=kind.slug() />
                <input type="hidden" name="key" value=key />
                <input type="hidden" name="direction" value=direction />
                <button type="submit" class="button button--secondary button--small">
                    {label}<span class="visually-hidden">{format!(": {heading}")}</span>
                </button>
            </ActionForm>
        }
    };
    let title = section.heading.clone();
    let toolbar = edit.then(|| {
        view! {
            <div class="section-tools">
                <a class="button button--small" href=edit_link>
                    {if easy { "Edit the easy read" } else { "Edit" }}
                    <span class="visually-hidden">{format!("{} “{}”", if easy { " of" } else { "" }, section.heading)}</span>
                </a>
                {(!first).then(|| move_form("up", "Move up"))}
                {(!last).then(|| move_form("down", "Move down"))}
                <ActionForm action=actions.remove attr:class="inline-form">
                    <input type="hidden" name="process_id" value=id />
                    <input type="hidden" name="kind" value=kind.slug() />
                    <input type="hidden" name="key" value=key />
                    <input type="hidden" name="base" value=base />
                    <button type="submit" class="button button--secondary button--small">
                        "Remove" <span class="visually-hidden">{format!(" “{}”", section.heading)}</span>
                    </button>
                </ActionForm>
            </div>
        }
    });
    let discussion = activity.map(|activity| {
        view! {
            <p class="section-activity">
                <a href=discuss.clone()>"Comments and amendments" <span class="visually-hidden">{format!(" on “{heading_for_link}”")}</span></a>
                {format!(": {}", activity.describe())}
            </p>
        }
    });
    let public_link = public_comment.then(|| {
        view! {
            <p class="section-activity">
                <a href=discuss.clone()>"Comment on this section" <span class="visually-hidden">{format!(" (“{heading_for_public}”)")}</span></a>
            </p>
        }
    });
    view! {
        <section class="doc-section" id=format!("section-{key}") aria-labelledby=format!("heading-{key}")>
            <h2 id=format!("heading-{key}")>{title}</h2>
            <div inner_html=section.html></div>
            {discussion}
            {public_link}
            {toolbar}
        </section>
    }
}

/// For people taking part, reading the easy read: how far it has got.
#[component]
fn EasyReadProgress(count: crate::views::documents::EasyReadCount) -> impl IntoView {
    let stale = match count.out_of_date {
        0 => String::new(),
        1 => " 1 of them is out of date: the full text changed after it was written.".into(),
        n => {
            format!(" {n} of them are out of date: the full text changed after they were written.")
        }
    };
    view! {
        <p class="meta">{format!("{} of {} sections have an easy read.{stale}", count.written, count.sections)}</p>
    }
}

#[component]
fn AddSectionForm(
    id: i64,
    kind: crate::domain::document::DocumentKind,
    add: ServerAction<AddSection>,
) -> impl IntoView {
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    view! {
        <section class="add-section" aria-labelledby="add-section-heading">
            <h2 id="add-section-heading">"Add a section"</h2>
            <ActionForm action=add attr:class="form">
                <FormError error />
                <input type="hidden" name="process_id" value=id />
                <input type="hidden" name="kind" value=kind.slug() />
                <div class="field">
                    <label for="new-heading">"Heading of the new section"</label>
                    <p class="hint" id="new-heading-hint">{format!("It goes at the end; you can move it. Up to {} characters.", SectionHeading::MAX_CHARS)}</p>
                    <input id="new-heading" name="heading" type="text" required maxlength=SectionHeading::MAX_CHARS autocomplete="off"
                        aria-describedby=move || described_by(error, "heading", Some("new-heading-hint"))
                        aria-invalid=move || aria_invalid(error, "heading") />
                    <FieldError field="heading" error />
                </div>
                <button type="submit" class="button">"Add the section"</button>
            </ActionForm>
        </section>
    }
}

/// A process administrator publishes `number` (the latest here; any version from its page).
#[component]
pub fn PublishForm(
    id: i64,
    kind: crate::domain::document::DocumentKind,
    number: u32,
    publish: ServerAction<PublishVersion>,
) -> impl IntoView {
    view! {
        <section class="publish" aria-labelledby="publish-heading">
            <h2 id="publish-heading">"Publish for the public"</h2>
            <p>{format!("Anyone, without an account, will be able to read version {number} as a draft for consultation. Later versions stay private until you publish them.")}</p>
            <ActionForm action=publish>
                <input type="hidden" name="process_id" value=id />
                <input type="hidden" name="kind" value=kind.slug() />
                <input type="hidden" name="number" value=number />
                <button type="submit" class="button">{format!("Publish version {number}")}</button>
            </ActionForm>
        </section>
    }
}
