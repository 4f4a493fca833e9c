//! Settings, from flags or the environment. The defaults start a working site on SQLite with
//! no set-up.

use std::net::SocketAddr;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "recovery-commons",
    version,
    about = "Recovery Commons: agree together, in the open, what recovery means locally"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub settings: Settings,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Serve the site (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Print a new one-time sign-in link for the first site administrator.
    AdminLink,
    /// Check every decision's participation record (its chain of hashes, that it is whole,
    /// and that it agrees with the ballots and outcomes stored); exit non-zero, naming the
    /// first failure.
    VerifyRecord,
    /// Write brotli and gzip copies of the built JavaScript, WebAssembly and CSS beside them
    /// (the server serves those as they are; run after each build).
    Precompress,
    /// Copy a running SQLite database to PATH (a consistent online copy), then check the
    /// copy; PATH must not exist yet. (For PostgreSQL use pg_dump: see the README.)
    Backup {
        /// Where to write the copy, e.g. backups/recovery-commons-2026-11-30.db
        path: std::path::PathBuf,
    },
}

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Database URL: sqlite://path/to/file.db or postgres://user@host/db.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/recovery-commons.db",
        global = true
    )]
    pub database_url: String,
    /// Address and port to listen on.
    #[arg(
        long,
        env = "LISTEN_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub listen: SocketAddr,
    /// The address people use to reach the site, e.g. https://commons.example.org. Used in
    /// printed links and the same-origin check; an https address also makes cookies Secure.
    #[arg(long, env = "PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Folder with the built JavaScript, WebAssembly and CSS (cargo-leptos's site root).
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: String,
    /// How long a live workshop stream stays open before the server ends it and the screen
    /// reconnects by itself (so load balancers can spread connections again, and stale ones
    /// go). Screens catch up on reconnecting, so people do not notice.
    #[arg(
        long,
        env = "LIVE_STREAM_SECONDS",
        default_value_t = 3600,
        global = true
    )]
    pub live_stream_seconds: u64,
    #[command(flatten)]
    pub email: EmailSettings,
}

/// Email (optional): without `SMTP_URL` the site sends none, and says so on the email page.
#[derive(Debug, Clone, Args)]
pub struct EmailSettings {
    /// The SMTP server to send through, e.g. smtp://localhost:25, or
    /// smtps://user:password@mail.example.org for TLS (smtp://…?tls=required for STARTTLS).
    #[arg(long, env = "SMTP_URL", global = true)]
    pub smtp_url: Option<String>,
    /// Who messages are from.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Recovery Commons <no-reply@localhost>",
        global = true
    )]
    pub mail_from: String,
    /// How often each instance looks for mail that is due and sends what waits.
    #[arg(long, env = "EMAIL_EVERY_SECONDS", default_value_t = 60, global = true)]
    pub every_seconds: u64,
    /// The hour (0-23, UTC) from which the daily digest is sent.
    #[arg(long, env = "EMAIL_DIGEST_HOUR", default_value_t = 7,
          value_parser = clap::value_parser!(u32).range(0..=23), global = true)]
    pub digest_hour: u32,
    /// The first wait before sending a failed message again (it doubles, up to an hour).
    #[arg(long, env = "EMAIL_RETRY_SECONDS", default_value_t = 60, global = true)]
    pub retry_seconds: u64,
}

impl Default for EmailSettings {
    fn default() -> Self {
        Self {
            smtp_url: None,
            mail_from: "Recovery Commons <no-reply@localhost>".to_string(),
            every_seconds: 60,
            digest_hour: 7,
            retry_seconds: 60,
        }
    }
}

impl Settings {
    /// The database URL with any password hidden, for logs.
    pub fn database_url_for_logs(&self) -> String {
        redact_password(&self.database_url)
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((credentials, host)) if credentials.contains(':') => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hidden_in_logged_urls() {
        assert_eq!(
            redact_password("postgres://app:s3cret@db/rc"),
            "postgres://app:***@db/rc"
        );
        assert_eq!(
            redact_password("postgres://app@db/rc"),
            "postgres://app@db/rc"
        );
        assert_eq!(redact_password("sqlite://data/x.db"), "sqlite://data/x.db");
    }

    #[test]
    fn defaults_need_no_configuration() {
        let cli = Cli::try_parse_from(["recovery-commons"]).unwrap();
        assert!(cli.command.is_none());
        assert!(cli.settings.database_url.starts_with("sqlite://data/"));
        assert_eq!(cli.settings.listen.to_string(), "127.0.0.1:3000");
        assert!(
            cli.settings.email.smtp_url.is_none(),
            "no email unless asked"
        );
    }

    #[test]
    fn a_digest_hour_past_the_day_is_refused() {
        assert!(Cli::try_parse_from(["recovery-commons", "--digest-hour", "24"]).is_err());
        let cli = Cli::try_parse_from(["recovery-commons", "--digest-hour", "0"]).unwrap();
        assert_eq!(cli.settings.email.digest_hour, 0);
    }

    #[test]
    fn flags_may_follow_the_subcommand() {
        let cli = Cli::try_parse_from([
            "recovery-commons",
            "migrate",
            "--database-url",
            "sqlite://x.db",
        ])
        .unwrap();
        assert!(matches!(cli.command, Some(Command::Migrate)));
        assert_eq!(cli.settings.database_url, "sqlite://x.db");
    }
}
