//! One handler per command. Handlers only parse arguments, call the service and print.

use crate::domain::assessment::{Decision, Grade, Safety};
use crate::domain::date::{fmt_date, parse_date};
use crate::domain::exemplar::ExemplarStatus;
use crate::domain::period::Period;
use crate::domain::report::{parse_value, Report};
use crate::domain::task::{Directive, Priority, TaskStatus};
use crate::domain::unit::{exact, official_code};
use crate::domain::unit::{Unit, UnitKind};
use crate::domain::workflow::Status;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::service::api::*;

use super::args::*;
use super::export::all_pages;
use super::table::Table;

pub fn dispatch(svc: &dyn Service, lang: Lang, cmd: Command) -> Result<()> {
    let a = Actor::current();
    let ctx = Ctx { svc, a: &a, lang };
    match cmd {
        Command::Init {
            registry: true,
            dry_run,
            ..
        } => ctx.init_registry(dry_run),
        Command::Init { sample, .. } => ctx.init(sample),
        // `serve` runs before a service exists; it never reaches here.
        Command::Serve { .. } => Ok(()),
        Command::Units(c) => ctx.units(c),
        Command::Indicators(IndicatorsCmd::List) => ctx.indicators(),
        Command::Indicators(IndicatorsCmd::Set {
            code,
            label_vi,
            label_en,
            kinds,
            periods,
            order,
        }) => ctx.indicator_set(code, label_vi, label_en, kinds, periods, order),
        Command::Settings(c) => ctx.settings(c),
        Command::User(c) => ctx.user(c),
        Command::Report(c) => ctx.report(c),
        Command::Assess(c) => ctx.assess(c),
        Command::Exemplar(c) => ctx.exemplar(c),
        Command::Task(c) => ctx.task(c),
        Command::Export {
            what,
            format,
            excel,
            delimiter,
            output,
        } => {
            let opts = super::export::Options {
                format,
                excel,
                delimiter,
                output,
            };
            super::export::run(svc, &a, what, &opts)
        }
        Command::Import {
            what,
            file,
            dry_run,
        } => super::exchange::import(&ctx, what, &file, dry_run),
        Command::Bundle(c) => super::exchange::bundle(&ctx, c),
        Command::Office(c) => super::office_keys::office(&ctx, c),
        Command::Backup { file } => super::exchange::backup(&ctx, &file),
        // `restore` needs the store itself; it is handled before a service exists.
        Command::Restore { .. } => Ok(()),
        Command::Summary {
            period,
            under,
            format,
        } => super::exchange::summary(&ctx, &period, under.as_deref(), format),
        Command::Audit { entity, limit } => ctx.audit(entity, limit),
        Command::Check => ctx.check(),
        Command::Gen {
            units,
            reports,
            tasks,
            seed,
        } => ctx.gen(units, reports, tasks, seed),
    }
}

pub(super) struct Ctx<'a> {
    pub svc: &'a dyn Service,
    pub a: &'a Actor,
    pub lang: Lang,
}

fn year_arg(y: i16) -> Result<i16> {
    if (2000..=2100).contains(&y) {
        Ok(y)
    } else {
        Err(Error::invalid(
            "year",
            format!("{y} is out of range (2000–2100)"),
            format!("năm {y} nằm ngoài khoảng 2000–2100"),
        ))
    }
}

/// A decision reference, if any of its options was given.
fn decision_arg(d: DecisionArgs) -> Result<Option<Decision>> {
    if d.number.is_none() && d.date.is_none() && d.issuer.is_none() {
        return Ok(None);
    }
    Ok(Some(Decision {
        number: d.number.unwrap_or_default(),
        date: d
            .date
            .map(|s| parse_date("decision-date", &s))
            .transpose()?,
        issuer: d.issuer.unwrap_or_default(),
    }))
}

impl Ctx<'_> {
    fn t<'s>(&self, vi: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(vi, en)
    }

    /// Success lines go to stdout only after the service has flushed the change.
    fn saved(&self, vi: String, en: String) {
        println!("{}", self.lang.pick(&vi, &en));
    }

    fn init(&self, sample: bool) -> Result<()> {
        if !sample {
            let n = self.svc.indicators(self.a)?.len();
            if n == 0 {
                for ind in crate::sample::indicators()? {
                    self.svc.put_indicator(self.a, ind)?;
                }
            }
            self.saved(
                "Đã tạo kho dữ liệu và danh mục chỉ tiêu.".into(),
                "Store ready, with the indicator catalogue.".into(),
            );
            return Ok(());
        }
        let n = crate::sample::load(self.svc, self.a)?;
        if n.total() == 0 {
            self.saved(
                "Dữ liệu mẫu đã có sẵn; không thêm gì.".into(),
                "The sample is already loaded; nothing added.".into(),
            );
        } else {
            self.saved(
                format!("Đã nạp dữ liệu mẫu: {} đơn vị, {} chỉ tiêu, {} báo cáo, {} đánh giá, {} điển hình, {} nhiệm vụ, {} sáp nhập.", n.units, n.indicators, n.reports, n.assessments, n.exemplars, n.tasks, n.merges),
                format!("Sample loaded: {} units, {} indicators, {} reports, {} assessments, {} exemplars, {} tasks, {} merges.", n.units, n.indicators, n.reports, n.assessments, n.exemplars, n.tasks, n.merges),
            );
        }
        Ok(())
    }

    fn init_registry(&self, dry_run: bool) -> Result<()> {
        let t0 = std::time::Instant::now();
        let o = self
            .svc
            .load_registry(self.a, crate::registry::files()?, dry_run)?;
        if self.svc.indicators(self.a)?.is_empty() && !dry_run {
            for ind in crate::sample::indicators()? {
                self.svc.put_indicator(self.a, ind)?;
            }
        }
        let n = o.added.len();
        let secs = t0.elapsed().as_secs_f64();
        if dry_run {
            println!(
                "{}",
                self.t(
                    &format!(
                        "Kiểm tra xong: {n} đơn vị sẽ được nạp ({secs:.1} giây). Chưa ghi gì."
                    ),
                    &format!(
                        "Checked: {n} units would be loaded ({secs:.1} s). Nothing was written."
                    ),
                )
            );
            return Ok(());
        }
        self.saved(
            format!("Đã nạp danh mục chính thức: {n} đơn vị trước và sau 01/07/2025, kèm liên kết sắp xếp ({secs:.1} giây)."),
            format!("Official registry loaded: {n} units before and after 01/07/2025, with the reform's links ({secs:.1} s)."),
        );
        Ok(())
    }

    fn units(&self, c: UnitsCmd) -> Result<()> {
        match c {
            UnitsCmd::List {
                under,
                search,
                all,
                on,
            } => {
                let on = on.map(|d| parse_date("on", &d)).transpose()?;
                self.units_list(under, search, all, on)
            }
            UnitsCmd::Show { code, on } => {
                let on = on.map(|d| parse_date("on", &d)).transpose()?;
                self.unit_show(&code, on)
            }
            UnitsCmd::Add {
                code,
                name,
                kind,
                parent,
                from,
                notes,
            } => {
                let kind = UnitKind::parse(&kind)?;
                let valid_from = from.map(|d| parse_date("from", &d)).transpose()?;
                let u = self.svc.add_unit(
                    self.a,
                    NewUnit {
                        code,
                        name,
                        kind,
                        parent,
                        valid_from,
                        notes,
                    },
                )?;
                self.saved(
                    format!(
                        "Đã thêm {} {} ({}).",
                        u.kind.label_vi(),
                        u.name,
                        u.official_code()
                    ),
                    format!(
                        "Added {} {} ({}).",
                        u.kind.label_en(),
                        u.name,
                        u.official_code()
                    ),
                );
                Ok(())
            }
            UnitsCmd::Edit {
                code,
                name,
                kind,
                parent,
                notes,
                from,
            } => {
                let from = from.map(|d| parse_date("from", &d)).transpose()?;
                let kind = kind.map(|k| UnitKind::parse(&k)).transpose()?;
                let parent = parent.map(|p| if p == "-" { None } else { Some(p) });
                let u = self.svc.edit_unit(
                    self.a,
                    &code,
                    UnitPatch {
                        from,
                        name,
                        kind,
                        parent,
                        notes,
                        base_revision: None,
                    },
                )?;
                self.saved(
                    format!("Đã lưu đơn vị {}.", u.official_code()),
                    format!("Saved unit {}.", u.official_code()),
                );
                Ok(())
            }
            UnitsCmd::Retire { code, on } => {
                let on = match on {
                    Some(d) => parse_date("on", &d)?,
                    None => crate::domain::date::today(jiff::Timestamp::now()),
                };
                let u = self.svc.retire_unit(self.a, &code, on)?;
                self.saved(
                    format!(
                        "Đơn vị {} ngừng hoạt động từ sau {}.",
                        u.official_code(),
                        fmt_date(on)
                    ),
                    format!(
                        "Unit {} retired; its last day is {}.",
                        u.official_code(),
                        fmt_date(on)
                    ),
                );
                Ok(())
            }
            UnitsCmd::Merge { codes, into, on } => {
                let on = parse_date("on", &on)?;
                let u = self.svc.merge_units(self.a, &codes, &into, on)?;
                self.saved(
                    format!(
                        "Đã sáp nhập {} vào {} ({}) từ {}.",
                        codes.join(", "),
                        u.official_code(),
                        u.name,
                        fmt_date(on)
                    ),
                    format!(
                        "Merged {} into {} ({}) from {}.",
                        codes.join(", "),
                        u.official_code(),
                        u.name,
                        fmt_date(on)
                    ),
                );
                Ok(())
            }
            UnitsCmd::Delete { code } => {
                self.svc.delete_unit(self.a, &code)?;
                self.saved(
                    format!("Đã xóa đơn vị {code}."),
                    format!("Deleted unit {code}."),
                );
                Ok(())
            }
        }
    }

    fn units_list(
        &self,
        under: Option<String>,
        search: Option<String>,
        all: bool,
        on: Option<jiff::civil::Date>,
    ) -> Result<()> {
        let units = all_pages(|offset, limit| {
            let q = UnitQuery {
                under: under.clone(),
                on,
                search: search.clone(),
                include_retired: all || search.is_some(),
                offset,
                limit,
                kind: None,
            };
            self.svc.units(self.a, &q)
        })?;
        let mut t = Table::new(&[
            self.t("Mã", "Code"),
            self.t("Loại", "Kind"),
            self.t("Tên", "Name"),
            self.t("Cấp trên", "Parent"),
            self.t("Ghi chú", "Status"),
        ]);
        for u in &units {
            let v = on.map_or(
                crate::domain::unit::UnitOn {
                    name: &u.name,
                    kind: u.kind,
                    parent: u.parent.as_deref(),
                },
                |d| u.on(d),
            );
            t.row(vec![
                u.official_code().to_string(),
                v.kind.label(self.lang).to_string(),
                v.name.to_string(),
                v.parent.map(official_code).unwrap_or_default().to_string(),
                if on.is_some() {
                    String::new()
                } else {
                    self.unit_state(u)
                },
            ]);
        }
        if let Some(d) = on {
            println!("{} {}", self.t("Ngày", "On"), fmt_date(d));
        }
        self.print_counted(&t, units.len(), "đơn vị", "units");
        Ok(())
    }

    /// Prints a table followed by a line that counts its rows.
    fn print_counted(&self, t: &Table, n: usize, noun_vi: &str, noun_en: &str) {
        print!("{}", t.render());
        println!("{n} {}", self.t(noun_vi, noun_en));
    }

    fn unit_state(&self, u: &Unit) -> String {
        match (u.successors.as_slice(), u.valid_to) {
            ([s], Some(to)) => format!(
                "{} {} ({})",
                self.t("→ sáp nhập vào", "→ merged into"),
                official_code(&s.unit),
                fmt_date(to.tomorrow().unwrap_or(to))
            ),
            ([_, _, ..], Some(to)) => format!(
                "{} {} ({})",
                self.t("→ chia cho", "→ split between"),
                u.successors
                    .iter()
                    .map(|l| official_code(&l.unit))
                    .collect::<Vec<_>>()
                    .join(", "),
                fmt_date(to.tomorrow().unwrap_or(to))
            ),
            ([], Some(to)) => {
                format!("{} {}", self.t("ngừng sau", "retired after"), fmt_date(to))
            }
            _ => String::new(),
        }
    }

    fn unit_show(&self, code: &str, on: Option<jiff::civil::Date>) -> Result<()> {
        let u = match on {
            Some(d) => self.svc.unit_on(self.a, code, d)?,
            None => self.svc.unit(self.a, code)?,
        };
        let day = on.unwrap_or_else(|| {
            u.valid_to
                .unwrap_or(jiff::civil::Date::MAX)
                .min(crate::domain::date::today(jiff::Timestamp::now()))
        });
        let l = self.lang;
        let safe = |s: &str| crate::domain::text::printable(s, true).into_owned();
        let now = u.on(day);
        println!(
            "{} {} ({})",
            now.kind.label(l),
            safe(now.name),
            u.official_code()
        );
        let path = self.path_on(&u, day)?;
        println!(
            "{} ({}): {}",
            self.t("Đường dẫn", "Path"),
            fmt_date(day),
            path.join(" › ")
        );
        println!(
            "{}: {} – {}",
            self.t("Tồn tại", "Existed"),
            u.valid_from.map(fmt_date).unwrap_or_else(|| "…".into()),
            u.valid_to.map(fmt_date).unwrap_or_else(|| "…".into())
        );
        if !u.history.is_empty() {
            println!(
                "{}:",
                self.t(
                    "Tên và cấp trên theo thời gian",
                    "Names and parents over time"
                )
            );
            let mut from = u.valid_from;
            let spans = u
                .history
                .iter()
                .map(|v| (Some(v.until), v.kind, v.name.as_str(), v.parent.as_deref()))
                .chain(std::iter::once((
                    u.valid_to,
                    u.kind,
                    u.name.as_str(),
                    u.parent.as_deref(),
                )));
            for (until, kind, name, parent) in spans {
                println!(
                    "  {} – {}  {} {}, {} {}",
                    from.map(fmt_date).unwrap_or_else(|| "…".into()),
                    until.map(fmt_date).unwrap_or_else(|| "…".into()),
                    kind.label(l),
                    safe(name),
                    self.t("dưới", "under"),
                    parent
                        .map(|p| self.unit_label(p))
                        .unwrap_or_else(|| "-".into())
                );
                from = until.and_then(|d| d.tomorrow().ok());
            }
        }
        for (label, links) in [
            (self.t("Hình thành từ", "Formed from"), &u.predecessors),
            (self.t("Kế thừa vào", "Continued into"), &u.successors),
        ] {
            if links.is_empty() {
                continue;
            }
            println!("{label} ({}):", links.len());
            for link in links {
                let other = self.svc.unit(self.a, &exact(&link.unit)).ok();
                let part = other.as_ref().is_some_and(|o| o.successors.len() > 1)
                    && std::ptr::eq(links, &u.predecessors)
                    || std::ptr::eq(links, &u.successors) && u.successors.len() > 1;
                println!(
                    "  {}  {}{}",
                    link.on.map(fmt_date).unwrap_or_else(|| "…".into()),
                    self.unit_label(&link.unit),
                    if part {
                        self.t(" (một phần)", " (part)")
                    } else {
                        ""
                    }
                );
            }
        }
        if !u.notes.is_empty() {
            println!("{}: {}", self.t("Ghi chú", "Notes"), safe(&u.notes));
        }
        let cut = self.svc.settings(self.a)?.cutoffs;
        for x in self
            .svc
            .assessments(self.a, None, Some(&exact(&u.code)))?
            .iter()
            .filter(|x| x.unit == u.code)
        {
            println!(
                "{} {}: {} {}, {}, {}",
                self.t("Đánh giá", "Assessment"),
                x.year,
                self.t("điểm", "score"),
                x.score.map(|s| s.to_string()).unwrap_or("-".into()),
                x.grade(&cut).map(|g| g.label(l)).unwrap_or("-"),
                x.safety.label(l)
            );
        }
        Ok(())
    }

    /// "00004 Phường Trúc Bạch": a unit by identity, named as it was on its last day.
    fn unit_label(&self, id: &str) -> String {
        match self.svc.unit(self.a, &exact(id)) {
            Ok(o) => {
                let v = o.on(o.valid_to.unwrap_or(jiff::civil::Date::MAX));
                let name = crate::domain::text::printable(v.name, false).into_owned();
                format!("{} {} {}", o.official_code(), v.kind.label(self.lang), name)
            }
            Err(_) => official_code(id).to_string(),
        }
    }

    /// Titles from the top down to `u`, with each day's parents.
    fn path_on(&self, u: &Unit, day: jiff::civil::Date) -> Result<Vec<String>> {
        let safe = |s: &str| crate::domain::text::printable(s, true).into_owned();
        let v = u.on(day);
        let mut path = vec![format!("{} {}", v.kind.label(self.lang), safe(v.name))];
        let mut next = v.parent.map(str::to_string);
        while let Some(p) = next.take() {
            if path.len() > 16 {
                break;
            }
            let pu = self.svc.unit(self.a, &exact(&p))?;
            let pv = pu.on(day);
            path.push(format!("{} {}", pv.kind.label(self.lang), safe(pv.name)));
            next = pv.parent.map(str::to_string);
        }
        path.reverse();
        Ok(path)
    }

    fn indicators(&self) -> Result<()> {
        let mut t = Table::new(&[
            self.t("Mã", "Code"),
            self.t("Chỉ tiêu", "Indicator"),
            self.t("Kỳ", "Periods"),
        ]);
        for i in self.svc.indicators(self.a)? {
            let periods: Vec<&str> = i.periods.iter().map(|p| p.code()).collect();
            t.row(vec![
                i.code.clone(),
                i.label(self.lang).to_string(),
                periods.join(" "),
            ]);
        }
        print!("{}", t.render());
        Ok(())
    }

    fn indicator_set(
        &self,
        code: String,
        label_vi: Option<String>,
        label_en: Option<String>,
        kinds: Option<String>,
        periods: Option<String>,
        order: Option<u16>,
    ) -> Result<()> {
        let old = self
            .svc
            .indicators(self.a)?
            .into_iter()
            .find(|i| i.code == code);
        let is_new = old.is_none();
        let mut ind = old.unwrap_or(crate::domain::indicator::Indicator {
            code: code.clone(),
            label_vi: String::new(),
            label_en: String::new(),
            unit_kinds: vec![],
            periods: vec![],
            order: 1000,
        });
        if let Some(v) = label_vi {
            ind.label_vi = v;
        }
        if let Some(v) = label_en {
            ind.label_en = v;
        }
        if let Some(k) = kinds {
            ind.unit_kinds = crate::sample::parse_kinds(&k)?;
        }
        if let Some(p) = periods {
            ind.periods = p
                .split_whitespace()
                .map(|w| {
                    crate::domain::period::PeriodKind::parse(w).ok_or_else(|| {
                        Error::invalid(
                            "periods",
                            format!("'{w}' is not a period type; use month, quarter, half or year"),
                            format!(
                                "'{w}' không phải loại kỳ; dùng month, quarter, half hoặc year"
                            ),
                        )
                    })
                })
                .collect::<Result<_>>()?;
        }
        if let Some(o) = order {
            ind.order = o;
        }
        let ind = self.svc.put_indicator(self.a, ind)?;
        if is_new {
            self.saved(
                format!("Đã thêm chỉ tiêu {}.", ind.code),
                format!("Added indicator {}.", ind.code),
            );
        } else {
            self.saved(
                format!("Đã lưu chỉ tiêu {}.", ind.code),
                format!("Saved indicator {}.", ind.code),
            );
        }
        Ok(())
    }

    fn user(&self, c: UserCmd) -> Result<()> {
        use crate::domain::account::{Account, Role};
        match c {
            UserCmd::Add { name, role, unit } => {
                let role = Role::parse(&role)?;
                let acc = self.svc.add_user(
                    self.a,
                    Account {
                        name,
                        role,
                        unit,
                        revision: 0,
                    },
                )?;
                self.saved(
                    format!(
                        "Đã lưu tài khoản {} ({}{}).",
                        acc.name,
                        acc.role.label(Lang::Vi),
                        acc.unit
                            .as_ref()
                            .map(|u| format!(", {u}"))
                            .unwrap_or_default()
                    ),
                    format!(
                        "Saved account {} ({}{}).",
                        acc.name,
                        acc.role.code(),
                        acc.unit
                            .as_ref()
                            .map(|u| format!(", {u}"))
                            .unwrap_or_default()
                    ),
                );
            }
            UserCmd::List => {
                let mut t = Table::new(&[
                    self.t("Tài khoản", "Account"),
                    self.t("Vai trò", "Role"),
                    self.t("Đơn vị", "Unit"),
                ]);
                for acc in self.svc.users(self.a)? {
                    t.row(vec![
                        acc.name,
                        acc.role.label(self.lang).to_string(),
                        acc.unit.unwrap_or_default(),
                    ]);
                }
                print!("{}", t.render());
            }
            UserCmd::Remove { name } => {
                self.svc.remove_user(self.a, &name)?;
                self.saved(
                    format!("Đã xóa tài khoản {name}."),
                    format!("Removed account {name}."),
                );
            }
        }
        Ok(())
    }

    fn settings(&self, c: SettingsCmd) -> Result<()> {
        let mut s = self.svc.settings(self.a)?;
        let SettingsCmd::Set {
            cutoffs,
            month,
            quarter,
            half,
            year,
        } = c
        else {
            let c = &s.cutoffs;
            let d = &s.deadlines;
            println!(
                "{}: {}/{}/{}{}",
                self.t(
                    "Ngưỡng điểm Xuất sắc/Khá/Trung bình",
                    "Cut-offs Excellent/Good/Average"
                ),
                c.excellent,
                c.good,
                c.average,
                if c.sample {
                    self.t(" (giá trị mẫu)", " (sample values)")
                } else {
                    ""
                }
            );
            println!(
                "{}: {}/{}/{}/{}",
                self.t(
                    "Hạn nộp sau kỳ (ngày) tháng/quý/6 tháng/năm",
                    "Deadline days after month/quarter/half/year"
                ),
                d.month,
                d.quarter,
                d.half,
                d.year
            );
            return Ok(());
        };
        if let Some(text) = cutoffs {
            let parts: Vec<Option<u8>> = text.split('/').map(|p| p.trim().parse().ok()).collect();
            let [Some(e), Some(g), Some(a)] = parts[..] else {
                return Err(Error::invalid(
                    "cutoffs",
                    format!("'{text}' should be three scores like 90/70/50"),
                    format!("'{text}' cần có dạng ba mức điểm như 90/70/50"),
                ));
            };
            s.cutoffs = crate::domain::assessment::Cutoffs {
                excellent: e,
                good: g,
                average: a,
                sample: false,
            };
        }
        for (slot, v) in [
            (&mut s.deadlines.month, month),
            (&mut s.deadlines.quarter, quarter),
            (&mut s.deadlines.half, half),
            (&mut s.deadlines.year, year),
        ] {
            if let Some(v) = v {
                *slot = v;
            }
        }
        self.svc.set_settings(self.a, s)?;
        self.saved("Đã lưu cấu hình.".into(), "Settings saved.".into());
        Ok(())
    }

    fn report(&self, c: ReportCmd) -> Result<()> {
        match c {
            ReportCmd::Set {
                unit,
                period,
                values,
                narrative,
            } => {
                let period = Period::parse(&period)?;
                let mut parsed = Vec::new();
                for v in &values {
                    let (k, val) = v.split_once('=').ok_or_else(|| {
                        Error::invalid(
                            "values",
                            format!("'{v}' should look like INDICATOR=VALUE, e.g. to_giac=3"),
                            format!("'{v}' cần có dạng CHỈ_TIÊU=GIÁ_TRỊ, ví dụ to_giac=3"),
                        )
                    })?;
                    parsed.push((k.trim().to_string(), parse_value(k.trim(), val)?));
                }
                if parsed.is_empty() && narrative.is_none() {
                    return Err(Error::invalid(
                        "values",
                        "give at least one INDICATOR=VALUE or --narrative",
                        "hãy nhập ít nhất một CHỈ_TIÊU=GIÁ_TRỊ hoặc --narrative",
                    ));
                }
                let r = self.svc.save_report(
                    self.a,
                    ReportInput {
                        unit,
                        period,
                        values: parsed,
                        narrative,
                        base_revision: None,
                    },
                )?;
                self.saved(
                    format!(
                        "Đã lưu báo cáo {} kỳ {} ({}).",
                        r.unit,
                        r.period,
                        r.status.label(Lang::Vi)
                    ),
                    format!(
                        "Saved report {} for {} ({}).",
                        r.unit,
                        r.period,
                        r.status.label(Lang::En)
                    ),
                );
                Ok(())
            }
            ReportCmd::Show { unit, period } => self.report_show(&unit, Period::parse(&period)?),
            ReportCmd::Submit { unit, period } => {
                let r = self
                    .svc
                    .submit_report(self.a, &unit, Period::parse(&period)?)?;
                self.saved(
                    format!("Đã gửi báo cáo {} kỳ {}.", r.unit, r.period),
                    format!("Submitted report {} for {}.", r.unit, r.period),
                );
                Ok(())
            }
            ReportCmd::Approve { unit, period } => {
                let r = self
                    .svc
                    .approve_report(self.a, &unit, Period::parse(&period)?)?;
                self.saved(
                    format!("Đã duyệt báo cáo {} kỳ {}.", r.unit, r.period),
                    format!("Approved report {} for {}.", r.unit, r.period),
                );
                Ok(())
            }
            ReportCmd::Return {
                unit,
                period,
                reason,
            } => {
                let r = self
                    .svc
                    .return_report(self.a, &unit, Period::parse(&period)?, &reason)?;
                self.saved(
                    format!("Đã trả lại báo cáo {} kỳ {}.", r.unit, r.period),
                    format!("Returned report {} for {}.", r.unit, r.period),
                );
                Ok(())
            }
            ReportCmd::List {
                period,
                status,
                under,
            } => self.report_list(period, status, under),
            ReportCmd::Completeness { period, under } => {
                self.completeness(&period, under.as_deref())
            }
        }
    }

    fn report_show(&self, unit: &str, period: Period) -> Result<()> {
        let r = self.svc.report(self.a, unit, period)?;
        // The unit the code named for this period, as it was then.
        let u = match &r {
            Some(r) => self.svc.unit(self.a, &exact(&r.unit))?,
            None => self
                .svc
                .unit_on(self.a, unit, period.end())
                .or_else(|_| self.svc.unit(self.a, unit))?,
        };
        let prev = match period.prev() {
            Some(p) => self.svc.report(self.a, &exact(&u.code), p)?,
            None => None,
        };
        let v = u.on(period.end());
        println!(
            "{} {} ({}) — {} {}",
            v.kind.label(self.lang),
            v.name,
            u.official_code(),
            self.t("kỳ", "period"),
            period
        );
        match &r {
            Some(r) => println!(
                "{}: {}",
                self.t("Trạng thái", "Status"),
                r.status.label(self.lang)
            ),
            None => println!("{}", self.t("Chưa có báo cáo.", "No report yet.")),
        }
        if let Some(reason) = r.as_ref().and_then(|r| r.return_reason.clone()) {
            println!("{}: {reason}", self.t("Lý do trả lại", "Returned because"));
        }
        let mut t = Table::new(&[
            self.t("Mã", "Code"),
            self.t("Chỉ tiêu", "Indicator"),
            self.t("Giá trị", "Value"),
            self.t("Kỳ trước", "Previous"),
        ]);
        for i in self
            .svc
            .indicators(self.a)?
            .iter()
            .filter(|i| i.applies(u.kind, period.kind))
        {
            let v = |r: &Option<Report>| {
                r.as_ref()
                    .and_then(|r| r.value(&i.code))
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            };
            t.row(vec![
                i.code.clone(),
                i.label(self.lang).to_string(),
                v(&r),
                v(&prev),
            ]);
        }
        print!("{}", t.render());
        if let Some(r) = &r {
            if !r.narrative.is_empty() {
                println!("{}: {}", self.t("Thuyết minh", "Narrative"), r.narrative);
            }
            for s in &r.history {
                println!(
                    "  {} {} — {}{}",
                    crate::domain::date::fmt_time(s.at),
                    s.status.label(self.lang),
                    s.by,
                    if s.note.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", s.note)
                    }
                );
            }
        }
        Ok(())
    }

    fn report_list(
        &self,
        period: Option<String>,
        status: Option<String>,
        under: Option<String>,
    ) -> Result<()> {
        let period = period.map(|p| Period::parse(&p)).transpose()?;
        let status = status
            .map(|s| {
                Status::parse(&s).ok_or_else(|| {
                    Error::invalid(
                        "status",
                        format!(
                            "'{s}' is not a status; use draft, submitted, approved or returned"
                        ),
                        format!(
                            "'{s}' không phải trạng thái; dùng nháp, đã gửi, đã duyệt hoặc trả lại"
                        ),
                    )
                })
            })
            .transpose()?;
        let reports = all_pages(|offset, limit| {
            let q = ReportQuery {
                period,
                status,
                under: under.clone(),
                after: None,
                offset,
                limit,
            };
            self.svc.reports(self.a, &q)
        })?;
        let mut t = Table::new(&[
            self.t("Đơn vị", "Unit"),
            self.t("Kỳ", "Period"),
            self.t("Trạng thái", "Status"),
            self.t("Số chỉ tiêu", "Values"),
            self.t("Cập nhật", "Updated"),
        ]);
        for r in &reports {
            t.row(vec![
                r.unit.clone(),
                r.period.to_string(),
                r.status.label(self.lang).to_string(),
                r.values.len().to_string(),
                crate::domain::date::fmt_time(r.updated_at),
            ]);
        }
        self.print_counted(&t, reports.len(), "báo cáo", "reports");
        Ok(())
    }

    fn completeness(&self, period: &str, under: Option<&str>) -> Result<()> {
        let c = self
            .svc
            .completeness(self.a, Period::parse(period)?, under)?;
        match self.lang {
            Lang::Vi => println!("Kỳ {}: đã gửi {}/{}, đúng hạn {} (hạn {}); chờ duyệt {}, nháp {}, trả lại {}", c.period, c.submitted, c.expected, c.on_time, fmt_date(c.deadline), c.awaiting_approval, c.drafts, c.returned),
            Lang::En => println!("Period {}: submitted {}/{}, on time {} (deadline {}); awaiting approval {}, drafts {}, returned {}", c.period, c.submitted, c.expected, c.on_time, fmt_date(c.deadline), c.awaiting_approval, c.drafts, c.returned),
        }
        if !c.missing.is_empty() {
            println!("{}:", self.t("Chưa gửi", "Missing"));
            let end = c.period.end();
            for id in &c.missing {
                let name = self
                    .svc
                    .unit(self.a, &exact(id))
                    .map(|u| {
                        let v = u.on(end);
                        format!("{} {}", v.kind.label(self.lang), v.name)
                    })
                    .unwrap_or_default();
                println!("  {}  {name}", official_code(id));
            }
        }
        Ok(())
    }

    fn assess(&self, c: AssessCmd) -> Result<()> {
        match c {
            AssessCmd::Set {
                unit,
                year,
                score,
                safety,
                grade,
                notes,
                decision,
            } => {
                let year = year_arg(year)?;
                let decision = decision_arg(decision)?.map(Some);
                let safety = safety
                    .map(|s| {
                        Safety::parse(&s).ok_or_else(|| {
                            Error::invalid(
                                "safety",
                                format!("'{s}' is not a result; use đạt, chưa đạt or none"),
                                format!("'{s}' không hợp lệ; dùng đạt, chưa đạt hoặc none"),
                            )
                        })
                    })
                    .transpose()?;
                let grade = grade
                    .map(|g| Grade::parse(&g).ok_or_else(|| Error::invalid("grade", format!("'{g}' is not a level; use xuất sắc, khá, trung bình or yếu"), format!("'{g}' không phải mức xếp loại; dùng xuất sắc, khá, trung bình hoặc yếu"))))
                    .transpose()?;
                let x = self.svc.save_assessment(
                    self.a,
                    AssessmentInput {
                        unit,
                        year,
                        safety,
                        score: score.map(Some),
                        grade_override: grade.map(Some),
                        decision,
                        notes,
                        base_revision: None,
                    },
                )?;
                self.saved(
                    format!("Đã lưu đánh giá {} năm {}.", x.unit, x.year),
                    format!("Saved assessment {} for {}.", x.unit, x.year),
                );
                Ok(())
            }
            AssessCmd::Submit { unit, year } => {
                self.svc.submit_assessment(self.a, &unit, year)?;
                self.saved(
                    format!("Đã gửi đánh giá {unit} năm {year}."),
                    format!("Submitted assessment {unit} for {year}."),
                );
                Ok(())
            }
            AssessCmd::Approve { unit, year } => {
                self.svc.approve_assessment(self.a, &unit, year)?;
                self.saved(
                    format!("Đã duyệt đánh giá {unit} năm {year}."),
                    format!("Approved assessment {unit} for {year}."),
                );
                Ok(())
            }
            AssessCmd::Return { unit, year, reason } => {
                self.svc.return_assessment(self.a, &unit, year, &reason)?;
                self.saved(
                    format!("Đã trả lại đánh giá {unit} năm {year}."),
                    format!("Returned assessment {unit} for {year}."),
                );
                Ok(())
            }
            AssessCmd::List { year, under } => self.assess_list(year, under.as_deref()),
        }
    }

    fn assess_list(&self, year: Option<i16>, under: Option<&str>) -> Result<()> {
        let cut = self.svc.settings(self.a)?.cutoffs;
        let list = self.svc.assessments(self.a, year, under)?;
        let mut t = Table::new(&[
            self.t("Năm", "Year"),
            self.t("Đơn vị", "Unit"),
            self.t("Điểm", "Score"),
            self.t("Xếp loại", "Level"),
            self.t("An toàn", "Safety"),
            self.t("Trạng thái", "Status"),
        ]);
        let mut counts = [0usize; 4];
        for x in &list {
            let g = x.grade(&cut);
            if let Some(g) = g {
                counts[Grade::ALL.iter().position(|a| *a == g).unwrap_or(0)] += 1;
            }
            t.row(vec![
                x.year.to_string(),
                x.unit.clone(),
                x.score.map(|s| s.to_string()).unwrap_or("-".into()),
                g.map(|g| g.label(self.lang)).unwrap_or("-").to_string(),
                x.safety.label(self.lang).to_string(),
                x.status.label(self.lang).to_string(),
            ]);
        }
        print!("{}", t.render());
        let parts: Vec<String> = Grade::ALL
            .iter()
            .zip(counts)
            .map(|(g, n)| format!("{} {n}", g.label(self.lang)))
            .collect();
        println!(
            "{}{}",
            parts.join(", "),
            if cut.sample {
                self.t(" (ngưỡng điểm mẫu 90/70/50)", " (sample cut-offs 90/70/50)")
            } else {
                ""
            }
        );
        Ok(())
    }

    fn exemplar(&self, c: ExemplarCmd) -> Result<()> {
        match c {
            ExemplarCmd::Select {
                unit,
                year,
                decision,
            } => {
                let year = year_arg(year)?;
                let d = decision_arg(decision)?;
                let e = self.svc.select_exemplar(self.a, &unit, year, d)?;
                self.saved(
                    format!(
                        "Đã chọn {} làm điển hình năm {} và tạo nhiệm vụ theo dõi.",
                        e.unit, e.year
                    ),
                    format!(
                        "Chose {} as an exemplar for {} and added a follow-up task.",
                        e.unit, e.year
                    ),
                );
                Ok(())
            }
            ExemplarCmd::Status { unit, year, status } => {
                let s = ExemplarStatus::parse(&status).ok_or_else(|| {
                    Error::invalid(
                        "status",
                        format!("'{status}' is not valid; use đang xây dựng, đạt or không đạt"),
                        format!("'{status}' không hợp lệ; dùng đang xây dựng, đạt hoặc không đạt"),
                    )
                })?;
                self.svc.set_exemplar_status(self.a, &unit, year, s)?;
                self.saved(
                    format!("Đã cập nhật điển hình {unit} năm {year}."),
                    format!("Updated exemplar {unit} for {year}."),
                );
                Ok(())
            }
            ExemplarCmd::List { year } => {
                let mut t = Table::new(&[
                    self.t("Năm", "Year"),
                    self.t("Đơn vị", "Unit"),
                    self.t("Tên", "Name"),
                    self.t("Trạng thái", "Status"),
                ]);
                for e in self.svc.exemplars(self.a, year)? {
                    let name = self
                        .svc
                        .unit(self.a, &e.unit)
                        .map(|u| u.title(self.lang))
                        .unwrap_or_default();
                    t.row(vec![
                        e.year.to_string(),
                        e.unit.clone(),
                        name,
                        e.status.label(self.lang).to_string(),
                    ]);
                }
                print!("{}", t.render());
                Ok(())
            }
        }
    }

    fn task(&self, c: TaskCmd) -> Result<()> {
        match c {
            TaskCmd::Add {
                title,
                unit,
                due,
                source,
                source_number,
                source_date,
                source_issuer,
                with,
                priority,
                details,
            } => {
                let due = parse_date("due", &due)?;
                let priority = Priority::parse(&priority).ok_or_else(|| {
                    Error::invalid(
                        "priority",
                        format!("'{priority}' is not a priority; use low, normal or high"),
                        format!("'{priority}' không hợp lệ; dùng thấp, thường hoặc cao"),
                    )
                })?;
                let source = if source.is_some()
                    || source_number.is_some()
                    || source_date.is_some()
                    || source_issuer.is_some()
                {
                    Some(Directive {
                        number: source_number.unwrap_or_default(),
                        date: source_date
                            .map(|d| parse_date("source-date", &d))
                            .transpose()?,
                        issuer: source_issuer.unwrap_or_default(),
                        summary: source.unwrap_or_default(),
                    })
                } else {
                    None
                };
                let coordinating = with
                    .into_iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                let t = self.svc.add_task(
                    self.a,
                    NewTask {
                        title,
                        details,
                        source,
                        lead_unit: unit,
                        coordinating,
                        due,
                        priority,
                    },
                )?;
                self.saved(
                    format!("Đã thêm nhiệm vụ #{}, hạn {}.", t.id, fmt_date(t.due)),
                    format!("Added task #{}, due {}.", t.id, fmt_date(t.due)),
                );
                Ok(())
            }
            TaskCmd::Log { id, text, percent } => {
                let t = self.svc.log_task(self.a, id, &text, percent)?;
                self.saved(
                    format!("Đã ghi tiến độ nhiệm vụ #{} ({}%).", t.id, t.percent()),
                    format!("Logged progress on task #{} ({}%).", t.id, t.percent()),
                );
                Ok(())
            }
            TaskCmd::Done { id } => {
                self.svc.complete_task(self.a, id)?;
                self.saved(
                    format!("Nhiệm vụ #{id} đã hoàn thành."),
                    format!("Task #{id} is done."),
                );
                Ok(())
            }
            TaskCmd::Cancel { id, reason } => {
                self.svc.cancel_task(self.a, id, &reason)?;
                self.saved(
                    format!("Đã hủy nhiệm vụ #{id}."),
                    format!("Cancelled task #{id}."),
                );
                Ok(())
            }
            TaskCmd::Show { id } => self.task_show(id),
            TaskCmd::List {
                overdue,
                under,
                all,
                status,
            } => {
                let statuses = match (all, status) {
                    (_, Some(s)) => vec![TaskStatus::parse(&s).ok_or_else(|| {
                        Error::invalid(
                            "status",
                            format!(
                                "'{s}' is not a status; use new, in-progress, done or cancelled"
                            ),
                            format!(
                                "'{s}' không hợp lệ; dùng mới, đang thực hiện, hoàn thành hoặc hủy"
                            ),
                        )
                    })?],
                    (true, None) => TaskStatus::ALL.to_vec(),
                    (false, None) => vec![],
                };
                self.task_list(TaskQuery {
                    overdue,
                    under,
                    statuses,
                    due_before: None,
                    offset: 0,
                    limit: MAX_LIMIT,
                })
            }
        }
    }

    fn task_list(&self, q: TaskQuery) -> Result<()> {
        let today = crate::domain::date::today(jiff::Timestamp::now());
        let tasks = all_pages(|offset, limit| {
            self.svc.tasks(
                self.a,
                &TaskQuery {
                    offset,
                    limit,
                    ..q.clone()
                },
            )
        })?;
        let mut t = Table::new(&[
            "#",
            self.t("Hạn", "Due"),
            "",
            self.t("Đơn vị", "Unit"),
            self.t("Trạng thái", "Status"),
            "%",
            self.t("Nhiệm vụ", "Task"),
        ]);
        for x in &tasks {
            let flag = if x.is_overdue(today) {
                self.t("QUÁ HẠN", "OVERDUE")
            } else {
                ""
            };
            t.row(vec![
                x.id.to_string(),
                fmt_date(x.due),
                flag.to_string(),
                x.lead_unit.clone(),
                x.status.label(self.lang).to_string(),
                x.percent().to_string(),
                x.title.clone(),
            ]);
        }
        self.print_counted(&t, tasks.len(), "nhiệm vụ", "tasks");
        Ok(())
    }

    fn task_show(&self, id: u64) -> Result<()> {
        let t = self.svc.task(self.a, id)?;
        let l = self.lang;
        println!("#{} {}", t.id, t.title);
        println!(
            "{}: {}  {}: {}  {}: {}",
            self.t("Hạn", "Due"),
            fmt_date(t.due),
            self.t("Ưu tiên", "Priority"),
            t.priority.label(l),
            self.t("Trạng thái", "Status"),
            t.status.label(l)
        );
        println!(
            "{}: {}{}",
            self.t("Chủ trì", "Lead"),
            t.lead_unit,
            if t.coordinating.is_empty() {
                String::new()
            } else {
                format!(
                    "; {}: {}",
                    self.t("phối hợp", "with"),
                    t.coordinating.join(", ")
                )
            }
        );
        if let Some(s) = &t.source {
            println!(
                "{}: {} {} {} — {}",
                self.t("Nguồn", "Source"),
                s.number,
                s.date.map(fmt_date).unwrap_or_default(),
                s.issuer,
                s.summary
            );
        }
        if !t.details.is_empty() {
            println!("{}", t.details);
        }
        for e in &t.log {
            println!(
                "  {} {}{}: {}",
                crate::domain::date::fmt_time(e.at),
                e.by,
                e.percent.map(|p| format!(" ({p}%)")).unwrap_or_default(),
                e.text
            );
        }
        Ok(())
    }

    fn audit(&self, entity: Option<String>, limit: usize) -> Result<()> {
        let page = self.svc.audit(
            self.a,
            &AuditQuery {
                entity,
                offset: 0,
                limit,
            },
        )?;
        let mut t = Table::new(&[
            "#",
            self.t("Lúc", "At"),
            self.t("Người", "Actor"),
            self.t("Thao tác", "Action"),
            self.t("Đối tượng", "Entity"),
            self.t("Nội dung", "Summary"),
        ]);
        for e in page.items {
            t.row(vec![
                e.seq.to_string(),
                crate::domain::date::fmt_time(e.at),
                e.actor,
                e.action,
                e.entity,
                e.summary,
            ]);
        }
        print!("{}", t.render());
        Ok(())
    }

    fn check(&self) -> Result<()> {
        let r = self.svc.check(self.a)?;
        for p in &r.problems {
            println!("{p}");
        }
        if r.problems.is_empty() {
            self.saved(
                format!(
                    "Kiểm tra đạt: {} bản ghi, {} mục chỉ mục.",
                    r.records, r.index_entries
                ),
                format!(
                    "Check passed: {} records, {} index entries.",
                    r.records, r.index_entries
                ),
            );
            Ok(())
        } else {
            Err(Error::CheckFailed {
                problems: r.problems.len(),
            })
        }
    }

    fn gen(&self, units: usize, reports: usize, tasks: usize, seed: u64) -> Result<()> {
        if self.svc.indicators(self.a)?.is_empty() {
            for ind in crate::sample::indicators()? {
                self.svc.put_indicator(self.a, ind)?;
            }
        }
        let cat = self.svc.indicators(self.a)?;
        let bulk = crate::gen::generate(
            &crate::gen::Spec {
                units,
                reports,
                tasks,
                seed,
            },
            &cat,
        );
        let (u, r, t) = (bulk.units.len(), bulk.reports.len(), bulk.tasks.len());
        self.svc.bulk_load(self.a, bulk)?;
        self.saved(
            format!("Đã sinh {u} đơn vị, {r} báo cáo, {t} nhiệm vụ."),
            format!("Generated {u} units, {r} reports, {t} tasks."),
        );
        Ok(())
    }
}
