//! What is recorded stays true: stamps from the server's clock and the acting user, no
//! spreadsheet formulas in exports, no hidden characters in names, a socket path that never
//! destroys a file, and each user's own audit history.

use crate::common;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use antq::domain::account::{Account, Role};
use antq::domain::period::Period;
use antq::service::*;
use common::{actor, at, TempStore};

fn table(kind: ImportKind, csv: &str) -> ImportTable {
    let t = antq::exchange::csv_table::parse("f.csv", csv.as_bytes()).unwrap();
    ImportTable {
        kind,
        file: "f.csv".into(),
        headers: t.headers,
        rows: t.rows,
    }
}

/// The sample on a clock the test moves, with operator lan on xã Nàng Mau (31441).
fn province(now: i64) -> (TempStore, LocalService, Arc<AtomicI64>) {
    let (dir, svc, clock) = common::clocked(at(2024, 3, 1));
    antq::sample::load(&svc, &actor()).unwrap();
    svc.add_user(
        &actor(),
        Account {
            name: "lan".into(),
            role: Role::Operator,
            unit: Some("31441".into()),
            revision: 0,
        },
    )
    .unwrap();
    clock.store(now, Ordering::SeqCst);
    (dir, svc, clock)
}

const STAMPED: &str = "unit,period,to_giac,first_submitted,updated_by,updated_at,revision\n31441,2024-05,3,01/06/2024 09:00,someone,01/06/2024 09:00,7\n";

#[test]
fn an_operators_file_cannot_set_stamps_so_a_late_report_is_never_on_time() {
    let now = at(2026, 12, 1);
    let (_d, svc, _c) = province(now);
    let lan = Actor::new("lan");
    svc.import(&lan, table(ImportKind::Reports, STAMPED), false)
        .unwrap();
    let may = Period::month(2024, 5);
    let r = svc.report(&lan, "31441", may).unwrap().unwrap();
    assert_eq!(
        (
            r.first_submitted_at,
            r.updated_by.as_str(),
            r.updated_at,
            r.revision
        ),
        (None, "lan", now, 1)
    );
    let r = svc.submit_report(&lan, "31441", may).unwrap();
    assert_eq!(r.first_submitted_at, Some(now), "submitted now, in 12/2026");
    let c = svc.completeness(&actor(), may, Some("31441")).unwrap();
    assert_eq!((c.submitted, c.on_time), (1, 0), "{c:?}");
}

#[test]
fn an_admins_migration_keeps_historical_stamps_and_the_audit_says_so() {
    let (_d, svc, _c) = province(at(2026, 12, 1));
    svc.import(&actor(), table(ImportKind::Reports, STAMPED), false)
        .unwrap();
    let r = svc
        .report(&actor(), "31441", Period::month(2024, 5))
        .unwrap()
        .unwrap();
    assert_eq!((r.updated_by.as_str(), r.revision), ("someone", 7));
    let audit = svc
        .audit(
            &actor(),
            &AuditQuery {
                entity: Some("report/31441/2024-05".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        audit.items[0].summary,
        "added from a file; kept the file's stamps: first submitted 01/06/2024 09:00, updated by someone at 01/06/2024 09:00"
    );
    assert_eq!(audit.items[0].actor, actor().name);
}

#[test]
fn an_operators_history_survives_a_thousand_newer_entries_by_others() {
    let (_d, svc, clock) = province(at(2024, 4, 2));
    let lan = Actor::new("lan");
    let input = |p: &str, v| ReportInput {
        unit: "31441".into(),
        period: Period::parse(p).unwrap(),
        values: vec![("to_giac".into(), Some(v))],
        narrative: None,
        base_revision: None,
    };
    svc.save_report(&lan, input("2024-02", 1)).unwrap();
    svc.save_report(&lan, input("2024-01", 2)).unwrap();
    // 1,100 newer entries by the admin.
    for i in 0..1100u32 {
        clock.fetch_add(1, Ordering::SeqCst);
        svc.save_report(&actor(), input("2023-12", i)).unwrap();
    }
    let page = svc.audit(&lan, &AuditQuery::default()).unwrap();
    let mine: Vec<&str> = page.items.iter().map(|e| e.entity.as_str()).collect();
    assert_eq!(mine, ["report/31441/2024-01", "report/31441/2024-02"]);
    assert_eq!(page.next, None);
    // Pages count the operator's own entries only.
    let second = svc
        .audit(
            &lan,
            &AuditQuery {
                offset: 1,
                limit: 1,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(second.items[0].entity, "report/31441/2024-02");
}

#[test]
fn excel_exports_never_carry_a_live_formula_and_import_gives_the_text_back() {
    let s = TempStore::with_sample();
    let planted = [
        "=HYPERLINK(\"http://x.example\",\"Bấm vào đây\")",
        "+cmd|' /C calc'!A0",
        "- Tình hình ổn định",
        "@SUM(1+1)",
        "'=already quoted",
    ];
    for (i, text) in planted.iter().enumerate() {
        let period = format!("2024-0{}", i + 1);
        s.stdout(&[
            "report",
            "set",
            "31444",
            &period,
            "to_giac=1",
            &format!("--narrative={text}"),
        ]);
    }
    let out = s.dir.path().join("r.csv");
    s.stdout(&["export", "reports", "--excel", "-o", out.to_str().unwrap()]);
    let bytes = std::fs::read(&out).unwrap();
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    for rec in rdr.records() {
        for cell in rec.unwrap().iter() {
            let first = cell.chars().next();
            let code_formula = cell.starts_with("=\"")
                && cell.ends_with('"')
                && !cell[2..cell.len() - 1].contains('"');
            assert!(
                code_formula || !matches!(first, Some('=' | '+' | '-' | '@')),
                "live formula in {cell:?}"
            );
        }
    }
    // Into an empty store and out again: the same narratives.
    let t = TempStore::new();
    t.stdout(&["init"]);
    t.stdout(&["import", "units", &export_units(&s)]);
    t.stdout(&["import", "reports", out.to_str().unwrap()]);
    let again = t.dir.path().join("again.csv");
    t.stdout(&[
        "export",
        "reports",
        "--excel",
        "-o",
        again.to_str().unwrap(),
    ]);
    assert!(
        std::fs::read(&again).unwrap() == bytes,
        "the round trip changed the file"
    );
    let json = t.stdout(&["export", "reports", "--format", "json"]);
    for text in planted {
        assert!(
            json.contains(&serde_json::to_string(text).unwrap()),
            "{text} lost"
        );
    }
}

fn export_units(s: &TempStore) -> String {
    let f = s.dir.path().join("units.csv");
    s.stdout(&["export", "units", "-o", f.to_str().unwrap()]);
    f.display().to_string()
}

#[test]
fn names_with_hidden_characters_are_refused_as_typed() {
    let s = TempStore::with_sample();
    s.fails_cleanly(
        &[
            "units",
            "add",
            "--code",
            "31444-KDC9",
            "--name",
            "Ấp \u{202E}9",
            "--kind",
            "khu dân cư",
            "--parent",
            "31444",
        ],
        "name: the name contains the invisible or control character U+202E; retype it without it",
    );
    s.fails_cleanly(
        &["units", "edit", "31444", "--name", "Vị\u{200B}Trung"],
        "name: the name contains the invisible or control character U+200B; retype it without it",
    );
    s.fails_cleanly(
        &[
            "units",
            "edit",
            "31444",
            "--name",
            "Vị Trung\u{1b}]0;owned\u{7}",
        ],
        "name: the name contains the invisible or control character U+001B; retype it without it",
    );
    s.fails_cleanly(
        &[
            "report",
            "set",
            "31444",
            "2024-04",
            "to_giac=1",
            "--narrative",
            "ổn \u{2066}định",
        ],
        "narrative: contains the invisible or control character U+2066; retype it without it",
    );
}

#[test]
fn serve_never_removes_anything_but_a_stale_socket() {
    let s = TempStore::with_sample();
    let data = s.path().join("db");
    let records = s.snapshot();
    let before = std::fs::read(&data).unwrap();
    let o = s
        .antq()
        .args(["serve", "--socket"])
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!("error: socket: {} exists and is not a socket; nothing was removed. Choose another --socket path, e.g. /run/antq/antq.sock\n", data.display())
    );
    assert!(
        std::fs::read(&data).unwrap() == before,
        "the data file is untouched"
    );
    assert!(s.snapshot() == records, "the store is intact");
    // A group that does not exist leaves no socket behind.
    let sock = s.dir.path().join("antq.sock");
    let o = s
        .antq()
        .args(["serve", "--group", "no-such-group-antq", "--socket"])
        .arg(&sock)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: group: there is no group 'no-such-group-antq'; create it with: groupadd no-such-group-antq\n"
    );
    assert!(!sock.exists(), "no socket file left behind");
    // A stale socket (nobody answers) is replaced.
    drop(std::os::unix::net::UnixListener::bind(&sock).unwrap());
    assert!(sock.exists());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_antq"))
        .args(["serve", "--socket"])
        .arg(&sock)
        .env("ANTQ_DB", s.path())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    common::wait_for_socket(&sock);
    // A second server on the same socket is refused, and the first keeps it.
    let o = s
        .antq()
        .args(["serve", "--socket"])
        .arg(&sock)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!("error: socket: another antq server is already listening on {}; stop it first, or choose another --socket path\n", sock.display())
    );
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn a_commune_scores_itself_by_file_or_by_hand_and_the_level_above_approves() {
    let (_d, svc, _c) = province(at(2026, 12, 1));
    svc.add_user(
        &actor(),
        Account {
            name: "minh".into(),
            role: Role::Approver,
            unit: Some("935".into()),
            revision: 0,
        },
    )
    .unwrap();
    let lan = Actor::new("lan");
    let minh = Actor::new("minh");
    let file = |csv: &str| table(ImportKind::Assessments, csv);
    // Nàng Mau (31441 until the reform) assesses its own year 2024.
    let o = svc
        .import(&lan, file("unit,year,score\n31441,2024,85\n"), false)
        .unwrap();
    assert_eq!(o.added, vec!["31441/2024".to_string()]);
    let refused = |csv: &str, msg: &str| {
        let e = svc.import(&lan, file(csv), false).unwrap_err();
        assert_eq!(e.en(), msg);
    };
    refused(
        "unit,year,score\n31444,2024,80\n",
        "f.csv: 1 problem(s); nothing was imported. Fix them and import again:\n  line 2, column 'unit': 31444 is outside your area (31441); ask an administrator if you need it",
    );
    refused(
        "unit,year,score,status\n31441,2024,85,approved\n",
        "f.csv: 1 problem(s); nothing was imported. Fix them and import again:\n  line 2, column 'status': only an admin may import assessments as submitted or approved; leave the status column out, then submit them for approval",
    );
    // The commune cannot approve itself; the district approver can.
    svc.submit_assessment(&lan, "31441", 2024).unwrap();
    assert!(svc.approve_assessment(&lan, "31441", 2024).is_err());
    svc.approve_assessment(&minh, "31441", 2024).unwrap();
    refused(
        "unit,year,score\n31441,2024,99\n",
        "f.csv: 1 problem(s); nothing was imported. Fix them and import again:\n  line 2, column 'unit': assessment 31441/2024 is approved and locked, and this row would change it; leave the row out, or have an approver reopen it first (antq assess reopen 31441 2024 --reason …)",
    );
}

#[test]
fn check_names_a_stored_text_with_hidden_characters() {
    let s = TempStore::with_sample();
    {
        let svc = s.service();
        let mut u = svc.unit(&actor(), "31444").unwrap();
        let old = u.clone();
        u.name = "Vị\u{1b}]0;owned\u{7}Trung".into();
        // As an older antq or a forged backup could have left it.
        let mut ws = antq::store::WriteSet::new();
        ws.put(Some(&old), &u).unwrap();
        svc.store().commit(ws).unwrap();
    }
    let o = s.antq().arg("check").output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "units/31444: name holds the invisible or control character U+001B; retype it\n"
    );
    // Shown, it cannot reach the terminal.
    let shown = s.stdout(&["units", "show", "31444"]);
    assert!(
        shown.starts_with("Commune Vị?]0;owned?Trung (31444)"),
        "{shown}"
    );
}
