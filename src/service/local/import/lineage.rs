//! Lineage links from a file, one per row: `from` (as of the day before `on`) continues,
//! wholly or partly, into `to` (as of `on`). The rows are checked together, with the store,
//! against the same rules as `units merge`; any problem refuses the whole file.

use std::collections::HashMap;

use jiff::civil::Date;

use super::{duplicates, finish, Plan, Planned, Row};
use crate::domain::date::parse_date;
use crate::domain::unit::{self, Unit};
use crate::error::{Error, Problem, Result};
use crate::service::local::{lineage, LocalService};

struct LinkRow {
    line: u64,
    from: String,
    to: String,
    on: Date,
}

impl LocalService {
    pub(super) fn plan_lineage(&self, rows: &[Row], problems: &mut Vec<Problem>) -> Result<Plan> {
        let links: Vec<LinkRow> = rows
            .iter()
            .filter_map(|r| self.link_row(r, problems))
            .collect();
        let pairs: Vec<(u64, String)> = links
            .iter()
            .map(|l| (l.line, format!("{} → {}", l.from, l.to)))
            .collect();
        duplicates(&pairs, &super::header_of(rows, "from"), problems);
        let mut old: HashMap<String, Unit> = HashMap::new();
        let mut line_of: HashMap<String, u64> = HashMap::new();
        for l in &links {
            for id in [&l.from, &l.to] {
                if !old.contains_key(id) {
                    old.insert(id.clone(), self.load_unit(id)?);
                }
                line_of.entry(id.clone()).or_insert(l.line);
            }
        }
        let mut changed = old.clone();
        for l in &links {
            lineage::link(&mut changed, &l.from, &l.to, l.on);
        }
        let row_at: HashMap<u64, &Row> = rows.iter().map(|r| (r.line, r)).collect();
        if problems.is_empty() {
            for e in self.lineage_problems(&changed)? {
                let line = problem_line(&e, &line_of);
                problems.push(match row_at.get(&line) {
                    Some(r) => r.problem("from", &e),
                    None => Problem::from_error(line, "from", &e),
                });
            }
        }
        let planned = changed
            .into_values()
            .map(|mut u| {
                let o = old.remove(&u.code);
                if o.as_ref().is_some_and(|o| *o != u) {
                    u.revision += 1;
                }
                Planned {
                    key: u.code.clone(),
                    old: o,
                    new: u,
                    note: Some("lineage".into()),
                }
            })
            .collect();
        Ok(finish(
            planned,
            crate::domain::audit::Action::UnitLineage,
            "unit",
        ))
    }

    /// Parses and resolves one row; `from` is read as of the day before `on`.
    fn link_row(&self, r: &Row, problems: &mut Vec<Problem>) -> Option<LinkRow> {
        let before = problems.len();
        let on = r.parse("on", problems, |s| parse_date("on", s));
        let from = r.get("from").unwrap_or("");
        let to = r.get("to").unwrap_or("");
        for (col, c) in [("from", from), ("to", to)] {
            if let Err(e) = unit::validate_code(col, unit::official_code(c)) {
                problems.push(r.problem(col, &e));
            }
        }
        let on = on?;
        if problems.len() > before {
            return None;
        }
        let Ok(last) = on.yesterday() else {
            problems.push(r.say("on", "the date is out of range", "ngày ngoài phạm vi"));
            return None;
        };
        let from_id = self
            .resolve_strict(from, last, last)
            .map_err(|e| problems.push(r.problem("from", &e)));
        let to_id = self
            .resolve_strict(to, on, on)
            .map_err(|e| problems.push(r.problem("to", &e)));
        let (Ok(from_id), Ok(to_id)) = (from_id, to_id) else {
            return None;
        };
        if from_id == to_id {
            problems.push(r.say(
                "to",
                format!("{from} is the same unit on both days; a unit that only changes its name or parent is changed with: antq units edit {from} --from DATE"),
                format!("{from} là cùng một đơn vị ở cả hai ngày; đơn vị chỉ đổi tên hoặc cấp trên thì dùng: antq units edit {from} --from NGÀY"),
            ));
            return None;
        }
        Some(LinkRow {
            line: r.line,
            from: from_id,
            to: to_id,
            on,
        })
    }
}

/// The first row that names the unit a problem is about.
fn problem_line(e: &Error, line_of: &HashMap<String, u64>) -> u64 {
    match e {
        Error::State { key, .. } => line_of.get(key).copied().unwrap_or(0),
        _ => 0,
    }
}
