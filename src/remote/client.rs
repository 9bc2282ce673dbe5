//! The client side of `antq serve`: a `Service` whose every call is one request on the socket.
//! A lost connection is re-established on the next call.

use std::io::{BufReader, BufWriter};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::domain::account::Account;
use crate::domain::assessment::{Assessment, Decision};
use crate::domain::audit::AuditEntry;
use crate::domain::exemplar::{Exemplar, ExemplarStatus};
use crate::domain::indicator::Indicator;
use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::domain::task::Task;
use crate::domain::unit::Unit;
use crate::domain::Settings;
use crate::error::{Error, Result};
use crate::remote::methods::service_methods;
use crate::remote::protocol::{Reply, Request, Response};
use crate::remote::wire::{self, FrameError, PROTOCOL_VERSION};
use crate::service::api::*;

struct Conn {
    r: BufReader<UnixStream>,
    w: BufWriter<UnixStream>,
}

pub struct Client {
    path: PathBuf,
    conn: Mutex<Option<Conn>>,
    account: Account,
}

const HANDSHAKE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

fn lost(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Disconnected {
        socket: path.display().to_string(),
        detail: e.to_string(),
    }
}

fn connect(path: &Path) -> Result<(Conn, Account)> {
    let stream = UnixStream::connect(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused => Error::Disconnected {
            socket: path.display().to_string(),
            detail: format!("no antq server is running there; start one with: antq serve --db PATH --socket {}", path.display()),
        },
        std::io::ErrorKind::PermissionDenied => {
            // The group the server gave the socket, whatever --group said.
            let group = {
                use std::os::unix::fs::MetadataExt;
                std::fs::metadata(path)
                    .ok()
                    .and_then(|m| crate::os_users::group_name(m.gid()))
                    .unwrap_or_else(|| "antq-operators".into())
            };
            Error::Forbidden {
                en: format!("you may not use the socket {}; ask the administrator to add you to the {group} group", path.display()),
                vi: format!("bạn không được dùng socket {}; hãy đề nghị quản trị viên thêm bạn vào nhóm {group}", path.display()),
            }
        }
        _ => lost(path, e),
    })?;
    // Something that accepts and never answers (a wedged or planted socket) must not hang the
    // screens: the greeting is answered within this, and after it calls may take their time.
    let _ = stream.set_read_timeout(Some(HANDSHAKE_TIMEOUT));
    let mut conn = Conn {
        r: BufReader::new(stream.try_clone().map_err(|e| lost(path, e))?),
        w: BufWriter::new(stream.try_clone().map_err(|e| lost(path, e))?),
    };
    // A server over its caps answers at once and closes, so the greeting may not go out while
    // its reason is already waiting to be read.
    let wrote = wire::write_hello(&mut conn.w);
    let server = wire::read_hello(&mut conn.r).map_err(|e| match &wrote {
        Err(w) => lost(path, w.to_string()),
        Ok(()) => lost(path, e),
    })?;
    if server != PROTOCOL_VERSION {
        return Err(wire::version_mismatch(PROTOCOL_VERSION, server));
    }
    let welcome: Response = wire::read_frame(&mut conn.r, |_| {}).map_err(|e| lost(path, e))?;
    let _ = stream.set_read_timeout(None);
    match welcome? {
        Reply::whoami(acc) => Ok((conn, acc)),
        _ => Err(lost(path, "unexpected greeting")),
    }
}

/// Listens for the server's change notices; reconnects by itself after a restart. Each
/// notice arrives on the returned channel.
pub fn watch(path: &Path) -> std::sync::mpsc::Receiver<()> {
    let (tx, rx) = std::sync::mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || loop {
        if let Ok(stream) = UnixStream::connect(&path) {
            let mut r = BufReader::new(match stream.try_clone() {
                Ok(s) => s,
                Err(_) => return,
            });
            let mut w = BufWriter::new(stream);
            let greeted = wire::write_greeting(&mut w, wire::WATCH_MAGIC).is_ok()
                && wire::read_hello(&mut r).is_ok()
                && matches!(wire::read_frame::<Response, _>(&mut r, |_| {}), Ok(Ok(_)));
            if greeted {
                while wire::read_frame::<u64, _>(&mut r, |_| {}).is_ok() {
                    if tx.send(()).is_err() {
                        return;
                    }
                }
            }
        }
        std::thread::sleep(std::time::Duration::from_secs(2));
    });
    rx
}

impl Client {
    pub fn connect(path: &Path) -> Result<Client> {
        let (conn, account) = connect(path)?;
        Ok(Client {
            path: path.to_path_buf(),
            conn: Mutex::new(Some(conn)),
            account,
        })
    }

    /// The account the server recognised from this process's OS user.
    pub fn account(&self) -> &Account {
        &self.account
    }

    /// Sends one request and waits for its one reply. A broken connection is dropped and the
    /// call fails; the next call reconnects. Nothing is resent, so nothing is applied twice.
    pub fn call(&self, req: Request) -> Result<Reply> {
        let mut guard = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            *guard = Some(connect(&self.path)?.0);
        }
        let conn = guard.as_mut().expect("connected");
        let result = wire::write_frame(&mut conn.w, &req)
            .and_then(|_| wire::read_frame::<Response, _>(&mut conn.r, |_| {}));
        match result {
            Ok(resp) => resp,
            Err(e) => {
                *guard = None;
                Err(match e {
                    FrameError::Closed => lost(&self.path, "the server closed the connection"),
                    FrameError::TooLarge(_) => crate::error::Error::invalid(
                        "request",
                        format!("it is larger than the server takes at once ({} MB); split the file and send each part", wire::MAX_FRAME >> 20),
                        format!("yêu cầu lớn hơn mức máy chủ nhận một lần ({} MB); hãy chia tệp và gửi từng phần", wire::MAX_FRAME >> 20),
                    ),
                    other => lost(&self.path, other),
                })
            }
        }
    }
}

macro_rules! own {
    (str, $x:ident) => {
        $x.to_string()
    };
    (val, $x:ident) => {
        $x
    };
    (rf, $x:ident) => {
        $x.clone()
    };
    (optstr, $x:ident) => {
        $x.map(str::to_string)
    };
    (slice, $x:ident) => {
        $x.to_vec()
    };
}

macro_rules! param {
    (str, $t:ty) => { &str };
    (val, $t:ty) => { $t };
    (rf, $t:ty) => { &$t };
    (optstr, $t:ty) => { Option<&str> };
    (slice, $t:ty) => { &[String] };
}

macro_rules! client_impl {
    ($( $rw:ident $m:ident ( $( $arg:ident : $mode:ident $ty:ty ),* ) -> $ret:ty ; )*) => {
        /// Every `Service` call becomes one request and one reply.
        impl Service for Client {
            $(
                fn $m(&self, _a: &Actor, $( $arg: param!($mode, $ty) ),*) -> Result<$ret> {
                    match self.call(Request::$m { $( $arg: own!($mode, $arg) ),* })? {
                        Reply::$m(v) => Ok(v),
                        _ => Err(Error::Server { detail: "it answered a different request; restart the server, and use the same antq version on both sides".into() }),
                    }
                }
            )*
        }
    };
}

service_methods!(client_impl);
