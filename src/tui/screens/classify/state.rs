//! What the classify screen shows: the year's assessments, the cut-offs, the units marked.

use std::collections::BTreeSet;

use crate::domain::assessment::{Assessment, Cutoffs};
use crate::domain::exemplar::Exemplar;
use crate::tui::app::cursor::Cursor;

#[derive(Clone, Debug)]
pub struct ClassifyView {
    pub year: i16,
    pub rows: Vec<Assessment>,
    pub cutoffs: Cutoffs,
    pub marked: BTreeSet<String>,
    pub exemplars_next: Vec<Exemplar>,
    pub cursor: Cursor,
    /// The year the rows were loaded for (see `ReportsView::shown`).
    pub shown: Option<i16>,
    /// `f`: the units that existed in the year and have no assessment yet, instead of the rows.
    pub missing_only: bool,
}
