//! Units from a registry spreadsheet: a code names the unit holding it on the row's first day;
//! others are added, reusing the code when its earlier holder has ended.

// foldhash, not std's SipHash: a national unit import hashes every code several times.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use jiff::civil::Date;

use super::{duplicates, finish, Plan, Planned, Row};
use crate::domain::date::parse_date;
use crate::domain::unit::{self, Unit, UnitKind, Version, MAX_NOTES};
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
        let (changes, mut base): (Vec<&Row>, Vec<&Row>) = rows
            .iter()
            .partition(|r| r.get("values_from").is_some_and(|v| !v.is_empty()));
        // The earliest holder of a code keeps it plain; later ones get CODE@FIRST-DAY.
        base.sort_by_key(|r| row_date(r, "valid_from"));
        for r in base {
            let code = r.get("code").unwrap_or("");
            if let Err(e) = unit::validate_code("code", code) {
                problems.push(r.problem("code", &e));
                continue;
            }
            let (from, to) = (row_date(r, "valid_from"), row_date(r, "valid_to"));
            let at = Dates {
                from,
                to,
                file_end: ends.get(code).copied(),
            };
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
        let first_change = first_changes(&changes);
        self.resolve_parents(rows, &mut planned, &first_change, problems)?;
        self.apply_changes(&changes, &mut planned, problems)?;
        // Links are checked for every row that parsed, so one pass lists every problem.
        self.check_unit_links(rows, &planned, problems)?;
        Ok(finish(
            planned.into_iter().map(|(_, p)| p).collect(),
            crate::domain::audit::Action::UnitImport,
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
            // A second row for the same code: reported as a repeat.
            (false, None) if taken.contains(code) => return Ok(Some(code.to_string())),
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
        first_change: &HashMap<String, Date>,
        problems: &mut Vec<Problem>,
    ) -> Result<()> {
        let in_file = in_file(planned);
        let starts = in_file_starts(&in_file);
        let row_at: HashMap<u64, &Row> = rows.iter().map(|r| (r.line, r)).collect();
        for (line, p) in planned.iter_mut() {
            let Some(code) = p.new.parent.clone().filter(|c| !c.contains('@')) else {
                continue;
            };
            if row_at.get(line).and_then(|r| r.get("parent")).is_none() {
                continue;
            }
            // The row's values hold from its first day until its first change in the file.
            let until = first_change
                .get(p.new.official_code())
                .and_then(|d| d.yesterday().ok());
            let day = p
                .new
                .valid_from
                .or(until)
                .or(p.new.valid_to)
                .unwrap_or_else(|| self.today());
            match self.code_at(&code, day, &in_file) {
                Some(id) => {
                    // A new unit with no first day starts with a parent that started later.
                    let start = starts
                        .get(id.as_str())
                        .copied()
                        .flatten()
                        .or_else(|| self.load_unit(&id).ok().and_then(|u| u.valid_from));
                    if p.old.is_none() && p.new.valid_from.is_none() && p.new.history.is_empty() {
                        p.new.valid_from = start;
                    }
                    p.new.parent = Some(id)
                }
                None if self.code_holders(&code)?.is_empty() && !in_file.contains_key(&code) => {}
                None => {
                    if let Some(r) = row_at.get(line) {
                        problems.push(r.say(
                            "parent",
                            format!("no unit held code {code} on {}, the day this row is about; give the unit's first day (valid_from) or the code of a parent that exists then", crate::domain::date::fmt_date(day)),
                            format!("không đơn vị nào mang mã {code} vào ngày {}, ngày mà dòng này nói tới; hãy ghi ngày bắt đầu (valid_from) hoặc mã của đơn vị cấp trên còn tồn tại vào ngày đó", crate::domain::date::fmt_date(day)),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// The unit holding `code` on `day`: in the file, else in the store.
    fn code_at(&self, code: &str, day: Date, in_file: &InFile) -> Option<String> {
        let from_file = in_file.get(code).and_then(|v| {
            v.iter()
                .find(|(f, t, _)| *f <= day && day <= *t)
                .map(|x| x.2.clone())
        });
        from_file.or_else(|| self.resolve_strict(code, day, day).ok())
    }

    /// Rows with `values_from`: a unit's name, kind or parent from that day on, with the
    /// earlier values kept as history. Applying the same row twice changes nothing.
    fn apply_changes(
        &self,
        changes: &[&Row],
        planned: &mut Vec<(u64, Planned<Unit>)>,
        problems: &mut Vec<Problem>,
    ) -> Result<()> {
        let mut sorted: Vec<(&Row, Date)> = changes
            .iter()
            .filter_map(|r| {
                Some((
                    *r,
                    r.parse("values_from", problems, |s| parse_date("values_from", s))?,
                ))
            })
            .collect();
        sorted.sort_by_key(|(r, d)| (r.get("code").unwrap_or("").to_string(), *d));
        let mut in_file = in_file(planned);
        let mut at: HashMap<String, usize> = planned
            .iter()
            .enumerate()
            .map(|(i, (_, p))| (p.new.code.clone(), i))
            .collect();
        for (r, day) in sorted {
            let code = r.get("code").unwrap_or("");
            let Some(id) = self.code_at(code, day, &in_file) else {
                problems.push(r.say(
                    "code",
                    format!("no unit held code {code} on {}; a change row needs a unit that exists that day", crate::domain::date::fmt_date(day)),
                    format!("không đơn vị nào mang mã {code} vào ngày {}; dòng thay đổi cần một đơn vị tồn tại vào ngày đó", crate::domain::date::fmt_date(day)),
                ));
                continue;
            };
            if !at.contains_key(&id) {
                let old = self.load_unit(&id)?;
                at.insert(id.clone(), planned.len());
                in_file
                    .entry(old.official_code().to_string())
                    .or_default()
                    .push((
                        old.valid_from.unwrap_or(Date::MIN),
                        old.valid_to.unwrap_or(Date::MAX),
                        old.code.clone(),
                    ));
                planned.push((
                    r.line,
                    Planned {
                        key: id.clone(),
                        old: Some(old.clone()),
                        new: old,
                        note: None,
                    },
                ));
            }
            let parent = match r.get("parent").filter(|p| !p.is_empty() && *p != "-") {
                Some(pc) => match self.code_at(pc, day, &in_file) {
                    Some(pid) => Some(pid),
                    None => {
                        problems.push(r.say(
                            "parent",
                            format!(
                                "no unit held code {pc} on {}",
                                crate::domain::date::fmt_date(day)
                            ),
                            format!(
                                "không đơn vị nào mang mã {pc} vào ngày {}",
                                crate::domain::date::fmt_date(day)
                            ),
                        ));
                        continue;
                    }
                },
                None => None,
            };
            let kind = r.parse("kind", problems, UnitKind::parse);
            let name = r.get("name").unwrap_or("");
            if let Err(e) = unit::validate_name(name) {
                problems.push(r.problem("name", &e));
                continue;
            }
            let Some(kind) = kind else { continue };
            let p = &mut planned[at[&id]];
            let values = Version {
                until: day,
                name: crate::domain::text::clean(name),
                kind,
                parent,
            };
            if let Err(e) = set_values_from(&mut p.1.new, day, values) {
                problems.push(r.problem("values_from", &e));
            }
        }
        for (_, p) in planned.iter_mut() {
            if let Some(o) = &p.old {
                p.new.revision = o.revision;
                p.new.revision += u64::from(*o != p.new);
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
        // The planned units themselves, not copies: a national import plans 100,000.
        for e in self.lineage_problems(&in_file)? {
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

/// Units planned from the file, by official code: (first day, last day, identity).
type InFile = HashMap<String, Vec<(Date, Date, String)>>;

fn in_file(planned: &[(u64, Planned<Unit>)]) -> InFile {
    let mut m: InFile = HashMap::new();
    for (_, p) in planned {
        let u = &p.new;
        m.entry(u.official_code().to_string()).or_default().push((
            u.valid_from.unwrap_or(Date::MIN),
            u.valid_to.unwrap_or(Date::MAX),
            u.code.clone(),
        ));
    }
    m
}

/// Each planned identity's first day, when the file gives one.
fn in_file_starts(m: &InFile) -> HashMap<String, Option<Date>> {
    let mut out = HashMap::new();
    for (from, _, id) in m.values().flatten() {
        out.entry(id.clone())
            .or_insert((*from != Date::MIN).then_some(*from));
    }
    out
}

/// The first `values_from` of each code in the file.
fn first_changes(changes: &[&Row]) -> HashMap<String, Date> {
    let mut m: HashMap<String, Date> = HashMap::new();
    for r in changes {
        if let (Some(c), Some(d)) = (r.get("code"), row_date(r, "values_from")) {
            let e = m.entry(c.to_string()).or_insert(d);
            *e = (*e).min(d);
        }
    }
    m
}

/// Makes `v` (its `until` read as the first day) the unit's values from that day: the version
/// starting then is replaced, or the one running then is cut short.
fn set_values_from(
    u: &mut Unit,
    from: Date,
    v: Version,
) -> std::result::Result<(), crate::error::Error> {
    let bad = || {
        crate::error::Error::invalid(
            "values_from",
            format!(
                "{} is not inside the unit's life",
                crate::domain::date::fmt_date(from)
            ),
            format!(
                "ngày {} không nằm trong thời gian tồn tại của đơn vị",
                crate::domain::date::fmt_date(from)
            ),
        )
    };
    if !u.is_active_on(from) || u.valid_from == Some(from) {
        return Err(bad());
    }
    let mut versions: Vec<(Option<Date>, String, UnitKind, Option<String>)> = Vec::new();
    let mut start = u.valid_from;
    for h in &u.history {
        versions.push((start, h.name.clone(), h.kind, h.parent.clone()));
        start = h.until.tomorrow().ok();
    }
    versions.push((start, u.name.clone(), u.kind, u.parent.clone()));
    match versions.iter().position(|x| x.0 == Some(from)) {
        Some(i) => versions[i] = (Some(from), v.name, v.kind, v.parent),
        None => {
            let i = versions
                .iter()
                .rposition(|x| x.0.is_none_or(|s| s < from))
                .ok_or_else(bad)?;
            versions.insert(i + 1, (Some(from), v.name, v.kind, v.parent));
        }
    }
    let last = versions.pop().ok_or_else(bad)?;
    u.history = versions
        .iter()
        .enumerate()
        .map(|(i, x)| Version {
            until: versions
                .get(i + 1)
                .and_then(|n| n.0)
                .unwrap_or(last.0.unwrap_or(Date::MAX))
                .yesterday()
                .unwrap_or(Date::MIN),
            name: x.1.clone(),
            kind: x.2,
            parent: x.3.clone(),
        })
        .collect();
    (u.name, u.kind, u.parent) = (last.1, last.2, last.3);
    Ok(())
}

/// A row's own days, and the last day this file gives the code's earlier holder.
struct Dates {
    from: Option<Date>,
    to: Option<Date>,
    file_end: Option<Date>,
}

fn row_date(r: &Row, col: &str) -> Option<Date> {
    r.optional(col, &mut Vec::new(), |s| parse_date(col, s))
        .flatten()
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
