//! The wire protocol: a fixed handshake, then length-prefixed bincode frames, one response per
//! request. The request and reply types are generated from one list of the `Service` methods,
//! so the server's dispatch and the client's trait impl cannot drift apart.

use std::io::{Read, Write};

use bincode::Options;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

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
use crate::service::api::*;

/// Bumped whenever a request or reply changes shape.
pub const PROTOCOL_VERSION: u32 = 4;
pub const MAGIC: &[u8; 4] = b"ANTQ";
/// The greeting of a client that only listens for change notices.
pub const WATCH_MAGIC: &[u8; 4] = b"ANTW";
/// The largest frame either side accepts; bigger lengths are refused before allocating.
pub const MAX_FRAME: u32 = 16 << 20;

fn opts() -> impl Options {
    bincode::DefaultOptions::new()
        .with_limit(MAX_FRAME as u64)
        .reject_trailing_bytes()
}

#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    #[error("connection closed")]
    Closed,
    #[error("frame of {0} bytes is larger than the {MAX_FRAME}-byte limit")]
    TooLarge(u32),
    #[error("malformed frame: {0}")]
    Malformed(String),
    #[error("truncated: the client went away in the middle of a frame")]
    Truncated,
    #[error("stalled: a greeting or request not whole within 5 s")]
    Stalled,
    #[error("server busy: {0} bytes of requests are already in flight")]
    Busy(u64),
    #[error("i/o: {0}")]
    Io(std::io::Error),
}

impl From<std::io::Error> for FrameError {
    fn from(e: std::io::Error) -> Self {
        use std::io::ErrorKind::*;
        match e.kind() {
            UnexpectedEof => FrameError::Truncated,
            WouldBlock | TimedOut => FrameError::Stalled,
            _ => FrameError::Io(e),
        }
    }
}

pub fn write_frame<T: Serialize>(w: &mut impl Write, v: &T) -> std::result::Result<(), FrameError> {
    let bytes = encode_frame(v)?;
    w.write_all(&bytes)?;
    w.flush()?;
    Ok(())
}

/// Reads one frame. `started` is called once the first byte arrived, so a server can put a
/// deadline on the rest of a request without limiting how long a client may stay idle.
pub fn read_frame<T: DeserializeOwned, R: Read>(
    r: &mut R,
    started: impl FnOnce(&mut R),
) -> std::result::Result<T, FrameError> {
    read_frame_bounded(r, started, |_| Ok(()))
}

/// Like `read_frame`; `reserve` is asked for the frame's length before its body is read, and
/// what it returns is held until the frame is decoded (a server's memory budget). The body
/// grows as bytes arrive, so a frame that only claims a length holds no memory for it.
pub fn read_frame_bounded<T: DeserializeOwned, R: Read, G>(
    r: &mut R,
    started: impl FnOnce(&mut R),
    reserve: impl FnOnce(u32) -> std::result::Result<G, FrameError>,
) -> std::result::Result<T, FrameError> {
    let mut first = [0u8; 1];
    match r.read(&mut first) {
        Ok(0) => return Err(FrameError::Closed),
        Ok(_) => {}
        Err(e) => return Err(e.into()),
    }
    started(r);
    let mut rest = [0u8; 3];
    r.read_exact(&mut rest)?;
    let len = u32::from_be_bytes([first[0], rest[0], rest[1], rest[2]]);
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    let _held = reserve(len)?;
    let mut body = Vec::with_capacity((len as usize).min(64 << 10));
    let got = r.take(len as u64).read_to_end(&mut body)?;
    if got < len as usize {
        return Err(FrameError::Truncated);
    }
    opts()
        .deserialize(&body)
        .map_err(|e| FrameError::Malformed(e.to_string()))
}

/// The bytes `write_frame` would send: length and body.
pub fn encode_frame<T: Serialize>(v: &T) -> std::result::Result<Vec<u8>, FrameError> {
    let body = opts().serialize(v).map_err(|e| match *e {
        bincode::ErrorKind::SizeLimit => FrameError::TooLarge(MAX_FRAME.saturating_add(1)),
        other => FrameError::Malformed(other.to_string()),
    })?;
    let len = u32::try_from(body.len()).map_err(|_| FrameError::TooLarge(u32::MAX))?;
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    let mut out = Vec::with_capacity(4 + body.len());
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// The handshake is raw bytes, not bincode, so that any two versions understand it.
pub fn write_hello(w: &mut impl Write) -> std::io::Result<()> {
    write_greeting(w, MAGIC)
}

pub fn write_greeting(w: &mut impl Write, magic: &[u8; 4]) -> std::io::Result<()> {
    w.write_all(magic)?;
    w.write_all(&PROTOCOL_VERSION.to_be_bytes())?;
    w.flush()
}

pub fn read_hello(r: &mut impl Read) -> std::result::Result<u32, FrameError> {
    read_greeting(r).map(|(_, v)| v)
}

/// Reads a greeting: whether it is a watcher's, and its protocol version.
pub fn read_greeting(r: &mut impl Read) -> std::result::Result<(bool, u32), FrameError> {
    let mut b = [0u8; 8];
    // Connecting and leaving at once (a readiness probe) is not an error worth logging.
    if r.read(&mut b[..1])? == 0 {
        return Err(FrameError::Closed);
    }
    r.read_exact(&mut b[1..])?;
    let watch = match &b[..4] {
        m if m == MAGIC => false,
        m if m == WATCH_MAGIC => true,
        _ => {
            return Err(FrameError::Malformed(
                "not an antq client (bad greeting)".into(),
            ))
        }
    };
    Ok((watch, u32::from_be_bytes([b[4], b[5], b[6], b[7]])))
}

/// Requests that only read; any other request that succeeds sends a change notice.
pub const READ_ONLY: &[&str] = &[
    "whoami",
    "users",
    "unit",
    "unit_on",
    "units",
    "unit_path",
    "indicators",
    "settings",
    "report",
    "reports",
    "completeness",
    "assessment",
    "assessments",
    "exemplars",
    "task",
    "tasks",
    "audit",
    "check",
    "backup_begin",
    "backup_chunk",
    "bundle_export",
    "offices",
    "conflicts",
    "summary",
];

pub fn version_mismatch(client: u32, server: u32) -> Error {
    Error::invalid(
        "protocol",
        format!("this antq speaks protocol {client} but the server speaks {server}; install the same antq version on both"),
        format!("antq này dùng giao thức {client} nhưng máy chủ dùng {server}; hãy cài cùng phiên bản antq cho cả hai"),
    )
}

macro_rules! pass {
    (str, $x:ident) => {
        &$x
    };
    (val, $x:ident) => {
        $x
    };
    (rf, $x:ident) => {
        &$x
    };
    (optstr, $x:ident) => {
        $x.as_deref()
    };
    (slice, $x:ident) => {
        &$x
    };
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

macro_rules! api {
    ($( $m:ident ( $( $arg:ident : $mode:ident $ty:ty ),* ) -> $ret:ty ; )*) => {
        // One request is decoded per frame and then consumed: its size does not add up.
        #[allow(non_camel_case_types, clippy::large_enum_variant)]
        #[derive(Debug, Serialize, Deserialize)]
        pub enum Request { $( $m { $( $arg: $ty ),* } ),* }

        #[allow(non_camel_case_types)]
        #[derive(Debug, Serialize, Deserialize)]
        pub enum Reply { $( $m($ret) ),* }

        impl Request {
            /// The method's name, for the server's log.
            pub fn name(&self) -> &'static str {
                match self { $( Request::$m { .. } => stringify!($m) ),* }
            }
        }

        /// Runs a request on the server's service as the authenticated actor.
        pub fn dispatch(svc: &dyn Service, a: &Actor, r: Request) -> Result<Reply> {
            match r { $( Request::$m { $( $arg ),* } => svc.$m(a, $( pass!($mode, $arg) ),*).map(Reply::$m) ),* }
        }

        /// The client side: every `Service` call becomes one request and one reply.
        impl Service for crate::remote::client::Client {
            $(
                fn $m(&self, _a: &Actor, $( $arg: param!($mode, $ty) ),*) -> Result<$ret> {
                    match self.call(Request::$m { $( $arg: own!($mode, $arg) ),* })? {
                        Reply::$m(v) => Ok(v),
                        _ => Err(Error::Io { detail: "the server answered a different request".into() }),
                    }
                }
            )*
        }
    };
}

api! {
    whoami() -> Account;
    users() -> Vec<Account>;
    add_user(acc: val Account) -> Account;
    remove_user(name: str String) -> ();
    unit(code: str String) -> Unit;
    unit_on(code: str String, on: val jiff::civil::Date) -> Unit;
    units(q: rf UnitQuery) -> Page<Unit>;
    unit_path(code: str String) -> Vec<Unit>;
    add_unit(u: val NewUnit) -> Unit;
    edit_unit(code: str String, p: val UnitPatch) -> Unit;
    retire_unit(code: str String, on: val jiff::civil::Date) -> Unit;
    merge_units(from: slice Vec<String>, into: str String, on: val jiff::civil::Date) -> Unit;
    delete_unit(code: str String) -> ();
    indicators() -> Vec<Indicator>;
    put_indicator(ind: val Indicator) -> Indicator;
    settings() -> Settings;
    set_settings(s: val Settings) -> Settings;
    report(unit: str String, period: val Period) -> Option<Report>;
    save_report(r: val ReportInput) -> Report;
    submit_report(unit: str String, period: val Period) -> Report;
    approve_report(unit: str String, period: val Period) -> Report;
    return_report(unit: str String, period: val Period, reason: str String) -> Report;
    reports(q: rf ReportQuery) -> Page<Report>;
    completeness(period: val Period, under: optstr Option<String>) -> Completeness;
    assessment(unit: str String, year: val i16) -> Option<Assessment>;
    save_assessment(i: val AssessmentInput) -> Assessment;
    submit_assessment(unit: str String, year: val i16) -> Assessment;
    approve_assessment(unit: str String, year: val i16) -> Assessment;
    return_assessment(unit: str String, year: val i16, reason: str String) -> Assessment;
    assessments(year: val Option<i16>, under: optstr Option<String>) -> Vec<Assessment>;
    select_exemplar(unit: str String, year: val i16, decision: val Option<Decision>) -> Exemplar;
    set_exemplar_status(unit: str String, year: val i16, status: val ExemplarStatus) -> Exemplar;
    exemplars(year: val Option<i16>) -> Vec<Exemplar>;
    add_task(t: val NewTask) -> Task;
    task(id: val u64) -> Task;
    log_task(id: val u64, text: str String, percent: val Option<u8>) -> Task;
    complete_task(id: val u64) -> Task;
    cancel_task(id: val u64, reason: str String) -> Task;
    tasks(q: rf TaskQuery) -> Page<Task>;
    audit(q: rf AuditQuery) -> Page<AuditEntry>;
    bulk_load(b: val Bulk) -> ();
    check() -> CheckSummary;
    import(t: val ImportTable, dry_run: val bool) -> ImportOutcome;
    load_registry(f: val RegistryFiles, dry_run: val bool) -> ImportOutcome;
    backup_begin() -> BackupInfo;
    backup_chunk(id: val u64, offset: val u64) -> Vec<u8>;
    bundle_export(under: str String, since: val jiff::civil::Date) -> Vec<u8>;
    bundle_import(bytes: val Vec<u8>, dry_run: val bool) -> BundleOutcome;
    register_office(unit: str String, public_key: val Vec<u8>) -> crate::domain::office::Office;
    offices() -> Vec<crate::domain::office::Office>;
    remove_office(unit: str String) -> ();
    conflicts() -> Vec<ConflictInfo>;
    resolve_conflict(entity: str String, take_incoming: val bool) -> ();
    summary(period: val Period, under: optstr Option<String>) -> Summary;
}

/// The server's answer to each request.
pub type Response = std::result::Result<Reply, Error>;
