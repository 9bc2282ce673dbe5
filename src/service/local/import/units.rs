//! Units from a registry spreadsheet: new codes are added, known codes updated.

use std::collections::HashMap;

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
        for r in rows {
            let code = r.get("code").unwrap_or("");
            if let Err(e) = unit::validate_code("code", code) {
                problems.push(r.problem("code", &e));
                continue;
            }
            keys_seen.push((r.line, code.to_string()));
            let old: Option<Unit> = self.store.get(TreeId::Units, &keys::unit(code))?;
            if let Some(u) = unit_from_row(r, code, old.as_ref(), problems) {
                planned.push((
                    r.line,
                    Planned {
                        key: code.to_string(),
                        old,
                        new: u,
                        note: None,
                    },
                ));
            }
        }
        duplicates(&keys_seen, &super::header_of(rows, "code"), problems);
        // Links are checked for every row that parsed, so one pass lists every problem.
        self.check_unit_links(rows, &planned, problems)?;
        Ok(finish(
            planned.into_iter().map(|(_, p)| p).collect(),
            "unit.import",
            "unit",
        ))
    }

    /// Parents, successors and predecessors must exist in the store or the file; parents must
    /// sit above their children, and no chain of parents may loop.
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
        for (line, p) in planned {
            let Some(r) = row_at.get(line) else { continue };
            let u = &p.new;
            let missing = |c: &str| kind_of(c).is_none();
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
            for (col, codes) in [
                ("successor", u.successor.iter().cloned().collect::<Vec<_>>()),
                ("predecessors", u.predecessors.clone()),
            ] {
                for c in codes.iter().filter(|c| missing(c)) {
                    problems.push(r.say(
                        col,
                        format!("unit {c} does not exist in the store or the file"),
                        format!("đơn vị {c} không có trong kho lẫn trong tệp"),
                    ));
                }
            }
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
    fill_identity(r, &mut u, problems);
    fill_lineage(r, &mut u, problems);
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

/// Name, kind and parent; an empty kind keeps the stored one, an empty parent (or `-`) means
/// the top of the tree.
fn fill_identity(r: &Row, u: &mut Unit, problems: &mut Vec<Problem>) {
    if let Some(n) = r.get("name") {
        match unit::validate_name(n) {
            Ok(()) => u.name = crate::domain::text::clean(n),
            Err(e) => problems.push(r.problem("name", &e)),
        }
    }
    if let Some(Some(k)) = r.optional("kind", problems, UnitKind::parse) {
        u.kind = k;
    }
    if let Some(p) = r.get("parent") {
        u.parent = (!p.is_empty() && p != "-").then(|| p.to_string());
    }
}

fn fill_lineage(r: &Row, u: &mut Unit, problems: &mut Vec<Problem>) {
    let date = |col: &str, p: &mut Vec<Problem>| r.optional(col, p, |s| parse_date(col, s));
    if let Some(d) = date("valid_from", problems) {
        u.valid_from = d;
    }
    if let Some(d) = date("valid_to", problems) {
        u.valid_to = d;
    }
    if let Some(d) = date("merged_on", problems) {
        u.merged_on = d;
    }
    if let Some(s) = r.get("successor") {
        u.successor = (!s.is_empty()).then(|| s.to_string());
    }
    if let Some(s) = r.get("predecessors") {
        u.predecessors = s
            .split([' ', ','])
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
    }
}
