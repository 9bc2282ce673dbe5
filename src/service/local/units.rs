//! Unit commands and queries: the tree and lineage.

use jiff::civil::Date;

use super::{clamp_limit, clean_text, LocalService};
use crate::domain::date::fmt_date;
use crate::domain::text;
use crate::domain::unit::{self, official_code, Unit, MAX_NOTES};
use crate::error::{Entity, Error, Result};
use crate::service::api::*;
use crate::store::{keys, TreeId};

impl LocalService {
    pub(super) fn units_impl(&self, q: &UnitQuery) -> Result<Page<Unit>> {
        let cache = self.cache()?;
        let needle = q.search.as_deref().map(text::fold).unwrap_or_default();
        let limit = clamp_limit(q.limit);
        let not_found = || Error::not_found(Entity::Unit, q.under.clone().unwrap_or_default());
        let dated;
        let sub: Box<dyn Iterator<Item = &super::cache::CachedUnit>> = match q.on {
            Some(d) => {
                dated = cache.on(d);
                let range = dated
                    .subtree(&cache, q.under.as_deref())
                    .ok_or_else(not_found)?;
                Box::new(dated.order[range].iter().map(|&i| &cache.preorder[i]))
            }
            None => Box::new(
                cache
                    .subtree(q.under.as_deref())
                    .ok_or_else(not_found)?
                    .iter(),
            ),
        };
        let mut items = Vec::new();
        let mut next = None;
        let today = self.today();
        let matches = sub.filter(|u| {
            // Without a date: units that have not ended by today, including ones yet to start.
            (q.on.is_some() || q.include_retired || u.valid_to.is_none_or(|t| t >= today))
                && q.kind
                    .is_none_or(|k| k == q.on.map_or(u.kind, |d| u.kind_on(d)))
                && (needle.is_empty() || u.folded.contains(&needle) || u.code.starts_with(&needle))
        });
        for (i, u) in matches.enumerate().skip(q.offset) {
            if items.len() == limit {
                next = Some(i);
                break;
            }
            items.push(u.to_unit());
        }
        Ok(Page {
            items,
            next,
            cursor: None,
        })
    }

    pub(super) fn unit_path_impl(&self, code: &str) -> Result<Vec<Unit>> {
        let mut path = vec![self.load_unit(code)?];
        while let Some(p) = path.last().and_then(|u| u.parent.clone()) {
            if path.len() > 64 || path.iter().any(|u| u.code == p) {
                break;
            }
            path.push(self.load_unit(&p)?);
        }
        path.reverse();
        Ok(path)
    }

    fn check_parent(&self, child: &Unit, parent: Option<&str>) -> Result<()> {
        let p = match parent {
            Some(code) => {
                let p =
                    self.store
                        .get::<Unit>(TreeId::Units, &keys::unit(code))?
                        .ok_or_else(|| {
                            Error::invalid(
                        "parent",
                        format!("unit {code} does not exist; add it first or check the code"),
                        format!("đơn vị {code} không tồn tại; hãy thêm trước hoặc kiểm tra lại mã"),
                    )
                        })?;
                // An ended unit may keep its ended parent; their dates are checked as lineage.
                let day = child.valid_from.unwrap_or_else(|| self.today());
                if p.valid_to.is_some_and(|t| t < day) && !child.is_retired() {
                    return Err(Error::invalid(
                        "parent",
                        format!(
                            "unit {code} was retired on {}; choose its successor",
                            fmt_date(p.valid_to.unwrap_or(Date::MIN))
                        ),
                        format!(
                            "đơn vị {code} đã ngừng từ {}; hãy chọn đơn vị kế thừa",
                            fmt_date(p.valid_to.unwrap_or(Date::MIN))
                        ),
                    ));
                }
                Some(p)
            }
            None => None,
        };
        unit::validate_parent_kind(child, p.as_ref())
    }

    pub(super) fn add_unit_impl(&self, a: &Actor, n: NewUnit) -> Result<Unit> {
        unit::validate_code("code", &n.code)?;
        unit::validate_name(&n.name)?;
        let notes = clean_text("notes", &n.notes, MAX_NOTES)?;
        let day = n.valid_from.unwrap_or_else(|| self.today());
        // A parent code nobody held is left as typed, for the parent check to name it.
        let parent = n.parent.as_deref().map(|p| {
            self.resolve_on(p, day, day)
                .unwrap_or_else(|_| p.to_string())
        });
        let mut u = Unit::new(&n.code, &n.name, n.kind, parent.as_deref());
        u.valid_from = n.valid_from;
        u.notes = notes;
        self.write(a, |tx| {
            if self.store.contains(TreeId::Units, &keys::unit(&u.code))? {
                // A code may name a new unit once its holder has ended.
                let holders = self.code_holders(&n.code)?;
                let free = n
                    .valid_from
                    .is_some_and(|f| holders.iter().all(|h| h.to < f));
                if !free {
                    return Err(Error::Duplicate {
                        entity: Entity::Unit,
                        key: u.code.clone(),
                    });
                }
                u.code = unit::dated_id(&n.code, n.valid_from);
            }
            self.check_parent(&u, u.parent.as_deref())?;
            // As in a units file: with no first day, a unit starts with a parent that started
            // later, and it ends with a parent that ends; any other day outside the parent's
            // life is refused, as `check` would refuse it.
            if let Some(p) = u.parent.as_deref().and_then(|p| self.load_unit(p).ok()) {
                u.valid_from = u.valid_from.or(p.valid_from);
                u.valid_to = p.valid_to;
                inside_parent_life(&u, &p)?;
            }
            let added = std::collections::HashMap::from([(u.code.clone(), u.clone())]);
            if let Some(e) = self.lineage_problems(&added)?.into_iter().next() {
                return Err(e);
            }
            tx.put(None, &u)?;
            tx.audit(
                crate::domain::audit::Action::UnitAdd,
                format!("unit/{}", u.code),
                format!(
                    "{} {} ({})",
                    u.kind.label_vi(),
                    u.name,
                    u.parent.as_deref().unwrap_or("-")
                ),
            );
            Ok(u.clone())
        })
    }

    pub(super) fn edit_unit_impl(&self, a: &Actor, code: &str, mut p: UnitPatch) -> Result<Unit> {
        let day = p.from.unwrap_or_else(|| self.today());
        if let Some(Some(np)) = &p.parent {
            let id = self.resolve_on(np, day, day).unwrap_or_else(|_| np.clone());
            p.parent = Some(Some(id));
        }
        if let Some(n) = &p.name {
            unit::validate_name(n)?;
        }
        let notes = p
            .notes
            .as_deref()
            .map(|n| clean_text("notes", n, MAX_NOTES))
            .transpose()?;
        self.write(a, |tx| {
            let old = self.load_unit(code)?;
            self.check_revision(Entity::Unit, code, p.base_revision, old.revision)?;
            let mut u = old.clone();
            if let Some(from) = p.from {
                start_new_values(&mut u, from)?;
            }
            if let Some(n) = &p.name {
                u.name = text::clean(n);
            }
            if let Some(k) = p.kind {
                u.kind = k;
            }
            if let Some(n) = notes {
                u.notes = n;
            }
            if let Some(parent) = &p.parent {
                if let Some(np) = parent {
                    let cache = self.cache()?;
                    unit::check_no_cycle(code, np, |c| {
                        cache.get(c).and_then(|cu| cu.parent.clone())
                    })?;
                }
                u.parent = parent.clone();
            }
            if u.parent != old.parent || u.kind != old.kind {
                self.check_parent(&u, u.parent.as_deref())?;
                self.check_children_fit(&u)?;
                let changed = [(u.code.clone(), u.clone())].into();
                if let Some(e) = self.lineage_problems(&changed)?.into_iter().next() {
                    return Err(e);
                }
            }
            u.revision += 1;
            tx.put(Some(&old), &u)?;
            tx.audit(
                crate::domain::audit::Action::UnitEdit,
                format!("unit/{code}"),
                describe_unit_change(&old, &u),
            );
            Ok(u)
        })
    }

    /// What a user types to name the unit `id` in a command: its code when the code names it
    /// today, else the exact identity (a unit that has ended, whose code another holds now).
    fn typed_name(&self, id: &str) -> String {
        let code = crate::domain::unit::official_code(id);
        match self.resolve_record(code) {
            Ok(now) if now == id => code.to_string(),
            _ => id.to_string(),
        }
    }

    fn check_children_fit(&self, u: &Unit) -> Result<()> {
        // The cache holds the units as they are before this write changes any.
        let cache = self.cache()?;
        for child in cache.children(&u.code) {
            let child = child.to_unit();
            unit::validate_parent_kind(&child, Some(u)).map_err(|_| {
                Error::invalid(
                    "kind",
                    format!(
                        "{} {} ({}) below it could no longer sit under a {}",
                        child.kind.label_en(),
                        child.code,
                        child.name,
                        u.kind.label_en()
                    ),
                    format!(
                        "{} {} ({}) bên dưới sẽ không thể trực thuộc {}",
                        child.kind.label_vi(),
                        child.code,
                        child.name,
                        u.kind.label_vi()
                    ),
                )
            })?;
        }
        Ok(())
    }

    pub(super) fn retire_unit_impl(&self, a: &Actor, code: &str, on: Date) -> Result<Unit> {
        self.write(a, |tx| {
            let old = self.load_unit(code)?;
            ensure_current(&old)?;
            ensure_not_before_start(&old, on)?;
            let cache = self.cache()?;
            let active_children = cache
                .subtree(Some(code))
                .map(|s| s.iter().skip(1).filter(|c| c.parent.as_deref() == Some(code) && c.valid_to.is_none()).count())
                .unwrap_or(0);
            if active_children > 0 {
                return Err(Error::state(
                    Entity::Unit,
                    code,
                    format!("has {active_children} active units below it; retire, merge or move them first"),
                    format!("còn {active_children} đơn vị trực thuộc đang hoạt động; hãy cho ngừng, sáp nhập hoặc chuyển chúng trước"),
                ));
            }
            self.check_no_task_outlives(code, on)?;
            let mut u = old.clone();
            u.valid_to = Some(on);
            let changed = [(u.code.clone(), u.clone())].into();
            if let Some(e) = self.lineage_problems(&changed)?.into_iter().next() {
                return Err(e);
            }
            u.revision += 1;
            tx.put(Some(&old), &u)?;
            tx.audit(crate::domain::audit::Action::UnitRetire, format!("unit/{code}"), format!("last day {}", fmt_date(on)));
            Ok(u)
        })
    }

    #[allow(
        clippy::too_many_lines,
        reason = "each check of a merge in the order a refusal must name it, then the one write"
    )]
    pub(super) fn merge_units_impl(
        &self,
        a: &Actor,
        from: &[String],
        into: &str,
        on: Date,
    ) -> Result<Unit> {
        if from.is_empty() {
            return Err(Error::invalid(
                "units",
                "name at least one unit to merge",
                "hãy nêu ít nhất một đơn vị cần sáp nhập",
            ));
        }
        let last_day = on
            .yesterday()
            .map_err(|_| Error::invalid("on", "date out of range", "ngày ngoài phạm vi"))?;
        let into = self.resolve_on(into, on, on)?;
        let from: Vec<String> = from
            .iter()
            .map(|c| self.resolve_on(c, last_day, last_day))
            .collect::<Result<_>>()?;
        let mut seen = std::collections::HashSet::new();
        for c in &from {
            if *c == into {
                return Err(Error::invalid(
                    "into",
                    format!("{c} cannot be merged into itself"),
                    format!("{c} không thể sáp nhập vào chính nó"),
                ));
            }
            if !seen.insert(c) {
                return Err(Error::invalid(
                    "units",
                    format!("{c} is listed twice"),
                    format!("{c} bị liệt kê hai lần"),
                ));
            }
        }
        self.write(a, |tx| {
            let succ_old = self.load_unit(&into)?;
            if !succ_old.is_active_on(on) {
                return Err(Error::state(
                    Entity::Unit,
                    &into,
                    format!(
                        "does not exist on {}, so it cannot receive a merge then",
                        fmt_date(on)
                    ),
                    format!(
                        "không tồn tại vào ngày {}, nên không thể nhận sáp nhập",
                        fmt_date(on)
                    ),
                ));
            }
            let mut olds = vec![succ_old.clone()];
            for c in &from {
                let u = self.load_unit(c)?;
                ensure_current(&u)?;
                ensure_not_before_start(&u, last_day)?;
                if !unit::link_levels_fit(u.kind, succ_old.kind) {
                    return Err(Error::invalid(
                        "into",
                        format!(
                            "{} {} and {} {} are at different levels",
                            u.kind.label_en(),
                            u.official_code(),
                            succ_old.kind.label_en(),
                            succ_old.official_code()
                        ),
                        format!(
                            "{} {} và {} {} không cùng cấp",
                            u.kind.label_vi(),
                            u.official_code(),
                            succ_old.kind.label_vi(),
                            succ_old.official_code()
                        ),
                    ));
                }
                olds.push(u);
            }
            let mut changed: std::collections::HashMap<String, Unit> =
                olds.iter().map(|u| (u.code.clone(), u.clone())).collect();
            for c in &from {
                super::lineage::link(&mut changed, c, &into, on);
            }
            if let Some(e) = self.lineage_problems(&changed)?.into_iter().next() {
                return Err(e);
            }
            for old in &olds {
                let mut u = changed.remove(&old.code).expect("loaded above");
                u.revision += 1;
                tx.put(Some(old), &u)?;
                let what = if u.code == into {
                    format!("received {} on {}", from.join(", "), fmt_date(on))
                } else {
                    format!("merged into {into} on {}", fmt_date(on))
                };
                tx.audit(
                    crate::domain::audit::Action::UnitMerge,
                    format!("unit/{}", u.code),
                    what,
                );
                if u.code == into {
                    changed.insert(u.code.clone(), u);
                }
            }
            Ok(changed.remove(&into).expect("successor kept"))
        })
    }

    pub(super) fn delete_unit_impl(&self, a: &Actor, code: &str) -> Result<()> {
        self.write(a, |tx| {
            let u = self.load_unit(code)?;
            let unit_prefix = keys::join(&[keys::Part::Code(code)]);
            let reports = self.store.reports_of(code)?.len();
            let tasks = self.store.keys_with_prefix(TreeId::TasksByUnit, &unit_prefix).count();
            let assessments = self.store.keys_with_prefix(TreeId::Assessments, &unit_prefix).count();
            let children = self.cache()?.children(code).count();
            if reports + tasks + assessments > 0 {
                let typed = self.typed_name(code);
                return Err(Error::state(
                    Entity::Unit,
                    code,
                    format!("has {reports} reports, {tasks} tasks and {assessments} assessments, so it cannot be deleted; retire it (antq units retire {typed}) or merge it instead"),
                    format!("có {reports} báo cáo, {tasks} nhiệm vụ và {assessments} đánh giá nên không thể xóa; hãy cho ngừng (antq units retire {typed}) hoặc sáp nhập"),
                ));
            }
            if children > 0 || !u.predecessors.is_empty() {
                return Err(Error::state(
                    Entity::Unit,
                    code,
                    "has units below it or merged into it, so it cannot be deleted; retire it instead",
                    "có đơn vị trực thuộc hoặc đã sáp nhập vào, nên không thể xóa; hãy cho ngừng",
                ));
            }
            if !u.successors.is_empty() {
                return Err(Error::state(
                    Entity::Unit,
                    code,
                    "continued into another unit, which lists it in its history, so it cannot be deleted",
                    "đã kế thừa vào đơn vị khác, đơn vị đó ghi nhận nó trong lịch sử, nên không thể xóa",
                ));
            }
            let exemplars = self.exemplars_impl(None)?.iter().filter(|e| e.unit == code).count();
            if exemplars > 0 {
                return Err(Error::state(
                    Entity::Unit,
                    code,
                    "was chosen as an exemplar, so it cannot be deleted; retire it instead",
                    "đã được chọn làm điển hình nên không thể xóa; hãy cho ngừng",
                ));
            }
            // An account left on a deleted code would work in whatever unit takes it next.
            let accounts: Vec<String> = self
                .store
                .records::<crate::domain::account::Account>(TreeId::Users, b"")
                .filter_map(|x| x.ok())
                .filter(|x| x.unit.as_deref() == Some(code))
                .map(|x| x.name)
                .collect();
            if !accounts.is_empty() {
                let names = accounts.join(", ");
                return Err(Error::state(
                    Entity::Unit,
                    code,
                    format!("is the area of the account(s) {names}, so it cannot be deleted; move them to another unit (antq user add NAME --role ROLE --unit CODE) or remove them (antq user remove NAME) first"),
                    format!("là phạm vi của tài khoản {names}, nên không thể xóa; hãy chuyển họ sang đơn vị khác (antq user add TÊN --role VAI_TRÒ --unit MÃ) hoặc xóa tài khoản (antq user remove TÊN) trước"),
                ));
            }
            tx.units_changed = true;
            tx.ws.delete(&u);
            tx.audit(crate::domain::audit::Action::UnitDelete, format!("unit/{code}"), format!("{} {}", u.kind.label_vi(), u.name));
            Ok(())
        })
    }
}

/// A new unit's first day falls within its parent's life.
fn inside_parent_life(u: &Unit, p: &Unit) -> Result<()> {
    let (Some(from), parent) = (u.valid_from, official_code(&p.code)) else {
        return Ok(());
    };
    let life = format!(
        "{} – {}",
        p.valid_from.map(fmt_date).unwrap_or_else(|| "…".into()),
        p.valid_to.map(fmt_date).unwrap_or_else(|| "…".into())
    );
    let starts_early = p.valid_from.is_some_and(|s| from < s);
    let starts_late = p.valid_to.is_some_and(|t| from > t);
    if !(starts_early || starts_late) {
        return Ok(());
    }
    Err(Error::invalid(
        "from",
        format!("{} falls outside the life of its parent {parent} {} ({life}); give a first day inside it, or the parent that held the area on {}", fmt_date(from), p.name, fmt_date(from)),
        format!("ngày {} nằm ngoài thời gian tồn tại của đơn vị cấp trên {parent} {} ({life}); hãy ghi ngày bắt đầu trong khoảng đó, hoặc chọn đơn vị cấp trên quản lý địa bàn vào ngày {}", fmt_date(from), p.name, fmt_date(from)),
    ))
}

/// Keeps the current name, kind and parent in history up to the day before `from`.
fn start_new_values(u: &mut Unit, from: Date) -> Result<()> {
    let since = u.current_since();
    let until = from
        .yesterday()
        .ok()
        .filter(|d| since.is_none_or(|s| s <= *d));
    let Some(until) = until.filter(|_| u.is_active_on(from)) else {
        return Err(Error::invalid(
            "from",
            format!(
                "{} must fall after {} and inside the unit's life",
                fmt_date(from),
                since.map(fmt_date).unwrap_or_else(|| "its start".into())
            ),
            format!(
                "ngày {} phải sau {} và trong thời gian đơn vị tồn tại",
                fmt_date(from),
                since.map(fmt_date).unwrap_or_else(|| "ngày bắt đầu".into())
            ),
        ));
    };
    u.history.push(crate::domain::unit::Version {
        until,
        name: u.name.clone(),
        kind: u.kind,
        parent: u.parent.clone(),
    });
    Ok(())
}

fn ensure_current(u: &Unit) -> Result<()> {
    if let Some(to) = u.valid_to {
        let (en, vi) = match u.successor().map(official_code) {
            Some(s) => (
                format!("was already merged into {s} (last day {})", fmt_date(to)),
                format!("đã sáp nhập vào {s} (ngày cuối {})", fmt_date(to)),
            ),
            None => (
                format!("was already retired (last day {})", fmt_date(to)),
                format!("đã ngừng hoạt động (ngày cuối {})", fmt_date(to)),
            ),
        };
        return Err(Error::state(Entity::Unit, &u.code, en, vi));
    }
    Ok(())
}

fn ensure_not_before_start(u: &Unit, last_day: Date) -> Result<()> {
    if let Some(from) = u.valid_from {
        if last_day < from {
            return Err(Error::invalid(
                "on",
                format!("unit {} only starts on {}", u.code, fmt_date(from)),
                format!("đơn vị {} chỉ bắt đầu từ {}", u.code, fmt_date(from)),
            ));
        }
    }
    Ok(())
}

fn describe_unit_change(old: &Unit, new: &Unit) -> String {
    let mut parts = Vec::new();
    if old.name != new.name {
        parts.push(format!("name '{}' → '{}'", old.name, new.name));
    }
    if old.kind != new.kind {
        parts.push(format!("kind {} → {}", old.kind.code(), new.kind.code()));
    }
    if old.parent != new.parent {
        parts.push(format!(
            "parent {} → {}",
            old.parent.as_deref().unwrap_or("-"),
            new.parent.as_deref().unwrap_or("-")
        ));
    }
    if old.notes != new.notes {
        parts.push("notes".into());
    }
    if let (Some(v), true) = (new.history.last(), new.history.len() > old.history.len()) {
        parts.push(format!(
            "from {}",
            fmt_date(v.until.tomorrow().unwrap_or(v.until))
        ));
    }
    if parts.is_empty() {
        "no change".into()
    } else {
        parts.join("; ")
    }
}
