//! The official registry before and after a reform, with the reform's links, loaded into an
//! empty store in one write: the old units end the day before the reform, the new ones start
//! on it, and a unit that only moved (same code, one link each way) keeps its identity with
//! its old name and parent in history.

use std::collections::HashMap;

use jiff::civil::Date;

use super::{map_headers, rejected, Row};
use crate::domain::date::parse_date;
use crate::domain::lineage;
use crate::domain::unit::{self, Unit, UnitKind, Version};
use crate::error::{Error, Problem, Result};
use crate::service::api::*;
use crate::service::local::{lineage::link, LocalService};
use crate::store::TreeId;

/// Units as the registry file lists them: code → unit, parents still codes.
type Listed = Vec<(u64, Unit)>;

impl LocalService {
    pub(crate) fn load_registry_impl(
        &self,
        a: &Actor,
        files: RegistryFiles,
        dry_run: bool,
    ) -> Result<ImportOutcome> {
        crate::service::local::check_actor(a)?;
        self.need_admin(a)?;
        let held = self.store.entries(TreeId::Units).len();
        if held > 0 {
            return Err(Error::invalid(
                "registry",
                format!("the store already holds {held} units; load the registry into a new, empty store (antq --db NEW init --registry)"),
                format!("kho đã có {held} đơn vị; hãy nạp danh mục vào một kho mới, trống (antq --db MỚI init --registry)"),
            ));
        }
        let before = read_units(&files.before)?;
        let after = read_units(&files.after)?;
        let links = read_links(&files.links)?;
        let units = build(&before, &after, &links, &files.links.file)?;
        let mut outcome = ImportOutcome {
            dry_run,
            ..ImportOutcome::default()
        };
        for u in &units {
            outcome.note_added(&u.code);
        }
        if dry_run {
            return Ok(outcome);
        }
        let n = units.len();
        self.write(a, |tx| {
            for u in &units {
                tx.put(None, u)?;
            }
            tx.audit(
                crate::domain::audit::Action::UnitRegistry,
                "store".into(),
                format!(
                    "{n} units from {}, {} and {}",
                    files.before.file, files.after.file, files.links.file
                ),
            );
            Ok(())
        })?;
        outcome.dry_run = false;
        Ok(outcome)
    }
}

/// Maps a file's headers and reads each row with `f`, gathering every problem.
fn read_rows<T>(
    t: &ImportTable,
    kind: ImportKind,
    mut f: impl FnMut(&Row, &mut Vec<Problem>) -> Option<T>,
) -> (Vec<T>, Vec<Problem>) {
    let cols = super::columns_for(kind, &[]);
    let mut problems = Vec::new();
    let map = map_headers(&t.headers, &cols, &mut problems);
    let mut out = Vec::new();
    for cells in t.rows.iter() {
        let r = Row::new(cells, &map, &t.headers);
        out.extend(f(&r, &mut problems));
    }
    (out, problems)
}

/// Rows of a `code,name,kind,parent` file, each checked as typed input is.
fn read_units(t: &ImportTable) -> Result<Listed> {
    let (out, problems) = read_rows(t, ImportKind::Units, |r, problems| {
        let code = r.parse("code", problems, |c| {
            unit::validate_code("code", c).map(|_| c.to_string())
        });
        let name = r.parse("name", problems, |n| {
            unit::validate_name(n).map(|_| n.to_string())
        });
        let kind = r.parse("kind", problems, UnitKind::parse);
        let parent = r.get("parent").filter(|p| !p.is_empty());
        Some((r.line, Unit::new(&code?, &name?, kind?, parent)))
    });
    match problems.is_empty() {
        true => Ok(out),
        false => Err(rejected(&t.file, problems)),
    }
}

fn read_links(t: &ImportTable) -> Result<Vec<(u64, String, String, Date)>> {
    let (out, mut problems) = read_rows(t, ImportKind::Lineage, |r, problems| {
        let on = r.parse("on", problems, |s| parse_date("on", s))?;
        let (from, to) = (r.get("from").unwrap_or(""), r.get("to").unwrap_or(""));
        Some((r.line, from.to_string(), to.to_string(), on))
    });
    let first = out.first().map(|l| l.3);
    for (line, _, _, on) in &out {
        if Some(*on) != first {
            problems.push(Problem::new(
                *line,
                "on",
                "every link of one registry change must have the same date",
                "mọi liên kết của một lần sắp xếp phải cùng một ngày",
            ));
        }
    }
    match problems.is_empty() {
        true => Ok(out),
        false => Err(rejected(&t.file, problems)),
    }
}

/// Builds every unit with its dates, history and links, then checks the lineage rules.
#[allow(
    clippy::too_many_lines,
    reason = "the registry is built in one pass whose steps share its maps"
)]
fn build(
    before: &Listed,
    after: &Listed,
    links: &[(u64, String, String, Date)],
    links_file: &str,
) -> Result<Vec<Unit>> {
    let Some(on) = links.first().map(|l| l.3) else {
        return Err(Error::invalid(
            "links",
            "the links file is empty",
            "tệp liên kết đang trống",
        ));
    };
    let last = on
        .yesterday()
        .map_err(|_| Error::invalid("on", "date out of range", "ngày ngoài phạm vi"))?;
    let mut outs: HashMap<&str, usize> = HashMap::new();
    let mut ins: HashMap<&str, usize> = HashMap::new();
    for (_, f, t, _) in links {
        *outs.entry(f).or_default() += 1;
        *ins.entry(t).or_default() += 1;
    }
    let moved = |f: &str, t: &str| f == t && outs.get(f) == Some(&1) && ins.get(t) == Some(&1);
    let old_codes: HashMap<&str, ()> = before.iter().map(|(_, u)| (u.code.as_str(), ())).collect();
    // New identities: a code the old registry did not use, else CODE@DAY, unless it only moved.
    let new_id: HashMap<String, String> = after
        .iter()
        .map(|(_, u)| {
            let c = u.code.as_str();
            let id = if moved(c, c) || !old_codes.contains_key(c) {
                c.to_string()
            } else {
                unit::dated_id(c, Some(on))
            };
            (c.to_string(), id)
        })
        .collect();
    let mut units: HashMap<String, Unit> = HashMap::new();
    for (_, u) in before {
        let mut u = u.clone();
        u.valid_to = Some(last);
        units.insert(u.code.clone(), u);
    }
    for (_, n) in after {
        let id = &new_id[&n.code];
        let parent = n
            .parent
            .as_ref()
            .map(|p| new_id.get(p).cloned().unwrap_or_else(|| p.clone()));
        match units.get_mut(id) {
            Some(old) => {
                old.history.push(Version {
                    until: last,
                    name: old.name.clone(),
                    kind: old.kind,
                    parent: old.parent.clone(),
                });
                old.name = n.name.clone();
                old.kind = n.kind;
                old.parent = parent;
                old.valid_to = None;
            }
            None => {
                let mut u = n.clone();
                u.code = id.clone();
                u.parent = parent;
                u.valid_from = Some(on);
                units.insert(id.clone(), u);
            }
        }
    }
    let mut problems = Vec::new();
    let mut line_of: HashMap<String, u64> = HashMap::new();
    for (line, f, t, _) in links {
        if moved(f, t) {
            continue;
        }
        let to = new_id.get(t.as_str());
        match (old_codes.contains_key(f.as_str()), to) {
            (true, Some(to)) => {
                line_of.entry(f.clone()).or_insert(*line);
                line_of.entry(to.clone()).or_insert(*line);
                link(&mut units, f, to, on);
            }
            _ => problems.push(Problem::new(
                *line,
                "from",
                format!("{f} is not in the old registry or {t} not in the new one"),
                format!("{f} không có trong danh mục cũ hoặc {t} không có trong danh mục mới"),
            )),
        }
    }
    let get = |c: &str| units.get(c).cloned();
    for u in units.values() {
        for e in lineage::check_unit(u, &get) {
            problems.push(Problem::from_error(
                line_of.get(&u.code).copied().unwrap_or(0),
                "from",
                &e,
            ));
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        problems.truncate(200);
        return Err(rejected(links_file, problems));
    }
    let mut v: Vec<Unit> = units.into_values().collect();
    v.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(v)
}
