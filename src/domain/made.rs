//! A unit's figures over a period: the report filed for it, or, when there is none, made from
//! the shorter periods inside it (months into quarters, quarters into halves, halves into
//! years), each indicator adding up as the catalogue says: flows are summed, stocks take the
//! latest value.

use crate::domain::indicator::OverTime;
use crate::domain::period::Period;

/// Where a unit's figures for a period come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Source {
    /// Nothing was reported for the period or inside it.
    #[default]
    Missing,
    /// The report filed for the period itself.
    Filed,
    /// Made from shorter periods, covering `months` of the period's `of`.
    Made { months: u32, of: u32 },
}

impl Source {
    pub fn is_partial(self) -> bool {
        matches!(self, Source::Made { months, of } if months < of)
    }

    /// "from 3 of 3 months", for a made figure; empty otherwise.
    pub fn describe(self, lang: crate::i18n::Lang) -> String {
        match self {
            Source::Made { months, of } => lang
                .pick(
                    &format!("từ {months}/{of} tháng"),
                    &format!("from {months} of {of} months"),
                )
                .to_string(),
            _ => String::new(),
        }
    }
}

/// One indicator's figure, and the last month it speaks for (a stock's latest value wins).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Value {
    pub value: u64,
    pub as_of: u32,
}

/// Figures for the indicators of a summary, in its order, and how many months they cover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    pub values: Vec<Option<Value>>,
    pub months: u32,
}

impl Figures {
    /// A report filed for `period`, its values in the indicators' order.
    pub fn filed(period: Period, values: Vec<Option<u64>>) -> Figures {
        let as_of = period.last_month_number();
        Figures {
            values: values
                .into_iter()
                .map(|v| v.map(|value| Value { value, as_of }))
                .collect(),
            months: u32::from(period.kind.months()),
        }
    }

    /// Adds the figures of another stretch of time, or of another unit at the same time.
    pub fn add(&mut self, other: &Figures, rules: &[OverTime]) {
        for ((mine, theirs), rule) in self.values.iter_mut().zip(&other.values).zip(rules) {
            *mine = match (*mine, *theirs) {
                (None, x) | (x, None) => x.or(*mine),
                (Some(a), Some(b)) => Some(combine(a, b, *rule)),
            };
        }
        self.months += other.months;
    }

    /// The value of each indicator, 0 where nothing was reported.
    pub fn totals(&self) -> Vec<u64> {
        self.values
            .iter()
            .map(|v| v.map_or(0, |v| v.value))
            .collect()
    }
}

fn combine(a: Value, b: Value, rule: OverTime) -> Value {
    let as_of = a.as_of.max(b.as_of);
    match rule {
        OverTime::Sum => Value {
            value: a.value + b.value,
            as_of,
        },
        // Stocks at the same month belong to different units: they add up. A later one
        // replaces an earlier one.
        OverTime::Last => match a.as_of.cmp(&b.as_of) {
            std::cmp::Ordering::Less => b,
            std::cmp::Ordering::Greater => a,
            std::cmp::Ordering::Equal => Value {
                value: a.value + b.value,
                as_of,
            },
        },
    }
}

/// The figures for `period`: the report filed for it if `filed` has one, else made from the
/// periods inside it. None when nothing inside it was filed either.
pub fn over(
    period: Period,
    rules: &[OverTime],
    filed: &mut impl FnMut(Period) -> Option<Vec<Option<u64>>>,
) -> Option<Figures> {
    match filed(period) {
        Some(v) => Some(Figures::filed(period, v)),
        None => from_parts(period, rules, filed),
    }
}

/// The figures for `period` made from the periods inside it only (never its own report).
pub fn from_parts(
    period: Period,
    rules: &[OverTime],
    filed: &mut impl FnMut(Period) -> Option<Vec<Option<u64>>>,
) -> Option<Figures> {
    let mut out: Option<Figures> = None;
    for part in period.parts() {
        if let Some(f) = over(part, rules, filed) {
            match &mut out {
                Some(o) => o.add(&f, rules),
                None => out = Some(f),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn p(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    /// Two indicators: a flow and a stock.
    const RULES: [OverTime; 2] = [OverTime::Sum, OverTime::Last];

    fn made(period: &str, filed: &[(&str, u64, u64)]) -> Option<Figures> {
        let by: HashMap<Period, Vec<Option<u64>>> = filed
            .iter()
            .map(|(q, a, b)| (p(q), vec![Some(*a), Some(*b)]))
            .collect();
        from_parts(p(period), &RULES, &mut |q| by.get(&q).cloned())
    }

    #[test]
    fn a_quarter_sums_flows_and_takes_the_last_stock() {
        let f = made(
            "2026-Q3",
            &[("2026-07", 4, 10), ("2026-08", 4, 11), ("2026-09", 4, 12)],
        )
        .unwrap();
        assert_eq!(f.totals(), vec![12, 12]);
        assert_eq!(f.months, 3);
    }

    #[test]
    fn missing_months_make_a_partial_figure() {
        let f = made("2026-Q3", &[("2026-07", 4, 10), ("2026-08", 5, 11)]).unwrap();
        assert_eq!((f.totals(), f.months), (vec![9, 11], 2));
        assert_eq!(made("2026-Q3", &[("2026-10", 1, 1)]), None);
    }

    #[test]
    fn a_filed_quarter_counts_instead_of_its_months_in_a_year() {
        let f = made(
            "2026",
            &[
                ("2026-Q1", 30, 5),
                ("2026-01", 1, 1),
                ("2026-04", 2, 6),
                ("2026-12", 3, 9),
            ],
        )
        .unwrap();
        assert_eq!((f.totals(), f.months), (vec![35, 9], 5));
    }

    #[test]
    fn stocks_of_two_units_at_one_month_add_up() {
        let mut a = Figures::filed(p("2025-06"), vec![Some(2), Some(10)]);
        a.add(
            &Figures::filed(p("2025-06"), vec![Some(3), Some(7)]),
            &RULES,
        );
        assert_eq!(a.totals(), vec![5, 17]);
        a.add(
            &Figures::filed(p("2025-Q3"), vec![Some(1), Some(20)]),
            &RULES,
        );
        assert_eq!(a.totals(), vec![6, 20]);
    }
}
