//! One unit as the lists and the unit pickers need it, loaded once and shared.

use jiff::civil::Date;

use crate::domain::unit::UnitKind;

/// One unit as lists and pickers need it.
#[derive(Clone, Debug)]
pub struct UnitRow {
    pub code: String,
    pub name: String,
    pub folded: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
    pub retired: bool,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub depth: usize,
    pub has_children: bool,
}
