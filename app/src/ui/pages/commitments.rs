//! `/processes/:id/commitments`: "You said, we did". Every commitment made on the ratified
//! text, where it stands and its dated updates, for anyone; it prints on A4 and downloads as
//! CSV. Commissioners and process administrators make commitments and report on them here,
//! with plain forms.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::commitments::{
    AddCommitment, CommentOnUpdate, HideUpdateComment, UpdateCommitment, load_commitments,
};
use crate::domain::calendar::{iso_date, long_date};
use crate::domain::commitment::CommitmentStatus;
use crate::ui::components::field_error::{FieldError, FormError};
use crate::ui::components::loaded::loaded;
use crate::ui::pages::documents::{query_number, route_number};
use crate::views::commitments::{CommitmentView, CommitmentsPage, RatifiedDocument, UpdateView};

/// The forms a commitment's readers may use, shared by every commitment on the page.
#[derive(Clone, Copy)]
struct Actions {
    update: ServerAction<UpdateCommitment>,
    comment: ServerAction<CommentOnUpdate>,
    hide: ServerAction<HideUpdateComment>,
    may_manage: bool,
    may_comment: bool,
    may_moderate: bool,
}

#[component]
pub fn CommitmentsPageView() -> impl IntoView {
    let id = route_number("id");
    let add = ServerAction::<AddCommitment>::new();
    let update = ServerAction::<UpdateCommitment>::new();
    let comment = ServerAction::<CommentOnUpdate>::new();
    let hide = ServerAction::<HideUpdateComment>::new();
    loaded(
        move || {
            (
                id.get(),
                add.version().get(),
                update.version().get(),
                comment.version().get(),
                hide.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => load_commitments(id).await,
                None => Err(crate::error::AppError::NotFound("that process".into())),
            }
        },
        move |page| view! { <Commitments page add update comment hide /> },
    )
}

#[component]
fn Commitments(
    page: CommitmentsPage,
    add: ServerAction<AddCommitment>,
    update: ServerAction<UpdateCommitment>,
    comment: ServerAction<CommentOnUpdate>,
    hide: ServerAction<HideUpdateComment>,
) -> impl IntoView {
    let id = page.process.id.get();
    let added = query_number("added");
    let updated = query_number("updated");
    let commented = query_number("commented");
    let error = Signal::derive(move || {
        add.value()
            .get()
            .and_then(Result::err)
            .or_else(|| update.value().get().and_then(Result::err))
            .or_else(|| comment.value().get().and_then(Result::err))
            .or_else(|| hide.value().get().and_then(Result::err))
    });
    let may_manage = page.may_manage;
    let actions = Actions {
        update,
        comment,
        hide,
        may_manage,
        may_comment: page.may_comment,
        may_moderate: page.may_moderate,
    };
    let count = page.commitments.len();
    view! {
        <Title text="You said, we did" />
        <nav aria-label="You are here" class="trail">
            <a href=crate::routes::process(id)>{page.process.title.as_str().to_string()}</a>
        </nav>
        <h1>"You said, we did"</h1>
        <p>"What commissioners and services have committed to do about the agreed text, who is responsible, how we will all see it, and how each commitment stands."</p>
        <div aria-live="polite">
            {move || added.get().map(|_| view! { <p class="notice" role="status">"The commitment is saved and public."</p> })}
            {move || updated.get().map(|_| view! { <p class="notice" role="status">"The update is saved and public."</p> })}
            {move || commented.get().map(|_| view! { <p class="notice" role="status">"Your comment is saved."</p> })}
        </div>
        <FormError error />
        <ul class="actions no-print">
            <li><a href=crate::routes::commitments_csv(id) download>"Download as a spreadsheet (CSV)"</a></li>
            <li><a href=crate::routes::influence(id)>"Whose words carried"</a></li>
        </ul>
        {if page.documents.is_empty() {
            view! { <p>"Nothing has been ratified yet. Commitments are made once a commissioner has ratified the text."</p> }.into_any()
        } else if count == 0 {
            view! { <p>"No commitments have been made yet."</p> }.into_any()
        } else {
            view! {
                <ol class="commitments">
                    {page.commitments.clone().into_iter().map(|c| view! {
                        <li><Commitment c id actions /></li>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        {may_manage.then(|| page.documents.clone().into_iter().map(|d| view! { <AddForm id d add /> }).collect_view())}
    }
}

#[component]
fn Commitment(c: CommitmentView, id: i64, actions: Actions) -> impl IntoView {
    let anchor = format!("commitment-{}", c.id);
    let heading = format!("commitment-{}-heading", c.id);
    let labelled = heading.clone();
    let section_link = format!(
        "{}#section-{}",
        crate::routes::ratified(id, c.kind),
        c.section
    );
    view! {
        <article class="commitment" id=anchor aria-labelledby=labelled>
            <h2 id=heading class="commitment__what">{c.what.clone()}</h2>
            <p class="commitment__status">
                <span class=format!("tag tag--{}", c.status.slug())>{c.status.label()}</span>
                {c.overdue.then(|| view! { " " <span class="tag tag--overdue">"Overdue"</span> })}
            </p>
            <dl class="commitment__facts">
                <dt>"On the section"</dt>
                <dd><a href=section_link>{format!("{} (“{}”)", c.kind.title(), c.section_heading)}</a></dd>
                <dt>"Who is responsible"</dt><dd>{c.responsible.clone()}</dd>
                <dt>"How we will see it"</dt><dd>{c.measure.clone()}</dd>
                <dt>"By when"</dt><dd><time datetime=c.due_iso.clone()>{c.due_long.clone()}</time></dd>
            </dl>
            <h3>"Updates, newest first"</h3>
            <ol class="commitment__updates" reversed=true>
                {c.updates.iter().rev().map(|u| view! {
                    <li>
                        <time datetime=iso_date(u.at)>{long_date(u.at)}</time>
                        {format!(": {}", u.status.label())}
                        {u.note.clone().map(|n| view! { <span>{format!(". {n}")}</span> })}
                        <UpdateComments u=u.clone() id actions />
                    </li>
                }).collect_view()}
            </ol>
            {actions.may_manage.then(|| view! { <UpdateForm c=c.clone() id update=actions.update /> })}
        </article>
    }
}

/// What people taking part said about one update, and the form to say something.
#[component]
fn UpdateComments(u: UpdateView, id: i64, actions: Actions) -> impl IntoView {
    let error = Signal::derive(move || actions.comment.value().get().and_then(Result::err));
    let field = format!("update-{}-comment", u.id);
    let count = u.comments.len();
    let comments = u.comments.clone();
    view! {
        {(count > 0).then(move || view! {
            <ul class="update-comments" aria-label=format!("Comments on this update ({count})")>
                {comments.into_iter().map(|m| view! {
                    <li id=format!("update-comment-{}", m.id)>
                        <p class="meta">{m.by.clone()} ", " <time datetime=iso_date(m.at)>{long_date(m.at)}</time></p>
                        {match m.body.clone() {
                            Some(body) => view! { <p class="update-comments__body">{body}</p> }.into_any(),
                            None => view! { <p class="hint">"Hidden by a facilitator."</p> }.into_any(),
                        }}
                        {(actions.may_moderate && m.body.is_some()).then(|| view! {
                            <ActionForm action=actions.hide attr:class="inline-form no-print">
                                <input type="hidden" name="process_id" value=id />
                                <input type="hidden" name="comment_id" value=m.id />
                                <button type="submit" class="button button--secondary">"Hide this comment"</button>
                            </ActionForm>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        })}
        {actions.may_comment.then(|| view! {
            <details class="no-print">
                <summary>"Comment on this update"</summary>
                <ActionForm action=actions.comment attr:class="form">
                    <input type="hidden" name="process_id" value=id />
                    <input type="hidden" name="update_id" value=u.id />
                    <div class="field">
                        <label for=field.clone()>"Your comment: is this what was promised?"</label>
                        <textarea id=field name="body" rows="3" maxlength="1000" required></textarea>
                        <FieldError field="body" error />
                    </div>
                    <button type="submit" class="button">"Send my comment"</button>
                </ActionForm>
            </details>
        })}
    }
}

#[component]
fn UpdateForm(c: CommitmentView, id: i64, update: ServerAction<UpdateCommitment>) -> impl IntoView {
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let status_id = format!("status-{}", c.id);
    let note_id = format!("note-{}", c.id);
    view! {
        <details class="no-print">
            <summary>"Report how it stands" <span class="visually-hidden">{format!(": {}", c.what)}</span></summary>
            <ActionForm action=update attr:class="form">
                <input type="hidden" name="process_id" value=id />
                <input type="hidden" name="commitment_id" value=c.id />
                <div class="field">
                    <label for=status_id.clone()>"Where it stands now"</label>
                    <select id=status_id name="status">
                        {CommitmentStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.slug() selected=s == c.status>{s.label()}</option>
                        }).collect_view()}
                    </select>
                    <FieldError field="status" error />
                </div>
                <div class="field">
                    <label for=note_id.clone()>"What shows it (needed for “Done” and “Dropped”)"</label>
                    <textarea id=note_id name="note" rows="3" maxlength="500"></textarea>
                    <FieldError field="note" error />
                </div>
                <button type="submit" class="button">"Save the update"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn AddForm(id: i64, d: RatifiedDocument, add: ServerAction<AddCommitment>) -> impl IntoView {
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let slug = d.kind.slug();
    let field = move |name: &str| format!("{slug}-{name}");
    let heading = field("add-heading");
    let labelled = heading.clone();
    view! {
        <section class="add-commitment no-print" aria-labelledby=labelled>
            <h2 id=heading>{format!("Make a commitment on “{}” (version {})", d.kind.title(), d.version)}</h2>
            <ActionForm action=add attr:class="form">
                <input type="hidden" name="process_id" value=id />
                <input type="hidden" name="kind" value=slug />
                <div class="field">
                    <label for=field("section")>"Which section"</label>
                    <select id=field("section") name="section">
                        {d.sections.iter().map(|(k, h)| view! { <option value=*k>{h.clone()}</option> }).collect_view()}
                    </select>
                    <FieldError field="section" error />
                </div>
                <div class="field">
                    <label for=field("what")>"What will change"</label>
                    <input id=field("what") name="what" type="text" required maxlength="300" autocomplete="off" />
                    <FieldError field="what" error />
                </div>
                <div class="field">
                    <label for=field("responsible")>"Who is responsible (an organisation or team)"</label>
                    <input id=field("responsible") name="responsible" type="text" required maxlength="120" autocomplete="organization" />
                    <FieldError field="responsible" error />
                </div>
                <div class="field">
                    <label for=field("measure")>"How we will all see it (a measure)"</label>
                    <p class="hint" id=field("measure-hint")>"For example: waiting time for a first appointment, or people offered naloxone."</p>
                    <input id=field("measure") name="measure" type="text" required maxlength="200" autocomplete="off" aria-describedby=field("measure-hint") />
                    <FieldError field="measure" error />
                </div>
                <div class="field">
                    <label for=field("due")>"By when"</label>
                    <input id=field("due") name="due" type="date" required />
                    <FieldError field="due" error />
                </div>
                <button type="submit" class="button">"Make the commitment"</button>
            </ActionForm>
        </section>
    }
}
