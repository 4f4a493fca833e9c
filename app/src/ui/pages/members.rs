//! `/processes/:id/people`: who takes part, for members; process administrators also confirm
//! commissioners and provider staff, change roles and add people by email.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::invitations::CreateInvitation;
use crate::api::members::{AddMember, ChangeRole, ConfirmConstituency, list_members};
use crate::domain::{ProcessId, ProcessRole};
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid};
use crate::ui::components::loaded::loaded;
use crate::views::people::{Member, Members};
use leptos_router::hooks::use_query_map;

#[component]
pub fn MembersPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|raw| ProcessId::parse(&raw))
    };
    let confirm = ServerAction::<ConfirmConstituency>::new();
    let role = ServerAction::<ChangeRole>::new();
    let add = ServerAction::<AddMember>::new();
    let invite = ServerAction::<CreateInvitation>::new();
    let query = use_query_map();
    let invited = move || {
        query
            .read()
            .get("invited")
            .filter(|t| t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()))
    };
    let page = loaded(
        move || {
            (
                id(),
                confirm.version().get(),
                role.version().get(),
                add.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => list_members(id.get()).await,
                None => Err(crate::error::AppError::NotFound("that process".into())),
            }
        },
        move |m| view! { <People m confirm role add invite invited=Signal::derive(invited) /> },
    );
    view! {
        <Title text="People taking part" />
        {page}
    }
}

#[component]
fn People(
    m: Members,
    confirm: ServerAction<ConfirmConstituency>,
    role: ServerAction<ChangeRole>,
    add: ServerAction<AddMember>,
    invite: ServerAction<CreateInvitation>,
    invited: Signal<Option<String>>,
) -> impl IntoView {
    let process_id = m.process.id.get();
    let can_manage = m.can_manage;
    let site_url = m.site_url.clone();
    view! {
        <p class="eyebrow"><a href=crate::routes::process(process_id)>{m.process.title.as_str().to_string()}</a></p>
        <h1>"People taking part"</h1>
        <p>"Each person is shown as they chose to appear to people taking part."</p>
        {m.may_read_audit.then(|| view! {
            <p><a href=crate::routes::audit(process_id)>"Who gave roles and confirmed people (the audit trail)"</a></p>
        })}
        <ul class="member-list">
            {m.people.into_iter().map(|member| view! {
                <MemberCard member process_id can_manage confirm role />
            }).collect_view()}
        </ul>
        {can_manage.then(|| view! { <AddMemberForm process_id add /> })}
        {can_manage.then(|| view! { <InviteForm process_id invite site_url invited /> })}
    }
}

#[component]
fn MemberCard(
    member: Member,
    process_id: i64,
    can_manage: bool,
    confirm: ServerAction<ConfirmConstituency>,
    role: ServerAction<ChangeRole>,
) -> impl IntoView {
    let roles = member
        .roles
        .iter()
        .map(|r| r.label())
        .collect::<Vec<_>>()
        .join(", ");
    let counted = member
        .claims
        .iter()
        .filter(|c| c.confirmed)
        .map(|c| c.constituency.one_member())
        .collect::<Vec<_>>()
        .join(", ");
    let pending: Vec<_> = member
        .claims
        .iter()
        .filter(|c| !c.confirmed)
        .map(|c| c.constituency)
        .collect();
    let person_id = member.person_id;
    let name = member.shown_as.clone();
    view! {
        <li class="member">
            <p class="member__name"><strong>{member.shown_as.clone()}</strong></p>
            <p class="meta">"Role: " {roles} {(!counted.is_empty()).then(|| format!(". Takes part as {counted}."))}</p>
            {(can_manage && !pending.is_empty()).then(|| view! {
                <p>"Says they take part as "
                    {pending.iter().map(|c| c.one_member()).collect::<Vec<_>>().join(" and ")}
                    ", not yet confirmed. Confirm only if you know it is true."</p>
            })}
            {(can_manage && !pending.is_empty()).then(|| pending.into_iter().map(|c| {
                let name = name.clone();
                view! {
                    <ActionForm action=confirm attr:class="inline-form">
                        <input type="hidden" name="process_id" value=process_id />
                        <input type="hidden" name="person_id" value=person_id />
                        <input type="hidden" name="constituency" value=c.slug() />
                        <button type="submit" class="button button--secondary">
                            {format!("Confirm as {}", c.one_member())}
                            <span class="visually-hidden">{format!(": {name}")}</span>
                        </button>
                    </ActionForm>
                }
            }).collect_view())}
            {can_manage.then(|| view! { <p class="hint">"Roles (what they can do here):"</p> })}
            {can_manage.then(|| {
                [ProcessRole::Drafter, ProcessRole::Facilitator, ProcessRole::Commissioner, ProcessRole::ProcessAdmin].into_iter().map(|r| {
                    let has = member.roles.contains(&r);
                    let label = if has { format!("Remove {} role", r.label().to_lowercase()) } else { format!("Make {}", r.label().to_lowercase()) };
                    let name = name.clone();
                    view! {
                        <ActionForm action=role attr:class="inline-form">
                            <input type="hidden" name="process_id" value=process_id />
                            <input type="hidden" name="person_id" value=person_id />
                            <input type="hidden" name="role" value=r.slug() />
                            <input type="hidden" name="change" value=if has { "remove" } else { "add" } />
                            <button type="submit" class="button button--secondary">
                                {label}<span class="visually-hidden">{format!(": {name}")}</span>
                            </button>
                        </ActionForm>
                    }
                }).collect_view()
            })}
        </li>
    }
}

#[component]
fn AddMemberForm(process_id: i64, add: ServerAction<AddMember>) -> impl IntoView {
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let invalid = move |field: &'static str| aria_invalid(error, field);
    view! {
        <section aria-labelledby="add-heading">
            <h2 id="add-heading">"Add someone who has an account"</h2>
            <p>"For people without email, use " <a href=crate::routes::codes(process_id)>"sign-in codes"</a> "."</p>
            <ActionForm action=add attr:class="form">
                <FormError error />
                <input type="hidden" name="process_id" value=process_id />
                <div class="field">
                    <label for="add-email">"Their email address"</label>
                    <input id="add-email" name="email" type="email" autocomplete="off"
                        aria-invalid=move || invalid("email") aria-describedby=move || invalid("email").map(|_| "email-error") />
                    <FieldError field="email" error />
                </div>
                <fieldset class="field">
                    <legend>"Their role"</legend>
                    {ProcessRole::ALL.into_iter().map(|r| {
                        let id = format!("add-role-{}", r.slug());
                        view! {
                            <div class="choice">
                                <input type="radio" id=id.clone() name="role" value=r.slug() checked=r == ProcessRole::Participant />
                                <label for=id>{r.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="button">"Add to this process"</button>
            </ActionForm>
        </section>
    }
}

/// A one-time invitation link with a role, for the administrator to send themselves.
#[component]
fn InviteForm(
    process_id: i64,
    invite: ServerAction<CreateInvitation>,
    site_url: String,
    #[prop(into)] invited: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">"Invite someone with a link"</h2>
            <p>
                "Make a link that works once, for "
                {crate::views::people::INVITATION_DAYS}
                " days. Send it to the person yourself, for example by email. When they open it and accept, "
                "they join this process with the role you chose."
            </p>
            {move || invited.get().map(|token| {
                let link = format!("{site_url}/invite?token={token}");
                view! {
                    <div class="notice" role="status">
                        <p><strong>"Here is the invitation link. It is shown only now:"</strong></p>
                        <p><label for="invitation-link">"Invitation link"</label>
                        <input id="invitation-link" type="text" class="input--link" readonly value=link /></p>
                    </div>
                }
            })}
            <ActionForm action=invite attr:class="form">
                <input type="hidden" name="process_id" value=process_id />
                <div class="field">
                    <label for="invite-role">"Role for the person you invite"</label>
                    <select id="invite-role" name="role">
                        {ProcessRole::ALL.into_iter().map(|r| view! { <option value=r.slug()>{r.label()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">"Make an invitation link"</button>
            </ActionForm>
        </section>
    }
}
