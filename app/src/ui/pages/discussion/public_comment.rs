//! The form a member of the public uses to comment on a published draft, without an
//! account: an optional name, the comment, and a simple sum. A field people never see
//! catches bots. The comment waits for a facilitator's approval.

use leptos::prelude::*;

use crate::api::discussion::moderation::PostPublicComment;
use crate::domain::deliberation::{CommentBody, PublicName};
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid, described_by};
use crate::ui::components::thread::ThreadPlace;
use crate::views::discussion::HumanCheckView;

#[component]
pub fn PublicCommentForm(
    place: ThreadPlace,
    check: HumanCheckView,
    public: ServerAction<PostPublicComment>,
) -> impl IntoView {
    let error = Signal::derive(move || public.value().get().and_then(Result::err));
    view! {
        <section class="comment-form" aria-labelledby="public-comment-heading">
            <h2 id="public-comment-heading">"Comment on this draft"</h2>
            <p>"You do not need an account. A facilitator reads every comment from the public before it is shown to the people drafting this document. Please do not include anything that could identify you or anyone else unless you want to."</p>
            <ActionForm action=public attr:class="form">
                <FormError error />
                <input type="hidden" name="process_id" value=place.process />
                <input type="hidden" name="kind" value=place.kind.slug() />
                <input type="hidden" name="key" value=place.key />
                <input type="hidden" name="check_seed" value=check.seed />
                <div class="field">
                    <label for="public-name">"Your name (optional)"</label>
                    <p class="hint" id="public-name-hint">{format!("Leave it empty to appear as “a member of the public”. Up to {} characters.", PublicName::MAX_CHARS)}</p>
                    <input id="public-name" name="name" type="text" maxlength=PublicName::MAX_CHARS autocomplete="off"
                        aria-describedby=move || described_by(error, "name", Some("public-name-hint"))
                        aria-invalid=move || aria_invalid(error, "name") />
                    <FieldError field="name" error />
                </div>
                <div class="field">
                    <label for="public-body">"Your comment"</label>
                    <p class="hint" id="public-body-hint">{format!("Up to {} characters.", CommentBody::MAX_CHARS)}</p>
                    <textarea id="public-body" name="body" rows="5" required maxlength=CommentBody::MAX_CHARS
                        aria-describedby=move || described_by(error, "body", Some("public-body-hint"))
                        aria-invalid=move || aria_invalid(error, "body")></textarea>
                    <FieldError field="body" error />
                </div>
                <div class="field">
                    <label for="check-answer">{check.question.clone()}</label>
                    <p class="hint" id="check-answer-hint">"This simple check stops automatic spam."</p>
                    <input id="check-answer" name="check_answer" type="text" inputmode="numeric" required autocomplete="off"
                        aria-describedby=move || described_by(error, "check_answer", Some("check-answer-hint"))
                        aria-invalid=move || aria_invalid(error, "check_answer") />
                    <FieldError field="check_answer" error />
                </div>
                <div class="trap">
                    <label for="website">"Leave this empty"</label>
                    <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
                </div>
                <button type="submit" class="button">"Send my comment"</button>
            </ActionForm>
        </section>
    }
}
