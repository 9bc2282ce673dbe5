//! `antq serve`: owns the store, listens on a Unix socket, learns each client's OS user from the
//! socket itself and lets the service authorise every request.

use std::io::{BufReader, BufWriter};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::os_users as users;
use crate::remote::limits::{self, DeadlineReader};
use crate::remote::protocol::{self, Request, Response};
use crate::remote::server_log::{log, log_at, log_limited, Level};
use crate::remote::socket_file::bind;
use crate::remote::wire::{self, FrameError, PROTOCOL_VERSION};
use crate::service::{Actor, LocalService, Service};

/// Watching clients, each fed a notice number after every committed change.
#[derive(Default)]
struct Watchers {
    senders: Mutex<Vec<Sender<u64>>>,
    seq: AtomicU64,
}

impl Watchers {
    fn notify(&self) {
        let n = self.seq.fetch_add(1, Ordering::SeqCst) + 1;
        self.senders
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|tx| tx.send(n).is_ok());
    }
}

/// One request waiting for a worker, with the way back to its connection.
struct Job {
    actor: Actor,
    req: Request,
    reply: SyncSender<Response>,
}

/// A fixed set of workers runs requests in arrival order. Connection threads only do I/O, so
/// however many clients are connected, only a few threads compete for the cores (and for the
/// write lock): a thread per request let the lock holder be preempted by 100 others.
/// With no workers, each request runs on its connection's thread (the benchmark's baseline).
#[derive(Clone)]
struct Pool {
    svc: Arc<LocalService>,
    jobs: Option<Sender<Job>>,
}

impl Pool {
    fn start(svc: Arc<LocalService>, workers: usize) -> Pool {
        if workers == 0 {
            return Pool { svc, jobs: None };
        }
        let (jobs, queue) = channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for _ in 0..workers {
            let (svc, queue) = (svc.clone(), queue.clone());
            std::thread::spawn(move || work(&svc, &queue));
        }
        Pool {
            svc,
            jobs: Some(jobs),
        }
    }

    fn run(&self, actor: &Actor, req: Request) -> Response {
        let Some(jobs) = &self.jobs else {
            return run_whole(&self.svc, actor, req);
        };
        let (reply, answer) = sync_channel(1);
        let job = Job {
            actor: actor.clone(),
            req,
            reply,
        };
        if jobs.send(job).is_err() {
            return Err(worker_failed());
        }
        answer.recv().unwrap_or_else(|_| Err(worker_failed()))
    }
}

/// One request on the service. Reads wait while a bulk write is being switched in, so a
/// listing never shows an import half done; a backup takes the write lock itself instead.
fn run_whole(svc: &LocalService, actor: &Actor, req: Request) -> Response {
    if req.changes() || matches!(req, Request::backup_begin {}) {
        return protocol::dispatch(svc, actor, req);
    }
    svc.whole(|| protocol::dispatch(svc, actor, req))
}

fn work(svc: &LocalService, queue: &Mutex<Receiver<Job>>) {
    loop {
        let job = match queue.lock().unwrap_or_else(|p| p.into_inner()).recv() {
            Ok(job) => job,
            Err(_) => return,
        };
        // A bug in one request must not take a worker (and so the server) down with it.
        let run = std::panic::AssertUnwindSafe(|| run_whole(svc, &job.actor, job.req));
        let resp = std::panic::catch_unwind(run).unwrap_or_else(|_| Err(worker_failed()));
        let _ = job.reply.send(resp);
    }
}

fn worker_failed() -> Error {
    Error::Server {
        detail: "the server failed while answering this request; see its log".into(),
    }
}

/// Workers: enough that some keep reading while others wait for a flush.
fn worker_count() -> usize {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    (cores * 2).clamp(4, 16)
}

pub struct Options {
    pub db: PathBuf,
    pub socket: PathBuf,
    /// Group that may connect (the socket is 0660); None keeps the server's own group.
    pub group: Option<String>,
    /// Requests run at once; None picks from the core count, 0 means one thread per connection.
    pub workers: Option<usize>,
    /// Connections one OS user may hold at once.
    pub per_user: usize,
    /// The log's language.
    pub lang: crate::i18n::Lang,
}

/// What clients may hold, shared by every connection.
struct Limits {
    admission: Arc<limits::Admission>,
    budget: limits::Budget,
    log: limits::LogLimiter,
    total: usize,
    per_uid: usize,
}

fn io_err(what: &str, e: std::io::Error) -> Error {
    Error::Server {
        detail: format!("{what}: {e}"),
    }
}

/// Where a running server says its socket is: a file in the store folder, so a command that
/// finds the store held can go through the server instead (only users who may read the store
/// folder see it; others use --connect or their config).
const SOCKET_NOTE: &str = "serve.socket";

/// The socket only if the store's owner made it: after a kill -9 the note outlives the
/// server, and another account could bind a socket of its own at that path.
pub fn socket_of(db: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let text = std::fs::read_to_string(db.join(SOCKET_NOTE)).ok()?;
    let sock = PathBuf::from(text.trim_end_matches('\n'));
    let owner = std::fs::metadata(db).ok()?.uid();
    let meta = std::fs::symlink_metadata(&sock).ok()?;
    (meta.file_type().is_socket() && meta.uid() == owner).then_some(sock)
}

fn write_socket_note(db: &Path, socket: &Path) {
    let abs = std::path::absolute(socket).unwrap_or_else(|_| socket.to_path_buf());
    let note = db.join(SOCKET_NOTE);
    if let Ok(mut f) = crate::private_fs::create_file(&note) {
        use std::io::Write;
        let _ = writeln!(f, "{}", abs.display());
    }
}

/// Runs until SIGTERM or SIGINT, then flushes the store and removes the socket.
pub fn serve(opts: &Options) -> Result<()> {
    super::server_log::set_lang(opts.lang);
    let nofile = limits::raise_nofile();
    // The socket path is checked before the store is touched: a mistyped path refuses cleanly.
    let listener = bind(&opts.socket, opts.group.as_deref())?;
    let mut svc = LocalService::open(&opts.db).inspect_err(|_| {
        let _ = std::fs::remove_file(&opts.socket);
    })?;
    for line in svc.store().loose_modes() {
        log_at(
            Level::Warning,
            &format!("cảnh báo: {line}"),
            &format!("warning: {line}"),
        );
    }
    let owner = users::current_user();
    svc.set_owner(&owner);
    let svc = Arc::new(svc);
    let pool = Pool::start(svc.clone(), opts.workers.unwrap_or_else(worker_count));
    let watchers = Arc::new(Watchers::default());
    let lim = Arc::new(Limits {
        admission: Arc::new(limits::Admission::default()),
        budget: limits::Budget::new(limits::IN_FLIGHT, limits::IN_FLIGHT_PER_UID),
        log: limits::LogLimiter::new(Duration::from_secs(10), 20),
        total: limits::total_for(nofile),
        per_uid: opts.per_user,
    });
    listener
        .set_nonblocking(true)
        .map_err(|e| io_err("socket", e))?;
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(sig, stop.clone()).map_err(|e| io_err("signals", e))?;
    }
    write_socket_note(&opts.db, &opts.socket);
    let (db, sock) = (opts.db.display(), opts.socket.display());
    let (workers, total, per) = (
        opts.workers.unwrap_or_else(worker_count),
        lim.total,
        lim.per_uid,
    );
    log(
        &format!("phục vụ {db} tại {sock} (giao thức {PROTOCOL_VERSION}, quản trị {owner}, {workers} luồng, tối đa {total} kết nối, {per} mỗi người)"),
        &format!("serving {db} on {sock} (protocol {PROTOCOL_VERSION}, admin {owner}, {workers} workers, at most {total} connections, {per} per user)"),
    );
    accept_loop(&listener, &stop, &svc, &pool, &watchers, &lim);
    let _ = std::fs::remove_file(&opts.socket);
    let _ = std::fs::remove_file(opts.db.join(SOCKET_NOTE));
    if let Some(reason) = svc.store().stopped() {
        // Everything acknowledged is on disk already; what failed must stay unwritten.
        log_at(
            Level::Error,
            &format!("dừng mà không ghi đĩa: kho đã ngừng nhận thay đổi ({reason})"),
            &format!("stopping without a flush: the store stopped taking changes ({reason})"),
        );
    } else {
        log(
            "đang dừng: ghi kho xuống đĩa",
            "stopping: flushing the store",
        );
        svc.store().flush()?;
    }
    log("máy chủ đã dừng", "server stopped");
    Ok(())
}

/// Accepts until told to stop. A failing accept (out of descriptors) backs off instead of
/// spinning, and its log lines are limited.
fn accept_loop(
    listener: &UnixListener,
    stop: &AtomicBool,
    svc: &Arc<LocalService>,
    pool: &Pool,
    watchers: &Arc<Watchers>,
    lim: &Arc<Limits>,
) {
    let mut backoff = Duration::from_millis(10);
    while !stop.load(Ordering::Relaxed) {
        match listener.accept() {
            Ok((stream, _)) => {
                backoff = Duration::from_millis(10);
                let Some(slot) = admit(&stream, lim) else {
                    continue; // dropping the stream closes it
                };
                let (svc, pool, watchers, lim) =
                    (svc.clone(), pool.clone(), watchers.clone(), lim.clone());
                std::thread::spawn(move || {
                    let _slot = slot;
                    connection(stream, &*svc, &pool, &watchers, &lim)
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => wait_for_client(listener),
            Err(e) => {
                let ms = backoff.as_millis();
                log_limited(
                    &lim.log,
                    "accept",
                    &format!("không nhận được kết nối: {e}; chờ {ms} ms"),
                    &format!("accept failed: {e}; waiting {ms} ms"),
                );
                std::thread::sleep(backoff);
                backoff = (backoff * 2).min(Duration::from_secs(1));
            }
        }
    }
}

/// Sleeps until a client is waiting, or at most 100 ms so a stop request is seen; a new
/// connection is taken at once rather than at the next tick of a polling loop.
fn wait_for_client(listener: &UnixListener) {
    use rustix::event::{poll, PollFd, PollFlags, Timespec};
    let mut fds = [PollFd::new(listener, PollFlags::IN)];
    let ts = Timespec {
        tv_sec: 0,
        tv_nsec: 100_000_000,
    };
    if poll(&mut fds, Some(&ts)).is_err() {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A place for the connection under the caps, or None (logged, at most 20 lines per 10 s).
fn admit(stream: &UnixStream, lim: &Arc<Limits>) -> Option<limits::Slot> {
    let uid = match rustix::net::sockopt::socket_peercred(stream) {
        Ok(c) => c.uid.as_raw(),
        Err(e) => {
            log_limited(
                &lim.log,
                "peercred",
                &format!("từ chối một kết nối: không đọc được người dùng của nó: {e}"),
                &format!("refused a client: cannot read peer credentials: {e}"),
            );
            return None;
        }
    };
    match limits::Admission::admit(&lim.admission, uid, lim.total, lim.per_uid) {
        Ok(slot) => Some(slot),
        Err(full) => {
            let who = users::user_name(uid).unwrap_or_else(|| format!("uid {uid}"));
            let (vi, en) = match full {
                limits::Full::Total(n) => (
                    format!("máy chủ đã đủ {n} kết nối"),
                    format!("the server holds its limit of {n} connections"),
                ),
                limits::Full::User(n) => (
                    format!("{who} đang giữ {n} kết nối"),
                    format!("{who} already holds {n} connections"),
                ),
            };
            log_limited(
                &lim.log,
                "full",
                &format!("từ chối kết nối của {who}: {vi}"),
                &format!("refused a connection from {who}: {en}"),
            );
            tell_full(stream, &vi, &en);
            None
        }
    }
}

/// Answers a connection over the caps with the reason, so its user reads "you hold 64
/// connections" rather than "server stopped": the hello and one error frame fit the socket's
/// buffer, written without waiting and without a thread.
fn tell_full(stream: &UnixStream, vi: &str, en: &str) {
    let _ = stream.set_nonblocking(true);
    let refusal: Response = Err(Error::Forbidden {
        en: format!("the server refused this connection: {en}; close other antq screens or commands, then try again"),
        vi: format!("máy chủ từ chối kết nối này: {vi}; hãy đóng bớt màn hình hoặc lệnh antq khác rồi thử lại"),
    });
    let mut w: &UnixStream = stream;
    if wire::write_hello(&mut w).is_ok() {
        let _ = wire::write_frame(&mut w, &refusal);
    }
}

fn peer_user(stream: &UnixStream) -> std::result::Result<(u32, String), String> {
    let cred = rustix::net::sockopt::socket_peercred(stream)
        .map_err(|e| format!("cannot read peer credentials: {e}"))?;
    let uid = cred.uid.as_raw();
    let name = users::user_name(uid).ok_or_else(|| format!("uid {uid} has no user name"))?;
    Ok((uid, name))
}

/// One client: handshake, then requests until it leaves. Any protocol error closes it.
fn connection(
    stream: UnixStream,
    svc: &dyn Service,
    pool: &Pool,
    watchers: &Watchers,
    lim: &Limits,
) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_write_timeout(Some(limits::WRITE_TIMEOUT));
    let (uid, user) = match peer_user(&stream) {
        Ok(u) => u,
        Err(e) => {
            let (vi, en) = (
                format!("từ chối một kết nối: {e}"),
                format!("refused a client: {e}"),
            );
            return log_limited(&lim.log, "peercred", &vi, &en);
        }
    };
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    // The greeting must be whole within the deadline, however slowly it trickles in.
    let deadline = Some(Instant::now() + limits::DEADLINE);
    let mut r = BufReader::new(DeadlineReader::new(read_half, deadline));
    let mut w = BufWriter::new(stream);
    let (watch, version) = match wire::read_greeting(&mut r) {
        Ok(v) => v,
        Err(FrameError::Closed) => return,
        Err(e) => {
            return log_limited(
                &lim.log,
                "greeting",
                &format!("{user}: chào hỏi sai ({e}); đã đóng"),
                &format!("{user}: bad handshake ({e}); closed"),
            )
        }
    };
    r.get_mut().until = None;
    let _ = wire::write_hello(&mut w);
    let actor = Actor::new(&user);
    let welcome: Response = if version != PROTOCOL_VERSION {
        log(
            &format!(
                "{user}: máy khách dùng giao thức {version}, máy chủ {PROTOCOL_VERSION}; từ chối"
            ),
            &format!(
                "{user}: client speaks protocol {version}, this server {PROTOCOL_VERSION}; refused"
            ),
        );
        Err(wire::version_mismatch(version, PROTOCOL_VERSION))
    } else {
        svc.whoami(&actor).map(protocol::Reply::whoami)
    };
    let refused = welcome.is_err();
    if let Err(e) = &welcome {
        let (vi, en) = (e.render(crate::i18n::Lang::Vi), e.en());
        let (vi, en) = (
            format!("{user}: từ chối: {vi}"),
            format!("{user}: refused: {en}"),
        );
        log_limited(&lim.log, "refused", &vi, &en);
    }
    if wire::write_frame(&mut w, &welcome).is_err() || refused {
        return;
    }
    if watch {
        return push_notices(&mut w, watchers);
    }
    let peer = Peer {
        uid,
        user: &user,
        actor: &actor,
    };
    serve_requests(&peer, &mut r, &mut w, pool, watchers, lim);
}

fn push_notices(w: &mut BufWriter<UnixStream>, watchers: &Watchers) {
    let (tx, rx) = channel();
    watchers
        .senders
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(tx);
    // Push a notice per change until the watcher goes away.
    for n in rx {
        if wire::write_frame(w, &n).is_err() {
            return;
        }
    }
}

struct Peer<'a> {
    uid: u32,
    user: &'a str,
    actor: &'a Actor,
}

fn serve_requests(
    peer: &Peer,
    r: &mut BufReader<DeadlineReader>,
    w: &mut BufWriter<UnixStream>,
    pool: &Pool,
    watchers: &Watchers,
    lim: &Limits,
) {
    loop {
        r.get_mut().until = None;
        let req: Request = match wire::read_frame_bounded(
            r,
            |r| r.get_mut().until = Some(Instant::now() + limits::DEADLINE),
            |len| {
                // Waits a little for its share: another account's large frame will be done.
                lim.budget
                    .take_within(peer.uid, len as u64, limits::DEADLINE)
                    .ok_or(FrameError::Busy(limits::IN_FLIGHT))
            },
        ) {
            Ok(req) => req,
            Err(FrameError::Closed) => return,
            Err(e) => {
                let (vi, en) = (
                    format!("{}: {e}; đã đóng", peer.user),
                    format!("{}: {e}; closed", peer.user),
                );
                return log_limited(&lim.log, "frame", &vi, &en);
            }
        };
        let (name, changes) = (req.name(), req.changes());
        let resp: Response = pool.run(peer.actor, req);
        if resp.is_ok() && changes {
            watchers.notify();
        }
        if let Err(e) = &resp {
            if matches!(e, Error::Forbidden { .. }) {
                // A client can repeat a refused request as fast as it likes: rate limited.
                let (who, vi, en) = (peer.user, e.render(crate::i18n::Lang::Vi), e.en());
                let (vi, en) = (
                    format!("{who}: {name} bị từ chối: {vi}"),
                    format!("{who}: {name} refused: {en}"),
                );
                log_limited(&lim.log, "forbidden", &vi, &en);
            }
        }
        if let Err(e) = answer(w, &resp, peer.uid, lim) {
            let who = peer.user;
            return log_limited(
                &lim.log,
                "answer",
                &format!("{who}: {name}: không trả lời được ({e}); đã đóng"),
                &format!("{who}: {name}: cannot answer ({e}); closed"),
            );
        }
    }
}

/// Sends one answer within the memory budget. Too large or no room: a short error instead,
/// and the connection stays usable.
fn answer(
    w: &mut BufWriter<UnixStream>,
    resp: &Response,
    uid: u32,
    lim: &Limits,
) -> std::result::Result<(), FrameError> {
    use std::io::Write;
    let bytes = match wire::encode_frame(resp) {
        Ok(b) => b,
        Err(FrameError::TooLarge(_)) => {
            return wire::write_frame(w, &Err::<protocol::Reply, _>(too_large_answer()))
        }
        Err(e) => return Err(e),
    };
    let Some(_ticket) = lim
        .budget
        .take_within(uid, bytes.len() as u64, limits::DEADLINE)
    else {
        return wire::write_frame(w, &Err::<protocol::Reply, _>(busy_answer()));
    };
    w.write_all(&bytes)?;
    w.flush()?;
    Ok(())
}

fn busy_answer() -> Error {
    Error::Server {
        detail: "the server is busy sending other large answers; try again in a moment".into(),
    }
}

fn too_large_answer() -> crate::error::Error {
    crate::error::Error::invalid(
        "answer",
        format!("it is larger than one answer may be ({} MB); ask for less, e.g. a smaller --under subtree or a later --since date", wire::MAX_FRAME >> 20),
        format!("kết quả lớn hơn mức một lần trả lời ({} MB); hãy hỏi ít hơn, ví dụ --under một đơn vị nhỏ hơn hoặc --since ngày muộn hơn", wire::MAX_FRAME >> 20),
    )
}
