//! The grid entry table: one row per unit, one column per indicator, saved row by row.

use crate::domain::period::Period;
use crate::domain::unit::UnitKind;
use crate::service::*;
use crate::tui::app::effects::Effect;
use crate::tui::app::loads::*;
use crate::tui::app::state::*;
use crate::tui::catalogue::texts;
use crate::tui::forms::submit::report_values;
use crate::tui::keymap::Action;
use crate::tui::screens::reports::data::ReportEffect;

pub(crate) fn key(s: &mut State, a: Action) -> Vec<Effect> {
    let t = texts(s.lang);
    let Some(g) = s.grid.as_mut() else {
        return vec![];
    };
    let (rows, cols) = (g.units.len(), g.indicators.len());
    if rows == 0 || cols == 0 {
        if a == Action::Back {
            s.grid = None;
        }
        return vec![];
    }
    match a {
        Action::Input(c) if c.is_ascii_digit() => {
            if g.locked[g.row] {
                let msg = format!("{}: {}", g.units[g.row], t.locked_row);
                s.say(Tone::Bad, msg);
            } else {
                let cell = &mut g.cells[g.row][g.col];
                if std::mem::take(&mut g.arrived) {
                    cell.clear();
                }
                if cell.len() < 10 {
                    cell.push(c);
                }
            }
        }
        Action::Input(_) => s.say(Tone::Bad, t.digits_only),
        Action::Backspace if !g.locked[g.row] => {
            g.arrived = false;
            g.cells[g.row][g.col].pop();
        }
        Action::ClearField if !g.locked[g.row] => g.cells[g.row][g.col].clear(),
        Action::NextField | Action::Right => {
            g.arrived = true;
            if g.col + 1 < cols {
                g.col += 1;
            } else if a == Action::NextField && g.row + 1 < rows {
                g.col = 0;
                g.row += 1;
            }
        }
        Action::PrevField | Action::Left => {
            g.arrived = true;
            if g.col > 0 {
                g.col -= 1;
            } else if a == Action::PrevField && g.row > 0 {
                g.row -= 1;
                g.col = cols - 1;
            }
        }
        Action::Up => {
            g.arrived = true;
            g.row = g.row.saturating_sub(1);
        }
        Action::Down => {
            g.arrived = true;
            g.row = (g.row + 1).min(rows - 1);
        }
        Action::Save => return save(s),
        Action::Back => {
            if g.dirty_rows().is_empty() {
                s.grid = None;
                return screen_load(s);
            }
            s.overlay = Overlay::Confirm {
                kind: ConfirmKind::DiscardGrid,
                text: t.unsaved_leave.to_string(),
            };
        }
        _ => {}
    }
    scroll_to_cursor(s);
    vec![]
}

/// Scrolls the grid so the cursor's row is on screen.
fn scroll_to_cursor(s: &mut State) {
    let h = s.list_height().saturating_sub(1).max(1);
    if let Some(g) = s.grid.as_mut() {
        if g.row < g.row_offset {
            g.row_offset = g.row;
        } else if g.row >= g.row_offset + h {
            g.row_offset = g.row + 1 - h;
        }
    }
}

pub(crate) fn open_grid(
    s: &mut State,
    period: Period,
    units: Vec<String>,
    reports: Vec<Option<crate::domain::report::Report>>,
) {
    // Columns: indicators that apply to any listed unit for this period kind.
    let kinds: Vec<UnitKind> = units
        .iter()
        .filter_map(|u| s.unit(u).map(|r| r.kind))
        .collect();
    let indicators: Vec<_> = s
        .indicators
        .iter()
        .filter(|i| kinds.iter().any(|k| i.applies(*k, period.kind)))
        .cloned()
        .collect();
    let cells: Vec<Vec<String>> = reports
        .iter()
        .map(|r| {
            indicators
                .iter()
                .map(|i| {
                    r.as_ref()
                        .and_then(|r| r.value(&i.code))
                        .map(|v| v.to_string())
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect();
    s.grid = Some(GridView {
        period,
        locked: reports
            .iter()
            .map(|r| r.as_ref().is_some_and(|r| !r.status.editable()))
            .collect(),
        revisions: reports
            .iter()
            .map(|r| r.as_ref().map(|r| r.revision))
            .collect(),
        original: cells.clone(),
        cells,
        units,
        indicators,
        row: 0,
        col: 0,
        row_offset: 0,
        col_offset: 0,
        errors: Default::default(),
        arrived: true,
    });
}

/// Saves every changed row, or nothing while any changed cell is not a count: the cursor goes
/// to the first bad cell and the message names its unit and indicator.
fn save(s: &mut State) -> Vec<Effect> {
    let lang = s.lang;
    let Some(g) = s.grid.as_mut() else {
        return vec![];
    };
    let mut inputs = Vec::new();
    for r in g.dirty_rows() {
        let changed = g
            .indicators
            .iter()
            .enumerate()
            .filter(|(c, _)| g.cells[r][*c] != g.original[r][*c])
            .map(|(c, ind)| (ind.code.as_str(), g.cells[r][c].as_str()));
        match report_values(changed) {
            Ok(values) => inputs.push((
                r,
                ReportInput {
                    unit: g.units[r].clone(),
                    period: g.period,
                    values,
                    narrative: None,
                    // A row with no report expects none (revision 0).
                    base_revision: g.revisions[r].or(Some(0)),
                },
            )),
            Err(e) => {
                let col = g
                    .indicators
                    .iter()
                    .position(|i| Some(i.code.as_str()) == e.field());
                (g.row, g.col) = (r, col.unwrap_or(g.col));
                g.errors.insert(r, e.render(lang));
                // The code only: the row is under the cursor, and the line must fit 80 columns.
                let msg = format!("{}: {}", g.units[r], e.render(lang));
                s.say(Tone::Bad, msg);
                scroll_to_cursor(s);
                return vec![];
            }
        }
    }
    if inputs.is_empty() {
        s.say(Tone::Info, texts(lang).nothing_changed);
        vec![]
    } else {
        vec![ReportEffect::SaveGrid { inputs }.into()]
    }
}
