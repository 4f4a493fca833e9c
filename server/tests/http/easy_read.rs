//! Easy read over HTTP: drafters write a section's easy read beside it; it is versioned with
//! the section, marked out of date when the full text changes after it, shown by the "Easy
//! read" switch on the working draft, the public and phone pages, compared like any change,
//! and never lost to someone else's save.

use app::views::documents::{ComparePage, DocumentPage, EasyReadOutcome, SectionDraft};

use crate::discussion::{save_section_1, setup};
use crate::harness::{TestApp, field_message, new_client};
use crate::on_both_databases;
use crate::workshops::{add_step, code_of, create, join_as_guest, move_room};

const EASY: &str = "Recovery is **your** journey.\n\nIt can take time.";

async fn save_easy(
    app: &TestApp,
    client: &reqwest::Client,
    p: &str,
    base: u32,
    text: &str,
) -> reqwest::Response {
    app.call_with(
        client,
        "documents/save-easy-read",
        &[
            ("process_id", p),
            ("kind", "definition"),
            ("key", "1"),
            ("base", &base.to_string()),
            ("easy_read", text),
        ],
    )
    .await
}

async fn easy_outcome(response: reqwest::Response) -> EasyReadOutcome {
    assert_eq!(
        response.status(),
        200,
        "{}",
        response.text().await.unwrap_or_default()
    );
    response.json().await.expect("an easy-read outcome")
}

async fn page(app: &TestApp, client: &reqwest::Client, p: &str, read: &str) -> DocumentPage {
    let r = app
        .call_with(
            client,
            "documents/page",
            &[("process_id", p), ("kind", "definition"), ("read", read)],
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    r.json().await.expect("a document page")
}

async fn draft(app: &TestApp, client: &reqwest::Client, p: &str) -> SectionDraft {
    app.call_with(
        client,
        "documents/section",
        &[("process_id", p), ("kind", "definition"), ("key", "1")],
    )
    .await
    .json()
    .await
    .expect("a section draft")
}

async fn an_easy_read_is_versioned_with_its_section_and_goes_out_of_date(app: TestApp) {
    // Version 2: the drafter's text of section 1.
    let (p, cast) = setup(&app).await;

    // Only editors write an easy read: a participant is refused, a stranger must sign in.
    let refused = save_easy(&app, &cast.participant, &p, 2, EASY).await;
    assert_eq!(refused.status(), 403);
    let refused = save_easy(&app, &cast.anonymous, &p, 2, EASY).await;
    assert_eq!(refused.status(), 401);
    // A box too long is refused, naming the box.
    let long = "e".repeat(10_001);
    let refused = save_easy(&app, &cast.drafter, &p, 2, &long).await;
    assert_eq!(refused.status(), 422);
    field_message(refused, "easy_read").await;

    let saved = easy_outcome(save_easy(&app, &cast.drafter, &p, 2, EASY).await).await;
    assert_eq!(saved, EasyReadOutcome::Saved { number: 3 });
    let again = easy_outcome(save_easy(&app, &cast.drafter, &p, 3, EASY).await).await;
    assert_eq!(again, EasyReadOutcome::NothingChanged);

    // The full text is as it was; the easy read is shown when asked for.
    let full = page(&app, &cast.participant, &p, "full").await;
    let shown = full.shown.unwrap();
    assert!(!shown.sections[0].html.contains("your</strong> journey"));
    assert_eq!(
        (shown.easy_read.written, shown.easy_read.out_of_date),
        (1, 0)
    );
    let easy = page(&app, &cast.participant, &p, "easy")
        .await
        .shown
        .unwrap();
    assert!(
        easy.sections[0]
            .html
            .contains("<div class=\"easy-read\"><p>Recovery is <strong>your</strong> journey.</p>")
    );
    assert!(easy.sections[1].html.contains("no easy read yet"));
    let bogus = app
        .call_with(
            &cast.participant,
            "documents/page",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("read", "simple"),
            ],
        )
        .await;
    assert_eq!(bogus.status(), 422);
    field_message(bogus, "read").await;

    // The full text changes: the easy read stays, marked out of date, in version 4.
    save_section_1(
        &app,
        &cast.drafter,
        &p,
        3,
        "Recovery is **hope**, and it is yours.",
    )
    .await;
    let stale = page(&app, &cast.participant, &p, "easy")
        .await
        .shown
        .unwrap();
    assert_eq!(stale.meta.number, 4);
    assert_eq!(stale.easy_read.out_of_date, 1);
    assert!(
        stale.sections[0]
            .html
            .contains("written for an earlier wording")
    );
    assert!(draft(&app, &cast.drafter, &p).await.easy_read_out_of_date);
    // Saving it again says it fits the new wording.
    let saved = easy_outcome(save_easy(&app, &cast.drafter, &p, 4, EASY).await).await;
    assert_eq!(saved, EasyReadOutcome::Saved { number: 5 });
    let editor = draft(&app, &cast.drafter, &p).await;
    assert!(!editor.easy_read_out_of_date);
    assert_eq!(editor.easy_read, EASY);

    // Each version records its own easy read: version 2 had none, version 3 has it, and
    // comparing them shows the easy read's words.
    let compare: ComparePage = app
        .call_with(
            &cast.participant,
            "documents/compare",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("from", "2"),
                ("to", "3"),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    let first = &compare.sections[0];
    assert!(first.easy_read_changed);
    assert!(!compare.sections[1].easy_read_changed);
    let history = app
        .page_as(
            &cast.participant,
            &format!("/processes/{p}/documents/definition/history"),
        )
        .await;
    assert!(history.contains("Wrote the easy read of"), "{history}");
    // Each version's readability figures, kept when it was saved.
    assert!(history.contains("How easy to read"));
    assert!(history.contains("Reading age "), "{history}");

    // An empty box removes it (version 6); old versions keep theirs.
    let removed = easy_outcome(save_easy(&app, &cast.drafter, &p, 5, "  ").await).await;
    assert_eq!(removed, EasyReadOutcome::Saved { number: 6 });
    let none = page(&app, &cast.participant, &p, "easy")
        .await
        .shown
        .unwrap();
    assert_eq!(none.easy_read.written, 0);
}
on_both_databases!(
    versioned,
    an_easy_read_is_versioned_with_its_section_and_goes_out_of_date
);

/// Two drafters write the easy read from the same version: the second save is not stored
/// over the first, and the second drafter gets their words back in the box.
async fn a_clashing_easy_read_is_handed_back_not_lost(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let first = easy_outcome(save_easy(&app, &cast.drafter, &p, 2, "First words.").await).await;
    assert_eq!(first, EasyReadOutcome::Saved { number: 3 });
    // The administrator started from version 2 too, and has no JavaScript.
    let from = format!("/processes/{p}/documents/definition/sections/1/edit");
    let response = app
        .post_form(
            "documents/save-easy-read",
            &from,
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("key", "1"),
                ("base", "2"),
                ("easy_read", "Second & <other> words."),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(&from), "{location}");
    assert!(location.ends_with("#easy-read"), "{location}");
    let editor = app.get(&location).await.text().await.unwrap();
    assert!(editor.contains("Someone else saved an easy read"));
    assert!(
        editor.contains("Second &amp; &lt;other&gt; words.</textarea>"),
        "their words are back in the box: {editor}"
    );
    assert!(editor.contains("First words."), "the saved one is shown");
    // Nothing was stored over the first drafter's words.
    let shown = page(&app, &cast.participant, &p, "easy")
        .await
        .shown
        .unwrap();
    assert_eq!(shown.meta.number, 3);
    assert!(shown.sections[0].html.contains("First words."));
}
on_both_databases!(clash, a_clashing_easy_read_is_handed_back_not_lost);

/// The public reads the easy read of a published version without JavaScript, through plain
/// links; the phone in a workshop switches the same way.
async fn the_public_and_phones_switch_to_the_easy_read(app: TestApp) {
    let (p, cast) = setup(&app).await;
    easy_outcome(save_easy(&app, &cast.drafter, &p, 2, EASY).await).await;
    let published = app
        .call(
            "documents/publish",
            &[("process_id", &p), ("kind", "definition"), ("number", "3")],
        )
        .await;
    assert_eq!(published.status(), 200);
    let public = new_client();
    let read = format!("/read/{p}/definition");
    let full = app.page_as(&public, &read).await;
    assert!(!full.contains("your</strong> journey"));
    assert!(full.contains(&format!("<a href=\"{read}?read=easy\">Easy read</a>")));
    assert!(full.contains(&format!(
        "<a href=\"{read}\" aria-current=\"page\">Full text</a>"
    )));
    let easy = app.page_as(&public, &format!("{read}?read=easy")).await;
    assert!(easy.contains("Recovery is <strong>your</strong> journey."));
    assert!(easy.contains(&format!(
        "<a href=\"{read}?read=easy\" aria-current=\"page\">Easy read</a>"
    )));
    assert!(easy.contains("(easy read)"), "the title says so");
    let refused = public
        .get(app.url(&format!("{read}?read=simple")))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);

    // A phone in a workshop reading the section.
    let w = create(&app, &cast, &p).await;
    let r = add_step(
        &app,
        &cast,
        &w,
        &[
            ("title", "Read it"),
            ("kind", "read"),
            ("section", "definition:1"),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    let guest = join_as_guest(&app, &code_of(&app, &w).await, "Sam", "lived_experience").await;
    let r = move_room(&app, &cast, &w, "next", "gathering").await;
    assert_eq!(r.status(), 200);
    let phone = app.page_as(&guest, &format!("/workshops/{w}")).await;
    assert!(!phone.contains("your</strong> journey"));
    assert!(phone.contains("?read=easy"));
    // The glossary explains the field's words on the phone too.
    assert!(phone.contains("<dfn>Detox</dfn>"), "{phone}");
    let phone = app
        .page_as(&guest, &format!("/workshops/{w}?read=easy"))
        .await;
    assert!(
        phone.contains("Recovery is <strong>your</strong> journey."),
        "{phone}"
    );
}
on_both_databases!(
    public_and_phones,
    the_public_and_phones_switch_to_the_easy_read
);
