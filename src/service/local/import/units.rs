//! Units from a registry spreadsheet: a code names the unit holding it on the row's first day;
//! others are added, reusing the code when its earlier holder has ended.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use super::{duplicates, finish, Plan, Planned, Row};
use crate::domain::date::parse_date;
use crate::domain::unit::{self, Unit, UnitKind, MAX_NOTES};
use crate::error::{Problem, Result};
use crate::service::api::Actor;
use crate::service::local::{clean_text, LocalService};
use crate::store::{keys, TreeId};

impl LocalService {
    pub(super) fn plan_units(
        &self,
        _a: &Actor,
        rows: &[Row],
        _at: i64,
        problems: &mut Vec<Problem>,
    ) -> Result<Plan> {
        let mut planned: Vec<(u64, Planned<Unit>)> = Vec::new();
        let mut keys_seen = Vec::new();
        let mut taken: HashSet<String> = HashSet::new();
        let ends = ends_in_file(rows);
        for r in rows {
            let code = r.get("code").unwrap_or("");
            if let Err(e) = unit::validate_code("code", code) {
                problems.push(r.problem("code", &e));
                continue;
            }
            let (from, to) = (row_date(r, "valid_from"), row_date(r, "valid_to"));
            let at = Dates { from, to, file_end: ends.get(code).copied() };
            let Some(id) = self.identity_for(r, code, at, &mut taken, problems)? else {
                continue;
            };
            keys_seen.push((r.line, id.clone()));
            let old: Option<Unit> = self.store.get(TreeId::Units, &keys::unit(&id))?;
            if let Some(u) = unit_from_row(r, &id, old.as_ref(), problems) {
                planned.push((
                    r.line,
                    Planned {
                        key: id,
                        old,
                        new: u,
                        note: None,
                    },
                ));
            }
        }
        duplicates(&keys_seen, &super::header_of(rows, "code"), problems);
        self.resolve_parents(rows, &mut planned, problems)?;
        // Links are checked for every row that parsed, so one pass lists every problem.
        self.check_unit_links(rows, &planned, problems)?;
        Ok(finish(
            planned.into_iter().map(|(_, p)| p).collect(),
            "unit.import",
            "unit",
        ))
    }

    /// Which unit a row is about: the code's holder on the row's first day (or today), else
    /// a new unit, named `CODE@FIRST-DAY` when another unit already has the plain code.
    fn identity_for(
        &self,
        r: &Row,
        code: &str,
        at: Dates,
        taken: &mut HashSet<String>,
        problems: &mut Vec<Problem>,
    ) -> Result<Option<String>> {
        let holders = self.code_holders(code)?;
        let from = at.from;
        let held = match from {
            // A row with its first day: the unit that started then, or the one holding the
            // code then, unless this file ends that one before.
            Some(d) => holders.iter().find(|h| h.from == d).or_else(|| {
                holders
                    .iter()
                    .find(|h| h.from <= d && d <= h.to)
                    .filter(|_| at.file_end.is_none_or(|e| d <= e))
            }),
            None => {
                let day = at.to.unwrap_or_else(|| self.today());
                holders
                    .iter()
                    .find(|h| h.from <= day && day <= h.to)
                    .or(holders.last())
            }
        };
        if let Some(h) = held {
            return Ok(Some(h.unit.clone()));
        }
        let plain_free = !taken.contains(code)
            && holders.is_empty()
            && !self.store.contains(TreeId::Units, &keys::unit(code))?;
        let id = match (plain_free, from) {
            (true, _) => code.to_string(),
            (false, Some(f)) => unit::dated_id(code, Some(f)),
            (false, None) => {
                problems.push(r.say(
                    "valid_from",
                    format!("code {code} already belonged to another unit; give this unit's first day (valid_from) so both can keep it in turn"),
                    format!("mã {code} đã thuộc về một đơn vị khác; hãy ghi ngày bắt đầu (valid_from) của đơn vị này để hai đơn vị dùng mã lần lượt"),
                ));
                return Ok(None);
            }
        };
        taken.insert(id.clone());
        Ok(Some(id))
    }

    /// A parent column holds a code: the unit holding it on the child's first day, in the
    /// file or the store.
    fn resolve_parents(
        &self,
        rows: &[Row],
        planned: &mut [(u64, Planned<Unit>)],
        problems: &mut Vec<Problem>,
    ) -> Result<()> {
        let mut in_file: HashMap<String, Vec<(Date, Date, String)>> = HashMap::new();
        for (_, p) in planned.iter() {
            let u = &p.new;
            in_file.entry(u.official_code().to_string()).or_default().push((
                u.valid_from.unwrap_or(Date::MIN),
                u.valid_to.unwrap_or(Date::MAX),
                u.code.clone(),
            ));
        }
        let row_at: HashMap<u64, &Row> = rows.iter().map(|r| (r.line, r)).collect();
        for (line, p) in planned.iter_mut() {
            let Some(code) = p.new.parent.clone().filter(|c| !c.contains('@')) else {
                continue;
            };
            if row_at.get(line).and_then(|r| r.get("parent")).is_none() {
                continue;
            }
            let day = p.new.valid_from.unwrap_or_else(|| self.today());
            let from_file = in_file.get(&code).and_then(|v| {
                v.iter()
                    .find(|(f, t, _)| *f <= day && day <= *t)
                    .map(|x| x.2.clone())
            });
            let found = match from_file {
                Some(id) => Some(id),
                None => self.resolve_on(&code, day, day).ok(),
            };
            match found {
                Some(id) => p.new.parent = Some(id),
                None if self.code_holders(&code)?.is_empty() && !in_file.contains_key(&code) => {}
                None => {
                    if let Some(r) = row_at.get(line) {
                        problems.push(r.say(
                            "parent",
                            format!("no unit held code {code} on {}, the unit's first day", crate::domain::date::fmt_date(day)),
                            format!("không đơn vị nào mang mã {code} vào ngày {}, ngày bắt đầu của đơn vị", crate::domain::date::fmt_date(day)),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// Parents must exist in the store or the file and sit above their children over the
    /// dates they hold; no chain of parents may loop; and the lineage rules must hold.
    fn check_unit_links(
        &self,
        rows: &[Row],
        planned: &[(u64, Planned<Unit>)],
        problems: &mut Vec<Problem>,
    ) -> Result<()> {
        let in_file: HashMap<&str, &Unit> = planned
            .iter()
            .map(|(_, p)| (p.new.code.as_str(), &p.new))
            .collect();
        let cache = self.cache()?;
        let kind_of = |c: &str| -> Option<UnitKind> {
            in_file
                .get(c)
                .map(|u| u.kind)
                .or_else(|| cache.get(c).map(|u| u.kind))
        };
        let parent_of = |c: &str| -> Option<String> {
            match in_file.get(c) {
                Some(u) => u.parent.clone(),
                None => cache.get(c).and_then(|u| u.parent.clone()),
            }
        };
        let row_at: HashMap<u64, &Row> = rows.iter().map(|r| (r.line, r)).collect();
        let mut line_of: HashMap<&str, u64> = HashMap::new();
        let mut bad = HashSet::new();
        for (line, p) in planned {
            let Some(r) = row_at.get(line) else { continue };
            let u = &p.new;
            line_of.insert(&u.code, *line);
            let before = problems.len();
            if let Some(par) = u.parent.as_deref() {
                match kind_of(par) {
                    None => problems.push(r.say(
                        "parent",
                        format!("unit {par} does not exist in the store or the file; add it first or check the code"),
                        format!("đơn vị {par} không có trong kho lẫn trong tệp; hãy thêm trước hoặc kiểm tra lại mã"),
                    )),
                    Some(k) => {
                        let pu = Unit::new(par, "-", k, None);
                        if let Err(e) = unit::check_no_cycle(&u.code, par, parent_of) {
                            problems.push(r.problem("parent", &e));
                        } else if let Err(e) = unit::validate_parent_kind(u, Some(&pu)) {
                            problems.push(r.problem("parent", &e));
                        }
                    }
                }
            } else if let Err(e) = unit::validate_parent_kind(u, None) {
                problems.push(r.problem("parent", &e));
            }
            if problems.len() > before {
                bad.insert(u.code.clone());
            }
        }
        if !bad.is_empty() {
            return Ok(());
        }
        let changed: HashMap<String, Unit> = planned
            .iter()
            .map(|(_, p)| (p.new.code.clone(), p.new.clone()))
            .collect();
        for e in self.lineage_problems(&changed)? {
            let key = match &e {
                crate::error::Error::State { key, .. } => key.clone(),
                _ => String::new(),
            };
            let line = line_of.get(key.as_str()).copied().unwrap_or(0);
            let r = row_at.get(&line);
            problems.push(match r {
                Some(r) => r.problem("code", &e),
                None => Problem::from_error(line, "code", &e),
            });
        }
        Ok(())
    }
}

fn unit_from_row(
    r: &Row,
    code: &str,
    old: Option<&Unit>,
    problems: &mut Vec<Problem>,
) -> Option<Unit> {
    let before = problems.len();
    let mut u = match old {
        Some(o) => o.clone(),
        None => {
            require_new_unit_columns(r, problems);
            Unit::new(code, "", UnitKind::Commune, None)
        }
    };
    fill_identity(r, &mut u, old.is_some(), problems);
    fill_lineage(r, &mut u, old.is_some(), problems);
    if let Some(n) = r.parse("notes", problems, |s| clean_text("notes", s, MAX_NOTES)) {
        u.notes = n;
    }
    if let (Some(f), Some(t)) = (u.valid_from, u.valid_to) {
        if t < f {
            problems.push(r.say(
                "valid_to",
                "the last day is before the first day",
                "ngày cuối trước ngày đầu",
            ));
        }
    }
    if u.parent.as_deref() == Some(code) {
        problems.push(r.say(
            "parent",
            "a unit cannot be its own parent",
            "đơn vị không thể là cấp trên của chính nó",
        ));
    }
    if let Some(o) = old {
        if *o != u {
            u.revision = o.revision + 1;
        }
    }
    (problems.len() == before).then_some(u)
}

/// A unit the store lacks needs a name and a kind from the file.
fn require_new_unit_columns(r: &Row, problems: &mut Vec<Problem>) {
    if r.get("name").is_none() {
        problems.push(r.say("name", "a new unit needs a name", "đơn vị mới cần có tên"));
    }
    if r.get("kind").is_none_or(str::is_empty) {
        problems.push(r.say(
            "kind",
            "a new unit needs a kind (xã, phường, huyện…)",
            "đơn vị mới cần có loại (xã, phường, huyện…)",
        ));
    }
}

/// Name, kind and parent. For a unit the store has, an empty cell keeps the stored value
/// (a row may only end a unit); `-` in the parent column means the top of the tree.
fn fill_identity(r: &Row, u: &mut Unit, existing: bool, problems: &mut Vec<Problem>) {
    if let Some(n) = r.get("name").filter(|n| !(existing && n.is_empty())) {
        match unit::validate_name(n) {
            Ok(()) => u.name = crate::domain::text::clean(n),
            Err(e) => problems.push(r.problem("name", &e)),
        }
    }
    if let Some(Some(k)) = r.optional("kind", problems, UnitKind::parse) {
        u.kind = k;
    }
    if let Some(p) = r.get("parent").filter(|p| !(existing && p.is_empty())) {
        u.parent = (!p.is_empty() && p != "-").then(|| p.to_string());
    }
}

/// A row's own days, and the last day this file gives the code's earlier holder.
struct Dates {
    from: Option<Date>,
    to: Option<Date>,
    file_end: Option<Date>,
}

fn row_date(r: &Row, col: &str) -> Option<Date> {
    r.optional(col, &mut Vec::new(), |s| parse_date(col, s)).flatten()
}

/// Codes this file ends (rows with a last day and no first day): a later row may reuse them.
fn ends_in_file(rows: &[Row]) -> HashMap<String, Date> {
    rows.iter()
        .filter(|r| row_date(r, "valid_from").is_none())
        .filter_map(|r| Some((r.get("code")?.to_string(), row_date(r, "valid_to")?)))
        .collect()
}

/// The unit's first and last days. Links between units come from `antq import lineage`.
fn fill_lineage(r: &Row, u: &mut Unit, existing: bool, problems: &mut Vec<Problem>) {
    let date = |col: &str, p: &mut Vec<Problem>| r.optional(col, p, |s| parse_date(col, s));
    if let Some(d) = date("valid_from", problems).filter(|d| !(existing && d.is_none())) {
        u.valid_from = d;
    }
    if let Some(d) = date("valid_to", problems).filter(|d| !(existing && d.is_none())) {
        u.valid_to = d;
    }
}
