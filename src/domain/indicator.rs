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
}

impl Indicator {
    pub fn applies(&self, kind: UnitKind, period: PeriodKind) -> bool {
        self.unit_kinds.contains(&kind) && self.periods.contains(&period)
    }

    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.label_vi, &self.label_en)
    }
}
