//! `antq units`: the unit registry: list, show, add, edit, retire, merge, split, lineage.

use crate::cli::output::out;
use clap::Subcommand;

use crate::cli::ctx::*;
use crate::cli::output::all_pages;
use crate::cli::table::Table;
use crate::domain::date::{fmt_date, parse_date};
use crate::domain::unit::{exact, official_code};
use crate::domain::unit::{Unit, UnitKind};
use crate::error::Result;
use crate::service::api::*;

#[derive(Subcommand, Debug)]
pub enum UnitsCmd {
    /// List units in tree order
    List {
        /// Only this unit and those below it
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
        /// Match names ignoring accents ("vinh thuan dong"), or a code prefix
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Include retired and merged units (a search always includes them)
        #[arg(long)]
        all: bool,
        /// The units that existed on this day, under that day's parents
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Show the unit holding a code (today, or --on DATE): its dated names and parents,
    /// predecessors and successors
    Show {
        code: String,
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// JSON for scripts: the unit as of the day, its path and its lineage
        #[arg(long)]
        json: bool,
    },
    /// Add a unit
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// xã, phường, thị trấn, huyện, khu dân cư, cơ quan… or commune, ward, district…
        #[arg(long)]
        kind: String,
        #[arg(long, value_name = "CODE")]
        parent: Option<String>,
        /// First day the unit exists (YYYY-MM-DD or DD/MM/YYYY)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Change a unit's name, kind, parent or notes
    Edit {
        code: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        /// New parent code; "-" moves the unit to the top
        #[arg(long, value_name = "CODE")]
        parent: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        /// The first day the new name, kind or parent hold; the old ones stay as history.
        /// Without it the current values are corrected.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
    },
    /// Retire a unit: its last day is --on (default today)
    Retire {
        code: String,
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Undo a retirement entered by mistake (admin)
    Unretire { code: String },
    /// Undo a merge entered by mistake, while the successor has nothing recorded since (admin)
    Unmerge { code: String },
    /// Merge units into a successor from a date; history stays with the old units
    Merge {
        #[arg(required = true)]
        codes: Vec<String>,
        #[arg(long, value_name = "CODE")]
        into: String,
        /// First day of the merged unit
        #[arg(long, value_name = "DATE")]
        on: String,
    },
    /// Delete a unit that has no reports, tasks, assessments or units below it
    Delete { code: String },
}

impl Ctx<'_> {
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per `units` subcommand: the table of what each does"
    )]
    pub(crate) fn units(&self, c: UnitsCmd) -> Result<()> {
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
            UnitsCmd::Show { code, on, json } => {
                let on = on.map(|d| parse_date("on", &d)).transpose()?;
                if json {
                    return self.unit_json(&code, on);
                }
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
            UnitsCmd::Unretire { code } => {
                let u = self.svc.unretire_unit(self.a, &code)?;
                self.saved(
                    format!("Đơn vị {} hoạt động trở lại.", u.official_code()),
                    format!("Unit {} is active again.", u.official_code()),
                );
                Ok(())
            }
            UnitsCmd::Unmerge { code } => {
                let u = self.svc.unmerge_unit(self.a, &code)?;
                self.saved(
                    format!(
                        "Đã hoàn tác sáp nhập: {} hoạt động trở lại.",
                        u.official_code()
                    ),
                    format!("Merge undone: {} is active again.", u.official_code()),
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

    pub(crate) fn units_list(
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
            out!("{} {}", self.t("Ngày", "On"), fmt_date(d));
        }
        self.print_counted(&t, units.len(), "đơn vị", "units");
        Ok(())
    }

    pub(crate) fn unit_state(&self, u: &Unit) -> String {
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

    /// `units show --json`: the unit as of the day, with codes as users know them.
    fn unit_json(&self, code: &str, on: Option<jiff::civil::Date>) -> Result<()> {
        let u = match on {
            Some(d) => self.svc.unit_on(self.a, code, d)?,
            None => self.svc.unit(self.a, code)?,
        };
        let day = on.unwrap_or_else(|| {
            u.valid_to
                .unwrap_or(jiff::civil::Date::MAX)
                .min(crate::domain::date::today(jiff::Timestamp::now()))
        });
        let v = u.on(day);
        let codes = |x: &[String]| -> Vec<String> {
            x.iter().map(|c| official_code(c).to_string()).collect()
        };
        super::report::print_json(&serde_json::json!({
            "code": u.official_code(),
            "name": v.name,
            "kind": v.kind.code(),
            "parent": v.parent.map(official_code),
            "on": day.to_string(),
            "valid_from": u.valid_from.map(|d| d.to_string()),
            "valid_to": u.valid_to.map(|d| d.to_string()),
            "predecessors": codes(&u.predecessors.iter().map(|p| p.unit.clone()).collect::<Vec<_>>()),
            "successors": codes(&u.successors.iter().map(|p| p.unit.clone()).collect::<Vec<_>>()),
            "notes": u.notes,
        }))
    }

    #[allow(
        clippy::too_many_lines,
        reason = "the unit card, printed top to bottom in the order it shows"
    )]
    pub(crate) fn unit_show(&self, code: &str, on: Option<jiff::civil::Date>) -> Result<()> {
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
        out!(
            "{} {} ({})",
            now.kind.label(l),
            safe(now.name),
            u.official_code()
        );
        let path = self.path_on(&u, day)?;
        out!(
            "{} ({}): {}",
            self.t("Đường dẫn", "Path"),
            fmt_date(day),
            path.join(" › ")
        );
        out!(
            "{}: {} – {}",
            self.t("Tồn tại", "Existed"),
            u.valid_from.map(fmt_date).unwrap_or_else(|| "…".into()),
            u.valid_to.map(fmt_date).unwrap_or_else(|| "…".into())
        );
        if !u.history.is_empty() {
            out!(
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
                out!(
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
            out!("{label} ({}):", links.len());
            for link in links {
                let other = self.svc.unit(self.a, &exact(&link.unit)).ok();
                let part = other.as_ref().is_some_and(|o| o.successors.len() > 1)
                    && std::ptr::eq(links, &u.predecessors)
                    || std::ptr::eq(links, &u.successors) && u.successors.len() > 1;
                out!(
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
            out!("{}: {}", self.t("Ghi chú", "Notes"), safe(&u.notes));
        }
        let cut = self.svc.settings(self.a)?.cutoffs;
        // A new unit's classification history is its predecessors' before it, by name.
        let formed_from: Vec<&str> = u.predecessors.iter().map(|p| p.unit.as_str()).collect();
        for x in self
            .svc
            .assessments(self.a, None, Some(&exact(&u.code)))?
            .iter()
            .filter(|x| x.unit == u.code || formed_from.contains(&x.unit.as_str()))
        {
            let whose = if x.unit == u.code {
                String::new()
            } else {
                format!(" ({}, {})", self.unit_label(&x.unit), self.t("cũ", "old"))
            };
            out!(
                "{} {}: {} {}, {}, {}{whose}",
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
    pub(crate) fn unit_label(&self, id: &str) -> String {
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
    pub(crate) fn path_on(&self, u: &Unit, day: jiff::civil::Date) -> Result<Vec<String>> {
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
}
