//! Documents over HTTP: starting, saving sections, clashes and merging, history, comparing,
//! publishing, and the public page with its ETag.

use app::domain::document::diff::SectionStatus;
use app::error::AppError;
use app::views::documents::ComparePage;
use app::views::documents::ConflictPage;
use app::views::documents::DocumentPage;
use app::views::documents::HistoryPage;
use app::views::documents::SaveOutcome;
use app::views::documents::VersionPage;

use crate::harness::{TestApp, error_of, field_message, new_client};
use crate::on_both_databases;

/// A process with its definition started from the template, and a drafter's browser.
async fn started(app: &TestApp) -> (String, reqwest::Client) {
    let (p, mut drafters) = started_with_drafters(app, 1).await;
    (p, drafters.remove(0))
}

/// A process with its definition started from the template, and `n` drafters' browsers.
pub(crate) async fn started_with_drafters(
    app: &TestApp,
    n: usize,
) -> (String, Vec<reqwest::Client>) {
    app.sign_in_as_admin().await;
    let process = app.create_process("Documents", "Drafting together.").await;
    let p = process.to_string();
    let started = app
        .call(
            "documents/start",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("start_from", "template"),
            ],
        )
        .await;
    assert_eq!(
        started.status(),
        200,
        "{}",
        started.text().await.unwrap_or_default()
    );
    let batch = app.make_codes(process, n).await;
    let mut drafters = Vec::new();
    for code in &batch.unused {
        let drafter = app.join(code.as_str()).await;
        let id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM people")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        let made = app
            .call(
                "members/role",
                &[
                    ("process_id", &p),
                    ("person_id", &id.to_string()),
                    ("role", "drafter"),
                    ("change", "add"),
                ],
            )
            .await;
        assert_eq!(made.status(), 200);
        drafters.push(drafter);
    }
    (p, drafters)
}

async fn page(app: &TestApp, client: &reqwest::Client, p: &str) -> DocumentPage {
    app.call_with(
        client,
        "documents/page",
        &[("process_id", p), ("kind", "definition")],
    )
    .await
    .json()
    .await
    .expect("a document page")
}

pub(crate) async fn save(
    app: &TestApp,
    client: &reqwest::Client,
    p: &str,
    key: u32,
    base: u32,
    heading: &str,
    body: &str,
) -> reqwest::Response {
    app.call_with(
        client,
        "documents/save-section",
        &[
            ("process_id", p),
            ("kind", "definition"),
            ("key", &key.to_string()),
            ("base", &base.to_string()),
            ("heading", heading),
            ("body", body),
            ("summary", "A change"),
        ],
    )
    .await
}

async fn outcome(response: reqwest::Response) -> SaveOutcome {
    assert_eq!(response.status(), 200);
    response.json().await.expect("a save outcome")
}

async fn a_document_starts_from_the_template_and_keeps_every_version(app: TestApp) {
    let (p, drafter) = started(&app).await;
    let first = page(&app, &drafter, &p).await;
    let v1 = first.shown.expect("version 1");
    assert_eq!(v1.meta.number, 1);
    assert!(
        v1.sections.len() >= 10,
        "the template has a section per theme"
    );
    assert!(v1.sections.iter().any(|s| s.heading == "Hope"));
    assert!(first.may.edit && !first.may.publish);

    let again = app
        .call(
            "documents/start",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("start_from", "blank"),
            ],
        )
        .await;
    assert_eq!(
        again.status(),
        409,
        "a started document is not started twice"
    );

    let key = v1.sections[0].key;
    let saved = outcome(
        save(
            &app,
            &drafter,
            &p,
            key,
            1,
            "What recovery means here",
            "Recovery is **ours**.",
        )
        .await,
    )
    .await;
    assert_eq!(saved, SaveOutcome::Saved { number: 2 });
    let unchanged = outcome(
        save(
            &app,
            &drafter,
            &p,
            key,
            2,
            "What recovery means here",
            "Recovery is **ours**.",
        )
        .await,
    )
    .await;
    assert_eq!(
        unchanged,
        SaveOutcome::NothingChanged,
        "saving the same text makes no version"
    );

    let latest = page(&app, &drafter, &p).await.shown.unwrap();
    assert_eq!(latest.meta.number, 2);
    assert!(latest.sections[0].html.contains("<strong>ours</strong>"));

    let history: HistoryPage = app
        .call_with(
            &drafter,
            "documents/history",
            &[("process_id", &p), ("kind", "definition")],
        )
        .await
        .json()
        .await
        .unwrap();
    let numbers: Vec<u32> = history.versions.iter().map(|r| r.version.number).collect();
    assert_eq!(numbers, vec![2, 1], "newest first");
    assert_eq!(history.versions[0].before, Some(1));
    assert_eq!(history.versions[1].before, None);
    assert_eq!(history.versions[0].version.summary, "A change");
    assert_eq!(
        history.versions[1].version.summary,
        "Started from the template"
    );

    let old: VersionPage = app
        .call_with(
            &drafter,
            "documents/version",
            &[("process_id", &p), ("kind", "definition"), ("number", "1")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(
        !old.version.sections[0].html.contains("ours"),
        "version 1 is unchanged"
    );
    assert_eq!(old.latest_number, 2);

    let missing = app
        .call_with(
            &drafter,
            "documents/version",
            &[("process_id", &p), ("kind", "definition"), ("number", "9")],
        )
        .await;
    assert_eq!(missing.status(), 404);
}
on_both_databases!(
    start_and_versions,
    a_document_starts_from_the_template_and_keeps_every_version
);

async fn a_clash_on_the_same_section_is_kept_for_merging_and_nothing_is_lost(app: TestApp) {
    let (p, drafter) = started(&app).await;
    let key = page(&app, &drafter, &p).await.shown.unwrap().sections[1].key;
    // Both open the editor at version 1; the drafter saves first.
    let theirs = outcome(
        save(
            &app,
            &drafter,
            &p,
            key,
            1,
            "In control",
            "Their words about choice.",
        )
        .await,
    )
    .await;
    assert_eq!(theirs, SaveOutcome::Saved { number: 2 });
    let mine = outcome(
        save(
            &app,
            &app.client,
            &p,
            key,
            1,
            "In control",
            "My words about risk.",
        )
        .await,
    )
    .await;
    let SaveOutcome::Conflict { id } = mine else {
        panic!("expected a conflict, got {mine:?}");
    };

    let conflict: ConflictPage = app
        .call(
            "documents/conflict",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("id", &id.to_string()),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(conflict.my_body, "My words about risk.");
    assert_eq!(
        conflict.theirs.as_ref().unwrap().1,
        "Their words about choice."
    );
    assert_eq!(conflict.latest_number, 2);
    assert_eq!(conflict.their_authors.len(), 1);
    assert!(!conflict.their_change.is_empty());

    // Only the person who made the clashing edit can open it.
    let other = app
        .call_with(
            &drafter,
            "documents/conflict",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("id", &id.to_string()),
            ],
        )
        .await;
    assert_eq!(other.status(), 404);

    let merged = app
        .call(
            "documents/save-section",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("key", &key.to_string()),
                ("base", "2"),
                ("heading", "In control"),
                ("body", "Their words about choice. My words about risk."),
                ("summary", "Merged"),
                ("conflict_id", &id.to_string()),
            ],
        )
        .await;
    assert_eq!(outcome(merged).await, SaveOutcome::Saved { number: 3 });
    let after: ConflictPage = app
        .call(
            "documents/conflict",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("id", &id.to_string()),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(after.resolved);

    let v2: VersionPage = app
        .call(
            "documents/version",
            &[("process_id", &p), ("kind", "definition"), ("number", "2")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(
        v2.version.sections[1]
            .html
            .contains("Their words about choice.")
    );
    let v3 = page(&app, &app.client, &p).await.shown.unwrap();
    assert!(
        v3.sections[1]
            .html
            .contains("Their words about choice. My words about risk.")
    );
}
on_both_databases!(
    conflict_and_merge,
    a_clash_on_the_same_section_is_kept_for_merging_and_nothing_is_lost
);

async fn saves_to_different_sections_from_the_same_version_both_land(app: TestApp) {
    let (p, drafter) = started(&app).await;
    let sections = page(&app, &drafter, &p).await.shown.unwrap().sections;
    let (a, b) = (sections[2].key, sections[3].key);
    assert_eq!(
        outcome(save(&app, &drafter, &p, a, 1, "Peers", "Peer words.").await).await,
        SaveOutcome::Saved { number: 2 }
    );
    assert_eq!(
        outcome(save(&app, &app.client, &p, b, 1, "Visible", "Visible words.").await).await,
        SaveOutcome::Saved { number: 3 }
    );
    let latest = page(&app, &drafter, &p).await.shown.unwrap();
    assert_ne!(
        latest.meta.author,
        app::workflows::context::FORMER_MEMBER,
        "the page names the version's author"
    );
    assert!(latest.sections[2].html.contains("Peer words."));
    assert!(latest.sections[3].html.contains("Visible words."));
}
on_both_databases!(
    auto_merge,
    saves_to_different_sections_from_the_same_version_both_land
);

async fn a_save_without_javascript_redirects_to_the_saved_document(app: TestApp) {
    let (p, _) = started(&app).await;
    let key = page(&app, &app.client, &p).await.shown.unwrap().sections[0]
        .key
        .to_string();
    let from = format!("/processes/{p}/documents/definition/sections/{key}/edit");
    let editor = app.get(&from).await;
    assert_eq!(editor.status(), 200);
    let html = editor.text().await.unwrap();
    assert!(
        html.contains(r#"name="base" value="1""#),
        "the form carries its base version"
    );
    let response = app
        .post_form(
            "documents/save-section",
            &from,
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("key", &key),
                ("base", "1"),
                ("heading", "Opening"),
                ("body", "Saved without JavaScript."),
                ("summary", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with(&format!("/processes/{p}/documents/definition?saved=2")),
        "{location}"
    );
    let html = app.get(&location).await.text().await.unwrap();
    assert!(html.contains("Saved without JavaScript."));
    assert!(html.contains("Saved as version 2."));

    // The no-JavaScript preview: the editor page renders the text from the query string.
    let preview = app
        .get(&format!("{from}?heading=Opening&body=**Preview+me**"))
        .await
        .text()
        .await
        .unwrap();
    assert!(preview.contains("<strong>Preview me</strong>"));
}
on_both_databases!(
    no_js_save,
    a_save_without_javascript_redirects_to_the_saved_document
);

async fn the_public_reads_only_published_versions_with_a_strong_etag(app: TestApp) {
    let (p, drafter) = started(&app).await;
    let public = new_client();
    let read = format!("/read/{p}/definition");
    assert_eq!(
        public.get(app.url(&read)).send().await.unwrap().status(),
        404
    );
    let draft = app
        .call_with(
            &public,
            "documents/version",
            &[("process_id", &p), ("kind", "definition"), ("number", "1")],
        )
        .await;
    assert_eq!(draft.status(), 401, "drafts are for people taking part");

    let refused = app
        .call_with(
            &drafter,
            "documents/publish",
            &[("process_id", &p), ("kind", "definition"), ("number", "1")],
        )
        .await;
    assert_eq!(
        refused.status(),
        403,
        "only a process administrator publishes"
    );
    let published = app
        .call(
            "documents/publish",
            &[("process_id", &p), ("kind", "definition"), ("number", "1")],
        )
        .await;
    assert_eq!(published.status(), 200);

    // A later, unpublished change stays private.
    let key = page(&app, &drafter, &p).await.shown.unwrap().sections[0].key;
    save(
        &app,
        &drafter,
        &p,
        key,
        1,
        "Opening",
        "A private second draft.",
    )
    .await;

    // Any version can be published from its own page, by a process administrator only.
    let version_page = format!("/processes/{p}/documents/definition/versions/2");
    let as_admin = app.get(&version_page).await.text().await.unwrap();
    assert!(as_admin.contains("Publish version 2"));
    let as_drafter = drafter
        .get(app.url(&version_page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        as_drafter.contains("A private second draft.") && !as_drafter.contains("Publish version 2")
    );

    let response = public.get(app.url(&read)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let etag = response.headers()["etag"].to_str().unwrap().to_string();
    assert!(
        etag.starts_with('"') && !etag.starts_with("W/"),
        "a strong ETag: {etag}"
    );
    let html = response.text().await.unwrap();
    assert!(html.contains("Draft for consultation"));
    assert!(html.contains("version 1"));
    assert!(html.contains("Being in control of your own life"));
    assert!(!html.contains("A private second draft."));

    let again = public
        .get(app.url(&read))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);

    let public_page = page(&app, &public, &p).await;
    assert_eq!(
        public_page.shown.unwrap().meta.number,
        1,
        "the public sees the published version"
    );
    let history: HistoryPage = app
        .call_with(
            &public,
            "documents/history",
            &[("process_id", &p), ("kind", "definition")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        history
            .versions
            .iter()
            .map(|r| r.version.number)
            .collect::<Vec<_>>(),
        vec![1]
    );
    let v2 = app
        .call_with(
            &public,
            "documents/version",
            &[("process_id", &p), ("kind", "definition"), ("number", "2")],
        )
        .await;
    assert_eq!(v2.status(), 401);

    // Publishing version 2 changes the page and its ETag; the old tag no longer matches.
    app.call(
        "documents/publish",
        &[("process_id", &p), ("kind", "definition"), ("number", "2")],
    )
    .await;
    let newer = public
        .get(app.url(&read))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(newer.status(), 200);
    assert_ne!(newer.headers()["etag"].to_str().unwrap(), etag);
    assert!(
        newer
            .text()
            .await
            .unwrap()
            .contains("A private second draft.")
    );

    // The public may now compare the two published versions.
    let compared: ComparePage = app
        .call_with(
            &public,
            "documents/compare",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("from", "1"),
                ("to", "2"),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(compared.newest, 2);
    assert!(!compared.sections[0].unchanged);
}
on_both_databases!(
    publishing,
    the_public_reads_only_published_versions_with_a_strong_etag
);

async fn sections_are_added_moved_renamed_and_removed_and_the_comparison_says_so(app: TestApp) {
    let (p, drafter) = started(&app).await;
    let v1 = page(&app, &drafter, &p).await.shown.unwrap();
    let (first, second) = (
        v1.sections[0].key.to_string(),
        v1.sections[1].key.to_string(),
    );
    let add = app
        .call_with(
            &drafter,
            "documents/add-section",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("heading", "Families"),
            ],
        )
        .await;
    assert_eq!(add.status(), 200);
    let moved = app
        .call_with(
            &drafter,
            "documents/move-section",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("key", &second),
                ("direction", "up"),
            ],
        )
        .await;
    assert_eq!(moved.status(), 200);
    let up_again = app
        .call_with(
            &drafter,
            "documents/move-section",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("key", &second),
                ("direction", "up"),
            ],
        )
        .await;
    assert_eq!(up_again.status(), 409, "the first section cannot move up");
    save(
        &app,
        &drafter,
        &p,
        v1.sections[2].key,
        3,
        "Peers and mentors",
        "",
    )
    .await;
    let removed = app
        .call_with(
            &drafter,
            "documents/remove-section",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("key", &first),
                ("base", "4"),
            ],
        )
        .await;
    assert_eq!(removed.status(), 200);

    let compared: ComparePage = app
        .call_with(
            &drafter,
            "documents/compare",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("from", "1"),
                ("to", "5"),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    let added = compared
        .sections
        .iter()
        .find(|s| s.heading == "Families")
        .unwrap();
    assert_eq!(added.status, SectionStatus::Added);
    let renamed = compared
        .sections
        .iter()
        .find(|s| s.heading == "Peers and mentors")
        .unwrap();
    assert_eq!(
        renamed.renamed_from.as_deref(),
        Some(v1.sections[2].heading.as_str())
    );
    let gone = compared
        .sections
        .iter()
        .find(|s| s.key.get().to_string() == first)
        .unwrap();
    assert_eq!(gone.status, SectionStatus::Removed);

    // Removing a section someone changed since you looked is refused, with a reason.
    let key = v1.sections[3].key;
    save(
        &app,
        &app.client,
        &p,
        key,
        5,
        "Visible",
        "Changed meanwhile.",
    )
    .await;
    let stale = app
        .call_with(
            &drafter,
            "documents/remove-section",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("key", &key.to_string()),
                ("base", "5"),
            ],
        )
        .await;
    assert_eq!(stale.status(), 409);
    assert!(matches!(error_of(stale).await, AppError::Conflict(m) if m.contains("not removed")));
}
on_both_databases!(
    structure,
    sections_are_added_moved_renamed_and_removed_and_the_comparison_says_so
);

async fn limits_are_enforced_with_clear_messages(app: TestApp) {
    let (p, drafter) = started(&app).await;
    let key = page(&app, &drafter, &p).await.shown.unwrap().sections[0].key;
    let long_heading = "h".repeat(121);
    let message = field_message(
        save(&app, &drafter, &p, key, 1, &long_heading, "x").await,
        "heading",
    )
    .await;
    assert!(
        message.contains("121") && message.contains("120"),
        "{message}"
    );
    let long_body = "b".repeat(20_001);
    let message = field_message(
        save(&app, &drafter, &p, key, 1, "Ok", &long_body).await,
        "body",
    )
    .await;
    assert!(message.contains("20000"), "{message}");
    assert_eq!(
        page(&app, &drafter, &p).await.shown.unwrap().meta.number,
        1,
        "nothing saved"
    );

    // Fill the document up to the limit of 60 sections, then one more is refused.
    let existing = page(&app, &drafter, &p).await.shown.unwrap().sections.len();
    for i in existing..60 {
        let r = app
            .call_with(
                &drafter,
                "documents/add-section",
                &[
                    ("process_id", &p),
                    ("kind", "definition"),
                    ("heading", &format!("S{i}")),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    let over = app
        .call_with(
            &drafter,
            "documents/add-section",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("heading", "One too many"),
            ],
        )
        .await;
    assert_eq!(over.status(), 409);
    assert!(matches!(error_of(over).await, AppError::Conflict(m) if m.contains("at most 60")));
}
on_both_databases!(limits, limits_are_enforced_with_clear_messages);

/// Known XSS payloads through every place Markdown or a heading is shown: the document page,
/// an old version, the comparison, the clash view and the public page.
async fn no_script_survives_any_place_a_document_is_shown(app: TestApp) {
    let (p, drafter) = started(&app).await;
    let key = page(&app, &drafter, &p).await.shown.unwrap().sections[0].key;
    let payload = "<script>alert(1)</script> <img src=x onerror=alert(1)> [a](javascript:alert(1)) \
                   <a href=\"javascript:alert(1)\">b</a> <svg onload=alert(1)> <iframe src=\"https://evil.example\"></iframe> \
                   \n\n[ok](https://example.org)";
    let heading = "<script>alert('h')</script>";
    save(&app, &drafter, &p, key, 1, heading, payload).await;
    // A clash that keeps the payload as someone's unsaved words.
    let clash = outcome(
        save(
            &app,
            &app.client,
            &p,
            key,
            1,
            heading,
            &format!("{payload} mine"),
        )
        .await,
    )
    .await;
    let SaveOutcome::Conflict { id } = clash else {
        panic!("expected a clash")
    };
    app.call(
        "documents/publish",
        &[("process_id", &p), ("kind", "definition"), ("number", "2")],
    )
    .await;

    let base = format!("/processes/{p}/documents/definition");
    let pages = [
        base.clone(),
        format!("{base}/versions/2"),
        format!("{base}/compare?from=1&to=2"),
        format!("{base}/conflicts/{id}"),
        format!("{base}/history"),
        format!("/read/{p}/definition"),
    ];
    for path in pages {
        let response = app.get(&path).await;
        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.unwrap();
        let bad = injected_markup(&html);
        assert!(bad.is_empty(), "{path} has injected markup: {bad:?}");
    }
    let public = new_client()
        .get(app.url(&format!("/read/{p}/definition")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !public.contains("<script"),
        "the public page has no scripts at all"
    );
    assert!(
        public.contains(r#"rel="nofollow noopener noreferrer""#),
        "{public}"
    );
}
on_both_databases!(xss, no_script_survives_any_place_a_document_is_shown);

/// Tags in `html` that only an injection could have put there: images, SVG, frames, event
/// handler attributes, `javascript:` URLs, and scripts that are not the app's own. Text is
/// escaped (`&lt;`), so every `<` opens a real tag.
fn injected_markup(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, piece) in html.split('<').enumerate().skip(1) {
        let tag = piece.split('>').next().unwrap_or("").to_lowercase();
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let after = piece
            .split_once('>')
            .map(|(_, rest)| rest.trim_start())
            .unwrap_or("");
        let has_handler = tag
            .split_whitespace()
            .skip(1)
            .any(|attr| attr.starts_with("on") && attr.contains('='));
        let bad = matches!(name, "img" | "svg" | "iframe" | "object" | "embed")
            || has_handler
            || tag.contains("javascript:")
            || (name == "script" && after.starts_with("alert"));
        if bad {
            found.push(format!("#{i}: <{tag}>"));
        }
    }
    found
}

/// A drafter's saved versions and unmerged words are in "download my data"; withdrawing
/// deletes the unmerged words (never saved into the document) and keeps the versions, now
/// shown as by a withdrawn participant.
async fn a_drafters_contributions_are_in_their_data_and_unmerged_words_go_on_withdrawal(
    app: TestApp,
) {
    use app::store::personal_data::PersonalData;
    let (p, drafter) = started(&app).await;
    let sections = page(&app, &drafter, &p).await.shown.unwrap().sections;
    save(
        &app,
        &app.client,
        &p,
        sections[0].key,
        1,
        "Opening",
        "The administrator's words.",
    )
    .await;
    let clash = outcome(
        save(
            &app,
            &drafter,
            &p,
            sections[0].key,
            1,
            "Opening",
            "The drafter's own words.",
        )
        .await,
    )
    .await;
    assert!(matches!(clash, SaveOutcome::Conflict { .. }));
    save(
        &app,
        &drafter,
        &p,
        sections[1].key,
        2,
        "In control",
        "Saved by the drafter.",
    )
    .await;

    let data: PersonalData = drafter
        .get(app.url("/me/data.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(data.document_versions_saved.len(), 1);
    assert_eq!(data.document_versions_saved[0].version, 3);
    assert_eq!(data.unmerged_edits.len(), 1);
    assert_eq!(data.unmerged_edits[0].text, "The drafter's own words.");

    let done = app
        .call_with(&drafter, "me/withdraw", &[("confirm", "yes")])
        .await;
    assert_eq!(done.status(), 200);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM edit_conflicts")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(left, 0, "unmerged words are deleted on withdrawal");
    let history: HistoryPage = app
        .call(
            "documents/history",
            &[("process_id", &p), ("kind", "definition")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history.versions.len(), 3, "the versions stay");
    assert!(
        history.versions[0]
            .version
            .author
            .starts_with("a withdrawn participant"),
        "{}",
        history.versions[0].version.author
    );
}
on_both_databases!(
    personal_data,
    a_drafters_contributions_are_in_their_data_and_unmerged_words_go_on_withdrawal
);

/// Two instances on one PostgreSQL database, as behind a load balancer: each remembers which
/// public page is current, and a version published through one is what the other serves
/// next, not the page it remembered.
#[tokio::test]
async fn a_version_published_on_one_instance_is_read_at_once_on_another_postgres() {
    let app = crate::harness::spawn_app(crate::harness::Backend::Postgres).await;
    let (p, drafter) = started(&app).await;
    let publish = |number: &'static str| {
        let (app, p) = (&app, p.clone());
        async move {
            let r = app
                .call(
                    "documents/publish",
                    &[
                        ("process_id", &p),
                        ("kind", "definition"),
                        ("number", number),
                    ],
                )
                .await;
            assert_eq!(r.status(), 200);
        }
    };
    publish("1").await;
    let mut settings = app.settings.clone();
    settings.listen = "127.0.0.1:0".parse().unwrap();
    let site_root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site_root.path().join("pkg")).unwrap();
    let other = crate::harness::start(settings, app.backend, site_root, None).await;
    let read = |instance: &TestApp| {
        let url = instance.url(&format!("/read/{p}/definition"));
        async move { reqwest::get(url).await.unwrap().text().await.unwrap() }
    };
    // The other instance starts listening in the background; give it a moment.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(read(&other).await.contains("version 1"));
    assert!(read(&other).await.contains("version 1"), "now remembered");

    let key = page(&app, &drafter, &p).await.shown.unwrap().sections[0].key;
    save(
        &app,
        &drafter,
        &p,
        key,
        1,
        "Opening",
        "Words of the second version.",
    )
    .await;
    publish("2").await;
    let mut seen = String::new();
    for _ in 0..40 {
        seen = read(&other).await;
        if seen.contains("Words of the second version.") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        seen.contains("Words of the second version."),
        "the other instance serves the new publication within two seconds"
    );
}

/// A long history comes a page at a time, newest first, and every row can still be compared
/// with the version before it, even the last row of a page; a page that does not exist is
/// refused rather than replaced by another.
async fn a_long_history_is_paged(app: TestApp) {
    let (p, drafters) = started_with_drafters(&app, 1).await;
    let drafter = &drafters[0];
    // Version 1 is the template; 55 saves make 56 versions: two pages of 50.
    for n in 1..=55_u32 {
        let r = save(
            &app,
            drafter,
            &p,
            1,
            n,
            "Recovery",
            &format!("Recovery, draft {n}."),
        )
        .await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    }
    let history = |page: Option<&'static str>| {
        let app = &app;
        let p = p.clone();
        async move {
            let mut form = vec![("process_id", p.as_str()), ("kind", "definition")];
            if let Some(page) = page {
                form.push(("page", page));
            }
            app.call_with(drafter, "documents/history", &form).await
        }
    };
    let first: HistoryPage = history(None).await.json().await.unwrap();
    assert_eq!(first.versions.len(), 50);
    assert_eq!(first.versions[0].version.number, 56);
    assert_eq!((first.page.number, first.page.pages), (1, 2));
    let last_row = first.versions.last().unwrap();
    assert_eq!((last_row.version.number, last_row.before), (7, Some(6)));

    let second: HistoryPage = history(Some("2")).await.json().await.unwrap();
    let numbers: Vec<u32> = second.versions.iter().map(|r| r.version.number).collect();
    assert_eq!(numbers, vec![6, 5, 4, 3, 2, 1]);
    assert_eq!(second.versions.last().unwrap().before, None);

    assert_eq!(history(Some("3")).await.status(), 404);
    let zero = history(Some("0")).await;
    assert_eq!(zero.status(), 422);
    assert!(!field_message(zero, "page").await.is_empty());

    // The page itself links to the older versions, and lists only its own.
    let html = app
        .page_as(
            drafter,
            &format!("/processes/{p}/documents/definition/history"),
        )
        .await;
    assert!(html.contains("Page 1 of 2"), "{html}");
    assert!(html.contains("history?page=2"));
    assert!(
        !html.contains("/versions/1\""),
        "version 1 is on the next page"
    );
}
on_both_databases!(history_paging, a_long_history_is_paged);
