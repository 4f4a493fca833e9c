//! Load script for a live workshop:
//! `cargo run --release -p recovery-commons --example workshop_load`.
//!
//! Starts the release server (`target/release/recovery-commons`, built by
//! `cargo leptos build --release`) on a fresh SQLite database, or on PostgreSQL when
//! `BENCH_POSTGRES_URL` names a server. Then:
//! 1. 300 simulated phones join one workshop as guests;
//! 2. the projector's live stream is open while each phone casts one ballot, spread over
//!    about 10 seconds; prints ballots per second, and p50/p99 from a ballot being accepted
//!    (its response received) to the projector's stream showing it, and the server's memory;
//! 3. 2,000 idle live connections are opened and held; prints the server's memory per
//!    connection.
//! 4. All 300 phones load the phone page and every file it names at once, as after
//!    scanning the QR code (asking for brotli, as browsers do); prints the time until the last
//!    phone has everything, the bytes each phone downloaded, and `/healthz` p50/p99 meanwhile
//!    (issue 16's targets: under 3 s, healthz p99 under 100 ms, at most 200 KB per phone).
//!
//! Targets from the issue: every ballot recorded, p99 under 250 ms, under 20 KiB per idle
//! connection. The figures are printed, not asserted: this is a measurement, not a test.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

const PHONES: usize = 300;
const SPREAD: Duration = Duration::from_secs(10);
const IDLE: usize = 2000;

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(4)
        .build()
        .expect("a client")
}

async fn post(c: &reqwest::Client, base: &str, endpoint: &str, form: &[(&str, &str)]) -> String {
    let body: String = form
        .iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let r = c
        .post(format!("{base}/api/{endpoint}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("POST");
    let status = r.status();
    let text = r.text().await.unwrap_or_default();
    assert!(status.is_success(), "{endpoint}: {status} {text}");
    text
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// The `voters` figure of each frame the projector receives, with when it arrived.
async fn read_projector(mut stream: reqwest::Response, seen: Arc<Mutex<Vec<(Instant, u32)>>>) {
    let mut buffer = String::new();
    while let Ok(Some(chunk)) = stream.chunk().await {
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            let data: String = event
                .lines()
                .filter_map(|l| l.strip_prefix("data: ").or_else(|| l.strip_prefix("data:")))
                .collect();
            let voters = serde_json::from_str::<serde_json::Value>(&data)
                .ok()
                .and_then(|v| v["step"]["vote"]["voters"].as_u64());
            if let Some(n) = voters {
                seen.lock().await.push((Instant::now(), n as u32));
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let binary = root.join("target/release/recovery-commons");
    assert!(
        binary.exists(),
        "build the release server first: cargo leptos build --release"
    );
    let dir = tempfile::tempdir().expect("a temp dir");
    let database_url = std::env::var("BENCH_POSTGRES_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/bench.db", dir.path().display()));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let base = format!("http://127.0.0.1:{port}");
    let settings = |c: &mut Command| {
        c.env("DATABASE_URL", &database_url)
            .env("LISTEN_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", root.join("target/site"))
            .env("RUST_LOG", "warn");
    };
    let mut serve = Command::new(&binary);
    settings(&mut serve);
    let server = Server(
        serve
            .stdout(Stdio::null())
            .spawn()
            .expect("the server starts"),
    );
    let pid = server.0.id();
    let http = client();
    for _ in 0..200 {
        if http.get(format!("{base}/healthz")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut link = Command::new(&binary);
    settings(&mut link);
    link.arg("admin-link");
    let out = String::from_utf8(link.output().expect("admin-link runs").stdout).unwrap_or_default();
    let token = out
        .split("token=")
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .expect("a sign-in link")
        .to_string();
    let admin = client();
    post(&admin, &base, "session/redeem-link", &[("token", &token)]).await;
    let process = post(
        &admin,
        &base,
        "processes/create",
        &[
            ("title", "Load test"),
            ("description", "Many phones at once."),
        ],
    )
    .await;
    let workshop = post(
        &admin,
        &base,
        "workshops/create",
        &[("process_id", &process), ("title", "Big room")],
    )
    .await;
    post(
        &admin,
        &base,
        "workshops/add-step",
        &[
            ("workshop_id", &workshop),
            ("title", "Do we agree?"),
            ("kind", "vote"),
            ("question", "Do we agree?"),
        ],
    )
    .await;
    let code: String = {
        let console = post(
            &admin,
            &base,
            "workshops/console",
            &[("workshop_id", &workshop)],
        )
        .await;
        let v: serde_json::Value = serde_json::from_str(&console).expect("the console");
        v["room"]["join_code"]
            .as_str()
            .unwrap_or_default()
            .replace(' ', "")
    };
    let idle_memory = rss_kib(pid);

    // 1. Joining.
    let joined_at = Instant::now();
    let mut joins = Vec::new();
    for i in 0..PHONES {
        let (base, code) = (base.clone(), code.clone());
        joins.push(tokio::spawn(async move {
            let phone = client();
            let name = format!("Guest {i}");
            let constituency = if i % 3 == 0 {
                "lived_experience"
            } else {
                "other"
            };
            post(
                &phone,
                &base,
                "workshops/join",
                &[
                    ("code", &code),
                    ("how", "guest"),
                    ("name", &name),
                    ("constituency", constituency),
                ],
            )
            .await;
            phone
        }));
    }
    let mut phones = Vec::new();
    for j in joins {
        phones.push(j.await.expect("a phone joins"));
    }
    let joining = joined_at.elapsed();
    post(
        &admin,
        &base,
        "workshops/move",
        &[
            ("workshop_id", &workshop),
            ("to", "next"),
            ("from", "gathering"),
        ],
    )
    .await;
    let decision: String = {
        let room = post(
            &admin,
            &base,
            "workshops/room",
            &[("workshop_id", &workshop)],
        )
        .await;
        let v: serde_json::Value = serde_json::from_str(&room).expect("the room");
        v["step"]["vote"]["decision"].to_string()
    };

    first_loads(&base, &workshop, &phones).await;

    // 2. Voting, with the projector watching.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let projector = admin
        .get(format!("{base}/workshops/{workshop}/live?view=room"))
        .send()
        .await
        .expect("the projector's stream");
    let reader = tokio::spawn(read_projector(projector, seen.clone()));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    let gap = SPREAD / PHONES as u32;
    let mut ballots = Vec::new();
    for (i, phone) in phones.iter().enumerate() {
        let (base, decision, phone) = (base.clone(), decision.clone(), phone.clone());
        ballots.push(tokio::spawn(async move {
            tokio::time::sleep(gap * i as u32).await;
            let answer = if i % 4 == 0 { "abstain" } else { "agree" };
            post(
                &phone,
                &base,
                "decisions/vote",
                &[("decision_id", &decision), ("answer", answer)],
            )
            .await;
            Instant::now()
        }));
    }
    let mut accepted = Vec::new();
    for b in ballots {
        accepted.push(b.await.expect("a ballot"));
    }
    let voting = started.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let busy_memory = rss_kib(pid);
    reader.abort();
    accepted.sort();
    let frames = seen.lock().await.clone();
    let mut latencies: Vec<f64> = accepted
        .iter()
        .enumerate()
        .filter_map(|(k, at)| {
            // The (k+1)-th accepted ballot is on screen once a frame counts k+1 voters.
            frames
                .iter()
                .find(|(t, n)| *n as usize > k && *t >= *at)
                .or_else(|| frames.iter().find(|(_, n)| *n as usize > k))
                .map(|(t, _)| t.saturating_duration_since(*at).as_secs_f64() * 1000.0)
        })
        .collect();
    latencies.sort_by(|a, b| a.total_cmp(b));
    let recorded = frames.iter().map(|(_, n)| *n).max().unwrap_or(0);

    // 2b. Everyone changes their ballot at the same moment: how fast the server takes them.
    let burst_started = Instant::now();
    let mut burst = Vec::new();
    for phone in &phones {
        let (base, decision, phone) = (base.clone(), decision.clone(), phone.clone());
        burst.push(tokio::spawn(async move {
            post(
                &phone,
                &base,
                "decisions/vote",
                &[
                    ("decision_id", &decision),
                    ("answer", "reservations"),
                    ("reason", ""),
                ],
            )
            .await;
        }));
    }
    for b in burst {
        b.await.expect("a changed ballot");
    }
    let burst_time = burst_started.elapsed();

    // 3. Idle live connections (phones following the step).
    let before_idle = rss_kib(pid);
    let mut idle = Vec::new();
    for i in 0..IDLE {
        let phone = phones[i % phones.len()].clone();
        let url = format!("{base}/workshops/{workshop}/live?view=step");
        idle.push(tokio::spawn(async move {
            let mut r = phone.get(url).send().await.ok()?;
            let _ = r.chunk().await;
            Some(r)
        }));
    }
    let mut held = Vec::new();
    for t in idle {
        if let Ok(Some(r)) = t.await {
            held.push(r);
        }
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after_idle = rss_kib(pid);
    let per_connection = (after_idle.saturating_sub(before_idle)) as f64 / held.len().max(1) as f64;

    println!(
        "Workshop load ({})",
        if database_url.starts_with("postgres") {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    println!("  {PHONES} phones joined in {:.1} s", joining.as_secs_f64());
    println!(
        "  ballots: {PHONES} sent over {:.1} s = {:.0} per second; the projector counted {recorded} (every ballot recorded: {})",
        voting.as_secs_f64(),
        PHONES as f64 / voting.as_secs_f64(),
        recorded as usize == PHONES
    );
    println!(
        "  all {PHONES} change their ballot at once: taken in {:.2} s = {:.0} ballots per second",
        burst_time.as_secs_f64(),
        PHONES as f64 / burst_time.as_secs_f64()
    );
    println!(
        "  ballot accepted -> on the projector: p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms ({} frames)",
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
        latencies.last().copied().unwrap_or(f64::NAN),
        frames.len()
    );
    println!(
        "  server memory: {} KiB before joining, {} KiB after voting",
        idle_memory, busy_memory
    );
    println!(
        "  {} idle live connections: {} KiB -> {} KiB = {:.1} KiB each",
        held.len(),
        before_idle,
        after_idle,
        per_connection
    );
    drop(held);
    drop(server);
}

/// The files a page names in `src="/pkg/…"` and `href="/pkg/…"` (the script, the
/// WebAssembly it preloads, the stylesheet).
fn pkg_files(html: &str) -> Vec<String> {
    let mut files: Vec<String> = html
        .split('"')
        .filter(|part| part.starts_with("/pkg/"))
        .map(str::to_string)
        .collect();
    files.sort();
    files.dedup();
    files
}

/// Every phone loads its page and the files it names, all at once; `/healthz` is timed
/// meanwhile.
async fn first_loads(base: &str, workshop: &str, phones: &[reqwest::Client]) {
    let page = format!("{base}/workshops/{workshop}");
    let html = phones[0]
        .get(&page)
        .send()
        .await
        .expect("the phone page")
        .text()
        .await
        .unwrap_or_default();
    let files = pkg_files(&html);
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let health = {
        let (base, done) = (base.to_string(), done.clone());
        tokio::spawn(async move {
            let probe = reqwest::Client::new();
            let mut latencies = Vec::new();
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                let start = Instant::now();
                if probe.get(format!("{base}/healthz")).send().await.is_ok() {
                    latencies.push(start.elapsed().as_secs_f64() * 1000.0);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            latencies
        })
    };
    let started = Instant::now();
    let mut loads = Vec::new();
    for phone in phones {
        let (phone, page, files, base) =
            (phone.clone(), page.clone(), files.clone(), base.to_string());
        loads.push(tokio::spawn(async move {
            let mut bytes = 0usize;
            let get = |url: String| {
                let phone = phone.clone();
                async move {
                    phone
                        .get(url)
                        .header("Accept-Encoding", "br, gzip")
                        .send()
                        .await
                        .ok()?
                        .bytes()
                        .await
                        .ok()
                        .map(|b| b.len())
                }
            };
            bytes += get(page).await.unwrap_or(0);
            let parts =
                futures::future::join_all(files.iter().map(|f| get(format!("{base}{f}")))).await;
            bytes += parts.into_iter().flatten().sum::<usize>();
            bytes
        }));
    }
    let mut per_phone = Vec::new();
    for load in loads {
        per_phone.push(load.await.unwrap_or(0));
    }
    let took = started.elapsed();
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let mut latencies = health.await.unwrap_or_default();
    latencies.sort_by(f64::total_cmp);
    let largest = per_phone.iter().max().copied().unwrap_or(0);
    println!(
        "First loads: {} phones had the page and its {} files in {:.2} s; {} KB per phone (compressed); /healthz meanwhile p50 {:.1} ms, p99 {:.1} ms",
        per_phone.len(),
        files.len(),
        took.as_secs_f64(),
        largest / 1024,
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
    );
}
