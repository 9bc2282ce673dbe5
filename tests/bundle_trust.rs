//! Bundles are accepted only from registered offices, only inside their subtree, only with the
//! checks typed input passes, and conflicts are decided by what the store knows.

use crate::common;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use antq::domain::conflict::Carried;
use antq::domain::period::Period;
use antq::domain::unit::{Unit, UnitKind};
use antq::domain::workflow::Status;
use antq::exchange::bundle_file::{self, Bundle, BundleHead};
use antq::service::*;
use antq::store::TreeId;
use common::{actor, at, TempStore};

struct Store {
    _dir: TempStore,
    svc: LocalService,
    now: Arc<AtomicI64>,
}

impl Store {
    fn new(t: i64) -> Store {
        let (dir, svc, now) = common::clocked(t);
        Store {
            _dir: dir,
            svc,
            now,
        }
    }

    fn raw(&self) -> Vec<(TreeId, Vec<u8>, Vec<u8>)> {
        common::raw(&self.svc)
    }

    fn refuses(&self, bytes: Vec<u8>, msg: &str) {
        let before = self.raw();
        let e = self.svc.bundle_import(&actor(), bytes, false).unwrap_err();
        assert_eq!(e.en(), msg);
        assert_eq!(self.raw(), before, "a refused bundle changed the store");
    }
}

/// The province with the sample, offices 936 and 935 registered on 2 March 2024.
fn province() -> Store {
    let p = Store::new(at(2024, 3, 1));
    antq::sample::load(&p.svc, &actor()).unwrap();
    p.now.store(at(2024, 3, 2), Ordering::SeqCst);
    common::register_office(&p.svc, "936");
    common::register_office(&p.svc, "935");
    p.now.store(at(2024, 3, 20), Ordering::SeqCst);
    p
}

fn bundle(under: &str, since: jiff::civil::Date, records: Vec<Carried>) -> Vec<u8> {
    let b = Bundle {
        head: BundleHead {
            origin: "lan".into(),
            under: under.into(),
            since_days: antq::domain::date::serde_days::to_days(since),
            created_at: at(2024, 3, 21),
        },
        records,
    };
    bundle_file::encode(&b).unwrap()
}

fn march() -> jiff::civil::Date {
    jiff::civil::Date::constant(2024, 3, 5)
}

fn report(unit: &str, v: u32, status: Status) -> Carried {
    let mut r =
        antq::domain::report::Report::new(unit, Period::month(2024, 3), "lan", at(2024, 3, 20));
    r.set_value("to_giac", Some(v));
    r.status = status;
    Carried::Report(r)
}

fn unit(p: &Store, code: &str) -> Unit {
    p.svc.unit(&actor(), code).unwrap()
}

#[test]
fn a_good_bundle_from_a_registered_office_is_applied() {
    let p = province();
    let b = common::signed(
        bundle("936", march(), vec![report("31484", 4, Status::Approved)]),
        "936",
    );
    let o = p.svc.bundle_import(&actor(), b, false).unwrap();
    assert_eq!(o.added, vec!["report/31484/2024-03".to_string()]);
}

#[test]
fn a_forged_bundle_is_refused_whole() {
    let p = province();
    // Signed with a key that is not the one 936 registered.
    let forger = ed25519_dalek::SigningKey::from_bytes(&[99u8; 32]);
    let b = bundle_file::sign(
        bundle("936", march(), vec![report("31484", 4, Status::Draft)]),
        "936",
        &forger,
    );
    p.refuses(b, "bundle: the signature does not match the key registered for this office: the file was altered or signed with another key; nothing was imported. Ask the office to export it again with its registered key");
}

#[test]
fn a_bundle_re_signed_by_another_office_is_refused_whole() {
    let p = province();
    // Office 935 signs, with its own real key, records of district 936.
    let b = common::signed(
        bundle("936", march(), vec![report("31484", 4, Status::Draft)]),
        "935",
    );
    p.refuses(b, "bundle: 2 problem(s); nothing was imported. Fix them and import again:\n  unit 936 is outside office 935's units; an office sends only what lies below its own unit; nothing was imported\n  unit 31484 is outside office 935's units; an office sends only what lies below its own unit; nothing was imported");
    // 936's key, but the file claims to be 935's.
    let b = bundle_file::sign(
        bundle("935", march(), vec![report("31441", 4, Status::Draft)]),
        "935",
        &common::office_key("936"),
    );
    p.refuses(b, "bundle: the signature does not match the key registered for this office: the file was altered or signed with another key; nothing was imported. Ask the office to export it again with its registered key");
}

#[test]
fn an_out_of_subtree_bundle_is_refused_whole() {
    let p = province();
    let mut province = unit(&p, "93");
    province.name = "Tỉnh giả".into();
    let b = common::signed(
        bundle(
            "936",
            march(),
            vec![report("31484", 4, Status::Draft), Carried::Unit(province)],
        ),
        "936",
    );
    p.refuses(b, "bundle: unit 93 is outside office 936's units; an office sends only what lies below its own unit; nothing was imported");
    // An approved report planted in another district's commune.
    let b = common::signed(
        bundle("936", march(), vec![report("31441", 9, Status::Approved)]),
        "936",
    );
    p.refuses(b, "bundle: unit 31441 is outside office 936's units; an office sends only what lies below its own unit; nothing was imported");
    // A commune moved into the office's subtree from elsewhere.
    let mut moved = unit(&p, "31441");
    moved.parent = Some("936".into());
    let b = common::signed(bundle("936", march(), vec![Carried::Unit(moved)]), "936");
    p.refuses(b, "bundle: unit 31441 is outside office 936's units; an office sends only what lies below its own unit; nothing was imported");
    // The office's own unit, renamed.
    let mut own = unit(&p, "936");
    own.name = "Long Mỹ mới".into();
    let b = common::signed(bundle("936", march(), vec![Carried::Unit(own)]), "936");
    p.refuses(b, "bundle: it changes unit 936, the office's own unit; only the level above changes it; nothing was imported");
    // A bundle whose subtree is another office's.
    let b = common::signed(bundle("935", march(), vec![]), "936");
    p.refuses(b, "bundle: unit 935 is outside office 936's units; an office sends only what lies below its own unit; nothing was imported");
}

#[test]
fn an_unregistered_or_unsigned_bundle_is_refused_whole() {
    let p = province();
    let b = common::signed(bundle("937", march(), vec![]), "937");
    p.refuses(b, "bundle: it is signed as office 937, which is not registered here; nothing was imported. If 937 is a real office, register its public key with: antq office add 937 KEY");
    let old =
        antq::exchange::envelope::seal(bundle_file::MAGIC, 1, &bundle("936", march(), vec![]));
    p.refuses(old, "bundle: the bundle is not signed (made by an older antq); make it again with 'antq bundle export --key OFFICE_KEY'");
}

#[test]
fn records_pass_the_checks_typed_input_passes() {
    let p = province();
    let mut esc = unit(&p, "31483");
    esc.name = "Thuận\u{1b}]0;pwned\u{7}Hưng".into();
    let b = common::signed(bundle("936", march(), vec![Carried::Unit(esc)]), "936");
    p.refuses(b, "bundle: unit/31483: name: the name contains the invisible or control character U+001B; retype it without it; nothing was imported");
    let mut bidi = unit(&p, "31484");
    bidi.name = "Thuận \u{202E}Hòa".into();
    let b = common::signed(bundle("936", march(), vec![Carried::Unit(bidi)]), "936");
    p.refuses(b, "bundle: unit/31484: name: the name contains the invisible or control character U+202E; retype it without it; nothing was imported");
    // A commune placed under a commune: the kind rule typing enforces.
    let mut wrong = unit(&p, "31484");
    wrong.parent = Some("31483".into());
    let b = common::signed(bundle("936", march(), vec![Carried::Unit(wrong)]), "936");
    p.refuses(b, "bundle: unit/31484: parent: a Commune cannot be placed under Commune 31483 (Thuận Hưng); nothing was imported");
    // A link the other side does not know: the lineage rules a units file meets.
    let mut one_sided = unit(&p, "31484");
    one_sided.successors.push(antq::domain::unit::Link::new(
        "31486",
        jiff::civil::Date::constant(2024, 1, 1),
    ));
    let b = common::signed(
        bundle("936", march(), vec![Carried::Unit(one_sided)]),
        "936",
    );
    p.refuses(b, "bundle: 2 problem(s); nothing was imported. Fix them and import again:\n  unit 31484: continues into 31486 from 01/01/2024, so its last day must be 31/12/2023, not 30/06/2025; nothing was imported\n  unit 31484: continues into 31486, but 31486 does not list it as a predecessor; nothing was imported");
    // A parent cycle, which would hide a subtree from every list.
    let mut a = unit(&p, "31483");
    let mut b2 = Unit::new(
        "31483-KDC1",
        "Ấp 1",
        UnitKind::ResidentialArea,
        Some("31483"),
    );
    b2.valid_from = None;
    a.parent = Some("31483-KDC1".into());
    let b = common::signed(
        bundle("936", march(), vec![Carried::Unit(b2), Carried::Unit(a)]),
        "936",
    );
    p.refuses(b, "bundle: 2 problem(s); nothing was imported. Fix them and import again:\n  unit 31483-KDC1 would sit inside itself (a cycle of parents); nothing was imported\n  unit 31483 would sit inside itself (a cycle of parents); nothing was imported");
    // The office approving its own unit's report.
    let mut own =
        antq::domain::report::Report::new("936", Period::month(2024, 3), "lan", at(2024, 3, 20));
    own.status = Status::Approved;
    let b = common::signed(bundle("936", march(), vec![Carried::Report(own)]), "936");
    p.refuses(b, "bundle: report/936/2024-03: status: an office cannot approve its own unit 936's records; the level above approves them; nothing was imported");
}

#[test]
fn a_later_since_cannot_turn_conflict_detection_off() {
    let p = province();
    // The province edits a report after 936 registered.
    p.svc
        .save_report(
            &actor(),
            ReportInput {
                unit: "31484".into(),
                period: Period::month(2024, 3),
                values: vec![("to_giac".into(), Some(2))],
                narrative: None,
                base_revision: None,
            },
        )
        .unwrap();
    // The district claims its changes start in 2030: nothing local would count as newer.
    let late = jiff::civil::Date::constant(2030, 1, 1);
    let b = common::signed(
        bundle("936", late, vec![report("31484", 4, Status::Draft)]),
        "936",
    );
    let o = p.svc.bundle_import(&actor(), b, false).unwrap();
    assert_eq!(o.conflicts, vec!["report/31484/2024-03".to_string()]);
    let kept = p
        .svc
        .report(&actor(), "31484", Period::month(2024, 3))
        .unwrap()
        .unwrap();
    assert_eq!(kept.value("to_giac"), Some(2), "the local version stays");
}

#[test]
fn a_header_that_would_drive_the_terminal_is_refused_before_it_is_shown() {
    let p = province();
    let b = common::signed(bundle("936", march(), vec![]), "93\u{1b}]0;x\u{7}");
    p.refuses(
        b,
        "bundle: it does not name a valid office code; nothing was imported",
    );
    let mut head = Bundle {
        head: BundleHead {
            origin: "lan\u{1b}[2J".into(),
            under: "936".into(),
            since_days: 0,
            created_at: 0,
        },
        records: vec![],
    };
    let b = common::signed(bundle_file::encode(&head).unwrap(), "936");
    p.refuses(b, "bundle: its header holds a unit code or a sender name that antq would not accept as typed; nothing was imported");
    head.head.origin = "lan".into();
    head.head.under = "936\u{7}".into();
    let b = common::signed(bundle_file::encode(&head).unwrap(), "936");
    p.refuses(b, "bundle: its header holds a unit code or a sender name that antq would not accept as typed; nothing was imported");
}
