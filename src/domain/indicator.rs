//! The indicator catalogue: what a periodic report counts.

use serde::{Deserialize, Serialize};

use crate::domain::period::PeriodKind;
use crate::domain::unit::UnitKind;
use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub code: String,
    pub label_vi: String,
    pub label_en: String,
    pub unit_kinds: Vec<UnitKind>,
    pub periods: Vec<PeriodKind>,
    /// Display order in forms and tables.
    pub order: u16,
    /// How months add up into quarters, halves and years.
    pub over_time: OverTime,
}

/// How an indicator adds up over time: flows (sessions, tips, cases) are summed; stocks
/// (active models, members, registered households) take the latest value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OverTime {
    Sum,
    Last,
}

impl OverTime {
    pub fn code(self) -> &'static str {
        match self {
            OverTime::Sum => "sum",
            OverTime::Last => "last",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            OverTime::Sum => lang.pick("cộng dồn", "sum"),
            OverTime::Last => lang.pick("số cuối kỳ", "last"),
        }
    }

    pub fn parse(s: &str) -> Option<OverTime> {
        match crate::domain::text::fold(s).as_str() {
            "sum" | "cong don" => Some(OverTime::Sum),
            "last" | "so cuoi ky" => Some(OverTime::Last),
            _ => None,
        }
    }

    /// The catalogue's stocks before indicators said how they add up: the rest are flows.
    pub fn before_catalogue_said(code: &str) -> OverTime {
        match code {
            "mh_so" | "mh_tv" | "ho_dk" => OverTime::Last,
            _ => OverTime::Sum,
        }
    }
}

/// An indicator as schema 1 stored it, before `over_time`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorV1 {
    pub code: String,
    pub label_vi: String,
    pub label_en: String,
    pub unit_kinds: Vec<UnitKind>,
    pub periods: Vec<PeriodKind>,
    pub order: u16,
}

impl From<IndicatorV1> for Indicator {
    fn from(o: IndicatorV1) -> Indicator {
        Indicator {
            over_time: OverTime::before_catalogue_said(&o.code),
            code: o.code,
            label_vi: o.label_vi,
            label_en: o.label_en,
            unit_kinds: o.unit_kinds,
            periods: o.periods,
            order: o.order,
        }
    }
}

impl Indicator {
    pub fn applies(&self, kind: UnitKind, period: PeriodKind) -> bool {
        self.unit_kinds.contains(&kind) && self.periods.contains(&period)
    }

    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.label_vi, &self.label_en)
    }
}
