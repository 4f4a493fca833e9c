//! Setting up and running a workshop (facilitators and process administrators): creating
//! it, adding steps, moving the room, entering a show of hands, typing in what was said, and
//! publishing the summary.

use rand::Rng;

use crate::domain::Constituency;
use crate::domain::PersonId;
use crate::domain::decision::method::Method;
use crate::domain::decision::rule::{DecisionRule, Threshold};
use crate::domain::decision::spec::DecisionSpec;
use crate::domain::decision::subject::DecisionSubject;
use crate::domain::deliberation::CommentBody;
use crate::domain::deliberation::moderation::Visibility;
use crate::domain::permissions::ProcessAction;
use crate::domain::workshop::WorkshopTitle;
use crate::domain::workshop::agenda::{MAX_STEPS, Position, Step, StepKind, move_room};
use crate::domain::workshop::join_code::{JoinCode, LENGTH};
use crate::domain::workshop::show_of_hands::ShowOfHands;
use crate::error::AppError;
use crate::forms::decisions::spec_refusal;
use crate::forms::refusal;
use crate::forms::workshops::{HandsCount, RoomMove, StepRequest, StepRequestKind};
use crate::store::comments::NewComment;
use crate::store::workshops::StoredWorkshop;
use crate::workflows::ProcessContext;
use crate::workflows::unexpected;

/// A new workshop in the process, with its join code; returns its id. With
/// `approve_comments`, comments from phones wait for the facilitator before the projector
/// shows them.
pub async fn create(
    cx: &ProcessContext,
    title: WorkshopTitle,
    plan: crate::domain::workshop::WorkshopPlan,
) -> Result<i64, AppError> {
    let facilitator = cx.require(ProcessAction::RunWorkshops, "run a workshop")?;
    let now = crate::store::unix_now();
    // A clash of six random characters is rare; draw again a few times if it happens.
    for _ in 0..5 {
        let code = JoinCode::from_random(rand::rng().random::<[u8; LENGTH]>());
        let created = crate::store::workshops::create(
            cx.db(),
            cx.id(),
            &title,
            &code,
            plan,
            facilitator.person,
            now,
        )
        .await
        .map_err(unexpected("creating a workshop"))?;
        if let Some(id) = created {
            tracing::info!(workshop = id, process = cx.id().get(), "workshop created");
            return Ok(id);
        }
    }
    Err(AppError::Unexpected)
}

/// A workshop's quick vote: more than half, everyone eligible, open or secret ballots.
fn workshop_vote(
    method: Method,
    question: &str,
    options: &[String],
    secret: bool,
) -> Result<DecisionSpec, AppError> {
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
        secret,
    )
    .map_err(spec_refusal)
}

/// Adds a step at the end of the agenda; a voting step opens its decision. Returns the
/// step's place.
pub async fn add_step(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    by: PersonId,
    step: StepRequest,
) -> Result<usize, AppError> {
    let kind = match step.kind {
        StepRequestKind::Read(document, section) => StepKind::Read { document, section },
        StepRequestKind::Comments(document, section) => StepKind::Comments { document, section },
        StepRequestKind::Consent { question } => {
            let spec = workshop_vote(Method::Consent, &question, &[], step.secret)?;
            open_vote(cx, workshop, by, &spec).await?
        }
        StepRequestKind::Dots {
            question,
            options,
            dots,
        } => {
            let spec = workshop_vote(Method::DotVoting { dots }, &question, &options, step.secret)?;
            open_vote(cx, workshop, by, &spec).await?
        }
    };
    let position = crate::store::workshops::add_step(
        cx.db(),
        workshop.id,
        &Step {
            title: step.title,
            kind,
        },
        MAX_STEPS,
    )
    .await
    .map_err(unexpected("adding a step"))?
    .ok_or_else(|| AppError::Conflict(format!("A workshop can have at most {MAX_STEPS} steps.")))?;
    cx.state.live.changed(workshop.id).await;
    Ok(position)
}

/// Opens a step's vote: the workshop's guests may vote in it.
async fn open_vote(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    by: PersonId,
    spec: &DecisionSpec,
) -> Result<StepKind, AppError> {
    let opening = crate::store::decisions::Opening {
        by,
        now: crate::store::unix_now(),
        closes_at: None,
        workshop: Some(workshop.id),
    };
    let decision = crate::store::decisions::open(cx.db(), cx.id(), spec, opening)
        .await
        .map_err(unexpected("opening a workshop vote"))?;
    Ok(StepKind::Vote { decision })
}

fn moved_on() -> AppError {
    AppError::Conflict(
        "Someone else moved the room a moment ago. The console now shows where it is.".into(),
    )
}

/// Moves the room, if it is still where the console saw it.
pub async fn move_to(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    request: RoomMove,
) -> Result<(), AppError> {
    if request.seen.is_some_and(|seen| seen != workshop.position) {
        return Err(moved_on());
    }
    let steps = crate::store::workshops::steps(cx.db(), workshop.id)
        .await
        .map_err(unexpected("reading the agenda"))?;
    let next = move_room(steps.len(), workshop.position, request.wanted)
        .map_err(|e| AppError::Conflict(e.to_string()))?;
    let moved = crate::store::workshops::move_room(cx.db(), workshop.id, workshop.position, next)
        .await
        .map_err(unexpected("moving the room"))?;
    if !moved {
        return Err(moved_on());
    }
    cx.state.live.changed(workshop.id).await;
    Ok(())
}

fn no_more_hands() -> AppError {
    AppError::Conflict("This vote has closed, so it takes no more hands.".into())
}

/// A show of hands for the vote `decision`, which must be the vote the room is at, from a
/// constituency that may vote in it; it replaces that constituency's earlier show of hands,
/// and with the other hands and the room's phone ballots it counts no more people than the
/// facilitator said are in the room. Returns how many hands were counted.
pub async fn enter_hands(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    by: PersonId,
    decision: i64,
    count: HandsCount,
) -> Result<u32, AppError> {
    use crate::domain::workshop::show_of_hands::check_hands;
    use crate::store::decisions::HandsEntered;
    let decision = crate::store::decisions::find(cx.db(), decision)
        .await
        .map_err(unexpected("reading a decision"))?
        .filter(|d| d.process == workshop.process)
        .ok_or_else(|| AppError::NotFound("that vote".into()))?;
    let now = crate::store::unix_now();
    if !decision.timing().is_open(now) {
        return Err(no_more_hands());
    }
    let hands = ShowOfHands::parse(
        decision.spec.method,
        decision.spec.options.len(),
        count.constituency,
        count.counts,
    )
    .map_err(|e| refusal("hands", e.to_string()))?;
    let steps = crate::store::workshops::steps(cx.db(), workshop.id)
        .await
        .map_err(unexpected("reading the agenda"))?;
    let at_this_vote = match workshop.position {
        Position::At(n) => steps.get(n).is_some_and(|s| {
            s.kind
                == StepKind::Vote {
                    decision: decision.id,
                }
        }),
        _ => false,
    };
    if at_this_vote && decision.spec.secret {
        return Err(refusal(
            "hands",
            "This vote is secret, and a show of hands is not: people vote on their phones or a shared device.",
        ));
    }
    let eligible = decision.spec.eligible.clone();
    let entered = crate::store::decisions::enter_hands(
        cx.db(),
        &decision,
        workshop.id,
        &hands,
        by,
        now,
        |others| check_hands(at_this_vote, &eligible, &hands, workshop.room_size, others),
    )
    .await
    .map_err(unexpected("entering a show of hands"))?;
    match entered {
        HandsEntered::Entered => {}
        HandsEntered::Closed => return Err(no_more_hands()),
        HandsEntered::Refused(why) => return Err(refusal("hands", why.to_string())),
    }
    cx.state.live.changed(workshop.id).await;
    Ok(hands.hands())
}

/// Closes joining: the code on the screen stops working.
pub async fn close_joining(cx: &ProcessContext, workshop: &StoredWorkshop) -> Result<(), AppError> {
    crate::store::workshops::close_joining(cx.db(), workshop.id, crate::store::unix_now())
        .await
        .map_err(unexpected("closing joining"))?;
    cx.state.live.changed(workshop.id).await;
    Ok(())
}

/// How many people are in the room, as the facilitator counts them.
pub async fn set_room_size(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    people: u32,
) -> Result<(), AppError> {
    crate::store::workshops::set_room_size(cx.db(), workshop.id, people)
        .await
        .map_err(unexpected("setting the room's size"))
}

/// Sets (or clears) the day `workshop` meets.
pub async fn set_meets_on(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    day: Option<crate::domain::calendar::Day>,
) -> Result<(), AppError> {
    crate::store::workshops::set_meets_on(cx.db(), workshop.id, day)
        .await
        .map_err(unexpected("setting the day a workshop meets"))
}

/// The guest `person` of this workshop (someone in the room without a role in the process).
async fn guest_in_room(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    person: PersonId,
) -> Result<(), AppError> {
    let not_a_guest = || AppError::NotFound("that guest in this workshop".into());
    let attendee = crate::store::workshops::attendee(cx.db(), workshop.id, person)
        .await
        .map_err(unexpected("reading who is in the room"))?
        .filter(|a| a.removed_at.is_none())
        .ok_or_else(not_a_guest)?;
    let roles = crate::store::memberships::roles_of(cx.db(), cx.id(), attendee.person)
        .await
        .map_err(unexpected("reading roles"))?;
    if roles.is_empty() {
        Ok(())
    } else {
        Err(not_a_guest())
    }
}

/// Removes a guest from the room: their ballots in open decisions are withdrawn (each with a
/// record entry), and the audit trail says who did it.
pub async fn remove_guest(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    by: PersonId,
    guest: PersonId,
) -> Result<(), AppError> {
    guest_in_room(cx, workshop, guest).await?;
    let withdrawn = crate::store::workshops::remove_guest(
        cx.db(),
        workshop,
        guest,
        by,
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("removing a guest"))?
    .ok_or_else(|| AppError::NotFound("that guest in this workshop".into()))?;
    tracing::info!(
        workshop = workshop.id,
        guest = guest.get(),
        by = by.get(),
        ballots = withdrawn.len(),
        "guest removed"
    );
    for decision in withdrawn {
        cx.state.live.decision_changed(decision).await;
    }
    // Rebuilds the room and ends the guest's own streams.
    cx.state.live.people_changed().await;
    Ok(())
}

/// Admits a guest into the process as a participant: a deliberate act, in the audit trail.
pub async fn admit_guest(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    by: PersonId,
    guest: PersonId,
) -> Result<(), AppError> {
    guest_in_room(cx, workshop, guest).await?;
    let admitted = crate::store::workshops::admit_guest(
        cx.db(),
        workshop,
        guest,
        by,
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("admitting a guest"))?;
    if !admitted {
        return Err(AppError::NotFound("that guest in this workshop".into()));
    }
    tracing::info!(
        workshop = workshop.id,
        guest = guest.get(),
        by = by.get(),
        "guest admitted"
    );
    cx.state.live.changed(workshop.id).await;
    Ok(())
}

/// A comment made in the room: by whom, what, and how it is shown.
pub struct WorkshopComment<'a> {
    pub author: PersonId,
    pub body: &'a CommentBody,
    pub visibility: Visibility,
    pub said_in_room: bool,
}

/// Saves a comment on the section of the step the room is at, on its latest version, and
/// tells the live screens. `not_there` is the refusal when the room is not at a step that
/// gathers comments.
pub async fn comment_at_current_step(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    comment: WorkshopComment<'_>,
    not_there: &str,
) -> Result<i64, AppError> {
    let steps = crate::store::workshops::steps(cx.db(), workshop.id)
        .await
        .map_err(unexpected("reading the agenda"))?;
    let Some(StepKind::Comments { document, section }) = (match workshop.position {
        Position::At(n) => steps.get(n).map(|s| s.kind),
        _ => None,
    }) else {
        return Err(AppError::Conflict(not_there.to_string()));
    };
    let latest = crate::store::documents::latest(cx.db(), workshop.process, document)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(|| AppError::NotFound("that document".into()))?;
    let id = crate::store::comments::insert(
        cx.db(),
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
    cx.state.live.changed(workshop.id).await;
    Ok(id)
}

/// A facilitator types in a comment someone made aloud, on the section of the current step;
/// it is shown as "Said in the room".
pub async fn said_in_room(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    by: PersonId,
    body: &CommentBody,
) -> Result<i64, AppError> {
    comment_at_current_step(
        cx,
        workshop,
        WorkshopComment {
            author: by,
            body,
            visibility: Visibility::Visible,
            said_in_room: true,
        },
        "The room is not at a step that gathers comments.",
    )
    .await
}

/// Everyone taking part in the process may then read the workshop's summary.
pub async fn publish_summary(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    by: PersonId,
) -> Result<(), AppError> {
    crate::store::workshops::publish_summary(cx.db(), workshop.id, crate::store::unix_now())
        .await
        .map_err(unexpected("publishing a summary"))?;
    tracing::info!(
        workshop = workshop.id,
        person = by.get(),
        "summary published"
    );
    Ok(())
}
