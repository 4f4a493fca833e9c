//! `/processes/:id/documents/:kind/sections/:key/discussion`: one section, what people say
//! about it, and the amendments proposed to it. People taking part comment (quoting the
//! section's words if they like), reply, propose new wording and support amendments. The
//! public reads the published section and, when the process allows it, comments.

use leptos::prelude::*;

use crate::ui::components::formatting_tools::FormattingTools;
use crate::ui::components::writing_advice::WordingAdvice;
use leptos_meta::Title;

use super::amendment_card::AmendmentCard;
use super::public_comment::PublicCommentForm;
use crate::api::discussion::amendments::{ProposeAmendment, SupportAmendment};
use crate::api::discussion::moderation::PostPublicComment;
use crate::api::discussion::pages::load_section_discussion;
use crate::domain::deliberation::{CommentBody, Quote, Reason};
use crate::domain::document::SectionBody;
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid, described_by};
use crate::ui::components::loaded::loaded_as;
use crate::ui::components::raw_text::escaped_on_server;
use crate::ui::components::refetch::successes;
use crate::ui::components::shown_text::WithoutShownText;
use crate::ui::components::thread::{PlaceFields, ThreadActions, ThreadList, ThreadPlace};
use crate::ui::pages::documents::{
    DocumentTrail, query_id, query_number, route_document, route_number,
};
use crate::views::discussion::SectionDiscussion;

#[component]
pub fn SectionDiscussionPage() -> impl IntoView {
    let route = route_document();
    let key = route_number("key");
    let actions = ThreadActions::new();
    let propose = ServerAction::<ProposeAmendment>::new();
    let support = ServerAction::<SupportAmendment>::new();
    let public = ServerAction::<PostPublicComment>::new();
    let (thread_changes, supported, sent) =
        (actions.versions(), successes(support), successes(public));
    // Which page of the threads: `?page=`, or the page holding `?comment=` (a link to one).
    let page = query_number("page");
    let comment = query_id("comment");
    // The section's and comments' HTML is in the page already: not sent again for hydration.
    loaded_as::<WithoutShownText, _, _, _, _>(
        move || {
            (
                route.get(),
                key.get(),
                page.get(),
                comment.get(),
                thread_changes(),
                supported.get(),
                sent.get(),
            )
        },
        |(route, key, page, comment, ..)| async move {
            match (route, key.and_then(|k| u32::try_from(k).ok())) {
                (Some((id, kind)), Some(key)) => {
                    load_section_discussion(id, kind, key, page, comment).await
                }
                _ => Err(crate::error::AppError::NotFound("that section".into())),
            }
        },
        move |page| view! { <Discussion page actions propose support public /> },
    )
}

#[component]
fn Discussion(
    page: SectionDiscussion,
    actions: ThreadActions,
    propose: ServerAction<ProposeAmendment>,
    support: ServerAction<SupportAmendment>,
    public: ServerAction<PostPublicComment>,
) -> impl IntoView {
    let place = ThreadPlace {
        process: page.process.id.get(),
        kind: page.kind,
        key: page.key,
        version: page.version,
        amendment: None,
    };
    let commented = query_number("commented");
    let reported = query_number("reported");
    let sent = query_number("sent");
    let support_error = Signal::derive(move || support.value().get().and_then(Result::err));
    let page_error = actions.error();
    let may = page.may;
    let heading = page.heading.clone();
    view! {
        <Title text=format!("Discussion: {}", page.heading) />
        <DocumentTrail process=page.process.clone() kind=page.kind />
        <h1>{format!("Discussion: {}", page.heading)}</h1>
        <div aria-live="polite">
            {move || commented.get().map(|_| view! { <p class="notice" role="status">"Your comment has been posted."</p> })}
            {move || reported.get().map(|_| view! { <p class="notice" role="status">"Thank you. A facilitator will look at the comment you reported."</p> })}
            {move || sent.get().map(|_| view! { <p class="notice" role="status">"Thank you. Your comment will appear once a facilitator has approved it."</p> })}
        </div>
        <FormError error=page_error />
        <FormError error=support_error />
        {(may.comment || may.propose).then(|| view! { <p class="activity">{page.activity.describe()}</p> })}
        <section class="section-text" aria-labelledby="section-text-heading">
            <h2 id="section-text-heading">{format!("The section as it reads in version {}", page.version)}</h2>
            <div class="doc-page" id="section-text" inner_html=page.html.clone()></div>
        </section>
        {may.comment.then(|| view! { <CommentForm place actions terms=page.language.clone() /> })}
        {(may.comment || may.report).then(|| {
            let count = page.thread_count;
            let of = page.threads_page;
            let here = crate::routes::discussion(place.process, place.kind, place.key);
            view! {
                <section aria-labelledby="threads-heading">
                    <h2 id="threads-heading">{format!("Comments ({count})")}</h2>
                    {(of.pages > 1).then(|| view! { <p>{format!("Page {} of {}, oldest first.", of.number, of.pages)}</p> })}
                    <ThreadList threads=page.threads place may actions />
                    {(of.pages > 1).then(|| view! {
                        <nav class="pager" aria-label="Pages of the comments">
                            {of.newer().map(|n| view! { <a href=format!("{here}?page={n}") rel="prev">"Earlier comments"</a> })}
                            {of.older().map(|n| view! { <a href=format!("{here}?page={n}") rel="next">"Later comments"</a> })}
                        </nav>
                    })}
                </section>
            }
        })}
        {may.propose.then(|| {
            let amendments = page.amendments;
            let count = amendments.len();
            view! {
                <section aria-labelledby="amendments-heading">
                    <h2 id="amendments-heading">{format!("Proposed amendments ({count})")}</h2>
                    {if amendments.is_empty() {
                        view! { <p>"Nobody has proposed new wording for this section yet."</p> }.into_any()
                    } else {
                        view! {
                            <ol class="amendments">
                                {amendments.into_iter().map(|amendment| view! {
                                    <li><AmendmentCard amendment place may support full=false /></li>
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                </section>
                <ProposeForm place heading=heading.clone() markdown=page.markdown.clone().unwrap_or_default() propose terms=page.language.clone() />
            }
        })}
        {page.human_check.clone().map(|check| view! { <PublicCommentForm place check public /> })}
        {(!may.comment && page.human_check.is_none()).then(|| view! {
            <p class="notice">
                {if page.signed_in { "Only people taking part in this process can comment here." } else { "This process does not take comments from the public at the moment. If you take part, " }}
                {(!page.signed_in).then(|| view! { <a href="/sign-in">"sign in to comment"</a> })}
                {(!page.signed_in).then_some(".")}
            </p>
        })}
    }
}

#[component]
fn CommentForm(
    place: ThreadPlace,
    actions: ThreadActions,
    terms: Vec<crate::domain::respectful_language::Term>,
) -> impl IntoView {
    let error = Signal::derive(move || actions.post.value().get().and_then(Result::err));
    let quote = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    // Once the server has taken the comment, the boxes empty for the next one.
    let posted = successes(actions.post);
    Effect::new(move |previous: Option<usize>| {
        let now = posted.get();
        if previous.is_some_and(|p| p != now) {
            quote.set(String::new());
            body.set(String::new());
        }
        now
    });
    // Once the page is interactive, a button copies the words selected in the section.
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    let take_selection = move |_| {
        if let Some(text) = selected_text() {
            quote.set(text);
        }
    };
    view! {
        <section class="comment-form" aria-labelledby="comment-form-heading">
            <h2 id="comment-form-heading">"Add a comment"</h2>
            <ActionForm action=actions.post attr:class="form">
                <PlaceFields place />
                <div class="field">
                    <label for="quote">"The words you are commenting on (optional)"</label>
                    <p class="hint" id="quote-hint">{format!("Copy the exact words from the section above, up to {} characters. Leave it empty to comment on the whole section.", Quote::MAX_CHARS)}</p>
                    <textarea id="quote" name="quote" rows="2" maxlength=Quote::MAX_CHARS
                        prop:value=move || quote.get()
                        on:input=move |ev| quote.set(event_target_value(&ev))
                        aria-describedby=move || described_by(error, "quote", Some("quote-hint"))
                        aria-invalid=move || aria_invalid(error, "quote")></textarea>
                    <FieldError field="quote" error />
                    {move || interactive.get().then(|| view! {
                        <button type="button" class="button button--secondary button--small" on:click=take_selection>
                            "Quote the words I selected"
                        </button>
                    })}
                </div>
                <div class="field">
                    <label for="comment-body">"Your comment"</label>
                    <p class="hint" id="comment-body-hint">{format!("Say what you think. Up to {} characters.", CommentBody::MAX_CHARS)}</p>
                    <FormattingTools textarea="comment-body" />
                    <textarea id="comment-body" name="body" rows="5" required maxlength=CommentBody::MAX_CHARS
                        prop:value=move || body.get()
                        on:input=move |ev| body.set(event_target_value(&ev))
                        aria-describedby=move || described_by(error, "body", Some("comment-body-hint"))
                        aria-invalid=move || aria_invalid(error, "body")></textarea>
                    <FieldError field="body" error />
                    <WordingAdvice body terms />
                </div>
                <button type="submit" class="button">"Post comment"</button>
            </ActionForm>
        </section>
    }
}

/// The words selected on the page, if any (browser only).
fn selected_text() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let selection = web_sys::window()?.get_selection().ok()??;
        let text: String = selection.to_string().into();
        let text = text.trim().to_string();
        (!text.is_empty()).then_some(text)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

#[component]
fn ProposeForm(
    place: ThreadPlace,
    heading: String,
    markdown: String,
    propose: ServerAction<ProposeAmendment>,
    terms: Vec<crate::domain::respectful_language::Term>,
) -> impl IntoView {
    let error = Signal::derive(move || propose.value().get().and_then(Result::err));
    // What is typed, for the advice on wording under the box.
    let wording = RwSignal::new(markdown.clone());
    view! {
        <section class="propose" aria-labelledby="propose-heading">
            <h2 id="propose-heading">"Propose new wording"</h2>
            <p>{format!("Change the text of “{heading}” below and say why. Others will see your wording next to the current text, can comment on it and support it. The drafting group decides.")}</p>
            <ActionForm action=propose attr:class="form">
                <FormError error />
                <input type="hidden" name="process_id" value=place.process />
                <input type="hidden" name="kind" value=place.kind.slug() />
                <input type="hidden" name="key" value=place.key />
                <input type="hidden" name="base" value=place.version />
                <div class="field">
                    <label for="amendment-body">"Your wording for this section"</label>
                    <p class="hint" id="amendment-body-hint">{format!("It replaces the whole text of the section. Up to {} characters.", SectionBody::MAX_CHARS)}</p>
                    <FormattingTools textarea="amendment-body" />
                    <textarea id="amendment-body" name="body" rows="10" required maxlength=SectionBody::MAX_CHARS
                        aria-describedby=move || described_by(error, "body", Some("amendment-body-hint"))
                        aria-invalid=move || aria_invalid(error, "body")
                        on:input=move |ev| wording.set(event_target_value(&ev))>{escaped_on_server(markdown)}</textarea>
                    <FieldError field="body" error />
                    <WordingAdvice body=wording terms />
                </div>
                <div class="field">
                    <label for="amendment-reason">"Why this change?"</label>
                    <p class="hint" id="amendment-reason-hint">{format!("Up to {} characters.", Reason::MAX_CHARS)}</p>
                    <textarea id="amendment-reason" name="reason" rows="3" required maxlength=Reason::MAX_CHARS
                        aria-describedby=move || described_by(error, "reason", Some("amendment-reason-hint"))
                        aria-invalid=move || aria_invalid(error, "reason")></textarea>
                    <FieldError field="reason" error />
                </div>
                <button type="submit" class="button">"Propose this wording"</button>
            </ActionForm>
        </section>
    }
}
