//! The two migration folders must make the same schema: the same tables, columns (name, type
//! family, whether they may be empty), primary keys, indexes (columns and uniqueness), foreign
//! keys (columns, target, what a delete does) and the same number of CHECK constraints per
//! table. Only the id column's spelling differs (`INTEGER PRIMARY KEY` on SQLite, an identity
//! column on PostgreSQL). A slip in one folder (a column or index added to one backend only)
//! fails here, with the difference named.

use std::collections::BTreeMap;

use sqlx::{Connection, PgConnection, Row, SqliteConnection};

/// One table, described the same way for both databases.
#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    /// name → (type family, nullable)
    columns: BTreeMap<String, (String, bool)>,
    primary_key: Vec<String>,
    /// (columns, unique), sorted; primary keys not included.
    indexes: Vec<(Vec<String>, bool)>,
    /// (columns, target table, target columns, on delete), sorted.
    foreign_keys: Vec<(Vec<String>, String, Vec<String>, String)>,
    checks: usize,
}

/// The family of a declared type: both databases store the same values in it.
fn family(declared: &str) -> String {
    let t = declared.to_ascii_lowercase();
    if t.contains("int") {
        "integer".into()
    } else if t.contains("char") || t.contains("text") || t.contains("clob") {
        "text".into()
    } else if t.contains("bool") {
        "boolean".into()
    } else if t.contains("real")
        || t.contains("double")
        || t.contains("float")
        || t.contains("numeric")
    {
        "real".into()
    } else if t.contains("blob") || t.contains("bytea") {
        "bytes".into()
    } else {
        t
    }
}

fn on_delete(action: &str) -> String {
    match action.to_ascii_lowercase().as_str() {
        "c" | "cascade" => "cascade",
        "n" | "set null" => "set null",
        "d" | "set default" => "set default",
        "r" | "restrict" => "restrict",
        _ => "no action",
    }
    .to_string()
}

async fn sqlite_schema(url: &str) -> BTreeMap<String, Table> {
    let mut db = SqliteConnection::connect(url).await.expect("open SQLite");
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&mut db)
    .await
    .expect("list tables");
    let mut out = BTreeMap::new();
    for (name, sql) in tables {
        let mut table = Table {
            checks: sql.to_ascii_uppercase().matches("CHECK").count(),
            ..Table::default()
        };
        let columns = sqlx::query("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)")
            .bind(&name)
            .fetch_all(&mut db)
            .await
            .expect("columns");
        let mut pk: Vec<(i64, String)> = Vec::new();
        for c in &columns {
            let column: String = c.get("name");
            let pk_position: i64 = c.get("pk");
            let not_null: i64 = c.get("notnull");
            if pk_position > 0 {
                pk.push((pk_position, column.clone()));
            }
            table.columns.insert(
                column,
                (
                    family(c.get::<String, _>("type").as_str()),
                    not_null == 0 && pk_position == 0,
                ),
            );
        }
        pk.sort();
        table.primary_key = pk.into_iter().map(|(_, c)| c).collect();
        let indexes = sqlx::query("SELECT name, \"unique\", origin FROM pragma_index_list(?)")
            .bind(&name)
            .fetch_all(&mut db)
            .await
            .expect("indexes");
        for i in &indexes {
            let origin: String = i.get("origin");
            if origin == "pk" {
                continue;
            }
            let index: String = i.get("name");
            let columns: Vec<String> =
                sqlx::query("SELECT name FROM pragma_index_info(?) ORDER BY seqno")
                    .bind(&index)
                    .fetch_all(&mut db)
                    .await
                    .expect("index columns")
                    .iter()
                    .map(|r| {
                        r.get::<Option<String>, _>("name")
                            .unwrap_or_else(|| "<expression>".into())
                    })
                    .collect();
            table
                .indexes
                .push((columns, i.get::<i64, _>("unique") != 0));
        }
        table.indexes.sort();
        let keys = sqlx::query(
            "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
        )
        .bind(&name)
        .fetch_all(&mut db)
        .await
        .expect("foreign keys");
        let mut by_id: BTreeMap<i64, (Vec<String>, String, Vec<String>, String)> = BTreeMap::new();
        for k in &keys {
            let entry = by_id.entry(k.get("id")).or_insert_with(|| {
                (
                    Vec::new(),
                    k.get("table"),
                    Vec::new(),
                    on_delete(&k.get::<String, _>("on_delete")),
                )
            });
            entry.0.push(k.get("from"));
            entry.2.push(
                k.get::<Option<String>, _>("to")
                    .unwrap_or_else(|| "id".into()),
            );
        }
        table.foreign_keys = by_id.into_values().collect();
        table.foreign_keys.sort();
        out.insert(name, table);
    }
    out
}

async fn postgres_schema(url: &str) -> BTreeMap<String, Table> {
    let mut db = PgConnection::connect(url).await.expect("open PostgreSQL");
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' \
         AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations' ORDER BY table_name",
    )
    .fetch_all(&mut db)
    .await
    .expect("list tables");
    let mut out = BTreeMap::new();
    for name in tables {
        let mut table = Table::default();
        let columns = sqlx::query(
            "SELECT column_name::text AS name, data_type::text AS type, is_nullable::text AS nullable \
             FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
        )
        .bind(&name)
        .fetch_all(&mut db)
        .await
        .expect("columns");
        for c in &columns {
            table.columns.insert(
                c.get("name"),
                (
                    family(c.get::<String, _>("type").as_str()),
                    c.get::<String, _>("nullable") == "YES",
                ),
            );
        }
        // Each index and constraint with its columns in order (0 stands for an expression).
        let indexes = sqlx::query(
            "SELECT i.indisprimary AS primary, i.indisunique AS unique, \
                    ARRAY(SELECT COALESCE(a.attname::text, '<expression>') \
                          FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) \
                          LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
                          ORDER BY k.n) AS columns \
             FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid \
             WHERE t.relname = $1 AND t.relnamespace = 'public'::regnamespace",
        )
        .bind(&name)
        .fetch_all(&mut db)
        .await
        .expect("indexes");
        for i in &indexes {
            let columns: Vec<String> = i.get("columns");
            if i.get::<bool, _>("primary") {
                table.primary_key = columns;
            } else {
                table.indexes.push((columns, i.get("unique")));
            }
        }
        table.indexes.sort();
        let keys = sqlx::query(
            "SELECT c.confdeltype::text AS on_delete, f.relname::text AS target, \
                    ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n) \
                          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns, \
                    ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n) \
                          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS target_columns \
             FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid \
             WHERE c.contype = 'f' AND t.relname = $1 AND t.relnamespace = 'public'::regnamespace",
        )
        .bind(&name)
        .fetch_all(&mut db)
        .await
        .expect("foreign keys");
        table.foreign_keys = keys
            .iter()
            .map(|k| {
                (
                    k.get("columns"),
                    k.get("target"),
                    k.get("target_columns"),
                    on_delete(&k.get::<String, _>("on_delete")),
                )
            })
            .collect();
        table.foreign_keys.sort();
        let checks: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
             WHERE c.contype = 'c' AND t.relname = $1 AND t.relnamespace = 'public'::regnamespace",
        )
        .bind(&name)
        .fetch_one(&mut db)
        .await
        .expect("checks");
        table.checks = usize::try_from(checks).unwrap_or(usize::MAX);
        out.insert(name, table);
    }
    out
}

#[tokio::test]
async fn postgres_and_sqlite_migrations_make_the_same_schema() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let sqlite_url = format!("sqlite://{}/parity.db?mode=rwc", dir.path().display());
    let sqlite = app::store::Db::connect(&sqlite_url).await.expect("SQLite");
    sqlite.migrate().await.expect("SQLite migrations");
    sqlite.close().await;
    let postgres_url =
        crate::harness::fresh_postgres_database(&crate::harness::postgres_url()).await;
    let postgres = app::store::Db::connect(&postgres_url)
        .await
        .expect("PostgreSQL");
    postgres.migrate().await.expect("PostgreSQL migrations");
    postgres.close().await;

    let lite = sqlite_schema(&sqlite_url).await;
    let pg = postgres_schema(&postgres_url).await;
    let mut differences = Vec::new();
    for name in lite
        .keys()
        .chain(pg.keys())
        .collect::<std::collections::BTreeSet<_>>()
    {
        match (lite.get(name), pg.get(name)) {
            (Some(a), Some(b)) if a != b => differences.push(format!(
                "table {name}:\n  SQLite:     {a:?}\n  PostgreSQL: {b:?}"
            )),
            (Some(_), None) => differences.push(format!("table {name} exists only on SQLite")),
            (None, Some(_)) => differences.push(format!("table {name} exists only on PostgreSQL")),
            _ => {}
        }
    }
    assert!(
        lite.len() > 10,
        "the migrations made tables: {:?}",
        lite.keys()
    );
    assert!(
        differences.is_empty(),
        "the schemas differ:\n{}",
        differences.join("\n")
    );
}
