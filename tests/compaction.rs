//! The store's files themselves. Compaction: `antq compact` rewrites a store into fresh files
//! that hold only its live entries, and a bulk write settles the store (and compacts it once
//! its files outgrow its data). Every entry survives, and a kill -9 at any step leaves the
//! whole store, old or new: the next open finishes or drops the switch. Raw backups: the files
//! copied as one point in time, restored into a new store whole.

use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;

use crate::common::TempStore;

/// A store of generated data (a few thousand reports), compacted once (so it knows what its
/// data takes compacted), then rewritten in bulk twice, so its files hold far more than
/// its data. (Below 64 MiB no bulk write compacts it by itself.)
fn grown_store() -> TempStore {
    static TEMPLATE: std::sync::OnceLock<TempStore> = std::sync::OnceLock::new();
    let template = TEMPLATE.get_or_init(|| {
        let s = TempStore::new();
        s.antq().arg("init").assert().success();
        s.antq()
            .args([
                "gen",
                "--units",
                "500",
                "--reports",
                "12000",
                "--tasks",
                "50",
            ])
            .assert()
            .success();
        s.antq().arg("compact").assert().success();
        let dir = tempfile::tempdir().unwrap();
        // Three rounds: with two, a fourth import left the files just about 1.5× their data,
        // and sled's file sizes vary, so whether it compacted varied from run to run.
        for round in 1..=3 {
            let csv = dir.path().join(format!("r{round}.csv"));
            std::fs::write(&csv, changed_drafts(&s, round)).unwrap();
            s.antq()
                .args(["import", "reports"])
                .arg(&csv)
                .assert()
                .success();
        }
        s
    });
    let s = TempStore::new();
    crate::common::copy_dir(&template.path(), &s.path());
    s
}

/// The store's reports not yet approved and of periods begun, with their first figure raised
/// by `by`, as an import reads them (no revision column: the import takes them as they are).
fn changed_drafts(s: &TempStore, by: u32) -> String {
    let csv = s.stdout(&["export", "reports"]);
    let mut rows = csv.lines().map(|l| l.split(',').collect::<Vec<_>>());
    let head = rows.next().unwrap();
    let col = |n: &str| head.iter().position(|h| *h == n).unwrap();
    let (status, revision, period) = (col("status"), col("revision"), col("period"));
    let now = jiff::Zoned::now().date();
    let this_month = format!("{:04}-{:02}", now.year(), now.month());
    let figure = revision + 1;
    let keep = |r: &[&str]| -> Vec<String> {
        r.iter()
            .enumerate()
            .filter(|(i, _)| *i != revision)
            .map(|(_, c)| c.to_string())
            .collect()
    };
    let mut out = vec![keep(&head).join(",")];
    for r in rows.filter(|r| r[status] != "approved" && r[period] <= this_month.as_str()) {
        let mut r = keep(&r);
        let v: u32 = r[figure - 1].parse().unwrap_or(0);
        r[figure - 1] = (v + by).to_string();
        out.push(r.join(","));
    }
    out.join("\n") + "\n"
}

fn disk_kb(s: &TempStore) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fn walk(p: &std::path::Path) -> u64 {
        std::fs::read_dir(p)
            .unwrap()
            .flatten()
            .map(|e| {
                let m = e.metadata().unwrap();
                if m.is_dir() {
                    walk(&e.path())
                } else {
                    m.blocks() / 2
                }
            })
            .sum()
    }
    walk(&s.path())
}

#[test]
fn compact_keeps_every_entry_and_gives_back_the_space_rewrites_took() {
    let s = grown_store();
    let before = (s.snapshot(), disk_kb(&s));
    let o = s.antq().arg("compact").output().unwrap();
    let (out, said) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert!(out.starts_with("Compacted the store: "), "{out}");
    // What is going on is said before the wait, with the size it starts from.
    assert!(
        said.starts_with("Compacting the store (") && said.ends_with(")…\n"),
        "{said}"
    );
    assert_eq!(s.snapshot(), before.0, "compaction changed an entry");
    let after = disk_kb(&s);
    assert!(after < before.1, "{} KB → {after} KB", before.1);
    s.antq().arg("check").assert().success();
    let left: Vec<_> = std::fs::read_dir(s.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("compact."))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // In Vietnamese too, and a second compaction of a compact store keeps it as it is.
    let o = s
        .antq()
        .env("ANTQ_LANG", "vi")
        .arg("compact")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.starts_with("Đã thu gọn kho: "), "{o:?}");
    assert_eq!(s.snapshot(), before.0);
}

/// Each step of a compaction, killed: before the new files are whole, after, half moved in,
/// all moved in. The store then opens whole, `check` passes, and it holds every entry.
#[test]
fn a_kill_anywhere_in_a_compaction_leaves_the_whole_store() {
    let points = [
        "compact.copy:1",
        "compact.built:1",
        "compact.ready:1",
        "compact.old:1",
        "compact.moved:2",
        "compact.moved:6",
        "compact.swapped:1",
    ];
    for point in points {
        let s = grown_store();
        let before = s.snapshot();
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_antq"))
            .env("ANTQ_DB", s.path())
            .env("ANTQ_LANG", "en")
            .env("ANTQ_KILL_AT", point)
            .arg("compact")
            .stdout(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(o.status.signal(), Some(9), "not killed at {point}: {o:?}");
        s.antq().arg("check").assert().success();
        assert_eq!(s.snapshot(), before, "entries changed by a kill at {point}");
        let names: Vec<String> = std::fs::read_dir(s.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        assert!(
            !names.iter().any(|n| n.starts_with("compact.")),
            "left after {point}: {names:?}"
        );
    }
}

/// A bulk import settles the store and, once its files have outgrown its data, compacts it
/// and says so; a single save does neither. (The floor is lowered from 64 MiB for the test.)
#[test]
fn a_bulk_write_compacts_a_store_grown_past_its_data() {
    let s = grown_store();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("r.csv");
    std::fs::write(&csv, changed_drafts(&s, 4)).unwrap();
    let o = s
        .antq()
        .env("ANTQ_COMPACT_MIN_BYTES", "0")
        .args(["import", "reports"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(o.status.success());
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(
        said.starts_with("Compacting the store (") && said.contains(")…\nCompacted the store: "),
        "{said} {} KB {:?} {}",
        disk_kb(&s),
        std::fs::read_to_string(s.path().join("antq.compacted")),
        String::from_utf8_lossy(&o.stdout)
    );
    s.antq().arg("check").assert().success();
    // A single save is no bulk write: nothing is compacted after it.
    let draft = changed_drafts(&s, 0);
    let mut lines = draft.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let status = head.iter().position(|h| *h == "status").unwrap();
    let first: Vec<&str> = lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|r| r[status] == "draft")
        .unwrap();
    let (unit, period) = (
        first[head.iter().position(|h| *h == "unit").unwrap()],
        first[2],
    );
    let figure = format!(
        "{}=1",
        head[head.iter().position(|h| *h == "updated_at").unwrap() + 1]
    );
    let o = s
        .antq()
        .env("ANTQ_COMPACT_MIN_BYTES", "0")
        .args(["report", "set", unit, period, &figure])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    assert!(o.stderr.is_empty(), "{o:?}");
}

/// A raw backup is the store's files as one point in time: restored into a new store it holds
/// every entry the original did. It refuses a folder that exists, a folder that is no raw
/// backup, and a store that holds data, and changes nothing then.
#[test]
fn a_raw_backup_restores_every_entry_and_refuses_what_it_cannot() {
    let s = TempStore::with_sample();
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("raw");
    let out = s.stdout(&["backup", "--raw", raw.to_str().unwrap()]);
    assert!(
        out.starts_with(&format!("Raw backup in {} (", raw.display())),
        "{out}"
    );
    let copy = TempStore::new();
    let restored = copy.stdout(&["restore", raw.to_str().unwrap()]);
    assert!(restored.starts_with("Restored into "), "{restored}");
    assert!(restored.ends_with("check: no problems\n"), "{restored}");
    assert_eq!(copy.snapshot(), s.snapshot());
    // Into the same folder again: refused, the store untouched.
    s.fails_cleanly(
        &["backup", "--raw", raw.to_str().unwrap()],
        &format!(
            "backup: {} already exists; a raw backup goes into a new folder",
            raw.display()
        ),
    );
    // A store's folder is not a raw backup: nothing is made.
    let other = TempStore::new();
    other.fails_cleanly(
        &["restore", s.path().to_str().unwrap()],
        &format!(
            "restore: {} is not a raw antq backup (it has no antq-raw-backup note)",
            s.path().display()
        ),
    );
    assert!(!other.path().exists());
    // Into a store that holds data: refused, the store as it was.
    copy.fails_cleanly(
        &["restore", raw.to_str().unwrap()],
        &format!(
            "restore: {} is not empty; restore only into a new, empty store (--db NEW_PATH)",
            copy.path().display()
        ),
    );
}

/// A raw restore killed while it copies leaves no store a later restore would refuse: the next
/// one drops the half copy and goes through. Killed once the copy is checked and its switch
/// decided, the store opens whole. A raw backup with a link in it is refused.
#[test]
fn a_raw_restore_is_all_or_nothing_and_copies_only_the_stores_own_files() {
    let s = TempStore::with_sample();
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("raw");
    s.antq()
        .args(["backup", "--raw", raw.to_str().unwrap()])
        .assert()
        .success();
    let killed = |target: &TempStore, point: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_antq"))
            .env("ANTQ_DB", target.path())
            .env("ANTQ_KILL_AT", point)
            .args(["restore", raw.to_str().unwrap()])
            .stdout(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(o.status.signal(), Some(9), "not killed at {point}: {o:?}");
    };
    let half = TempStore::new();
    killed(&half, "raw.copy:2");
    let again = half.stdout(&["restore", raw.to_str().unwrap()]);
    assert!(again.starts_with("Restored into "), "{again}");
    assert_eq!(half.snapshot(), s.snapshot());
    let decided = TempStore::new();
    killed(&decided, "compact.ready:1");
    decided.antq().arg("check").assert().success();
    assert_eq!(decided.snapshot(), s.snapshot());
    // A link where sled keeps its log: refused, and no store is made.
    let forged = dir.path().join("forged");
    std::fs::create_dir(&forged).unwrap();
    std::fs::copy(raw.join("antq-raw-backup"), forged.join("antq-raw-backup")).unwrap();
    std::fs::copy(raw.join("conf"), forged.join("conf")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", forged.join("db")).unwrap();
    let target = TempStore::new();
    let o = target
        .antq()
        .args(["restore", forged.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "Nothing was restored; the new store folder {} was removed.\nerror: restore: {} is not a plain file; a raw backup holds only the store's own files, copy them again from the store\n",
            target.path().display(),
            forged.join("db").display()
        )
    );
    assert!(!target.path().exists());
}
