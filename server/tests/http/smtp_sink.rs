//! A real SMTP server for the tests (the `mailin-embedded` crate), keeping every message it
//! receives. The app talks to it over TCP exactly as it would to a mail provider.

use std::io;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mailin_embedded::{Handler, Response, Server, SslConfig};

/// One message as received: who it was for and its whole text (headers and body).
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub text: String,
}

#[derive(Clone)]
struct Keep {
    inbox: Arc<Mutex<Vec<Received>>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Keep {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        mailin_embedded::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let text = String::from_utf8_lossy(&self.data).into_owned();
        if let Ok(mut inbox) = self.inbox.lock() {
            inbox.push(Received {
                to: std::mem::take(&mut self.to),
                text,
            });
        }
        mailin_embedded::response::OK
    }
}

pub struct SmtpSink {
    pub port: u16,
    inbox: Arc<Mutex<Vec<Received>>>,
}

impl SmtpSink {
    /// Starts a server on a free port, on its own thread (it lives until the tests end).
    pub fn start() -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().expect("an address").port();
        let inbox = Arc::new(Mutex::new(Vec::new()));
        let mut server = Server::new(Keep {
            inbox: inbox.clone(),
            to: Vec::new(),
            data: Vec::new(),
        });
        server
            .with_name("sink.test")
            .with_ssl(SslConfig::None)
            .expect("no TLS")
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        Self { port, inbox }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The messages received so far for `address`.
    pub fn for_address(&self, address: &str) -> Vec<Received> {
        self.inbox
            .lock()
            .map(|inbox| {
                inbox
                    .iter()
                    .filter(|m| m.to.iter().any(|t| t.contains(address)))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits (up to 30 s) until `address` has `n` messages, then a little longer, so a
    /// duplicate would have time to arrive too; returns what arrived.
    pub async fn wait_for(&self, address: &str, n: usize) -> Vec<Received> {
        let started = Instant::now();
        while self.for_address(address).len() < n && started.elapsed() < Duration::from_secs(30) {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        tokio::time::sleep(Duration::from_secs(3)).await;
        self.for_address(address)
    }

    /// What `address` has after several more rounds of the email loop (which runs every
    /// second in the tests): for checking that nothing more arrives.
    pub async fn after_a_while(&self, address: &str) -> Vec<Received> {
        tokio::time::sleep(Duration::from_secs(4)).await;
        self.for_address(address)
    }
}

/// Email settings for a test instance: this SMTP server, looking every second, the digest
/// due from midnight, and quick retries.
pub fn email_settings(smtp_url: String) -> recovery_commons::settings::EmailSettings {
    recovery_commons::settings::EmailSettings {
        smtp_url: Some(smtp_url),
        mail_from: "Recovery Commons <no-reply@commons.test>".to_string(),
        every_seconds: 1,
        digest_hour: 0,
        retry_seconds: 1,
    }
}
