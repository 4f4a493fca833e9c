//! The layer rules, checked on the source tree: each layer imports only from the layers below
//! it (see `lib.rs`). A new file that climbs a layer fails this test with the line to fix.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Lines of code (comments left out) under `dir` that mention one of `forbidden`, except in
/// the files named in `except`.
fn climbs(dir: &str, forbidden: &[&str], except: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join(dir);
    assert!(dir.is_dir(), "{} is missing", dir.display());
    let mut found = Vec::new();
    for file in sources(&dir) {
        let name = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        if except.iter().any(|e| name.ends_with(e)) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for f in forbidden {
                if code.contains(f) {
                    found.push(format!("{name}:{}: uses {f}: {}", n + 1, code.trim()));
                }
            }
        }
    }
    found
}

fn check(dir: &str, forbidden: &[&str], except: &[&str]) {
    let found = climbs(dir, forbidden, except);
    assert!(found.is_empty(), "layer rule broken:\n{}", found.join("\n"));
}

const ABOVE_DOMAIN: &[&str] = &[
    "crate::error",
    "crate::routes",
    "crate::views",
    "crate::forms",
    "crate::store",
    "crate::auth",
    "crate::live",
    "crate::state",
    "crate::workflows",
    "crate::api",
    "crate::ui",
];

#[test]
fn the_domain_has_no_io_and_imports_nothing_above_it() {
    let io = ["sqlx", "tokio", "axum", "leptos", "std::fs", "std::net"];
    let forbidden: Vec<&str> = ABOVE_DOMAIN.iter().copied().chain(io).collect();
    check("src/domain", &forbidden, &[]);
}

#[test]
fn shared_types_use_only_the_domain() {
    let above = &ABOVE_DOMAIN[4..];
    for dir in ["src/views", "src/forms"] {
        check(dir, above, &[]);
    }
    for file in ["src/error.rs", "src/routes.rs"] {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
            .unwrap_or_default();
        for f in above {
            assert!(!text.contains(f), "{file} uses {f}");
        }
    }
}

/// Everything above the store and the in-memory caches beside it.
const ABOVE_THE_STORE: &[&str] = &[
    "crate::auth",
    "crate::live",
    "crate::state",
    "crate::workflows",
    "crate::api",
    "crate::ui",
    "crate::forms",
    "crate::views",
    "leptos",
];

#[test]
fn the_store_is_sql_only() {
    check("src/store", ABOVE_THE_STORE, &[]);
}

#[test]
fn the_caches_know_only_the_store_and_the_domain() {
    check("src/cache", ABOVE_THE_STORE, &[]);
}

#[test]
fn the_live_hub_knows_no_workflow_endpoint_or_page() {
    check(
        "src/live",
        &["crate::workflows", "crate::api", "crate::ui", "leptos"],
        &[],
    );
}

#[test]
fn workflows_never_reach_up_to_endpoints_or_pages() {
    check(
        "src/workflows",
        &["crate::api", "crate::ui", "leptos::", "leptos_axum"],
        &[],
    );
}

#[test]
fn endpoints_never_import_pages() {
    check("src/api", &["crate::ui", "ui::"], &[]);
}

#[test]
fn pages_never_touch_the_database() {
    // The public reading page is built on the server from stored ratifications (server only).
    check(
        "src/ui",
        &["crate::store", "crate::workflows", "sqlx"],
        &["ui/published.rs"],
    );
}

#[test]
fn the_server_depends_on_workflows_never_on_endpoints() {
    check("../server/src", &["app::api"], &[]);
}

/// Lines of `text` where a writing statement is sent straight to the pool.
fn writes_on_the_pool(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    for (at, _) in text.match_indices(".pool()") {
        let statement_start = text[..at].rfind("sqlx::query").unwrap_or(0);
        let statement = text[statement_start..at].to_ascii_uppercase();
        if ["INSERT", "UPDATE", "DELETE"]
            .iter()
            .any(|w| statement.contains(&format!("{w} ")) || statement.contains(&format!("{w}\n")))
        {
            lines.push(text[..at].lines().count());
        }
    }
    lines
}

/// Statements sent straight to the pool run in autocommit mode, where SQLite can hand back an
/// `INSERT … RETURNING` row and then fail to commit, unnoticed. Every write goes through a
/// write transaction (`Db::begin_write`, `Db::execute_committed`, `Db::fetch_one_committed`).
#[test]
fn no_write_is_sent_straight_to_the_pool() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for dir in ["src", "../server/src"] {
        for file in sources(&root.join(dir)) {
            if file.ends_with("layers.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for line in writes_on_the_pool(&text) {
                found.push(format!("{}:{line}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "writes sent straight to the pool (use Db::execute_committed or begin_write):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_pool_scan_sees_the_pattern_it_forbids() {
    let write = "let id = sqlx::query_scalar(\n  \"INSERT INTO comments (body) VALUES ($1) RETURNING id\",\n)\n.bind(body)\n.fetch_one(db.pool())";
    assert_eq!(writes_on_the_pool(write), vec![5]);
    let read = "sqlx::query(\"SELECT id FROM comments\").fetch_all(db.pool())";
    assert!(writes_on_the_pool(read).is_empty());
    let committed = "db.execute_committed(sqlx::query(\"DELETE FROM sessions\"))";
    assert!(writes_on_the_pool(committed).is_empty());
}

/// The WebAssembly is a fifth smaller with the patched tachys in `vendor/tachys` (see its
/// PATCHED.md). Cargo only warns when a patch stops matching the version Leptos asks for, so
/// this reads the lock file: the tachys built must be the vendored one (no registry source),
/// and the app must hydrate the way the patch keeps working (never asynchronously).
#[test]
fn the_patched_tachys_is_the_one_built() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).expect("Cargo.lock is readable");
    let tachys: Vec<&str> = lock
        .split("[[package]]")
        .filter(|p| p.contains("\nname = \"tachys\"\n"))
        .collect();
    assert_eq!(tachys.len(), 1, "one tachys in Cargo.lock: {tachys:?}");
    assert!(
        !tachys[0].contains("source ="),
        "tachys comes from the registry, not vendor/tachys: see vendor/tachys/PATCHED.md\n{}",
        tachys[0]
    );
    let vendored = std::fs::read_to_string(root.join("vendor/tachys/src/view/any_view.rs"))
        .expect("the vendored tachys is there");
    assert!(vendored.contains("hydrate_async: hydrate_async_unused"));
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("lib.rs is readable");
    assert!(
        lib.contains("hydrate_body(")
            && !lib.contains("hydrate_lazy")
            && !lib.contains("hydrate_from_async")
    );
    for file in sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        if file.ends_with("layers.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            !text.contains("#[lazy") && !text.contains("Lazy::<"),
            "{} uses lazy routes, which need the asynchronous hydration the patch leaves out",
            file.display()
        );
    }
}
