//! Commitments after ratification ("You said, we did"): commissioners and process
//! administrators make them on sections of the ratified version in force and report how they
//! stand; anyone can read them, print them and download them as CSV.

use crate::domain::PersonId;
use crate::domain::calendar::Day;
use crate::domain::commitment::{CommitmentUpdate, NewCommitment, UpdateComment, is_overdue};
use crate::domain::document::{DocumentKind, SectionKey};
use crate::domain::permissions::ProcessAction;
use crate::error::AppError;
use crate::store::commitments::{self, StoredCommitment, StoredUpdate};
use crate::store::{documents, ratifications};
use crate::views::commitments::{
    CommitmentView, CommitmentsPage, RatifiedDocument, UpdateCommentView, UpdateView,
};
use crate::workflows::{ProcessContext, unexpected};

/// The ratification in force of `kind`, if the document was ratified.
async fn in_force(
    cx: &ProcessContext,
    kind: DocumentKind,
) -> Result<Option<ratifications::StoredRatification>, AppError> {
    Ok(ratifications::of_document(cx.db(), cx.id(), kind)
        .await
        .map_err(unexpected("reading ratifications"))?
        .into_iter()
        .next())
}

/// Each ratified document's version in force and its sections.
async fn ratified_documents(cx: &ProcessContext) -> Result<Vec<RatifiedDocument>, AppError> {
    let mut out = Vec::new();
    for kind in DocumentKind::ALL {
        let Some(r) = in_force(cx, kind).await? else {
            continue;
        };
        let version = documents::version(cx.db(), cx.id(), kind, r.number)
            .await
            .map_err(unexpected("reading a version"))?
            .ok_or(AppError::Unexpected)?;
        out.push(RatifiedDocument {
            kind,
            version: r.number.get(),
            sections: version
                .content
                .sections()
                .iter()
                .map(|s| (s.key.get(), s.heading.as_str().to_string()))
                .collect(),
        });
    }
    Ok(out)
}

fn view(
    c: &StoredCommitment,
    updates: &[StoredUpdate],
    comments: &[(i64, UpdateCommentView)],
    documents: &[RatifiedDocument],
    today: Day,
) -> CommitmentView {
    let heading = documents
        .iter()
        .filter(|d| d.kind == c.kind)
        .flat_map(|d| d.sections.iter())
        .find(|(k, _)| *k == c.section.get())
        .map_or_else(
            || "A section no longer in force".to_string(),
            |(_, h)| h.clone(),
        );
    CommitmentView {
        id: c.id,
        kind: c.kind,
        section: c.section.get(),
        section_heading: heading,
        what: c.what.clone(),
        responsible: c.responsible.clone(),
        measure: c.measure.clone(),
        due_iso: c.due.iso(),
        due_long: c.due.long(),
        status: c.status,
        overdue: is_overdue(c.status, c.due, today),
        updates: updates
            .iter()
            .filter(|u| u.commitment == c.id)
            .map(|u| UpdateView {
                id: u.id,
                status: u.status,
                note: u.note.clone(),
                at: u.at,
                comments: comments
                    .iter()
                    .filter(|m| m.0 == u.id)
                    .map(|m| m.1.clone())
                    .collect(),
            })
            .collect(),
    }
}

/// Every commitment of the process with where it stands, for anyone.
pub async fn page(cx: &ProcessContext) -> Result<CommitmentsPage, AppError> {
    let documents = ratified_documents(cx).await?;
    let stored = commitments::of_process(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading commitments"))?;
    let updates = commitments::updates_of_process(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading commitments"))?;
    let comments = comment_views(cx).await?;
    let today = Day::of(crate::store::unix_now());
    Ok(CommitmentsPage {
        commitments: stored
            .iter()
            .map(|c| view(c, &updates, &comments, &documents, today))
            .collect(),
        documents,
        may_manage: cx.may(ProcessAction::ManageCommitments),
        may_comment: cx.may(ProcessAction::Comment),
        may_moderate: cx.may(ProcessAction::Moderate),
        process: cx.process.clone(),
    })
}

/// The comments on the process's updates, each author as they chose to appear to this
/// reader (only the authors' profiles are read).
async fn comment_views(cx: &ProcessContext) -> Result<Vec<(i64, UpdateCommentView)>, AppError> {
    let stored = commitments::comments_of_process(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading comments on commitments"))?;
    let mut authors: Vec<PersonId> = stored.iter().filter_map(|c| c.author).collect();
    authors.sort_unstable_by_key(|p| p.get());
    authors.dedup();
    let profiles: std::collections::HashMap<PersonId, crate::domain::Profile> =
        crate::store::people::profiles_of(cx.db(), cx.id(), &authors)
            .await
            .map_err(unexpected("reading who commented"))?
            .into_iter()
            .collect();
    let audience = cx.audience();
    Ok(stored
        .into_iter()
        .map(|c| {
            let by = c.author.and_then(|a| profiles.get(&a)).map_or_else(
                || "someone who no longer takes part".to_string(),
                |p| p.byline(audience),
            );
            (
                c.update,
                UpdateCommentView {
                    id: c.id,
                    by,
                    body: (!c.hidden).then_some(c.body),
                    at: c.at,
                },
            )
        })
        .collect())
}

/// A comment by someone taking part on update `update` of one of the process's commitments.
pub async fn comment(
    cx: &ProcessContext,
    update: i64,
    body: UpdateComment,
) -> Result<i64, AppError> {
    let viewer = cx.require(ProcessAction::Comment, "comment on a commitment")?;
    if !commitments::update_in_process(cx.db(), cx.id(), update)
        .await
        .map_err(unexpected("reading a commitment"))?
    {
        return Err(AppError::NotFound("that update".into()));
    }
    let now = crate::store::unix_now();
    crate::workflows::limits::check_comment_rate(cx.db(), viewer.person, now).await?;
    commitments::add_comment(cx.db(), update, viewer.person, &body, now)
        .await
        .map_err(unexpected("saving a comment on a commitment"))
}

/// A facilitator hides comment `id` (it stays stored, shown as hidden).
pub async fn hide_comment(cx: &ProcessContext, id: i64) -> Result<(), AppError> {
    cx.require(ProcessAction::Moderate, "hide a comment on a commitment")?;
    if !commitments::hide_comment(cx.db(), cx.id(), id, crate::store::unix_now())
        .await
        .map_err(unexpected("hiding a comment"))?
    {
        return Err(AppError::NotFound("that comment".into()));
    }
    Ok(())
}

/// A commitment on section `section` of `kind`'s ratified version in force.
pub async fn add(
    cx: &ProcessContext,
    kind: DocumentKind,
    section: u32,
    new: NewCommitment,
) -> Result<i64, AppError> {
    let person = cx.require(ProcessAction::ManageCommitments, "make a commitment")?;
    let r = in_force(cx, kind).await?.ok_or_else(|| {
        AppError::Conflict(
            "This document has not been ratified yet: commitments are made on a ratified version."
                .into(),
        )
    })?;
    let version = documents::version(cx.db(), cx.id(), kind, r.number)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or(AppError::Unexpected)?;
    let key = SectionKey::new(section);
    if version.content.section(key).is_none() {
        return Err(crate::forms::refusal(
            "section",
            "Please choose a section of the ratified version.",
        ));
    }
    let id = commitments::insert(
        cx.db(),
        cx.id(),
        r.id,
        r.decision,
        key,
        &new,
        person.person,
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("making a commitment"))?;
    cx.state.live.public_pages_changed().await;
    Ok(id)
}

/// A new status for commitment `id`, with its note.
pub async fn update(
    cx: &ProcessContext,
    id: i64,
    update: CommitmentUpdate,
) -> Result<(), AppError> {
    let person = cx.require(ProcessAction::ManageCommitments, "report on a commitment")?;
    let commitment = commitments::find(cx.db(), cx.id(), id)
        .await
        .map_err(unexpected("reading a commitment"))?
        .ok_or_else(|| AppError::NotFound("that commitment".into()))?;
    let ratification = ratifications::of_document(cx.db(), cx.id(), commitment.kind)
        .await
        .map_err(unexpected("reading ratifications"))?
        .into_iter()
        .find(|r| r.id == commitment.ratification)
        .ok_or(AppError::Unexpected)?;
    commitments::update(
        cx.db(),
        &commitment,
        ratification.decision,
        &update,
        person.person,
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("reporting on a commitment"))?;
    cx.state.live.public_pages_changed().await;
    Ok(())
}

/// Every commitment as CSV for a spreadsheet: one row each, with its latest status and its
/// updates in one cell, oldest first.
pub async fn csv(cx: &ProcessContext) -> Result<String, AppError> {
    use crate::domain::decision::export::csv_line;
    let page = page(cx).await?;
    let header: Vec<String> = [
        "Document",
        "Section",
        "What will change",
        "Who is responsible",
        "How we will see it",
        "By when",
        "Status",
        "Overdue",
        "Updates",
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    let mut out = csv_line(&header);
    for c in &page.commitments {
        let updates: Vec<String> = c
            .updates
            .iter()
            .map(|u| {
                format!(
                    "{} {}{}",
                    crate::domain::calendar::iso_date(u.at),
                    u.status.label(),
                    u.note
                        .as_ref()
                        .map_or_else(String::new, |n| format!(": {n}"))
                )
            })
            .collect();
        out.push_str(&csv_line(&[
            c.kind.title().to_string(),
            c.section_heading.clone(),
            c.what.clone(),
            c.responsible.clone(),
            c.measure.clone(),
            c.due_iso.clone(),
            c.status.label().to_string(),
            if c.overdue { "yes" } else { "no" }.to_string(),
            updates.join("; "),
        ]));
    }
    Ok(out)
}
