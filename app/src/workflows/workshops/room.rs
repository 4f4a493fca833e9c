//! A workshop's live room, built from the store: where the room is, who joined by
//! constituency, the current step's section text and its newest comments, and the count of
//! its vote so far (ballots and shows of hands). The live hub sends it to every screen as a
//! frame (`frame`).

use std::collections::HashMap;

use crate::domain::constituency::counted;
use crate::domain::decision::disclosure::{disclose, guess_warning};
use crate::domain::decision::rule::evaluate;
use crate::domain::decision::tally::CastBallot;
use crate::domain::workshop::agenda::{Position, StepKind};
use crate::domain::{Audience, Constituency, ConstituencyClaim, PersonId};
use crate::live::Frame;
use crate::store::{Db, StoreError, comments, decisions, documents, workshops};
use crate::views::workshops::{LiveComment, LiveRoom, LiveStep, LiveVote};

/// How many of the newest comments the projector shows.
pub const COMMENTS_SHOWN: usize = 12;

/// Who is said to have said a comment typed in by a facilitator.
pub const SAID_IN_THE_ROOM: &str = "Said in the room";

/// The room of workshop `id`; `None` when there is no such workshop.
pub async fn room(db: &Db, id: i64) -> Result<Option<LiveRoom>, StoreError> {
    let Some(workshop) = workshops::find(db, id).await? else {
        return Ok(None);
    };
    let steps = workshops::steps(db, id).await?;
    let attendance = workshops::attendance(db, id).await?;
    let mut claims: HashMap<PersonId, Vec<ConstituencyClaim>> = HashMap::new();
    for (person, claim) in crate::store::constituency_claims::all_in(db, workshop.process).await? {
        claims.entry(person).or_default().push(claim);
    }
    let primary = |p: &PersonId| {
        claims
            .get(p)
            .and_then(|c| counted(c).into_iter().min())
            .unwrap_or(Constituency::Other)
    };
    let joined = Constituency::ALL
        .into_iter()
        .map(|c| {
            let n = attendance.iter().filter(|p| primary(p) == c).count();
            (c, u32::try_from(n).unwrap_or(u32::MAX))
        })
        .collect();
    let step = match workshop.position {
        Position::At(n) => match steps.get(n) {
            Some(s) => Some(step(db, &workshop, n, steps.len(), &s.title, s.kind).await?),
            None => None,
        },
        Position::Gathering | Position::Finished => None,
    };
    Ok(Some(LiveRoom {
        workshop: id,
        process: workshop.process.get(),
        title: workshop.title.as_str().to_string(),
        join_code: workshop.join_code.display(),
        position: workshop.position,
        step_titles: steps.iter().map(|s| s.title.as_str().to_string()).collect(),
        joined,
        step,
    }))
}

async fn step(
    db: &Db,
    workshop: &workshops::StoredWorkshop,
    n: usize,
    of: usize,
    title: &crate::domain::workshop::agenda::StepTitle,
    kind: StepKind,
) -> Result<LiveStep, StoreError> {
    let mut live = LiveStep {
        workshop: workshop.id,
        position: Position::At(n),
        number: n + 1,
        of,
        title: title.as_str().to_string(),
        kind: Some(kind),
        heading: None,
        html: None,
        easy_html: None,
        version: None,
        comments: Vec::new(),
        vote: None,
    };
    if let Some((document, key)) = kind.section() {
        let latest = documents::latest(db, workshop.process, document).await?;
        if let Some((latest, section)) = latest
            .as_ref()
            .and_then(|l| l.content.section(key).map(|s| (l, s)))
        {
            live.heading = Some(section.heading.as_str().to_string());
            // The process's glossary explains the field's words here too, as on every page
            // that shows the text.
            use crate::domain::document::easy_read::Reading;
            use crate::domain::document::render::{section_body_html, shown_text};
            let glossary = crate::store::word_lists::of_process(db, workshop.process)
                .await?
                .glossary;
            let html = |reading| {
                let words =
                    crate::domain::markdown::plain_text(shown_text(section, reading).markdown);
                let explained = crate::domain::glossary::used_in(&words, &glossary);
                section_body_html(section, &explained, reading)
            };
            live.html = Some(html(Reading::Full));
            live.easy_html = section.easy_read.is_some().then(|| html(Reading::Easy));
            live.version = Some(latest.number.get());
        }
        if matches!(kind, StepKind::Comments { .. }) {
            live.comments = newest_comments(db, workshop, document, key).await?;
        }
    }
    if let StepKind::Vote { decision } = kind {
        live.vote = vote(db, decision).await?;
    }
    Ok(live)
}

async fn newest_comments(
    db: &Db,
    workshop: &workshops::StoredWorkshop,
    document: crate::domain::document::DocumentKind,
    key: crate::domain::document::SectionKey,
) -> Result<Vec<LiveComment>, StoreError> {
    let mut all = comments_since(db, workshop, document, key).await?;
    all.reverse();
    all.truncate(COMMENTS_SHOWN);
    Ok(all)
}

/// The visible comments made on a section since the workshop was created, oldest first.
pub async fn comments_since(
    db: &Db,
    workshop: &workshops::StoredWorkshop,
    document: crate::domain::document::DocumentKind,
    key: crate::domain::document::SectionKey,
) -> Result<Vec<LiveComment>, StoreError> {
    use crate::domain::deliberation::moderation::Visibility;
    let stored = comments::on_section(db, workshop.process, document, key, None).await?;
    let mut authors: Vec<_> = stored.iter().filter_map(|c| c.author).collect();
    authors.sort_by_key(|a| a.get());
    authors.dedup();
    let profiles: HashMap<_, _> = crate::store::people::profiles_of(db, workshop.process, &authors)
        .await?
        .into_iter()
        .collect();
    Ok(stored
        .iter()
        .filter(|c| c.visibility == Visibility::Visible && c.created_at >= workshop.created_at)
        .map(|c| LiveComment {
            id: c.id,
            who: if c.said_in_room {
                SAID_IN_THE_ROOM.to_string()
            } else {
                c.author.and_then(|a| profiles.get(&a)).map_or_else(
                    || "someone".to_string(),
                    |p| p.shown_as(Audience::Participants),
                )
            },
            html: crate::domain::markdown::render(&c.body),
        })
        .collect())
}

/// A decision's ballots and shows of hands, as the count sees them.
pub async fn cast_ballots(
    db: &Db,
    decision: &decisions::StoredDecision,
) -> Result<Vec<CastBallot>, StoreError> {
    let mut cast: Vec<CastBallot> = decisions::ballots(db, decision.id)
        .await?
        .into_iter()
        .map(|(_, b)| b)
        .collect();
    for hands in decisions::shows_of_hands(db, decision.id).await? {
        cast.extend(hands.ballots(decision.spec.method));
    }
    Ok(cast)
}

pub async fn vote(db: &Db, id: i64) -> Result<Option<LiveVote>, StoreError> {
    let Some(decision) = decisions::find(db, id).await? else {
        return Ok(None);
    };
    let cast = cast_ballots(db, &decision).await?;
    let open = decision.timing().is_open(crate::store::unix_now());
    let spec = &decision.spec;
    // A secret vote shows how many voted, not how, until it closes; then what may be shown.
    let shown = match (&decision.outcome, spec.secret && open) {
        (_, true) => None,
        (Some(outcome), false) => Some(outcome.clone()),
        (None, false) => Some(evaluate(spec.rule, spec.method, spec.options.len(), &cast)),
    };
    let k = decision.secrecy;
    let may_vote = if spec.secret {
        crate::store::constituency_claims::count_eligible(
            db,
            decision.process,
            &spec.eligible,
            decision.opened_in_workshop,
        )
        .await?
    } else {
        0
    };
    let disclosed = shown.map(|outcome| {
        disclose(
            spec.method,
            spec.options.len(),
            spec.rule,
            &cast,
            &outcome,
            spec.secret,
            k,
        )
    });
    Ok(Some(LiveVote {
        decision: id,
        question: decision.spec.question.as_str().to_string(),
        method: spec.method,
        options: decision
            .spec
            .options
            .iter()
            .map(|o| o.as_str().to_string())
            .collect(),
        open,
        voters: Some(u32::try_from(cast.len()).unwrap_or(u32::MAX)),
        secret: spec.secret,
        overall: disclosed.as_ref().and_then(|d| d.overall.clone()),
        groups: disclosed.as_ref().map(|d| d.groups.clone()),
        withheld: disclosed.and_then(|d| d.withheld.map(|w| w.explanation(k))),
        guessable: guess_warning(spec.secret, may_vote, k),
        adopts_version: matches!(
            spec.subject,
            crate::domain::decision::subject::DecisionSubject::AdoptVersion { .. }
        ),
    }))
}

/// What a phone follows: the step without comments and counts.
pub fn for_phones(room: &LiveRoom) -> LiveStep {
    match &room.step {
        Some(step) => LiveStep {
            comments: Vec::new(),
            vote: step.vote.clone().map(|v| LiveVote {
                voters: None,
                overall: None,
                groups: None,
                withheld: None,
                ..v
            }),
            ..step.clone()
        },
        None => LiveStep {
            workshop: room.workshop,
            position: room.position,
            number: 0,
            of: room.step_titles.len(),
            title: room.title.clone(),
            kind: None,
            heading: None,
            html: None,
            easy_html: None,
            version: None,
            comments: Vec::new(),
            vote: None,
        },
    }
}

/// The frame of workshop `id` now: the room and the phones' step, as JSON. A workshop that is
/// gone, or a database that does not answer, gives an empty frame, which screens ignore (they
/// keep what they show and catch up later).
pub async fn frame(db: &Db, id: i64) -> Frame {
    match room(db, id).await {
        Ok(Some(room)) => Frame {
            step: serde_json::to_string(&for_phones(&room)).unwrap_or_default(),
            room: serde_json::to_string(&room).unwrap_or_default(),
        },
        Ok(None) => Frame::default(),
        Err(error) => {
            tracing::warn!(?error, workshop = id, "could not build a live frame");
            Frame::default()
        }
    }
}
