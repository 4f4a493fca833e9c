//! The email loop each instance runs when `SMTP_URL` is set: look for what is due, send what
//! waits, and clear old sent messages. Everything it needs to agree with other instances is in
//! the database (see `app::workflows::email::outbox`).

use std::time::Duration;

use anyhow::Context;

use app::store::{Db, unix_now};
use app::workflows::email::outbox::{Mailer, ScanSettings, drain, scan};

use crate::settings::EmailSettings;

/// Sent messages are kept this long (a digest's key must outlive its day), then deleted.
const KEEP_SENT_SECONDS: i64 = 7 * 24 * 60 * 60;

pub struct EmailLoop {
    mailer: Mailer,
    scan: ScanSettings,
    every: Duration,
    retry_seconds: i64,
    /// Names this instance in its claims on the outbox.
    instance: String,
}

impl EmailLoop {
    /// `None` when no SMTP server was given.
    pub fn from_settings(settings: &EmailSettings, site: &str) -> anyhow::Result<Option<Self>> {
        let Some(url) = settings.smtp_url.as_deref().filter(|u| !u.is_empty()) else {
            return Ok(None);
        };
        let mailer =
            Mailer::new(url, &settings.mail_from).context("reading SMTP_URL and MAIL_FROM")?;
        Ok(Some(Self {
            mailer,
            scan: ScanSettings {
                site: site.trim_end_matches('/').to_string(),
                digest_hour: settings.digest_hour,
            },
            every: Duration::from_secs(settings.every_seconds.max(1)),
            retry_seconds: i64::try_from(settings.retry_seconds).unwrap_or(60),
            instance: app::auth::token::SecretToken::generate().expose()[..12].to_string(),
        }))
    }

    pub async fn run(self, db: Db) {
        let mut tick = tokio::time::interval(self.every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let now = unix_now();
            match scan(&db, &self.scan, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(messages = n, "email due, written to the outbox"),
                Err(error) => tracing::warn!(%error, "could not look for email that is due"),
            }
            match drain(&db, &self.mailer, &self.instance, self.retry_seconds).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(messages = n, "email sent"),
                Err(error) => tracing::warn!(?error, "could not send waiting email"),
            }
            if let Err(error) = app::store::email::purge(&db, now - KEEP_SENT_SECONDS).await {
                tracing::warn!(?error, "could not clear old sent email");
            }
        }
    }
}
