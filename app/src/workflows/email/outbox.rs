//! The outbox (server only). Every instance runs [`scan`] and [`drain`] on a timer:
//! - `scan` decides, per person, what is due and writes it to the outbox in the same
//!   transaction that marks its notices sent. Keys are unique, so when two instances scan at
//!   once one message is written.
//! - `drain` claims one message at a time (a lease, so a crashed instance's claim runs out and
//!   another sends it), sends it over SMTP, and marks it sent; a failure waits and tries
//!   again. Nothing waits on a request: a person saving a comment never waits for mail.

use lettre::message::Mailbox;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::domain::email::{
    self as rules, Frequency, MAX_ATTEMPTS, Notice, compose, digest_day, notices_of,
};
use crate::domain::{ProcessId, Viewer};
use crate::error::AppError;
use crate::store::email::{self as store, Outgoing};
use crate::store::{Db, StoreError};
use crate::workflows::unexpected;

/// How long an instance holds a message it is sending before another may try it.
const LEASE_SECONDS: i64 = 300;
/// At most this many messages per drain, so one slow SMTP server does not hold a loop.
const BATCH: usize = 50;

/// Sends through one SMTP server (`SMTP_URL`, e.g. `smtp://localhost:25` or
/// `smtps://user:password@mail.example.org`), from one address.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

#[derive(Debug, thiserror::Error)]
pub enum MailerError {
    #[error("SMTP_URL is not a valid SMTP address (smtp://host:port, smtps://…)")]
    Url,
    #[error("MAIL_FROM is not a valid address, e.g. Recovery Commons <no-reply@example.org>")]
    From,
}

impl Mailer {
    pub fn new(smtp_url: &str, from: &str) -> Result<Self, MailerError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|_| MailerError::Url)?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from.parse().map_err(|_| MailerError::From)?;
        Ok(Self { transport, from })
    }

    async fn send(
        &self,
        to: &str,
        subject: &str,
        body: &str,
        unsubscribe: Option<&str>,
    ) -> Result<(), &'static str> {
        let to: Mailbox = to.parse().map_err(|_| "the stored address is not valid")?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN);
        if let Some(link) = unsubscribe {
            // RFC 8058: mail programs show their own "unsubscribe" button, which posts here.
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{link}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_string(),
                ));
        }
        let message = builder
            .body(body.to_string())
            .map_err(|_| "the message could not be built")?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| {
            if e.is_permanent() {
                "the SMTP server refused it"
            } else if e.is_transient() {
                "the SMTP server asked to try later"
            } else {
                "the SMTP server could not be reached"
            }
        })
    }
}

impl std::fmt::Debug for Mailer {
    // The URL may hold a password: never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Mailer")
    }
}

/// What the scan needs to know.
#[derive(Debug, Clone)]
pub struct ScanSettings {
    /// The site's address, for links (no trailing slash).
    pub site: String,
    /// The hour (UTC) from which the daily digest goes.
    pub digest_hour: u32,
}

/// Every notice for `viewer` at `now`, whatever they chose, with its path on the site.
pub(crate) async fn current_notices(
    db: &Db,
    viewer: &Viewer,
    now: i64,
) -> Result<Vec<(Notice, String)>, AppError> {
    let mut out = Vec::new();
    for (process, need) in crate::workflows::needs::all(db, viewer, now).await? {
        for notice in notices_of(process, &need, now) {
            let path = path_of(&notice);
            out.push((notice, path));
        }
    }
    for (process, kind, publication) in store::publications(db, viewer.person)
        .await
        .map_err(unexpected("reading publications"))?
    {
        let notice = Notice::NewVersion {
            process,
            kind,
            publication,
        };
        out.push((notice.clone(), path_of(&notice)));
    }
    Ok(out)
}

fn path_of(notice: &Notice) -> String {
    use crate::routes;
    match notice {
        Notice::VoteOpen { process, decision } | Notice::VoteClosing { process, decision } => {
            routes::decision(ProcessId::new(*process), *decision)
        }
        Notice::Reply {
            process,
            kind,
            section,
            comment,
        } => routes::at_comment(
            &routes::discussion(ProcessId::new(*process), *kind, *section),
            *comment,
        ),
        Notice::Verdict {
            process,
            kind,
            amendment,
        } => routes::amendment(ProcessId::new(*process), *kind, *amendment),
        Notice::NewVersion { process, kind, .. } => {
            routes::public_document(ProcessId::new(*process), *kind)
        }
    }
}

/// Writes every message now due to the outbox; returns how many this instance wrote. One
/// person whose mail cannot be worked out is logged (by id) and skipped, never holding up
/// everyone after them.
pub async fn scan(db: &Db, settings: &ScanSettings, now: i64) -> Result<u32, AppError> {
    let mut written = 0;
    for recipient in store::recipients(db)
        .await
        .map_err(unexpected("reading who gets email"))?
    {
        let person = recipient.viewer.person;
        match scan_one(db, settings, &recipient, now).await {
            Ok(true) => written += 1,
            Ok(false) => {}
            Err(error) => {
                tracing::warn!(person = person.get(), %error, "could not work out one person's email");
            }
        }
    }
    Ok(written)
}

/// Writes `recipient`'s message if one is due; `true` when this instance wrote it.
async fn scan_one(
    db: &Db,
    settings: &ScanSettings,
    recipient: &store::Recipient,
    now: i64,
) -> Result<bool, AppError> {
    let person = recipient.viewer.person;
    let sent = store::notified(db, person)
        .await
        .map_err(unexpected("reading notices sent"))?;
    let done = crate::store::needs::done(db, person)
        .await
        .map_err(unexpected("reading what was marked done"))?;
    let due: Vec<(Notice, String)> = current_notices(db, &recipient.viewer, now)
        .await?
        .into_iter()
        .filter(|(n, _)| recipient.choice.wants(n.topic()))
        .filter(|(n, _)| !sent.contains(&n.key()))
        .filter(|(n, _)| n.need_key().is_none_or(|k| !done.contains(&k)))
        .map(|(n, path)| (n, format!("{}{path}", settings.site)))
        .collect();
    let Some(first) = due.first() else {
        return Ok(false);
    };
    let dedupe_key = match recipient.choice.frequency {
        Frequency::AtOnce => format!("notice:{}:{}", person.get(), first.0.key()),
        Frequency::Daily => match digest_day(now, settings.digest_hour) {
            Some(day) => format!("digest:{}:{day}", person.get()),
            None => return Ok(false),
        },
    };
    // Today's digest went already: what is new waits for tomorrow's.
    if store::written(db, &dedupe_key)
        .await
        .map_err(unexpected("reading the outbox"))?
    {
        return Ok(false);
    }
    let unsubscribe = format!(
        "{}{}",
        settings.site,
        crate::routes::unsubscribe(recipient.unsubscribe_token.as_str())
    );
    let Some(message) = compose(&due, &unsubscribe) else {
        return Ok(false);
    };
    let notices: Vec<String> = due.iter().map(|(n, _)| n.key()).collect();
    let outgoing = Outgoing {
        person,
        dedupe_key: &dedupe_key,
        subject: &message.subject,
        body: &message.body,
        notices: &notices,
    };
    store::enqueue(db, &outgoing, now)
        .await
        .map_err(unexpected("writing to the outbox"))
}

/// Sends what is due; returns how many went. `me` names this instance in its claims;
/// `retry_seconds` is the first wait after a failure. Each claim reads the clock afresh, and
/// the batch ends well inside the lease, so a claim never runs out while it is being sent.
pub async fn drain(
    db: &Db,
    mailer: &Mailer,
    me: &str,
    retry_seconds: i64,
) -> Result<u32, StoreError> {
    let started = crate::store::unix_now();
    let mut sent = 0;
    for _ in 0..BATCH {
        let now = crate::store::unix_now();
        if now - started > LEASE_SECONDS / 3 {
            break;
        }
        let Some(message) = store::claim_next(db, me, now, LEASE_SECONDS).await? else {
            break;
        };
        let Some(address) = message.address.filter(|_| message.still_wanted) else {
            // The address was removed, or they unsubscribed after it was written.
            store::mark_failed(db, message.id, me, now, true, now).await?;
            continue;
        };
        let unsubscribe = message
            .unsubscribe_token
            .as_deref()
            .map(|token| unsubscribe_link(&message.body, token));
        match mailer
            .send(
                &address,
                &message.subject,
                &message.body,
                unsubscribe.flatten().as_deref(),
            )
            .await
        {
            Ok(()) => {
                store::mark_sent(db, message.id, me, crate::store::unix_now()).await?;
                sent += 1;
            }
            Err(failure) => {
                let give_up = message.attempts >= MAX_ATTEMPTS;
                // The message id and the kind of failure: never the address, the words, or
                // the SMTP server's reply (which often quotes the address).
                tracing::warn!(
                    message = message.id,
                    attempts = message.attempts,
                    give_up,
                    failure,
                    "an email could not be sent"
                );
                let now = crate::store::unix_now();
                let retry_at = now + rules::retry_after(message.attempts, retry_seconds);
                store::mark_failed(db, message.id, me, retry_at, give_up, now).await?;
            }
        }
    }
    Ok(sent)
}

/// The unsubscribe link written in the body (the last line), for the header.
fn unsubscribe_link(body: &str, token: &str) -> Option<String> {
    body.lines()
        .rev()
        .find(|line| line.ends_with(token))
        .map(str::to_string)
}
