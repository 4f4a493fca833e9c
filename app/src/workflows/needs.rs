//! What needs me (server only): for one person, across the processes they take part in,
//! votes open to them that they have not cast, replies in threads they started, verdicts on
//! their amendments; for drafters, amendments waiting for a verdict; for facilitators, the
//! moderation queue and decisions that close by hand. Each can be marked done.

use std::collections::BTreeMap;

use crate::domain::calendar::long_date;
use crate::domain::constituency::counted;
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
    let person = viewer.person;
    let memberships = crate::store::memberships::processes_of(db, person)
        .await
        .map_err(unexpected("reading memberships"))?;
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
    let mut out = Vec::new();
    let mut claims: BTreeMap<i64, Vec<crate::domain::Constituency>> = BTreeMap::new();
    for (process, need, eligible) in needs::votes_to_cast(db, person, now)
        .await
        .map_err(unexpected("reading open votes"))?
    {
        if !may(process, ProcessAction::Vote) {
            continue;
        }
        if let std::collections::btree_map::Entry::Vacant(slot) = claims.entry(process) {
            let mine =
                crate::store::constituency_claims::claims_of(db, ProcessId::new(process), person)
                    .await
                    .map_err(unexpected("reading constituencies"))?;
            slot.insert(counted(&mine));
        }
        if claims[&process].iter().any(|c| eligible.contains(c)) {
            out.push((process, need));
        }
    }
    out.extend(
        needs::replies(db, person)
            .await
            .map_err(unexpected("reading replies"))?,
    );
    out.extend(
        needs::verdicts(db, person)
            .await
            .map_err(unexpected("reading verdicts"))?,
    );
    for (process, need) in needs::documents_behind(db, person)
        .await
        .map_err(unexpected("reading documents read"))?
    {
        if may(process, ProcessAction::ReadDrafts) {
            out.push((process, need));
        }
    }
    for &process in roles.keys() {
        let id = ProcessId::new(process);
        if may(process, ProcessAction::DecideAmendments) {
            for need in needs::amendments_waiting(db, id)
                .await
                .map_err(unexpected("reading amendments"))?
            {
                out.push((process, need));
            }
        }
        if may(process, ProcessAction::Moderate) {
            let (waiting, latest) = needs::moderation_waiting(db, id)
                .await
                .map_err(unexpected("counting the moderation queue"))?;
            if let Some(latest) = latest.filter(|_| waiting > 0) {
                out.push((process, Need::Moderation { waiting, latest }));
            }
        }
        if may(process, ProcessAction::RunDecisions) {
            for need in needs::closed_by_hand(db, id)
                .await
                .map_err(unexpected("reading decisions"))?
            {
                out.push((process, need));
            }
        }
    }
    Ok(out)
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
    let all = all(&state.db, &viewer, crate::store::unix_now()).await?;
    let done = needs::done(&state.db, viewer.person)
        .await
        .map_err(unexpected("reading what was marked done"))?;
    let mut titles: BTreeMap<i64, String> = BTreeMap::new();
    // The same facts as the printed sheet, on the phone a person signed in with.
    let mut happening = Vec::new();
    for (process, _) in crate::store::memberships::processes_of(&state.db, viewer.person)
        .await
        .map_err(unexpected("reading memberships"))?
    {
        if titles.contains_key(&process.get()) {
            continue;
        }
        if let Some(found) = crate::store::processes::find(&state.db, process)
            .await
            .map_err(unexpected("reading a process"))?
        {
            let title = found.title.as_str().to_string();
            happening.push((title.clone(), crate::routes::happening(process)));
            titles.insert(process.get(), title);
        }
    }
    let mut items = Vec::new();
    for (process, need) in outstanding(&all, &done) {
        if let std::collections::btree_map::Entry::Vacant(slot) = titles.entry(*process) {
            let title = crate::store::processes::find(&state.db, ProcessId::new(*process))
                .await
                .map_err(unexpected("reading a process"))?
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
    let all = all(&state.db, &viewer, crate::store::unix_now()).await?;
    let done = needs::done(&state.db, viewer.person)
        .await
        .map_err(unexpected("reading what was marked done"))?;
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
