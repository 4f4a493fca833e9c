//! A comment thread: the first comment (with the words it quotes and where it stands in the
//! version being read), its replies, and the forms to reply, resolve or reopen, report, and
//! (for facilitators) hide or unhide. Every form posts without JavaScript.

use leptos::prelude::*;

use crate::api::discussion::comments::{PostComment, ReportComment, ResolveThread};
use crate::api::discussion::moderation::ModerateComment;
use crate::views::discussion::CommentView;
use crate::views::discussion::DiscussionAbilities;
use crate::views::discussion::ThreadView;

use crate::domain::calendar::{iso_date, long_date};
use crate::domain::deliberation::CommentBody;
use crate::domain::deliberation::anchor::{QuoteNow, SectionNow};
use crate::domain::document::DocumentKind;
use crate::ui::components::refetch::successes;

/// The actions of the thread forms, shared by every thread on a page.
#[derive(Clone, Copy)]
pub struct ThreadActions {
    pub post: ServerAction<PostComment>,
    pub resolve: ServerAction<ResolveThread>,
    pub report: ServerAction<ReportComment>,
    pub moderate: ServerAction<ModerateComment>,
}

impl Default for ThreadActions {
    fn default() -> Self {
        Self::new()
    }
}

impl ThreadActions {
    pub fn new() -> Self {
        Self {
            post: ServerAction::new(),
            resolve: ServerAction::new(),
            report: ServerAction::new(),
            moderate: ServerAction::new(),
        }
    }

    /// Changes whenever any of them succeeds, so the page reloads its data (and keeps what
    /// was typed when the server refused it).
    pub fn versions(
        self,
    ) -> impl Fn() -> (usize, usize, usize, usize) + Copy + Send + Sync + 'static {
        let (post, resolve, report, moderate) = (
            successes(self.post),
            successes(self.resolve),
            successes(self.report),
            successes(self.moderate),
        );
        move || (post.get(), resolve.get(), report.get(), moderate.get())
    }

    /// The error of the last attempt, if it was not about one field.
    pub fn error(self) -> Signal<Option<crate::error::AppError>> {
        Signal::derive(move || {
            [
                self.post.value().get().map(|r| r.map(|_| ())),
                self.resolve.value().get(),
                self.report.value().get(),
                self.moderate.value().get(),
            ]
            .into_iter()
            .flatten()
            .find_map(Result::err)
        })
    }
}

/// Where the thread is: process, document, section, the version being read, and the
/// amendment it is about (if any).
#[derive(Clone, Copy, PartialEq)]
pub struct ThreadPlace {
    pub process: i64,
    pub kind: DocumentKind,
    pub key: u32,
    pub version: u32,
    pub amendment: Option<i64>,
}

#[component]
pub fn ThreadList(
    threads: Vec<ThreadView>,
    place: ThreadPlace,
    may: DiscussionAbilities,
    actions: ThreadActions,
) -> impl IntoView {
    if threads.is_empty() {
        return view! { <p>"No comments yet. Be the first to say what you think."</p> }.into_any();
    }
    view! {
        <ol class="threads">
            {threads.into_iter().map(|thread| view! { <li><Thread thread place may actions /></li> }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn Thread(
    thread: ThreadView,
    place: ThreadPlace,
    may: DiscussionAbilities,
    actions: ThreadActions,
) -> impl IntoView {
    let id = thread.first.id;
    let compare = format!(
        "{}/compare?from={}&to={}",
        crate::routes::document(place.process, place.kind),
        thread.made_on,
        place.version
    );
    // Each part moved out, not cloned: a page has many threads.
    let anchor = thread.anchor;
    let notes = view! {
        <ul class="anchor-notes">
            {anchor.made_on_earlier.then(|| view! { <li>{format!("Made on version {}", thread.made_on)}</li> })}
            {match anchor.section {
                SectionNow::Changed if anchor.made_on_earlier => Some(view! {
                    <li class="anchor-notes__changed">"This section has changed since. " <a href=compare.clone()>{format!("See what changed since version {}", thread.made_on)}</a></li>
                }.into_any()),
                SectionNow::Removed => Some(view! { <li class="anchor-notes__changed">"This section has since been removed."</li> }.into_any()),
                _ => None,
            }}
            {anchor.renamed_from.map(|old| view! { <li>{format!("The section was called “{old}” then.")}</li> })}
            {anchor.moved.map(|(from, to)| view! { <li>{format!("The section has moved from place {from} to place {to}.")}</li> })}
        </ul>
    };
    let quote = thread.quote.map(|q| (q, anchor.quote == QuoteNow::Gone));
    let resolved = thread.resolved;
    let first_hidden = thread.first.hidden;
    let replies = thread.replies;
    let open = resolved.is_none();
    view! {
        <article class=if open { "thread" } else { "thread thread--resolved" } aria-labelledby=format!("comment-{id}-by")>
            <Comment comment=thread.first may actions quote />
            {notes}
            {resolved.map(|r| view! { <p class="resolved" role="note"><strong>"Resolved. "</strong>{r}</p> })}
            {(!replies.is_empty()).then(|| view! {
                <ol class="replies" aria-label="Replies">
                    {replies.into_iter().map(|reply| view! { <li><Comment comment=reply may actions /></li> }).collect_view()}
                </ol>
            })}
            <div class="thread__tools">
                {(may.comment && !first_hidden).then(|| view! { <ReplyForm thread=id place actions /> })}
                {thread.may_resolve.then(|| view! { <ResolveForm thread=id open version=place.version actions /> })}
            </div>
        </article>
    }
}

#[component]
fn Comment(
    comment: CommentView,
    may: DiscussionAbilities,
    actions: ThreadActions,
    /// The words the comment is about, and whether they are gone from the section now.
    #[prop(default = None)]
    quote: Option<(String, bool)>,
) -> impl IntoView {
    let id = comment.id;
    let quote = quote.map(|(q, gone)| {
        view! {
            <figure class="quote">
                <figcaption class="quote__label">"On the words:"</figcaption>
                <blockquote class=if gone { "quote__text quote__text--gone" } else { "quote__text" }>{format!("“{q}”")}</blockquote>
                {gone.then(|| view! { <p class="quote__gone">"These words no longer appear in the section."</p> })}
            </figure>
        }
    });
    view! {
        <div class="comment" id=format!("comment-{id}")>
            <p class="comment__by" id=format!("comment-{id}-by")>
                <strong>{comment.author.clone()}</strong>
                " · "
                <time datetime=iso_date(comment.created_at)>{long_date(comment.created_at)}</time>
            </p>
            {comment.moderator_note.clone().map(|n| view! { <p class="comment__note">{n}</p> })}
            {quote}
            {match (comment.html.clone(), comment.hidden_reason.clone()) {
                (Some(html), _) => view! { <div class="comment__text" inner_html=html></div> }.into_any(),
                (None, Some(reason)) => view! { <p class="comment__hidden">{format!("Hidden by a facilitator: {reason}")}</p> }.into_any(),
                (None, None) => ().into_any(),
            }}
            <div class="comment__tools">
                {(may.report && comment.html.is_some() && !comment.hidden).then(|| view! { <ReportForm comment=id actions /> })}
                {may.moderate.then(|| view! { <ModerateForms comment=id hidden=comment.hidden awaiting=comment.awaiting_approval back_to="page" actions=actions.moderate /> })}
            </div>
        </div>
    }
}

#[component]
fn ReplyForm(thread: i64, place: ThreadPlace, actions: ThreadActions) -> impl IntoView {
    let field = format!("reply-{thread}");
    view! {
        <details class="tool">
            <summary>"Reply"</summary>
            <ActionForm action=actions.post attr:class="form form--compact">
                <PlaceFields place />
                <input type="hidden" name="thread_id" value=thread />
                <label for=field.clone()>"Your reply"</label>
                <textarea id=field name="body" rows="3" required maxlength=CommentBody::MAX_CHARS></textarea>
                <button type="submit" class="button button--small">"Post reply"</button>
            </ActionForm>
        </details>
    }
}

/// The hidden fields that say where a comment goes.
#[component]
pub fn PlaceFields(place: ThreadPlace) -> impl IntoView {
    view! {
        <input type="hidden" name="process_id" value=place.process />
        <input type="hidden" name="kind" value=place.kind.slug() />
        <input type="hidden" name="key" value=place.key />
        <input type="hidden" name="version" value=place.version />
        {place.amendment.map(|a| view! { <input type="hidden" name="amendment_id" value=a /> })}
    }
}

#[component]
fn ResolveForm(thread: i64, open: bool, version: u32, actions: ThreadActions) -> impl IntoView {
    let field = format!("resolve-{thread}");
    if open {
        view! {
            <details class="tool">
                <summary>"Mark resolved"</summary>
                <ActionForm action=actions.resolve attr:class="form form--compact">
                    <input type="hidden" name="thread_id" value=thread />
                    <label for=field.clone()>"What answered it (optional)"</label>
                    <input id=field name="note" type="text" maxlength="1000" value=format!("Addressed in version {version}") />
                    <button type="submit" class="button button--small">"Mark resolved"</button>
                </ActionForm>
            </details>
        }
        .into_any()
    } else {
        view! {
            <ActionForm action=actions.resolve attr:class="inline-form">
                <input type="hidden" name="thread_id" value=thread />
                <input type="hidden" name="reopen" value="yes" />
                <button type="submit" class="button button--secondary button--small">"Reopen this thread"</button>
            </ActionForm>
        }
        .into_any()
    }
}

#[component]
fn ReportForm(comment: i64, actions: ThreadActions) -> impl IntoView {
    let field = format!("report-{comment}");
    view! {
        <details class="tool">
            <summary>"Report to a facilitator"</summary>
            <ActionForm action=actions.report attr:class="form form--compact">
                <input type="hidden" name="comment_id" value=comment />
                <label for=field.clone()>"What is wrong with this comment?"</label>
                <input id=field name="reason" type="text" required maxlength="1000" />
                <button type="submit" class="button button--small">"Send the report"</button>
            </ActionForm>
        </details>
    }
}

/// Hide (with a reason), unhide, or approve a comment; and dismiss reports from the queue.
#[component]
pub fn ModerateForms(
    comment: i64,
    hidden: bool,
    awaiting: bool,
    back_to: &'static str,
    actions: ServerAction<ModerateComment>,
    #[prop(optional)] reported: bool,
) -> impl IntoView {
    let field = format!("hide-{comment}");
    view! {
        {awaiting.then(|| view! {
            <ActionForm action=actions attr:class="inline-form">
                <input type="hidden" name="comment_id" value=comment />
                <input type="hidden" name="action" value="approve" />
                <input type="hidden" name="back_to" value=back_to />
                <button type="submit" class="button button--small">"Approve" <span class="visually-hidden">{format!(" comment {comment}")}</span></button>
            </ActionForm>
        })}
        {if hidden {
            view! {
                <ActionForm action=actions attr:class="inline-form">
                    <input type="hidden" name="comment_id" value=comment />
                    <input type="hidden" name="action" value="unhide" />
                    <input type="hidden" name="back_to" value=back_to />
                    <button type="submit" class="button button--secondary button--small">"Unhide" <span class="visually-hidden">{format!(" comment {comment}")}</span></button>
                </ActionForm>
            }.into_any()
        } else {
            view! {
                <details class="tool">
                    <summary>"Hide this comment" <span class="visually-hidden">{format!(" ({comment})")}</span></summary>
                    <ActionForm action=actions attr:class="form form--compact">
                        <input type="hidden" name="comment_id" value=comment />
                        <input type="hidden" name="action" value="hide" />
                        <input type="hidden" name="back_to" value=back_to />
                        <label for=field.clone()>"Why are you hiding it? Everyone will see this reason."</label>
                        <input id=field name="reason" type="text" required maxlength="1000" />
                        <button type="submit" class="button button--small">"Hide the comment"</button>
                    </ActionForm>
                </details>
            }.into_any()
        }}
        {(reported && !hidden).then(|| view! {
            <ActionForm action=actions attr:class="inline-form">
                <input type="hidden" name="comment_id" value=comment />
                <input type="hidden" name="action" value="dismiss" />
                <input type="hidden" name="back_to" value=back_to />
                <button type="submit" class="button button--secondary button--small">"Leave it as it is" <span class="visually-hidden">{format!(" (comment {comment})")}</span></button>
            </ActionForm>
        })}
    }
}
