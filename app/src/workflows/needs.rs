//! What needs me (server only): for one person, across the processes they take part in,
//! votes open to them that they have not cast, replies in threads they started, verdicts on
//! their amendments; for drafters, amendments waiting for a verdict; for facilitators, the
//! moderation queue and decisions that close by hand. Each can be marked done.

use std::collections::BTreeMap;

use crate::cache::page_reads;
use crate::domain::calendar::long_date;
use crate::domain::needs::{Need, outstanding, parse_key};
use crate::domain::permissions::{ProcessAction, may_in_process};
use crate::domain::{ProcessId, ProcessRole, Viewer};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::needs;
use crate::views::needs::{NeedView, NeedsPage};
use crate::workflows::unexpected;

/// Everything waiting for `viewer` at `now`, marked done or not: (process, need). Email's
/// notices are read from the same list.
pub(crate) async fn all(
    db: &crate::store::Db,
    viewer: &Viewer,
    now: i64,
) -> Result<Vec<(i64, Need)>, AppError> {
    let memberships = crate::store::memberships::processes_of(db, viewer.person)
        .await
        .map_err(unexpected("reading memberships"))?;
    Ok(all_and_done(db, viewer, now, memberships).await?.0)
}

/// The processes `viewer` belongs to, with their roles: read once per page render, where
/// the page's own parts read them too.
async fn memberships_of(
    state: &AppState,
    viewer: &Viewer,
) -> Result<Vec<(ProcessId, ProcessRole)>, AppError> {
    let reads = state.page_reads.as_deref();
    page_reads::memberships_of(reads, &state.db, viewer.person)
        .await
        .map_err(unexpected("reading memberships"))
}

/// Process `id`, read once per page render.
async fn process_of(
    state: &AppState,
    id: ProcessId,
) -> Result<Option<crate::domain::ProcessSummary>, AppError> {
    page_reads::process(state.page_reads.as_deref(), &state.db, id)
        .await
        .map_err(unexpected("reading a process"))
}

/// [`all`], and the keys `viewer` marked done: one query besides the memberships, whatever
/// waits.
async fn all_and_done(
    db: &crate::store::Db,
    viewer: &Viewer,
    now: i64,
    memberships: Vec<(ProcessId, ProcessRole)>,
) -> Result<(Vec<(i64, Need)>, Vec<String>), AppError> {
    let person = viewer.person;
    let mut roles: BTreeMap<i64, Vec<ProcessRole>> = BTreeMap::new();
    for (process, role) in memberships {
        roles.entry(process.get()).or_default().push(role);
    }
    let may = |process: i64, action| {
        may_in_process(
            Some(viewer),
            roles.get(&process).map_or(&[][..], Vec::as_slice),
            action,
        )
        .is_ok()
    };
    let where_may = |action| -> Vec<ProcessId> {
        roles
            .keys()
            .filter(|p| may(**p, action))
            .map(|p| ProcessId::new(*p))
            .collect()
    };
    let by_role = needs::ByRole {
        decide_amendments: where_may(ProcessAction::DecideAmendments),
        moderate: where_may(ProcessAction::Moderate),
        run_decisions: where_may(ProcessAction::RunDecisions),
    };
    let waiting = needs::waiting(db, person, now, &by_role)
        .await
        .map_err(unexpected("reading what needs me"))?;
    let mut claims: BTreeMap<i64, Vec<crate::domain::Constituency>> = BTreeMap::new();
    for (process, c) in waiting.claims {
        claims.entry(process).or_default().push(c);
    }
    let mut out = Vec::new();
    for (process, need, eligible) in waiting.votes {
        let mine = claims.get(&process).map_or(&[][..], Vec::as_slice);
        if may(process, ProcessAction::Vote) && mine.iter().any(|c| eligible.contains(c)) {
            out.push((process, need));
        }
    }
    out.extend(waiting.replies);
    out.extend(waiting.verdicts);
    out.extend(
        waiting
            .behind
            .into_iter()
            .filter(|(process, _)| may(*process, ProcessAction::ReadDrafts)),
    );
    out.extend(waiting.by_role);
    Ok((out, waiting.done))
}

fn href(process: i64, need: &Need) -> String {
    let p = ProcessId::new(process);
    match need {
        Need::Vote { decision, .. } | Need::ReadyToClose { decision, .. } => {
            crate::routes::decision(p, *decision)
        }
        Need::Reply {
            comment,
            kind,
            section,
        } => crate::routes::at_comment(&crate::routes::discussion(p, *kind, *section), *comment),
        Need::Verdict {
            amendment, kind, ..
        }
        | Need::AmendmentWaiting { amendment, kind } => {
            crate::routes::amendment(p, *kind, *amendment)
        }
        Need::Moderation { .. } => crate::routes::moderation(p),
        Need::Changed { kind, read, latest } => format!(
            "{}?from={read}&to={latest}",
            crate::routes::compare(p, *kind)
        ),
    }
}

/// For a changed document: the headings of the sections that changed since it was read.
async fn changed_headings(
    state: &AppState,
    process: i64,
    kind: crate::domain::document::DocumentKind,
    read: u32,
    latest: u32,
) -> Result<Option<String>, AppError> {
    use crate::domain::document::version::VersionNumber;
    let p = ProcessId::new(process);
    let read_version = |n: u32| async move {
        match VersionNumber::new(n) {
            Some(n) => crate::store::documents::version(&state.db, p, kind, n)
                .await
                .map_err(unexpected("reading a version")),
            None => Ok(None),
        }
    };
    let (Some(old), Some(new)) = (read_version(read).await?, read_version(latest).await?) else {
        return Ok(None);
    };
    let headings: Vec<String> = crate::domain::document::diff::compare(&old.content, &new.content)
        .into_iter()
        .filter(|s| !s.is_unchanged())
        .map(|s| format!("“{}”", s.heading))
        .collect();
    Ok((!headings.is_empty()).then(|| format!("Sections changed: {}", headings.join(", "))))
}

/// The page: what is waiting and not marked done.
pub async fn page(state: &AppState, viewer: Viewer) -> Result<NeedsPage, AppError> {
    let memberships = memberships_of(state, &viewer).await?;
    let (all, done) = all_and_done(
        &state.db,
        &viewer,
        crate::store::unix_now(),
        memberships.clone(),
    )
    .await?;
    let mut titles: BTreeMap<i64, String> = BTreeMap::new();
    // The same facts as the printed sheet, on the phone a person signed in with.
    let mut happening = Vec::new();
    for (process, _) in memberships {
        if titles.contains_key(&process.get()) {
            continue;
        }
        if let Some(found) = process_of(state, process).await? {
            let title = found.title.as_str().to_string();
            happening.push((title.clone(), crate::routes::happening(process)));
            titles.insert(process.get(), title);
        }
    }
    let mut items = Vec::new();
    for (process, need) in outstanding(&all, &done) {
        if let std::collections::btree_map::Entry::Vacant(slot) = titles.entry(*process) {
            let title = process_of(state, ProcessId::new(*process))
                .await?
                .map_or_else(String::new, |p| p.title.as_str().to_string());
            slot.insert(title);
        }
        let detail = match need {
            Need::Changed { kind, read, latest } => {
                changed_headings(state, *process, *kind, *read, *latest).await?
            }
            _ => None,
        };
        items.push(NeedView {
            detail,
            key: need.key(*process),
            process: titles[process].clone(),
            words: need.words(),
            href: href(*process, need),
            when: match need {
                Need::Vote {
                    closes_at: Some(t), ..
                } => Some(format!("Closes on {}", long_date(*t))),
                _ => None,
            },
        });
    }
    Ok(NeedsPage { items, happening })
}

/// How many things are waiting (for the count in the header).
pub async fn count(state: &AppState, viewer: Viewer) -> Result<u32, AppError> {
    let memberships = memberships_of(state, &viewer).await?;
    let (all, done) =
        all_and_done(&state.db, &viewer, crate::store::unix_now(), memberships).await?;
    Ok(u32::try_from(outstanding(&all, &done).count()).unwrap_or(u32::MAX))
}

/// Marks `raw` (a key from the page) done for `viewer`.
pub async fn mark_done(state: &AppState, viewer: Viewer, raw: &str) -> Result<(), AppError> {
    let key = parse_key(raw).ok_or_else(|| {
        crate::forms::refusal(
            "item",
            "That is not something on your list. Please reload the page.",
        )
    })?;
    needs::mark_done(&state.db, viewer.person, &key, crate::store::unix_now())
        .await
        .map_err(unexpected("marking done"))
}
