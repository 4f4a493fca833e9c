//! Setting up and running a workshop (facilitators and process administrators): creating
//! it, adding steps, moving the room, entering a show of hands, and typing in what was said.

use leptos::prelude::*;

use crate::api::AppError;

/// The workshop `id` and the facilitator running it (server only).
#[cfg(feature = "ssr")]
pub(crate) async fn as_facilitator(
    id: i64,
    doing: &'static str,
) -> Result<
    (
        crate::state::AppState,
        crate::store::workshops::StoredWorkshop,
        crate::domain::Viewer,
    ),
    AppError,
> {
    use crate::api::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::permissions::ProcessAction;
    let state = app_state()?;
    let workshop = crate::store::workshops::find(&state.db, id)
        .await
        .map_err(unexpected("reading a workshop"))?
        .ok_or_else(|| AppError::NotFound("that workshop".into()))?;
    let facilitator =
        authorise_in_process(&state, workshop.process, ProcessAction::RunDecisions, doing).await?;
    Ok((state, workshop, facilitator))
}

/// A comment made in the room: by whom, what, and how it is shown.
#[cfg(feature = "ssr")]
pub(crate) struct WorkshopComment<'a> {
    pub author: crate::domain::PersonId,
    pub body: &'a crate::domain::deliberation::CommentBody,
    pub visibility: crate::domain::deliberation::moderation::Visibility,
    pub said_in_room: bool,
}

/// Saves a comment on the section of the step the room is at, on its latest version, and
/// tells the live screens. `not_there` is the refusal when the room is not at a step that
/// gathers comments.
#[cfg(feature = "ssr")]
pub(crate) async fn comment_at_current_step(
    state: &crate::state::AppState,
    workshop: &crate::store::workshops::StoredWorkshop,
    comment: WorkshopComment<'_>,
    not_there: &str,
) -> Result<i64, AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::workshop::agenda::{Position, StepKind};
    use crate::store::comments::NewComment;

    let steps = crate::store::workshops::steps(&state.db, workshop.id)
        .await
        .map_err(unexpected("reading the agenda"))?;
    let Some(StepKind::Comments { document, section }) = (match workshop.position {
        Position::At(n) => steps.get(n).map(|s| s.kind),
        _ => None,
    }) else {
        return Err(AppError::Conflict(not_there.to_string()));
    };
    let latest = crate::store::documents::latest(&state.db, workshop.process, document)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(|| AppError::NotFound("that document".into()))?;
    let id = crate::store::comments::insert(
        &state.db,
        NewComment {
            process: workshop.process,
            kind: document,
            section,
            version: latest.number,
            amendment: None,
            thread: None,
            quote: None,
            body: comment.body.as_str(),
            author: Some(comment.author),
            public_name: None,
            visibility: comment.visibility,
            said_in_room: comment.said_in_room,
        },
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("saving a comment"))?;
    state.live.changed(workshop.id).await;
    Ok(id)
}

/// `POST /api/workshops/create`: a new workshop in a process, with its join code.
/// `approve_comments` "yes": comments from phones wait for the facilitator before the
/// projector shows them.
#[server(prefix = "/api", endpoint = "workshops/create")]
pub async fn create_workshop(
    process_id: i64,
    title: String,
    approve_comments: Option<String>,
) -> Result<i64, AppError> {
    use crate::api::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::ProcessId;
    use crate::domain::permissions::ProcessAction;
    use crate::domain::workshop::WorkshopTitle;
    use crate::domain::workshop::join_code::{JoinCode, LENGTH};
    use rand::Rng;

    let state = app_state()?;
    let process = ProcessId::new(process_id);
    let facilitator = authorise_in_process(
        &state,
        process,
        ProcessAction::RunDecisions,
        "run a workshop",
    )
    .await?;
    let title = WorkshopTitle::parse(&title).map_err(|e| AppError::invalid("title", e))?;
    let now = crate::store::unix_now();
    // A clash of six random characters is rare; draw again a few times if it happens.
    for _ in 0..5 {
        let code = JoinCode::from_random(rand::rng().random::<[u8; LENGTH]>());
        let created = crate::store::workshops::create(
            &state.db,
            process,
            &title,
            &code,
            approve_comments.as_deref() == Some("yes"),
            facilitator.person,
            now,
        )
        .await
        .map_err(unexpected("creating a workshop"))?;
        if let Some(id) = created {
            tracing::info!(workshop = id, process = process_id, "workshop created");
            leptos_axum::redirect(&super::console_path(id));
            return Ok(id);
        }
    }
    Err(AppError::Unexpected)
}

/// `POST /api/workshops/add-step`: adds a step at the end of the agenda. `kind` is "read" or
/// "comments" (with `section`, "definition:3" for section 3 of the definition), "vote" (a
/// quick consent vote on `question`), or "dots" (a dot vote among `options`, one per line,
/// with `dots` each).
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "workshops/add-step")]
pub async fn add_step(
    workshop_id: i64,
    title: String,
    kind: String,
    section: Option<String>,
    question: Option<String>,
    options: Option<String>,
    dots: Option<String>,
) -> Result<usize, AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::Constituency;
    use crate::domain::decision::method::Method;
    use crate::domain::decision::rule::{DecisionRule, Threshold};
    use crate::domain::decision::spec::DecisionSpec;
    use crate::domain::decision::subject::DecisionSubject;
    use crate::domain::document::{DocumentKind, SectionKey};
    use crate::domain::workshop::agenda::{MAX_STEPS, Step, StepKind, StepTitle};

    let (state, workshop, facilitator) = as_facilitator(workshop_id, "run a workshop").await?;
    let title = StepTitle::parse(&title).map_err(|e| AppError::invalid("title", e))?;
    let section_of = |raw: &Option<String>| -> Result<(DocumentKind, SectionKey), AppError> {
        raw.as_deref()
            .and_then(|r| r.split_once(':'))
            .and_then(|(d, k)| {
                Some((
                    DocumentKind::from_slug(d)?,
                    SectionKey::new(k.trim().parse().ok()?),
                ))
            })
            .ok_or_else(|| {
                AppError::invalid_fields(vec![("section", "Please choose a section.".into())])
            })
    };
    let vote = |method: Method, question: &str, options: &[String]| {
        DecisionSpec::parse(
            DecisionSubject::Question,
            question,
            method,
            DecisionRule {
                threshold: Threshold::SimpleMajority,
                co_production: None,
            },
            options,
            Constituency::ALL.to_vec(),
            false,
        )
        .map_err(|e| AppError::invalid_fields(vec![("question", e.to_string())]))
    };
    let kind = match kind.as_str() {
        "read" => {
            let (document, section) = section_of(&section)?;
            StepKind::Read { document, section }
        }
        "comments" => {
            let (document, section) = section_of(&section)?;
            StepKind::Comments { document, section }
        }
        "vote" | "dots" => {
            let spec = if kind == "vote" {
                vote(Method::Consent, question.as_deref().unwrap_or(""), &[])?
            } else {
                let lines: Vec<String> = options
                    .unwrap_or_default()
                    .lines()
                    .map(str::to_string)
                    .collect();
                let dots = dots
                    .and_then(|d| d.trim().parse::<u32>().ok())
                    .unwrap_or(3)
                    .clamp(1, Method::MAX_DOTS);
                vote(
                    Method::DotVoting { dots },
                    question.as_deref().unwrap_or(title.as_str()),
                    &lines,
                )
                .map_err(|e| match e.for_field("question") {
                    Some(message) if message.contains("option") => {
                        AppError::invalid_fields(vec![("options", message.to_string())])
                    }
                    _ => e,
                })?
            };
            let decision = crate::store::decisions::open(
                &state.db,
                workshop.process,
                &spec,
                facilitator.person,
                crate::store::unix_now(),
                None,
            )
            .await
            .map_err(unexpected("opening a workshop vote"))?;
            StepKind::Vote { decision }
        }
        _ => return Err(AppError::BadRequest),
    };
    let position =
        crate::store::workshops::add_step(&state.db, workshop.id, &Step { title, kind }, MAX_STEPS)
            .await
            .map_err(unexpected("adding a step"))?
            .ok_or_else(|| {
                AppError::Conflict(format!("A workshop can have at most {MAX_STEPS} steps."))
            })?;
    state.live.changed(workshop.id).await;
    leptos_axum::redirect(&super::console_path(workshop.id));
    Ok(position)
}

/// `POST /api/workshops/move`: moves the room. `to` is "next", "previous", "finish" or a
/// step's number from 1. `from` is where the console saw the room ("gathering", "finished" or
/// a number from 1), so two facilitators pressing "next" at once move it one step.
#[server(prefix = "/api", endpoint = "workshops/move")]
pub async fn move_room(workshop_id: i64, to: String, from: Option<String>) -> Result<(), AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::workshop::agenda::{Move, Position, move_room};

    let (state, workshop, _) = as_facilitator(workshop_id, "run a workshop").await?;
    let wanted = match to.as_str() {
        "next" => Move::Next,
        "previous" => Move::Previous,
        "finish" => Move::Finish,
        n => Move::To(
            n.parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .ok_or(AppError::BadRequest)?,
        ),
    };
    let seen = match from.as_deref() {
        None => workshop.position,
        Some("gathering") => Position::Gathering,
        Some("finished") => Position::Finished,
        Some(n) => Position::At(
            n.parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .ok_or(AppError::BadRequest)?,
        ),
    };
    let moved_on = || {
        AppError::Conflict(
            "Someone else moved the room a moment ago. The console now shows where it is.".into(),
        )
    };
    if seen != workshop.position {
        return Err(moved_on());
    }
    let steps = crate::store::workshops::steps(&state.db, workshop.id)
        .await
        .map_err(unexpected("reading the agenda"))?;
    let next = move_room(steps.len(), workshop.position, wanted)
        .map_err(|e| AppError::Conflict(e.to_string()))?;
    let moved = crate::store::workshops::move_room(&state.db, workshop.id, workshop.position, next)
        .await
        .map_err(unexpected("moving the room"))?;
    if !moved {
        return Err(moved_on());
    }
    state.live.changed(workshop.id).await;
    leptos_axum::redirect(&super::console_path(workshop.id));
    Ok(())
}

/// `POST /api/workshops/hands`: a show of hands for the vote at step `decision_id`: `hands[i]`
/// per answer (consent: agree, agree with reservations, object, abstain) or option, and the
/// constituency they came from ("" when not recorded).
#[server(prefix = "/api", endpoint = "workshops/hands")]
pub async fn enter_hands(
    workshop_id: i64,
    decision_id: i64,
    hands: Option<Vec<String>>,
    constituency: Option<String>,
) -> Result<u32, AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::Constituency;
    use crate::domain::workshop::show_of_hands::ShowOfHands;

    let (state, workshop, facilitator) = as_facilitator(workshop_id, "run a workshop").await?;
    let decision = crate::store::decisions::find(&state.db, decision_id)
        .await
        .map_err(unexpected("reading a decision"))?
        .filter(|d| d.process == workshop.process)
        .ok_or_else(|| AppError::NotFound("that vote".into()))?;
    let now = crate::store::unix_now();
    if !decision.is_open(now) {
        return Err(AppError::Conflict(
            "This vote has closed, so it takes no more hands.".into(),
        ));
    }
    let counts: Vec<u32> = hands
        .unwrap_or_default()
        .iter()
        .map(|h| h.trim().parse::<u32>().unwrap_or(0))
        .collect();
    let constituency = constituency.as_deref().and_then(Constituency::from_slug);
    let hands = ShowOfHands::parse(
        decision.spec.method,
        decision.spec.options.len(),
        constituency,
        counts,
    )
    .map_err(|e| AppError::invalid_fields(vec![("hands", e.to_string())]))?;
    let entered =
        crate::store::decisions::enter_hands(&state.db, &decision, &hands, facilitator.person, now)
            .await
            .map_err(unexpected("entering a show of hands"))?;
    if !entered {
        return Err(AppError::Conflict(
            "This vote has closed, so it takes no more hands.".into(),
        ));
    }
    state.live.changed(workshop.id).await;
    leptos_axum::redirect(&super::console_path(workshop.id));
    Ok(hands.hands())
}

/// `POST /api/workshops/said`: a facilitator types in a comment someone made aloud, on the
/// section of the current step; it is shown as "Said in the room".
#[server(prefix = "/api", endpoint = "workshops/said")]
pub async fn said_in_room(workshop_id: i64, body: String) -> Result<i64, AppError> {
    use crate::domain::deliberation::CommentBody;
    use crate::domain::deliberation::moderation::Visibility;

    let (state, workshop, facilitator) = as_facilitator(workshop_id, "run a workshop").await?;
    let body = CommentBody::parse(&body).map_err(|e| AppError::invalid("body", e))?;
    let id = comment_at_current_step(
        &state,
        &workshop,
        WorkshopComment {
            author: facilitator.person,
            body: &body,
            visibility: Visibility::Visible,
            said_in_room: true,
        },
        "The room is not at a step that gathers comments.",
    )
    .await?;
    leptos_axum::redirect(&super::console_path(workshop.id));
    Ok(id)
}

/// `POST /api/workshops/publish-summary`: everyone taking part in the process may then read
/// the workshop's summary.
#[server(prefix = "/api", endpoint = "workshops/publish-summary")]
pub async fn publish_summary(workshop_id: i64) -> Result<(), AppError> {
    use crate::api::boundary::unexpected;
    let (state, workshop, facilitator) = as_facilitator(workshop_id, "run a workshop").await?;
    crate::store::workshops::publish_summary(&state.db, workshop.id, crate::store::unix_now())
        .await
        .map_err(unexpected("publishing a summary"))?;
    tracing::info!(
        workshop = workshop.id,
        person = facilitator.person.get(),
        "summary published"
    );
    leptos_axum::redirect(&format!("{}?published=1", super::summary_path(workshop.id)));
    Ok(())
}
