//! Deterministic synthetic data with Vietnamese names, for benchmarks and trials.
//!
//! The same spec and seed always give the same records.

use jiff::civil::Date;

use crate::domain::indicator::Indicator;
use crate::domain::period::{Period, PeriodKind};
use crate::domain::report::Report;
use crate::domain::task::{LogEntry, Priority, Task, TaskStatus};
use crate::domain::unit::{Unit, UnitKind};
use crate::domain::workflow::{Status, Step};
use crate::service::api::Bulk;

pub struct Spec {
    pub units: usize,
    pub reports: usize,
    pub tasks: usize,
    pub seed: u64,
}

/// SplitMix64: tiny, fast and reproducible across platforms.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len() as u64) as usize]
    }
}

const SYLLABLES: &[&str] = &[
    "An", "Bình", "Châu", "Đông", "Tây", "Hòa", "Hưng", "Long", "Mỹ", "Phú", "Tân", "Thạnh",
    "Thuận", "Vĩnh", "Lợi", "Phước", "Thới", "Trung", "Hiệp", "Định", "Lương", "Nghĩa", "Tường",
    "Viễn", "Xuân", "Khánh", "Hậu", "Giang", "Thủy", "Lộc", "Điền", "Quới", "Đức", "Hải",
];

pub fn name(rng: &mut Rng) -> String {
    let a = rng.pick(SYLLABLES);
    let mut b = rng.pick(SYLLABLES);
    while b == a {
        b = rng.pick(SYLLABLES);
    }
    if rng.below(4) == 0 {
        format!(
            "{a} {b} {}",
            rng.pick(&["A", "B", "Đông", "Tây", "Nam", "Bắc"])
        )
    } else {
        format!("{a} {b}")
    }
}

const DISTRICTS: usize = 10;
const HAMLETS: usize = 9;

fn units(n: usize, rng: &mut Rng) -> Vec<Unit> {
    let provinces = n.div_ceil(3000).max(1);
    let per = n.div_ceil(provinces);
    let communes = per
        .saturating_sub(1 + DISTRICTS)
        .div_ceil(DISTRICTS * (1 + HAMLETS))
        .max(1);
    let mut out = Vec::with_capacity(n);
    let push = |u: Unit, out: &mut Vec<Unit>| {
        if out.len() < n {
            out.push(u);
        }
    };
    for p in 0..provinces {
        let pc = format!("G{p:02}");
        push(
            Unit::new(&pc, &name(rng), UnitKind::Province, None),
            &mut out,
        );
        for d in 0..DISTRICTS {
            let dc = format!("{pc}-{d:02}");
            let dk = *rng.pick(&[UnitKind::District, UnitKind::Town, UnitKind::ProvincialCity]);
            push(Unit::new(&dc, &name(rng), dk, Some(&pc)), &mut out);
            for c in 0..communes {
                let cc = format!("{dc}-{c:03}");
                let ck = *rng.pick(&[
                    UnitKind::Commune,
                    UnitKind::Commune,
                    UnitKind::Ward,
                    UnitKind::Township,
                ]);
                push(Unit::new(&cc, &name(rng), ck, Some(&dc)), &mut out);
                for h in 0..HAMLETS {
                    let hc = format!("{cc}-{h}");
                    let hname = format!("Ấp {}", name(rng));
                    push(
                        Unit::new(&hc, &hname, UnitKind::ResidentialArea, Some(&cc)),
                        &mut out,
                    );
                }
            }
        }
    }
    out
}

fn at(d: Date, plus_days: i64) -> i64 {
    d.checked_add(jiff::Span::new().days(plus_days))
        .unwrap_or(d)
        .at(9, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::fixed(crate::domain::date::vn_offset()))
        .map(|z| z.timestamp().as_second())
        .unwrap_or(0)
}

fn report(u: &Unit, p: Period, cat: &[&Indicator], rng: &mut Rng) -> Report {
    let mut r = Report::new(&u.code, p, "gen", at(p.end(), 1));
    for i in cat.iter().filter(|i| i.unit_kinds.contains(&u.kind)) {
        let max = if i.code.ends_with("luot") || i.code.ends_with("_dk") {
            800
        } else {
            20
        };
        r.set_value(&i.code, Some(rng.below(max) as u32));
    }
    let status = match rng.below(10) {
        0..=5 => Status::Approved,
        6 | 7 => Status::Submitted,
        8 => Status::Returned,
        _ => Status::Draft,
    };
    if status != Status::Draft {
        let t = at(p.end(), rng.below(12) as i64);
        r.first_submitted_at = Some(t);
        r.history.push(Step {
            status: Status::Submitted,
            by: "gen".into(),
            at: t,
            note: String::new(),
        });
        if status != Status::Submitted {
            r.history.push(Step {
                status,
                by: "gen".into(),
                at: t + 86_400,
                note: String::new(),
            });
        }
        if status == Status::Returned {
            r.return_reason = Some("Bổ sung số liệu".into());
        }
    }
    r.status = status;
    r.revision = r.history.len() as u64;
    r
}

pub fn generate(spec: &Spec, catalogue: &[Indicator]) -> Bulk {
    let mut rng = Rng::new(spec.seed);
    let units = units(spec.units, &mut rng);
    let monthly: Vec<&Indicator> = catalogue
        .iter()
        .filter(|i| i.periods.contains(&PeriodKind::Month))
        .collect();
    let reporters: Vec<&Unit> = units
        .iter()
        .filter(|u| monthly.iter().any(|i| i.unit_kinds.contains(&u.kind)))
        .collect();
    let mut reports = Vec::with_capacity(spec.reports);
    let mut period = Period::month(2024, 1);
    while reports.len() < spec.reports && !reporters.is_empty() {
        for u in &reporters {
            if reports.len() == spec.reports {
                break;
            }
            reports.push(report(u, period, &monthly, &mut rng));
        }
        period = period.next().unwrap_or(period);
    }
    let start = Date::constant(2024, 1, 1);
    let tasks = (0..spec.tasks)
        .map(|i| {
            let lead = &units[rng.below(units.len() as u64) as usize];
            let status = *rng.pick(&[
                TaskStatus::New,
                TaskStatus::InProgress,
                TaskStatus::InProgress,
                TaskStatus::Done,
                TaskStatus::Cancelled,
            ]);
            let log = if status == TaskStatus::New {
                vec![]
            } else {
                vec![LogEntry {
                    at: at(start, 10),
                    by: "gen".into(),
                    text: "Đang triển khai".into(),
                    percent: Some(rng.below(100) as u8),
                }]
            };
            Task {
                id: i as u64 + 1,
                title: format!("Kiểm tra mô hình tự quản {}", name(&mut rng)),
                details: String::new(),
                source: None,
                lead_unit: lead.code.clone(),
                coordinating: vec![],
                due: start
                    .checked_add(jiff::Span::new().days(rng.below(1095) as i64))
                    .unwrap_or(start),
                priority: *rng.pick(&[Priority::Low, Priority::Normal, Priority::High]),
                status,
                log,
                created_by: "gen".into(),
                created_at: at(start, 0),
                revision: 0,
            }
        })
        .collect();
    Bulk {
        units,
        reports,
        tasks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_sized() {
        let cat = crate::sample::indicators().unwrap();
        let spec = Spec {
            units: 1000,
            reports: 5000,
            tasks: 100,
            seed: 7,
        };
        let a = generate(&spec, &cat);
        let b = generate(&spec, &cat);
        assert_eq!(a.units.len(), 1000);
        assert_eq!(a.reports.len(), 5000);
        assert_eq!(a.tasks.len(), 100);
        assert_eq!(a.units, b.units);
        assert_eq!(a.reports, b.reports);
        let codes: std::collections::HashSet<_> = a.units.iter().map(|u| &u.code).collect();
        assert_eq!(codes.len(), 1000, "codes are unique");
        let keys: std::collections::HashSet<_> = a
            .reports
            .iter()
            .map(|r| (r.unit.clone(), r.period))
            .collect();
        assert_eq!(keys.len(), 5000, "one report per unit and period");
    }
}
