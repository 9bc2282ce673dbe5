//! What one local account can hold on the server, bounded: connections (overall and per uid),
//! time (a deadline for the greeting and for each whole request), memory (bytes of requests
//! and answers in flight) and log lines.

use std::collections::HashMap;
use std::io::Read;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The greeting, and each request once its first byte arrived, must be whole within this.
pub const DEADLINE: Duration = Duration::from_secs(5);
/// An answer the client does not read within this is abandoned with its connection.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// Connections overall, unless the descriptor limit allows fewer.
pub const TOTAL: usize = 1024;
/// Bytes of large requests being read and answers being written, across all connections.
pub const IN_FLIGHT: u64 = 96 << 20;

/// Reads from a socket with an optional absolute deadline: a client that sends one byte every
/// few seconds still runs out of time, which a per-read timeout would never do.
pub struct DeadlineReader {
    stream: UnixStream,
    pub until: Option<Instant>,
}

impl DeadlineReader {
    pub fn new(stream: UnixStream, until: Option<Instant>) -> DeadlineReader {
        DeadlineReader { stream, until }
    }
}

impl Read for DeadlineReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let timeout = match self.until {
            Some(t) => {
                let left = t.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(std::io::ErrorKind::TimedOut.into());
                }
                Some(left)
            }
            None => None,
        };
        self.stream.set_read_timeout(timeout)?;
        self.stream.read(buf)
    }
}

/// Open connections, overall and per uid.
#[derive(Default)]
pub struct Admission {
    open: Mutex<HashMap<u32, usize>>,
    total: AtomicU64,
}

/// Holds one connection's place; dropping it frees the place.
pub struct Slot {
    adm: Arc<Admission>,
    uid: u32,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.adm.open.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = open.get_mut(&self.uid) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.uid);
            }
        }
        self.adm.total.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Why a connection was not admitted.
#[derive(Debug, PartialEq, Eq)]
pub enum Full {
    Total(usize),
    User(usize),
}

impl Admission {
    pub fn admit(
        adm: &Arc<Admission>,
        uid: u32,
        total_cap: usize,
        per_uid: usize,
    ) -> Result<Slot, Full> {
        let mut open = adm.open.lock().unwrap_or_else(|p| p.into_inner());
        let total = adm.total.load(Ordering::SeqCst) as usize;
        if total >= total_cap {
            return Err(Full::Total(total_cap));
        }
        let mine = open.entry(uid).or_insert(0);
        if *mine >= per_uid {
            return Err(Full::User(per_uid));
        }
        *mine += 1;
        adm.total.fetch_add(1, Ordering::SeqCst);
        Ok(Slot {
            adm: adm.clone(),
            uid,
        })
    }

    pub fn open(&self) -> usize {
        self.total.load(Ordering::SeqCst) as usize
    }
}

/// Frames up to this size are always let through: their memory is bounded by the connection
/// caps. Larger ones draw on the budget.
pub const SMALL_FRAME: u64 = 64 << 10;
/// The part of the budget one OS user may hold: two frames of the largest size.
pub const IN_FLIGHT_PER_UID: u64 = 32 << 20;

/// Bytes of large frames in flight, overall and per uid; a reservation is returned when its
/// ticket drops.
pub struct Budget {
    total: u64,
    per_uid: u64,
    used: Mutex<(u64, HashMap<u32, u64>)>,
}

pub struct Ticket<'a> {
    budget: &'a Budget,
    uid: u32,
    n: u64,
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|p| p.into_inner());
        used.0 -= self.n;
        if let Some(u) = used.1.get_mut(&self.uid) {
            *u -= self.n;
            if *u == 0 {
                used.1.remove(&self.uid);
            }
        }
    }
}

impl Budget {
    pub fn new(total: u64, per_uid: u64) -> Budget {
        Budget {
            total,
            per_uid,
            used: Mutex::new((0, HashMap::new())),
        }
    }

    pub fn try_take(&self, uid: u32, n: u64) -> Option<Ticket<'_>> {
        if n <= SMALL_FRAME {
            return Some(Ticket {
                budget: self,
                uid,
                n: 0,
            });
        }
        let mut used = self.used.lock().unwrap_or_else(|p| p.into_inner());
        let mine = used.1.get(&uid).copied().unwrap_or(0);
        if used.0 + n > self.total || mine + n > self.share(used.1.len()) {
            return None;
        }
        used.0 += n;
        *used.1.entry(uid).or_insert(0) += n;
        Some(Ticket {
            budget: self,
            uid,
            n,
        })
    }

    /// What one uid may hold while `holders` uids hold some: an equal part of the whole
    /// shared with one more account (the asker, or one still to come), so busy accounts
    /// never leave another nothing; never less than one frame of the largest size, and never
    /// more than `per_uid`.
    fn share(&self, holders: usize) -> u64 {
        (self.total / (holders as u64 + 1))
            .max(u64::from(crate::remote::wire::MAX_FRAME))
            .min(self.per_uid)
    }

    /// Waits up to `wait` for `n` bytes to be free.
    pub fn take_within(&self, uid: u32, n: u64, wait: Duration) -> Option<Ticket<'_>> {
        let until = Instant::now() + wait;
        loop {
            if let Some(t) = self.try_take(uid, n) {
                return Some(t);
            }
            if Instant::now() >= until {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// At most `burst` lines per kind per period; the lines held back are counted in the next one.
pub struct LogLimiter {
    period: Duration,
    burst: u64,
    /// kind → (window start, lines written in it, lines held back)
    seen: Mutex<HashMap<&'static str, (Instant, u64, u64)>>,
}

impl LogLimiter {
    pub fn new(period: Duration, burst: u64) -> LogLimiter {
        LogLimiter {
            period,
            burst,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Some(number held back before this line) when a line of this kind may be written now.
    pub fn allow(&self, kind: &'static str) -> Option<u64> {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let e = seen.entry(kind).or_insert((now, 0, 0));
        if now.duration_since(e.0) >= self.period {
            e.0 = now;
            e.1 = 0;
        }
        if e.1 >= self.burst {
            e.2 += 1;
            return None;
        }
        e.1 += 1;
        let held = e.2;
        e.2 = 0;
        Some(held)
    }
}

/// Raises the soft descriptor limit to the hard one; returns the soft limit now in force.
pub fn raise_nofile() -> u64 {
    use rustix::process::{getrlimit, setrlimit, Resource};
    let mut l = getrlimit(Resource::Nofile);
    if l.current != l.maximum {
        l.current = l.maximum;
        let _ = setrlimit(Resource::Nofile, l);
    }
    getrlimit(Resource::Nofile).current.unwrap_or(u64::MAX)
}

/// The connection cap the descriptor limit allows: two descriptors a connection, and room
/// for the store's files and the listener.
pub fn total_for(nofile: u64) -> usize {
    let room = nofile.saturating_sub(64) / 2;
    (room.min(TOTAL as u64) as usize).max(8)
}

/// Text a client sent, made safe for a log line: control characters shown as escapes, so a
/// name cannot rewrite the terminal of whoever reads the log.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control()
            || crate::domain::text::hidden_char(c.encode_utf8(&mut [0; 4]), false).is_some()
        {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admission_caps_each_user_and_the_whole() {
        let adm = Arc::new(Admission::default());
        let a: Vec<Slot> = (0..3)
            .map(|_| Admission::admit(&adm, 1, 5, 3).unwrap())
            .collect();
        assert_eq!(Admission::admit(&adm, 1, 5, 3).err(), Some(Full::User(3)));
        let b: Vec<Slot> = (0..2)
            .map(|_| Admission::admit(&adm, 2, 5, 3).unwrap())
            .collect();
        assert_eq!(Admission::admit(&adm, 3, 5, 3).err(), Some(Full::Total(5)));
        drop(a);
        assert_eq!(adm.open(), 2);
        assert!(Admission::admit(&adm, 1, 5, 3).is_ok());
        drop(b);
    }

    #[test]
    fn the_budget_is_shared_fairly_and_returned_when_tickets_drop() {
        let big = SMALL_FRAME + 1;
        let b = Budget::new(3 * big, 2 * big);
        let t1 = b.try_take(1, big).unwrap();
        let t2 = b.try_take(1, big).unwrap();
        assert!(
            b.try_take(1, big).is_none(),
            "one user holds at most its share"
        );
        assert!(b.try_take(1, 100).is_some(), "small frames always pass");
        let t3 = b.try_take(2, big).unwrap();
        assert!(b.try_take(3, big).is_none(), "the whole is bounded");
        drop((t1, t2, t3));
        assert!(b.try_take(3, 2 * big).is_some());
    }

    /// Three accounts sending the largest frames leave room for a fourth: each holds an equal
    /// part while others hold some, and the whole once alone.
    #[test]
    fn busy_accounts_leave_a_share_for_another() {
        let frame = u64::from(crate::remote::wire::MAX_FRAME);
        let b = Budget::new(IN_FLIGHT, IN_FLIGHT_PER_UID);
        let held: Vec<_> = (1..=3).map(|uid| b.try_take(uid, frame).unwrap()).collect();
        // Three hold, room is kept for a fourth: a quarter each (24 MiB), one frame apiece.
        assert!(
            b.try_take(1, frame).is_none(),
            "a second frame waits while others are busy"
        );
        let admin = b
            .try_take(4, frame)
            .expect("the fourth account gets its frame");
        assert!(b.try_take(4, frame).is_none());
        drop(held);
        assert!(
            b.try_take(4, frame).is_some(),
            "alone, an account may hold two frames"
        );
        drop(admin);
    }

    #[test]
    fn logging_is_limited_per_kind_and_counts_what_it_held_back() {
        let l = LogLimiter::new(Duration::from_millis(50), 2);
        assert_eq!(l.allow("x"), Some(0));
        assert_eq!(l.allow("x"), Some(0));
        assert_eq!(l.allow("x"), None);
        assert_eq!(l.allow("x"), None);
        assert_eq!(l.allow("y"), Some(0));
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(l.allow("x"), Some(2));
    }

    #[test]
    fn control_characters_are_escaped_in_log_text() {
        assert_eq!(escape("Ba Đình\u{1b}]0;x\u{7}"), "Ba Đình\\u{1b}]0;x\\u{7}");
        assert_eq!(escape("a\u{202e}b"), "a\\u{202e}b");
    }

    #[test]
    fn the_cap_fits_the_descriptor_limit() {
        assert_eq!(total_for(1024), 480);
        assert_eq!(total_for(1 << 20), TOTAL);
        assert_eq!(total_for(10), 8);
    }
}
