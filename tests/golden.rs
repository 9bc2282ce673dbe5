//! Golden bytes: the stored encoding of every record type is pinned by a committed fixture.
//! An accidental format change fails here; a deliberate one needs a new schema version and a
//! migration. Regenerate fixtures with `ANTQ_BLESS=1 cargo test --test suite -- golden::` only then.

use std::path::PathBuf;

use antq::domain::assessment::{Assessment, Cutoffs, Decision, Grade, Safety};
use antq::domain::audit::AuditEntry;
use antq::domain::exemplar::{Exemplar, ExemplarStatus};
use antq::domain::indicator::{Indicator, OverTime};
use antq::domain::period::{Deadlines, Period, PeriodKind};
use antq::domain::report::Report;
use antq::domain::task::{Directive, LogEntry, Priority, Task, TaskStatus};
use antq::domain::unit::{Link, Unit, UnitKind, Version};
use antq::domain::workflow::{Status, Step};
use antq::domain::Settings;
use antq::store::codec::{self, Record};
use jiff::civil::Date;

fn check<T: Record + PartialEq + std::fmt::Debug>(name: &str, value: &T) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/golden")
        .join(format!("{name}.bin"));
    let bytes = codec::encode(value).unwrap();
    if std::env::var_os("ANTQ_BLESS").is_some() {
        std::fs::write(&path, &bytes).unwrap();
    }
    let golden =
        std::fs::read(&path).unwrap_or_else(|_| panic!("missing fixture {}", path.display()));
    assert_eq!(bytes, golden, "encoding of {name} changed");
    assert_eq!(
        &codec::decode::<T>(&golden).unwrap(),
        value,
        "decoding of {name} changed"
    );
}

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::new(y, m, day).unwrap()
}

#[test]
fn unit() {
    let mut u = Unit::new("31338", "Tân Tiến", UnitKind::Commune, Some("930"));
    u.valid_to = Some(d(2025, 6, 30));
    u.history.push(Version {
        until: d(2019, 12, 31),
        name: "Tân Tiến cũ".into(),
        kind: UnitKind::Commune,
        parent: Some("931".into()),
    });
    u.successors
        .push(Link::new("31338@2025-07-01", d(2025, 7, 1)));
    u.notes = "Ghi chú".into();
    u.revision = 3;
    check("unit_v2", &u);
    let mut s = Unit::new("31338@2025-07-01", "Hỏa Lựu", UnitKind::Commune, Some("92"));
    s.valid_from = Some(d(2025, 7, 1));
    s.predecessors = vec![
        Link::new("31338", d(2025, 7, 1)),
        Link::new("31339", d(2025, 7, 1)),
    ];
    check("unit_successor_v2", &s);
}

/// Units written by schema 1 still read: the single successor becomes a dated link, and the
/// predecessors keep their codes (their dates live on the other side).
#[test]
fn unit_v1_migrates() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden");
    let old: Unit = codec::decode(&std::fs::read(dir.join("unit_v1.bin")).unwrap()).unwrap();
    assert_eq!(old.code, "31338");
    assert_eq!(old.valid_to, Some(d(2025, 6, 30)));
    assert_eq!(old.successors, vec![Link::new("92-HOALUU", d(2025, 7, 1))]);
    assert_eq!(old.notes, "Ghi chú");
    assert_eq!(old.revision, 3);
    let succ: Unit =
        codec::decode(&std::fs::read(dir.join("unit_successor_v1.bin")).unwrap()).unwrap();
    assert_eq!(
        succ.predecessors,
        vec![
            Link {
                unit: "31338".into(),
                on: None
            },
            Link {
                unit: "31339".into(),
                on: None
            },
        ]
    );
    assert!(succ.history.is_empty());
}

#[test]
fn indicator() {
    check(
        "indicator_v2",
        &Indicator {
            code: "mh_so".into(),
            label_vi: "Số mô hình".into(),
            label_en: "Models".into(),
            unit_kinds: vec![UnitKind::Commune, UnitKind::ResidentialArea],
            periods: vec![PeriodKind::Month, PeriodKind::Year],
            order: 30,
            over_time: OverTime::Last,
        },
    );
}

/// Indicators stored before they said how they add up over time read as flows, except the
/// catalogue's stocks (models, members, households).
#[test]
fn indicator_v1_migrates() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden");
    let old: Indicator =
        codec::decode(&std::fs::read(dir.join("indicator_v1.bin")).unwrap()).unwrap();
    assert_eq!(old.code, "to_giac");
    assert_eq!(old.order, 50);
    assert_eq!(old.periods, vec![PeriodKind::Month, PeriodKind::Year]);
    assert_eq!(old.over_time, OverTime::Sum);
}

#[test]
fn report() {
    let mut r = Report::new(
        "31338",
        Period::parse("2024-03").unwrap(),
        "an",
        1_712_000_000,
    );
    r.set_value("to_giac", Some(4));
    r.set_value("hoa_giai", Some(4_294_967_295));
    r.narrative = "Tình hình ổn định".into();
    r.status = Status::Returned;
    r.return_reason = Some("Bổ sung".into());
    r.history.push(Step {
        status: Status::Submitted,
        by: "an".into(),
        at: 1_712_100_000,
        note: String::new(),
    });
    r.history.push(Step {
        status: Status::Returned,
        by: "binh".into(),
        at: 1_712_200_000,
        note: "Bổ sung".into(),
    });
    r.first_submitted_at = Some(1_712_100_000);
    r.revision = 2;
    check("report", &r);
}

fn assessment_sample() -> Assessment {
    Assessment {
        unit: "31441".into(),
        year: 2023,
        safety: Safety::Passed,
        score: Some(93),
        grade_override: Some(Grade::Excellent),
        decision: Some(Decision {
            number: "15/QĐ-BCĐ".into(),
            date: Some(d(2023, 12, 20)),
            issuer: "BCĐ 138".into(),
        }),
        status: Status::Approved,
        return_reason: None,
        history: vec![Step {
            status: Status::Approved,
            by: "x".into(),
            at: 1,
            note: String::new(),
        }],
        notes: String::new(),
        revision: 1,
        override_reason: String::new(),
    }
}

#[test]
fn assessment() {
    let mut a = assessment_sample();
    a.grade_override = Some(Grade::Good);
    a.override_reason = "Có vụ việc phức tạp cuối năm".into();
    check("assessment_v2", &a);
}

/// Assessments written by schema 1 read with an empty override reason.
#[test]
fn assessment_v1_migrates() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden");
    let old: Assessment =
        codec::decode(&std::fs::read(dir.join("assessment_v1.bin")).unwrap()).unwrap();
    assert_eq!(old, assessment_sample());
}

#[test]
fn exemplar() {
    check(
        "exemplar",
        &Exemplar {
            unit: "31486".into(),
            year: 2024,
            decision: Some(Decision {
                number: String::new(),
                date: Some(d(2024, 2, 28)),
                issuer: "BCĐ 138".into(),
            }),
            status: ExemplarStatus::Building,
            notes: String::new(),
            revision: 0,
        },
    );
}

#[test]
fn task() {
    check(
        "task",
        &Task {
            id: 42,
            title: "Kiểm tra mô hình tự quản".into(),
            details: "Chi tiết".into(),
            source: Some(Directive {
                number: "12/CV".into(),
                date: Some(d(2024, 2, 28)),
                issuer: "UBND tỉnh".into(),
                summary: "Chỉ đạo".into(),
            }),
            lead_unit: "31338".into(),
            coordinating: vec!["31441".into()],
            due: d(2024, 6, 30),
            priority: Priority::High,
            status: TaskStatus::InProgress,
            log: vec![LogEntry {
                at: 1_710_000_000,
                by: "an".into(),
                text: "Đã làm".into(),
                percent: Some(40),
            }],
            created_by: "an".into(),
            created_at: 1_709_000_000,
            revision: 1,
        },
    );
}

#[test]
fn audit_entry() {
    check(
        "audit",
        &AuditEntry {
            seq: 7,
            at: 1_709_000_000,
            actor: "an".into(),
            action: "report.save".into(),
            entity: "report/31338/2024-03".into(),
            summary: "to_giac=3".into(),
        },
    );
}

#[test]
fn settings() {
    check(
        "settings_v3",
        &Settings {
            cutoffs: Cutoffs::default(),
            deadlines: Deadlines::default(),
            excellent_needs_safe: false,
            four_eyes: false,
        },
    );
}

/// Settings written by schema 2 keep their choices and read with four eyes on, the default.
#[test]
fn settings_v2_migrates() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden");
    let old: Settings =
        codec::decode(&std::fs::read(dir.join("settings_v2.bin")).unwrap()).unwrap();
    assert!(!old.excellent_needs_safe);
    assert!(old.four_eyes);
}

/// Settings written by schema 1 read with "Xuất sắc needs An toàn" on, the default.
#[test]
fn settings_v1_migrates() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden");
    let old: Settings =
        codec::decode(&std::fs::read(dir.join("settings_v1.bin")).unwrap()).unwrap();
    assert_eq!(old, Settings::default());
    assert!(old.excellent_needs_safe);
}

#[test]
fn fixture_with_trailing_byte_is_rejected() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden/task.bin");
    let mut b = std::fs::read(path).unwrap();
    b.push(0);
    assert!(codec::decode::<Task>(&b).is_err());
}

fn conflict_sample() -> antq::domain::conflict::Conflict {
    let mut r = Report::new("31484", Period::month(2024, 3), "lan", 1_712_714_400);
    r.set_value("to_giac", Some(7));
    // Fixed as the fixture was written (a report's first revision has since become 1).
    r.revision = 0;
    antq::domain::conflict::Conflict {
        entity: "report/31484/2024-03".into(),
        incoming: antq::domain::conflict::Carried::Report(r),
        origin: "lan · 936 · 01/04/2024".into(),
        received_at: 1_712_800_000,
        revision: 0,
    }
}

#[test]
fn conflict() {
    check("conflict", &conflict_sample());
}

/// The bundle file as a whole: envelope, head and records. A change here breaks the files
/// district offices are carrying; it needs a new format version.
#[test]
fn bundle_file() {
    use antq::exchange::bundle_file::{self, Bundle, BundleHead};
    let antq::domain::conflict::Conflict { incoming, .. } = conflict_sample();
    let b = Bundle {
        head: BundleHead {
            origin: "lan".into(),
            under: "936".into(),
            since_days: 19_814,
            created_at: 1_714_500_000,
        },
        records: vec![
            antq::domain::conflict::Carried::Unit(Unit::new(
                "31484",
                "Thuận Hòa",
                UnitKind::Commune,
                Some("936"),
            )),
            incoming,
        ],
    };
    // Format 2: signed by office 936 (Ed25519 signatures are deterministic).
    let key = ed25519_dalek::SigningKey::from_bytes(&[36u8; 32]);
    let bytes = bundle_file::sign(bundle_file::encode(&b).unwrap(), "936", &key);
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden/bundle_v2.antqb");
    if std::env::var_os("ANTQ_BLESS").is_some() {
        std::fs::write(&path, &bytes).unwrap();
    }
    let golden = std::fs::read(&path).expect("bundle fixture");
    assert_eq!(bytes, golden, "the bundle format changed");
    let opened = bundle_file::open(&golden).unwrap();
    assert_eq!(opened.office, "936");
    let public = key.verifying_key().to_bytes();
    assert_eq!(bundle_file::verify(&opened, &public).unwrap(), b);
    // A bundle written before units had dates (unit schema 1 inside) still reads.
    let older = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/golden/bundle_v2_unit_v1.antqb");
    let older = bundle_file::open(&std::fs::read(older).expect("older bundle")).unwrap();
    assert_eq!(bundle_file::verify(&older, &public).unwrap(), b);
    // Format 1 files (unsigned) are refused as such; their contents still read.
    let v1 = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden/bundle.antqb");
    let v1 = std::fs::read(v1).expect("format 1 fixture");
    assert!(matches!(
        bundle_file::open(&v1),
        Err(bundle_file::BundleError::Unsigned)
    ));
    let contents = &v1[antq::exchange::envelope::HEADER..];
    assert_eq!(bundle_file::decode(contents).unwrap(), b);
}

#[test]
fn office() {
    check(
        "office",
        &antq::domain::office::Office {
            unit: "936".into(),
            public_key: ed25519_dalek::SigningKey::from_bytes(&[36u8; 32])
                .verifying_key()
                .to_bytes()
                .to_vec(),
            added_by: "admin".into(),
            added_at: 1_712_714_400,
            last_import_at: Some(1_712_800_000),
        },
    );
}
