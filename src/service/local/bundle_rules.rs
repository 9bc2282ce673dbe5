//! The rules a bundle's records are checked against and the helpers that apply them: scope,
//! identity, conflicts shown side by side.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use crate::domain::conflict::{Carried, Field};
use crate::domain::date::{fmt_date, serde_days};
use crate::domain::office::Office;
use crate::domain::unit::Unit;
use crate::domain::workflow::Status;
use crate::error::{Entity, Error, Problem, Result};
use crate::exchange::bundle_file::Bundle;
use crate::i18n::Lang;

pub(super) fn midnight(d: Date) -> i64 {
    d.to_zoned(jiff::tz::TimeZone::fixed(crate::domain::date::vn_offset()))
        .map(|z| z.timestamp().as_second())
        .unwrap_or(i64::MIN)
}

pub(super) fn refuse(en: impl Into<String>, vi: impl Into<String>) -> Error {
    Error::Rejected {
        what: "bundle".into(),
        problems: vec![Problem::new(0, "", en, vi)],
    }
}

/// The units a bundle carries, by code.
pub(super) fn carried_units(b: &Bundle) -> HashMap<&str, &Unit> {
    b.records
        .iter()
        .filter_map(|c| match c {
            Carried::Unit(u) => Some((u.code.as_str(), u)),
            _ => None,
        })
        .collect()
}

/// Local changes after this moment are conflicts. The bundle's own date can only make it
/// earlier (more conflicts), never later than what the store knows: the office's last applied
/// bundle, or its registration.
pub(super) fn conflict_horizon(office: &Office, b: &Bundle) -> i64 {
    let claimed = serde_days::from_days(b.head.since_days).map_or(i64::MIN, midnight);
    let known = office.last_import_at.unwrap_or(office.added_at);
    claimed.min(known)
}

#[derive(PartialEq, Eq)]
pub(super) enum Reach {
    Inside,
    Outside,
    Cycle,
}

/// Whether walking up from `code` reaches `root`, and not through a loop.
pub(super) fn reaches(
    code: &str,
    root: &str,
    parent_of: &impl Fn(&str) -> Option<String>,
) -> Reach {
    let mut cur = Some(code.to_string());
    let mut seen = HashSet::new();
    while let Some(c) = cur {
        if c == root {
            return Reach::Inside;
        }
        if !seen.insert(c.clone()) {
            return Reach::Cycle;
        }
        cur = parent_of(&c);
    }
    Reach::Outside
}

/// Like `reaches`, and also inside when the unit or one above it continued, through merges or
/// splits, into a unit that reaches `root`: its records are that unit's history (the sender's
/// scope counts them so). A loop of parents still counts as a cycle.
pub(super) fn reaches_through_lineage(
    code: &str,
    root: &str,
    parent_of: &impl Fn(&str) -> Option<String>,
    successors_of: &impl Fn(&str) -> Vec<String>,
) -> Reach {
    let by_parents = reaches(code, root, parent_of);
    if by_parents != Reach::Outside {
        return by_parents;
    }
    let mut stack = vec![code.to_string()];
    let mut seen = HashSet::new();
    while let Some(c) = stack.pop() {
        if c == root {
            return Reach::Inside;
        }
        if !seen.insert(c.clone()) || seen.len() > 4096 {
            continue;
        }
        stack.extend(parent_of(&c));
        stack.extend(successors_of(&c));
    }
    Reach::Outside
}

/// Whether `code` continued, through any chain of lineage links, into `root`.
pub(super) fn lineage_leads_to(
    code: &str,
    root: &str,
    successors_of: &impl Fn(&str) -> Vec<String>,
) -> bool {
    let mut stack = successors_of(code);
    let mut seen = HashSet::new();
    while let Some(c) = stack.pop() {
        if c == root {
            return true;
        }
        if seen.insert(c.clone()) && seen.len() <= 4096 {
            stack.extend(successors_of(&c));
        }
    }
    false
}

pub(super) fn outside(code: &str, root: &str) -> Problem {
    Problem::new(
        0,
        "",
        format!("unit {code} is outside office {root}'s units; an office sends only what lies below its own unit; nothing was imported"),
        format!("đơn vị {code} nằm ngoài phạm vi của văn phòng {root}; văn phòng chỉ gửi dữ liệu của các đơn vị bên dưới mình; chưa nhập gì"),
    )
}

pub(super) fn own_unit(root: &str) -> Problem {
    Problem::new(
        0,
        "",
        format!("it changes unit {root}, the office's own unit; only the level above changes it; nothing was imported"),
        format!("gói thay đổi đơn vị {root} là chính đơn vị của văn phòng; chỉ cấp trên mới được thay đổi; chưa nhập gì"),
    )
}

pub(super) fn cycle(code: &str) -> Problem {
    Problem::new(
        0,
        "",
        format!("unit {code} would sit inside itself (a cycle of parents); nothing was imported"),
        format!("đơn vị {code} sẽ nằm bên trong chính nó (vòng lặp cấp trên); chưa nhập gì"),
    )
}

/// Stored text is clean already: a record whose text cleaning would change was not made by
/// antq, and one with hidden characters is refused as typing it would be.
pub(super) fn same_clean(field: &str, s: &str, max: usize) -> Result<()> {
    let cleaned = super::clean_text(field, s, max)?;
    if cleaned != s {
        return Err(Error::invalid(
            field,
            "is not stored the way antq stores text (NFC, trimmed)",
            "không được lưu theo cách antq lưu văn bản (NFC, bỏ khoảng trắng thừa)",
        ));
    }
    Ok(())
}

/// An office approves, as an approver does, only for units below its own.
pub(super) fn approvable_by_office(status: Status, below_office: bool, unit: &str) -> Result<()> {
    if status == Status::Approved && !below_office {
        return Err(Error::invalid(
            "status",
            format!("an office cannot approve its own unit {unit}'s records; the level above approves them"),
            format!("văn phòng không thể tự duyệt hồ sơ của chính đơn vị {unit}; cấp trên sẽ duyệt"),
        ));
    }
    Ok(())
}

/// The local record is approved: it is reopened before another version may replace it.
pub(super) fn locked_here(l: &Carried) -> Error {
    let (kind, vi_kind, cmd, unit, when) = match l {
        Carried::Report(r) => ("report", "báo cáo", "report", &r.unit, r.period.to_string()),
        Carried::Assessment(a) => (
            "assessment",
            "đánh giá",
            "assess",
            &a.unit,
            a.year.to_string(),
        ),
        _ => ("record", "bản ghi", "", &String::new(), String::new()),
    };
    Error::invalid(
        "conflict",
        format!("{}: the local {kind} is approved and locked; reopen it first (antq {cmd} reopen {unit} {when} --reason …), then keep the incoming version", l.entity()),
        format!("{}: {vi_kind} tại chỗ đã được duyệt và bị khóa; hãy mở lại trước (antq {cmd} reopen {unit} {when} --reason …) rồi giữ bản đến", l.entity()),
    )
}

/// Writes a carried record over the local one, its revision one past the local's.
pub(super) fn put_carried(tx: &mut super::Tx, local: Option<&Carried>, c: &Carried) -> Result<()> {
    let mut c = c.clone();
    c.set_revision(local.map_or(c.revision(), |l| l.revision() + 1));
    match (local, &c) {
        (Some(Carried::Unit(o)), Carried::Unit(n)) => tx.put(Some(o), n),
        (None, Carried::Unit(n)) => tx.put(None, n),
        (Some(Carried::Report(o)), Carried::Report(n)) => tx.put(Some(o), n),
        (None, Carried::Report(n)) => tx.put(None, n),
        (Some(Carried::Assessment(o)), Carried::Assessment(n)) => tx.put(Some(o), n),
        (None, Carried::Assessment(n)) => tx.put(None, n),
        (Some(Carried::Task(o)), Carried::Task(n)) => tx.put(Some(o), n),
        (None, Carried::Task(n)) => tx.put(None, n),
        _ => Err(Error::state(
            Entity::Unit,
            c.entity(),
            "local and incoming records differ in kind",
            "bản ghi tại chỗ và bản ghi đến khác loại",
        )),
    }
}

/// Pairs two descriptions field by field, so each line of one faces the same field of the other.
pub(super) fn side_by_side(a: &[(String, String)], b: &[(String, String)]) -> Vec<Field> {
    let mut keys: Vec<&String> = a.iter().map(|(k, _)| k).collect();
    for (k, _) in b {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let find = |v: &[(String, String)], k: &str| {
        v.iter()
            .find(|(x, _)| x == k)
            .map_or("-".to_string(), |(_, y)| y.clone())
    };
    keys.iter()
        .map(|k| Field {
            key: k.to_string(),
            local: find(a, k),
            incoming: find(b, k),
        })
        .collect()
}

pub(super) fn kv(k: &str, v: impl Into<String>) -> (String, String) {
    (k.to_string(), v.into())
}

/// A record as (field, value) pairs in codes, for the conflict list; `Field` shows them.
pub fn describe(c: &Carried) -> Vec<(String, String)> {
    match c {
        Carried::Unit(u) => vec![
            kv("name", u.name.clone()),
            kv("kind", u.kind.code()),
            kv("parent", u.parent.as_deref().unwrap_or("-")),
            kv("notes", u.notes.clone()),
        ],
        Carried::Report(r) => {
            let mut v = vec![
                kv("status", r.status.code()),
                kv(
                    "updated",
                    format!(
                        "{} {}",
                        r.updated_by,
                        crate::domain::date::fmt_time(r.updated_at)
                    ),
                ),
            ];
            v.extend(r.values.iter().map(|(k, x)| kv(k, x.to_string())));
            v.push(kv("narrative", r.narrative.clone()));
            v
        }
        Carried::Assessment(x) => vec![
            kv("safety", x.safety.code()),
            kv("score", x.score.map_or("-".into(), |s| s.to_string())),
            kv("status", x.status.code()),
            kv("notes", x.notes.clone()),
        ],
        Carried::Task(t) => vec![
            kv("title", t.title.clone()),
            kv("due", fmt_date(t.due)),
            kv("status", t.status.code()),
            kv("progress", format!("{}%", t.percent())),
            kv("log", t.log.len().to_string()),
        ],
    }
}

/// One refused record of a bundle, as the problem list shows it.
pub(super) fn refused_record(prefix: &str, e: &Error) -> Problem {
    Problem::new(
        0,
        "",
        format!("{prefix}{}; nothing was imported", e.render(Lang::En)),
        format!("{prefix}{}; chưa nhập gì", e.render(Lang::Vi)),
    )
}

/// A record about a time its unit did not exist is refused, as typing it would be.
pub(super) fn exists_during(u: &Unit, c: &Carried) -> Result<()> {
    let Some((_, from, to)) = c.span() else {
        return Ok(());
    };
    if u.overlaps(from, to) {
        return Ok(());
    }
    let when = match c {
        Carried::Report(r) => r.period.to_string(),
        Carried::Assessment(a) => a.year.to_string(),
        _ => String::new(),
    };
    Err(Error::state(
        Entity::Unit,
        u.official_code(),
        format!("did not exist during {when}, so a record for it cannot be taken"),
        format!("không tồn tại trong {when}, nên không nhận được hồ sơ của nó"),
    ))
}
