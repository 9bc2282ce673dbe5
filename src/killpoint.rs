//! Named progress points where a test may kill the process, as `kill -9` would, so that kill
//! tests reach the same states on every machine, loaded or idle: `ANTQ_KILL_AT=stage.copy:3`
//! kills at the third pass through `stage.copy`. `ANTQ_SAY_AT=point` instead writes
//! "reached point" to stderr once, so a test can wait for the process to get there.
//! Compiled out of release builds.

/// Kills this process with SIGKILL here, if `ANTQ_KILL_AT` names this point and pass.
#[cfg(debug_assertions)]
pub fn reached(name: &str) {
    use std::sync::{Mutex, OnceLock};
    static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if std::env::var("ANTQ_SAY_AT").is_ok_and(|p| p == name)
        && !SAID.swap(true, std::sync::atomic::Ordering::SeqCst)
    {
        eprintln!("reached {name}");
    }
    static AT: OnceLock<Option<(String, u64)>> = OnceLock::new();
    static PASSES: Mutex<u64> = Mutex::new(0);
    let at = AT.get_or_init(|| {
        let v = std::env::var("ANTQ_KILL_AT").ok()?;
        let (point, pass) = v.split_once(':').unwrap_or((&v, "1"));
        Some((point.to_string(), pass.parse().ok()?))
    });
    let Some((point, pass)) = at else {
        return;
    };
    if point != name {
        return;
    }
    let mut passes = PASSES.lock().unwrap_or_else(|p| p.into_inner());
    *passes += 1;
    if *passes == *pass {
        let me = rustix::process::getpid();
        let _ = rustix::process::kill_process(me, rustix::process::Signal::KILL);
        std::process::abort();
    }
}

#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn reached(_: &str) {}
