//! Live updates for workshops (server only). Every change a live screen shows (the room
//! moving to a step, a ballot, a comment) calls [`LiveHub::changed`]; the hub rebuilds that
//! workshop's live frame once and hands it to every screen connected to this instance, over
//! Server-Sent Events.
//!
//! Several instances behind a load balancer share one PostgreSQL database: there a change is
//! announced with `pg_notify`, and every instance (the one that made it too) hears it through
//! `LISTEN` and rebuilds its own frame. On SQLite (one instance by design) the hub is told
//! directly. Frames travel on `watch` channels, which hold only the latest: a slow phone skips
//! to the newest state instead of queueing old ones.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use tokio::sync::{Notify, watch};

use crate::store::{Backend, Db};

/// The channel PostgreSQL notifications travel on; the payload is the workshop's id, or
/// [`PEOPLE`].
pub const CHANNEL: &str = "rc_workshop_changed";

/// The payload saying that a person changed: withdrew, changed how they appear, was removed,
/// or signed out. Every room's frame is rebuilt (it may show their name) and every stream
/// checks again that its session may still follow.
pub const PEOPLE: &str = "people";

/// The payload saying that what a public page shows changed: a version published, a
/// ratification, public comments turned on or off. Each instance forgets which public page is
/// current and asks the database again.
pub const PUBLIC: &str = "public";

/// What each connected screen receives: the whole room (projector, console) and the part a
/// phone follows (the current step), as JSON ready to send.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Frame {
    pub room: String,
    pub step: String,
}

/// Builds workshop `id`'s frame now (the workflows know how; the hub only sends it on).
pub type FrameBuilder =
    Arc<dyn Fn(Db, i64) -> Pin<Box<dyn Future<Output = Frame> + Send>> + Send + Sync>;

struct Room {
    frames: watch::Sender<Arc<Frame>>,
    dirty: Notify,
}

pub struct LiveHub {
    db: Db,
    build: FrameBuilder,
    rooms: Mutex<HashMap<i64, Arc<Room>>>,
    /// Counts changes of people; streams watch it to check their session again.
    people: watch::Sender<u64>,
    /// Set when the server is stopping: every stream ends at once, and its screen reconnects
    /// (to another instance, or to this one when it is back).
    stopping: watch::Sender<bool>,
    /// Counts changes to public pages, here and (through `NOTIFY`) on every instance.
    public: std::sync::atomic::AtomicU64,
    /// On PostgreSQL, whether this instance is listening now (so hears every change).
    listening: std::sync::atomic::AtomicBool,
}

impl std::fmt::Debug for LiveHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveHub").finish_non_exhaustive()
    }
}

impl LiveHub {
    pub fn new(db: Db, build: FrameBuilder) -> Arc<Self> {
        Arc::new(Self {
            db,
            build,
            rooms: Mutex::new(HashMap::new()),
            people: watch::channel(0).0,
            stopping: watch::channel(false).0,
            public: std::sync::atomic::AtomicU64::new(0),
            listening: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// Says that what a public page shows changed (see [`PUBLIC`]). Called after the change
    /// has committed, so a reader told about it finds it.
    pub async fn public_pages_changed(&self) {
        if self.db.backend() == Backend::Postgres {
            let sent = sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(PUBLIC)
                .execute(self.db.pool())
                .await;
            if let Err(error) = sent {
                tracing::warn!(?error, "could not announce a change to public pages");
            }
        }
        self.heard_public_pages_changed();
    }

    fn heard_public_pages_changed(&self) {
        self.public
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// Changes whenever a public page may show something new: a page remembered under an
    /// older value must be looked up again. `None` while this instance could miss a change
    /// made on another (PostgreSQL, not listening just now): then nothing may be remembered.
    pub fn public_generation(&self) -> Option<u64> {
        use std::sync::atomic::Ordering;
        let hears_everything =
            self.db.backend() == Backend::Sqlite || self.listening.load(Ordering::SeqCst);
        hears_everything.then(|| self.public.load(Ordering::SeqCst))
    }

    /// Ends every live stream now (the server is stopping).
    pub fn stop_streams(&self) {
        self.stopping.send_replace(true);
    }

    /// Completes once the server is stopping.
    pub fn stopped(&self) -> impl Future<Output = ()> + Send + 'static {
        let mut stopping = self.stopping.subscribe();
        async move {
            // An error means the hub is gone, which also ends the stream.
            let _ = stopping.wait_for(|stopping| *stopping).await;
        }
    }

    /// Says that a person changed (see [`PEOPLE`]). Returns once this instance's frames are
    /// rebuilt, so a stream opened after it never carries what the person took back; other
    /// instances hear it through `NOTIFY` and follow within moments.
    pub async fn people_changed(&self) {
        if self.db.backend() == Backend::Postgres {
            let sent = sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(PEOPLE)
                .execute(self.db.pool())
                .await;
            if let Err(error) = sent {
                tracing::warn!(?error, "could not announce a change of people");
            }
        }
        self.people.send_modify(|n| *n = n.wrapping_add(1));
        let rooms: Vec<(i64, Arc<Room>)> = self
            .rooms
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .map(|(id, room)| (*id, room.clone()))
            .collect();
        for (id, room) in rooms {
            self.rebuild(id, &room).await;
        }
    }

    /// Changes whenever a person changed; a stream checks its session again each time.
    pub fn people(&self) -> watch::Receiver<u64> {
        self.people.subscribe()
    }

    /// Heard from another instance: rebuild every room in the background.
    fn heard_people_changed(&self) {
        self.people.send_modify(|n| *n = n.wrapping_add(1));
        self.wake_all();
    }

    /// Says that workshop `id` changed. Never fails the change itself: a missed update is
    /// caught up by the next one, or by a reload.
    pub async fn changed(&self, id: i64) {
        match self.db.backend() {
            Backend::Postgres => {
                let sent = sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CHANNEL)
                    .bind(id.to_string())
                    .execute(self.db.pool())
                    .await;
                if let Err(error) = sent {
                    tracing::warn!(?error, workshop = id, "could not announce a live change");
                    self.wake(id);
                }
            }
            Backend::Sqlite => self.wake(id),
        }
    }

    /// Says that every workshop voting on `decision` changed.
    pub async fn decision_changed(&self, decision: i64) {
        match crate::store::workshops::with_decision(&self.db, decision).await {
            Ok(ids) => {
                for id in ids {
                    self.changed(id).await;
                }
            }
            Err(error) => tracing::warn!(?error, decision, "could not find its workshops"),
        }
    }

    /// Says that every workshop under way in `process` may have changed (a comment on a
    /// section, approved or hidden).
    pub async fn process_changed(&self, process: crate::domain::ProcessId) {
        match crate::store::workshops::under_way(&self.db, process).await {
            Ok(ids) => {
                for id in ids {
                    self.changed(id).await;
                }
            }
            Err(error) => tracing::warn!(?error, "could not find the workshops under way"),
        }
    }

    /// Rebuilds the frame of workshop `id` if anyone here is watching it.
    pub fn wake(&self, id: i64) {
        if let Some(room) = self.rooms.lock().ok().and_then(|r| r.get(&id).cloned()) {
            room.dirty.notify_one();
        }
    }

    fn wake_all(&self) {
        if let Ok(rooms) = self.rooms.lock() {
            for room in rooms.values() {
                room.dirty.notify_one();
            }
        }
    }

    /// A receiver of workshop `id`'s frames, starting with the current one. The first
    /// watcher starts the task that rebuilds frames; it stops when the last one leaves.
    pub async fn watch(self: &Arc<Self>, id: i64) -> watch::Receiver<Arc<Frame>> {
        let (room, fresh) = {
            let mut rooms = match self.rooms.lock() {
                Ok(rooms) => rooms,
                Err(poisoned) => poisoned.into_inner(),
            };
            match rooms.get(&id) {
                Some(room) => (room.clone(), false),
                None => {
                    let (frames, _) = watch::channel(Arc::new(Frame::default()));
                    let room = Arc::new(Room {
                        frames,
                        dirty: Notify::new(),
                    });
                    rooms.insert(id, room.clone());
                    (room, true)
                }
            }
        };
        let receiver = room.frames.subscribe();
        if fresh {
            let frame = (self.build)(self.db.clone(), id).await;
            room.frames.send_replace(Arc::new(frame));
            tokio::spawn(self.clone().rebuild_on_change(id, room));
        }
        receiver
    }

    async fn rebuild_on_change(self: Arc<Self>, id: i64, room: Arc<Room>) {
        loop {
            tokio::select! {
                () = room.dirty.notified() => self.rebuild(id, &room).await,
                () = tokio::time::sleep(std::time::Duration::from_secs(30)) => {}
            }
            if room.frames.receiver_count() == 0 {
                let mut rooms = match self.rooms.lock() {
                    Ok(rooms) => rooms,
                    Err(poisoned) => poisoned.into_inner(),
                };
                // Someone may have started watching while this was rebuilding.
                if room.frames.receiver_count() == 0 {
                    rooms.remove(&id);
                    return;
                }
            }
        }
    }

    /// Builds room `id`'s frame now and sends it on if it differs.
    async fn rebuild(&self, id: i64, room: &Room) {
        let frame = (self.build)(self.db.clone(), id).await;
        room.frames.send_if_modified(|current| {
            let changed = **current != frame;
            if changed {
                *current = Arc::new(frame);
            }
            changed
        });
    }

    /// On PostgreSQL: listens for changes announced by every instance, reconnecting after a
    /// dropped connection (and then rebuilding every room, to catch up what was missed).
    pub fn listen(self: &Arc<Self>, database_url: String) {
        if self.db.backend() != Backend::Postgres {
            return;
        }
        let hub = self.clone();
        tokio::spawn(async move {
            loop {
                match sqlx::postgres::PgListener::connect(&database_url).await {
                    Ok(mut listener) => match listener.listen(CHANNEL).await {
                        Ok(()) => {
                            // Whatever was missed while not listening, people and public
                            // pages included.
                            hub.heard_people_changed();
                            hub.heard_public_pages_changed();
                            hub.listening
                                .store(true, std::sync::atomic::Ordering::SeqCst);
                            // `try_recv`, not `recv`: `recv` reconnects silently and what was
                            // sent meanwhile is lost unseen; `None` says the connection went.
                            while let Ok(Some(note)) = listener.try_recv().await {
                                if note.payload() == PEOPLE {
                                    hub.heard_people_changed();
                                } else if note.payload() == PUBLIC {
                                    hub.heard_public_pages_changed();
                                } else if let Ok(id) = note.payload().parse::<i64>() {
                                    hub.wake(id);
                                }
                            }
                            hub.listening
                                .store(false, std::sync::atomic::Ordering::SeqCst);
                        }
                        Err(error) => tracing::warn!(?error, "could not listen for live changes"),
                    },
                    Err(error) => {
                        tracing::warn!(?error, "could not connect to listen for live changes")
                    }
                }
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
        });
    }
}
