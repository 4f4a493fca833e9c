//! `GET /read/{process}/{kind}`: the published version of a document, for anyone.
//!
//! The page is the same for every reader and a publication never changes, so each is
//! built once and kept in memory, and served with a strong ETag (`If-None-Match` gets 304).
//! Which page is current (the publication, the comment setting and the newest ratification,
//! one indexed read) is remembered too, until anything that changes a public page is
//! announced (`LiveHub::public_pages_changed`, heard by every instance through PostgreSQL
//! `NOTIFY`), so several instances behind a load balancer agree as soon as something is
//! published. While an instance is not listening (its connection dropped) it remembers
//! nothing and asks the database each time; and nothing is remembered longer than
//! [`REMEMBER_CURRENT`], in case a change was ever not announced.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use app::domain::ProcessId;
use app::domain::document::DocumentKind;
use app::domain::document::easy_read::Reading;
use app::domain::document::render::document_html;
use app::domain::document::version::PublicationStatus;
use app::state::AppState;
use app::store::{documents, ratifications};
use app::ui::published::{PublishedPage, render_page};
use app::workflows::decisions::ratified::block;

/// One built page: plain and gzipped (compressing per request would cost more than serving).
#[derive(Clone)]
struct BuiltPage {
    etag: HeaderValue,
    gzip_etag: HeaderValue,
    body: Bytes,
    gzip_body: Bytes,
}

/// Built pages by what they show (the publication, the comment setting, the ratification in
/// force). Bounded: cleared when full (pages are cheap to rebuild).
pub struct PublishedPages {
    stylesheet_link: String,
    /// Part of every ETag, so a new build (new stylesheet) never matches an old copy.
    build_tag: String,
    pages: RwLock<HashMap<String, BuiltPage>>,
    /// Which page is current, by process and document, with the public-pages generation it
    /// was read under and when.
    current: RwLock<HashMap<(i64, DocumentKind), Remembered>>,
}

#[derive(Clone)]
struct Remembered {
    generation: u64,
    at: std::time::Instant,
    key: Option<documents::PublicPageKey>,
}

/// The longest a remembered "current page" is trusted, announced changes or not.
pub const REMEMBER_CURRENT: std::time::Duration = std::time::Duration::from_secs(30);

const MAX_CACHED_PAGES: usize = 256;

impl PublishedPages {
    pub fn new(stylesheet_link: String) -> Arc<Self> {
        let build_tag = format!("{:08x}", fnv1a(stylesheet_link.as_bytes()) as u32);
        Arc::new(Self {
            stylesheet_link,
            build_tag,
            pages: RwLock::new(HashMap::new()),
            current: RwLock::new(HashMap::new()),
        })
    }

    /// Which page of `kind` of `process` is current: remembered, or read (one indexed read).
    async fn current(
        &self,
        state: &AppState,
        process: ProcessId,
        kind: DocumentKind,
    ) -> Result<Option<documents::PublicPageKey>, app::store::StoreError> {
        // Read before the database, so a change announced during the read makes this
        // answer stale at once.
        let generation = state.live.public_generation();
        if let Some(generation) = generation
            && let Some(hit) = self
                .current
                .read()
                .ok()
                .and_then(|c| c.get(&(process.get(), kind)).cloned())
            && hit.generation == generation
            && hit.at.elapsed() < REMEMBER_CURRENT
        {
            return Ok(hit.key);
        }
        let key = documents::public_page_key(&state.db, process, kind).await?;
        if let Some(generation) = generation
            && let Ok(mut current) = self.current.write()
        {
            if current.len() >= MAX_CACHED_PAGES {
                current.clear();
            }
            current.insert(
                (process.get(), kind),
                Remembered {
                    generation,
                    at: std::time::Instant::now(),
                    key: key.clone(),
                },
            );
        }
        Ok(key)
    }

    fn cached(&self, key: &str) -> Option<BuiltPage> {
        self.pages.read().ok()?.get(key).cloned()
    }

    fn keep(&self, key: String, page: BuiltPage) {
        if let Ok(mut pages) = self.pages.write() {
            if pages.len() >= MAX_CACHED_PAGES {
                pages.clear();
            }
            pages.insert(key, page);
        }
    }
}

fn gzip(body: &[u8]) -> std::io::Result<Bytes> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(body)?;
    Ok(Bytes::from(encoder.finish()?))
}

fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            name.eq_ignore_ascii_case("gzip") && !refused
        })
}

/// A small stable hash for the build tag (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100000001b3)
    })
}

/// `?read=easy` asks for the easy read; anything else but `full` is refused (see
/// [`unknown_reading`]).
fn reading(query: &HashMap<String, String>) -> Option<Reading> {
    Reading::from_query(query.get("read").map(String::as_str))
}

fn unknown_reading() -> Response {
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "The address asks for a text that does not exist: “read” can be “easy” or “full”.",
    )
        .into_response()
}

/// The sections' HTML for `reading`: the full text as rendered when it was published, or the
/// easy read, rendered from the same (immutable) version.
async fn sections_html(
    state: &AppState,
    process: ProcessId,
    kind: DocumentKind,
    publication: i64,
    number: app::domain::document::version::VersionNumber,
    reading: Reading,
) -> Result<Option<String>, app::store::StoreError> {
    match reading {
        Reading::Full => documents::publication_html(&state.db, publication).await,
        Reading::Easy => {
            let glossary = app::store::word_lists::of_process(&state.db, process)
                .await?
                .glossary;
            Ok(documents::version(&state.db, process, kind, number)
                .await?
                .map(|v| document_html(&v.content, Reading::Easy, &glossary)))
        }
    }
}

/// The part of a built page's key (and so its ETag) for the reader's text size and contrast.
fn comfort_key(class: &str) -> String {
    if class.is_empty() {
        String::new()
    } else {
        format!("-{}", class.replace(' ', "-"))
    }
}

/// The commitments on a ratified version, with its sections' headings.
async fn commitment_lines(
    state: &AppState,
    process: ProcessId,
    kind: DocumentKind,
    ratification: &ratifications::StoredRatification,
    today: app::domain::calendar::Day,
) -> Result<Vec<app::ui::published::CommitmentLine>, app::store::StoreError> {
    let stored = app::store::commitments::of_ratification(&state.db, ratification.id).await?;
    if stored.is_empty() {
        return Ok(Vec::new());
    }
    let version = documents::version(&state.db, process, kind, ratification.number).await?;
    let heading = |key| {
        version
            .as_ref()
            .and_then(|v| v.content.section(key))
            .map_or_else(String::new, |s| s.heading.as_str().to_string())
    };
    Ok(stored
        .iter()
        .map(|c| app::ui::published::CommitmentLine {
            section: c.section.get(),
            section_heading: heading(c.section),
            what: c.what.clone(),
            responsible: c.responsible.clone(),
            measure: c.measure.clone(),
            due: c.due,
            status: c.status,
            overdue: app::domain::commitment::is_overdue(c.status, c.due, today),
        })
        .collect())
}

fn not_published() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "This document has not been published. It may still be being drafted.",
    )
        .into_response()
}

/// 503 "nothing was changed, try again" during an outage, 500 otherwise.
fn unexpected(doing: &'static str) -> impl Fn(app::store::StoreError) -> Response {
    move |error| app::workflows::unexpected(doing)(error).into_response()
}

fn matches(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|candidate| {
            let candidate = candidate.trim();
            candidate == "*" || candidate.as_bytes() == etag.as_bytes()
        })
}

fn server_error() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side. Please try again.",
    )
        .into_response()
}

/// A page with its tags and gzipped body; `None` if a tag could not be made.
fn built(tag: &str, body: String) -> Option<BuiltPage> {
    let (Ok(etag), Ok(gzip_etag), Ok(gzip_body)) = (
        HeaderValue::from_str(&format!("\"{tag}\"")),
        // Each encoding is its own representation, so it has its own strong tag.
        HeaderValue::from_str(&format!("\"{tag}-gz\"")),
        gzip(body.as_bytes()),
    ) else {
        tracing::error!("could not build a public page's tags or gzip body");
        return None;
    };
    Some(BuiltPage {
        etag,
        gzip_etag,
        body: Bytes::from(body),
        gzip_body,
    })
}

pub async fn read(
    State(state): State<AppState>,
    State(pages): State<Arc<PublishedPages>>,
    Path((process, kind)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let (Some(process), Some(kind)) = (ProcessId::parse(&process), DocumentKind::from_slug(&kind))
    else {
        return not_published();
    };
    let Some(reading) = reading(&query) else {
        return unknown_reading();
    };
    let comfort = app::auth::cookie::comfort(&headers).html_class();
    // One indexed read says which page is current; a built copy of it is served from memory.
    let current = match pages.current(&state, process, kind).await {
        Ok(Some(current)) => current,
        Ok(None) => return not_published(),
        Err(e) => return unexpected("reading a publication")(e),
    };
    let (publication, public_comments) = (current.publication, current.public_comments);
    let today = app::domain::calendar::Day::of(app::store::unix_now());
    let now = (!current.timeline.is_empty()).then(|| current.timeline.now(today));
    // What the page shows besides the publication: the link to comment, and the
    // ratification in force. Each combination has its own copy.
    let key = format!(
        "p{}-{}-c{}-r{}{}{}-t{:x}-d{}",
        publication.id,
        publication.etag,
        u8::from(public_comments),
        current.newest_ratification.unwrap_or(0),
        if reading == Reading::Easy {
            "-easy"
        } else {
            ""
        },
        comfort_key(&comfort),
        // The timeline, and where it stands today, are on the page too.
        fnv1a(current.timeline.text().as_bytes()),
        today.get(),
    );
    let page = match pages.cached(&key) {
        Some(hit) => hit,
        None => {
            let ratifications = match ratifications::of_document(&state.db, process, kind).await {
                Ok(all) => all,
                Err(e) => return unexpected("reading ratifications")(e),
            };
            let html = match sections_html(
                &state,
                process,
                kind,
                publication.id,
                publication.number,
                reading,
            )
            .await
            {
                Ok(Some(html)) => html,
                Ok(None) => return not_published(),
                Err(e) => return unexpected("reading a publication")(e),
            };
            let title = match app::store::processes::find(&state.db, process).await {
                Ok(Some(p)) => p.title.as_str().to_string(),
                Ok(None) => return not_published(),
                Err(e) => return unexpected("reading a process")(e),
            };
            let this = ratifications
                .iter()
                .find(|r| r.publication == publication.id);
            let block = match this {
                Some(r) => match block(&state, r, &ratifications).await {
                    Ok(b) => Some(b),
                    Err(e) => return unexpected("reading a ratification")(e),
                },
                None => None,
            };
            let body = render_page(
                &PublishedPage {
                    process_id: process.get(),
                    process_title: &title,
                    kind,
                    number: publication.number.get(),
                    status: publication.status,
                    published_at: publication.published_at,
                    body_html: &html,
                    reading,
                    path: &app::routes::public_document(process.get(), kind),
                    html_class: &comfort,
                    commitments: &[],
                    now: now.as_ref(),
                    public_comments,
                    ratification: block.as_ref(),
                    ratified_elsewhere: this.is_none().then(|| ratifications.first()).flatten(),
                    ratifications: &ratifications,
                },
                &pages.stylesheet_link,
            );
            let Some(page) = built(&format!("{key}-{}", pages.build_tag), body) else {
                return server_error();
            };
            pages.keep(key, page.clone());
            page
        }
    };
    serve(page, &headers)
}

/// Sends a built page, or 304 when the reader's copy is current.
fn serve(page: BuiltPage, headers: &HeaderMap) -> Response {
    let gzipped = accepts_gzip(headers);
    let (etag, body) = if gzipped {
        (page.gzip_etag, page.gzip_body)
    } else {
        (page.etag, page.body)
    };
    // Readers may keep a copy but must ask again each time: a newer version may be published.
    let cache_control = HeaderValue::from_static("public, no-cache");
    // The reader's text size and contrast (a cookie) change the page too.
    let vary = HeaderValue::from_static("Accept-Encoding, Cookie");
    if matches(headers, &etag) {
        return (
            StatusCode::NOT_MODIFIED,
            [
                (header::ETAG, etag),
                (header::CACHE_CONTROL, cache_control),
                (header::VARY, vary),
            ],
        )
            .into_response();
    }
    let mut response = (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::ETAG, etag),
            (header::CACHE_CONTROL, cache_control),
            (header::VARY, vary),
        ],
        body,
    )
        .into_response();
    if gzipped {
        // Already compressed: the compression layer leaves a response with an encoding alone.
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    response
}

/// `GET /read/{process}/{kind}/ratified`: the ratified version in force, with how it was
/// ratified and every ratification of the document.
pub async fn read_ratified(
    State(state): State<AppState>,
    State(pages): State<Arc<PublishedPages>>,
    Path((process, kind)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    match reading(&query) {
        Some(reading) => {
            ratified_page(&state, &pages, &process, &kind, None, reading, &headers).await
        }
        None => unknown_reading(),
    }
}

/// `GET /read/{process}/{kind}/ratified.json`: the ratified version in force as open data,
/// with its commitments and the decision's result as the public page shows it.
pub async fn ratified_json(
    State(state): State<AppState>,
    Path((process, kind)): Path<(String, String)>,
) -> Response {
    let (Some(process), Some(kind)) = (ProcessId::parse(&process), DocumentKind::from_slug(&kind))
    else {
        return not_ratified();
    };
    match app::workflows::decisions::ratified_export::export(&state, process, kind).await {
        Ok(Some(export)) => (
            [(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!(
                    "attachment; filename=\"process-{}-{}-ratified.json\"",
                    process.get(),
                    kind.slug()
                ))
                .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
            )],
            axum::Json(export),
        )
            .into_response(),
        Ok(None) => not_ratified(),
        Err(e) => unexpected("reading a ratification")(e),
    }
}

/// `GET /read/{process}/{kind}/ratified.docx`: the ratified version in force as a Word
/// document for board papers: its text, commitments, result by constituency and annex.
pub async fn ratified_docx(
    State(state): State<AppState>,
    Path((process, kind)): Path<(String, String)>,
) -> Response {
    let (Some(process), Some(kind)) = (ProcessId::parse(&process), DocumentKind::from_slug(&kind))
    else {
        return not_ratified();
    };
    let export =
        match app::workflows::decisions::ratified_export::export(&state, process, kind).await {
            Ok(Some(export)) => export,
            Ok(None) => return not_ratified(),
            Err(e) => return unexpected("reading a ratification")(e),
        };
    match app::ui::board_paper::docx(&export) {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    ),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_str(&format!(
                        "attachment; filename=\"process-{}-{}-ratified.docx\"",
                        process.get(),
                        kind.slug()
                    ))
                    .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "writing a board paper");
            server_error()
        }
    }
}

/// `GET /read/{process}/{kind}/ratified/{id}`: any ratification, in force or superseded.
pub async fn read_ratification(
    State(state): State<AppState>,
    State(pages): State<Arc<PublishedPages>>,
    Path((process, kind, id)): Path<(String, String, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return not_ratified();
    };
    match reading(&query) {
        Some(reading) => {
            ratified_page(&state, &pages, &process, &kind, Some(id), reading, &headers).await
        }
        None => unknown_reading(),
    }
}

fn not_ratified() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "This document has not been ratified.",
    )
        .into_response()
}

async fn ratified_page(
    state: &AppState,
    pages: &PublishedPages,
    process: &str,
    kind: &str,
    id: Option<i64>,
    reading: Reading,
    headers: &HeaderMap,
) -> Response {
    let (Some(process), Some(kind)) = (ProcessId::parse(process), DocumentKind::from_slug(kind))
    else {
        return not_ratified();
    };
    let all = match ratifications::of_document(&state.db, process, kind).await {
        Ok(all) => all,
        Err(e) => return unexpected("reading ratifications")(e),
    };
    let shown = match id {
        None => all.first(),
        Some(id) => all.iter().find(|r| r.id == id),
    };
    let Some(shown) = shown else {
        return not_ratified();
    };
    // A ratification never changes; only a newer one (which supersedes it) alters the page.
    let comfort = app::auth::cookie::comfort(headers).html_class();
    // Commitments change the page too (and whether one is overdue changes with the day).
    let latest_update = match app::store::commitments::latest_update(&state.db, shown.id).await {
        Ok(id) => id,
        Err(e) => return unexpected("reading commitments")(e),
    };
    // So does the minority statement, as it is written and signed.
    let statement = match app::store::minority::changes_of(&state.db, shown.decision).await {
        Ok(changes) => changes,
        Err(e) => return unexpected("reading the minority statement")(e),
    };
    let today = app::domain::calendar::Day::of(app::store::unix_now());
    let key = format!(
        "r{}-in-force{}-{}{}{}-c{latest_update}-m{statement}-d{}",
        shown.id,
        all.first().map_or(0, |r| r.id),
        pages.build_tag,
        if reading == Reading::Easy {
            "-easy"
        } else {
            ""
        },
        comfort_key(&comfort),
        today.get(),
    );
    if let Some(page) = pages.cached(&key) {
        return serve(page, headers);
    }
    let (html, title, block) = match (
        sections_html(
            state,
            process,
            kind,
            shown.publication,
            shown.number,
            reading,
        )
        .await,
        app::store::processes::find(&state.db, process).await,
        block(state, shown, &all).await,
    ) {
        (Ok(Some(html)), Ok(Some(p)), Ok(block)) => (html, p.title.as_str().to_string(), block),
        (Ok(None), _, _) | (_, Ok(None), _) => return not_ratified(),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            return unexpected("reading a ratification")(e);
        }
    };
    let commitments = match commitment_lines(state, process, kind, shown, today).await {
        Ok(lines) => lines,
        Err(e) => return unexpected("reading commitments")(e),
    };
    let body = render_page(
        &PublishedPage {
            process_id: process.get(),
            process_title: &title,
            kind,
            number: shown.number.get(),
            status: PublicationStatus::Ratified,
            published_at: shown.ratified_at,
            body_html: &html,
            reading,
            path: &app::ui::published::ratification_path(process.get(), kind, id),
            html_class: &comfort,
            commitments: &commitments,
            now: None,
            public_comments: false,
            ratification: Some(&block),
            ratified_elsewhere: None,
            ratifications: &all,
        },
        &pages.stylesheet_link,
    );
    let Some(page) = built(&key, body) else {
        return server_error();
    };
    pages.keep(key, page.clone());
    serve(page, headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_is_used_only_when_accepted() {
        let mut headers = HeaderMap::new();
        assert!(!accepts_gzip(&headers));
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("br, gzip;q=0.8"),
        );
        assert!(accepts_gzip(&headers));
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip;q=0, br"),
        );
        assert!(!accepts_gzip(&headers));
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("identity"),
        );
        assert!(!accepts_gzip(&headers));
    }

    #[test]
    fn if_none_match_accepts_lists_and_star() {
        let etag = HeaderValue::from_static("\"p1-abc-0\"");
        let mut headers = HeaderMap::new();
        assert!(!matches(&headers, &etag));
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"x\", \"p1-abc-0\""),
        );
        assert!(matches(&headers, &etag));
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("W/\"p1-abc-0\""),
        );
        assert!(
            !matches(&headers, &etag),
            "a weak tag is not a strong match"
        );
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(matches(&headers, &etag));
    }
}
