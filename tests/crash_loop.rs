//! Kills `antq` processes at random moments (while opening, writing, flushing, importing) and
//! checks after every kill that the store opens, `check` passes, every acknowledged write is
//! there, and an import is all or nothing. About 40 s by default; `ANTQ_CRASH_SECS=600` for a
//! long run (the figures in BENCHMARKS.md), `ANTQ_CRASH_SEED` to replay one.

use crate::common;

use std::collections::BTreeMap;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::TempStore;

const COMMUNES: [&str; 24] = [
    "31441", "31444", "31447", "31450", "31453", "31456", "31459", "31462", "31465", "31468",
    "31483", "31484", "31486", "31489", "31490", "31492", "31493", "31495", "31318", "31321",
    "31324", "31327", "31330", "31333",
];
/// Years an import rewrites whole: 24 communes × 12 months × 4 years = 1,152 rows.
const IMPORT_YEARS: std::ops::Range<i32> = 2000..2004;

struct Rng(u64);

impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Runs `antq args`, SIGKILLs it after `after` unless it ended first: whether it was killed,
/// Some(stdout) if it finished and said it saved, and how long it ran.
fn run_killed(s: &TempStore, args: &[String], after: Duration) -> (bool, Option<String>, Duration) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_antq"))
        .args(args)
        .env("ANTQ_DB", s.path())
        .env("ANTQ_LANG", "en")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut killed = false;
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() >= after {
            let _ = child.kill();
            killed = true;
            break;
        }
        std::thread::sleep(Duration::from_micros(500));
    }
    let status = child.wait().unwrap();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let acked = status.success() && out.starts_with("Saved");
    (killed && !acked, acked.then_some(out), start.elapsed())
}

fn import_file(s: &TempStore, value: u64) -> String {
    let mut csv = String::from("unit,period,to_giac\n");
    for y in IMPORT_YEARS {
        for u in COMMUNES {
            for m in 1..=12 {
                csv.push_str(&format!("{u},{y}-{m:02},{value}\n"));
            }
        }
    }
    let path = s.dir.path().join(format!("import-{value}.csv"));
    std::fs::write(&path, csv).unwrap();
    path.display().to_string()
}

/// (unit, period) → to_giac, from a full export.
/// Each report's `to_giac`, read from the JSON export by name (an empty figure is "").
fn stored(s: &TempStore) -> BTreeMap<(String, String), String> {
    let json: serde_json::Value =
        serde_json::from_str(&s.stdout(&["export", "reports", "--format", "json"])).unwrap();
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    json.as_array()
        .unwrap()
        .iter()
        .map(|r| ((text(&r["unit"]), text(&r["period"])), text(&r["to_giac"])))
        .collect()
}

#[derive(Default)]
struct Tally {
    rounds: u64,
    kills: u64,
    acked_writes: u64,
    acked_imports: u64,
    checks: u64,
}

#[test]
fn kills_at_random_moments_lose_no_acknowledged_write() {
    let secs: u64 = std::env::var("ANTQ_CRASH_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8);
    let seed = std::env::var("ANTQ_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| jiff::Timestamp::now().as_nanosecond() as u64 | 1);
    println!("crash loop: seed {seed}, {secs} s");
    let mut rng = Rng(seed);
    let s = TempStore::with_sample();
    let mut acked: BTreeMap<(String, String), String> = BTreeMap::new();
    // Values an import may have left: the last acknowledged one, or a killed one that landed.
    let mut import_may_be: Vec<String> = vec![String::new()];
    let mut t = Tally::default();
    let mut singles = 0u64;
    // How long each kind of run takes when left alone (µs), so kills land anywhere in it,
    // opening included, on a fast machine or a slow one.
    let mut typical: [u64; 3] = [100_000, 500_000, 30_000];
    let deadline = Instant::now() + Duration::from_secs(secs);
    // At least the time asked for (CI asks for more), and until enough runs were killed.
    while Instant::now() < deadline || t.kills <= 10 {
        t.rounds += 1;
        let value = t.rounds;
        let kind = rng.next(3) as usize;
        let kill_after = Duration::from_micros(rng.next(2 * typical[kind]));
        let args: Vec<String> = match kind {
            0 => {
                singles += 1;
                let period = format!("{}-{:02}", 1900 + singles / 12, singles % 12 + 1);
                vec![
                    "report".into(),
                    "set".into(),
                    "31441".into(),
                    period,
                    format!("to_giac={value}"),
                ]
            }
            1 => vec!["import".into(), "reports".into(), import_file(&s, value)],
            _ => vec!["units".into(), "list".into()],
        };
        let (killed, out, took) = run_killed(&s, &args, kill_after);
        t.kills += killed as u64;
        if !killed {
            typical[kind] = (typical[kind] * 3 + took.as_micros() as u64) / 4;
        }
        if args[0] == "import" {
            if out.is_some() {
                t.acked_imports += 1;
                import_may_be = vec![value.to_string()];
            } else {
                import_may_be.push(value.to_string());
            }
        } else if out.is_some() && args[0] == "report" {
            t.acked_writes += 1;
            acked.insert(("31441".into(), args[3].clone()), value.to_string());
        }
        verify(&s, &acked, &import_may_be, &mut t);
    }
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "crash loop: {} rounds, {} kills, {} acknowledged writes and {} acknowledged imports of {} rows all found, {} checks passed",
        t.rounds,
        t.kills,
        t.acked_writes,
        t.acked_imports,
        COMMUNES.len() * 12 * IMPORT_YEARS.len(),
        t.checks
    );
    assert!(
        t.kills > 10,
        "the loop must actually kill: {} kills",
        t.kills
    );
}

fn verify(
    s: &TempStore,
    acked: &BTreeMap<(String, String), String>,
    import_may_be: &[String],
    t: &mut Tally,
) {
    let o = s.antq().arg("check").output().unwrap();
    assert!(
        o.status.success(),
        "check failed after round {}: {}{}",
        t.rounds,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    t.checks += 1;
    let now = stored(s);
    for (k, v) in acked {
        assert_eq!(now.get(k), Some(v), "acknowledged write {k:?} lost");
    }
    // All or nothing: every imported row holds the same value, one the imports may have left.
    let mut seen: Vec<&String> = Vec::new();
    for y in IMPORT_YEARS {
        for u in COMMUNES {
            for m in 1..=12 {
                let key = (u.to_string(), format!("{y}-{m:02}"));
                let v = now.get(&key).unwrap_or(&String::new()).clone();
                if !seen.contains(&&v) {
                    seen.push(
                        import_may_be
                            .iter()
                            .find(|x| **x == v)
                            .unwrap_or_else(|| panic!("{key:?} holds {v:?}, which no import left")),
                    );
                }
            }
        }
    }
    assert_eq!(seen.len(), 1, "an import was applied in part: {seen:?}");
}
