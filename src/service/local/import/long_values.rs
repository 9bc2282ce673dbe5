//! Reports from a long file, one figure per row (`unit,period,indicator,value`, like DHIS2's
//! data value sets): read into the wide table the report import checks and writes, so both
//! shapes run the same rules.

use std::collections::HashMap;

use crate::domain::indicator::Indicator;
use crate::domain::period::Period;
use crate::domain::report::parse_value;
use crate::domain::text;
use crate::error::Problem;
use crate::exchange::columns::{columns, Table};
use crate::exchange::table_rows::Rows;
use crate::service::api::{ImportKind, ImportTable};

/// A figure the long file does not mention: the report keeps what it has. Never a cell of a
/// file (text files and workbooks hold no NUL), so it cannot be typed.
pub(super) const NOT_GIVEN: &str = "\u{0}";

/// Whether the header row is the long shape: it names an indicator column and a value column.
pub(super) fn is_long(kind: ImportKind, headers: &[String]) -> bool {
    let map = super::map_headers(headers, &columns(Table::Values, &[]), &mut Vec::new());
    kind == ImportKind::Reports && map.contains_key("indicator") && map.contains_key("value")
}

/// The long table as a wide one: a row per unit and period, at the line of its first figure.
/// Problems a row alone shows (a period, an indicator, a number, a repeat) name its own line.
pub(super) fn widen(
    t: &ImportTable,
    cat: &[Indicator],
    problems: &mut Vec<Problem>,
) -> ImportTable {
    let map = super::map_headers(&t.headers, &columns(Table::Values, cat), problems);
    let cell = |r: &crate::exchange::table_rows::RowCells, col: &str| {
        map.get(col)
            .and_then(|&i| r.get(i))
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let header = |col: &str| {
        map.get(col)
            .map_or(col.to_string(), |&i| t.headers[i].clone())
    };
    let mut groups: Vec<(u64, String, String, HashMap<usize, String>)> = Vec::new();
    let mut at: HashMap<(String, String), usize> = HashMap::new();
    let mut seen: HashMap<(usize, usize), u64> = HashMap::new();
    for r in t.rows.iter() {
        let line = r.line;
        let period = match Period::parse(&cell(&r, "period")) {
            Ok(p) => p.to_string(),
            Err(e) => {
                problems.push(Problem::from_error(line, &header("period"), &e));
                continue;
            }
        };
        let Some(ind) = indicator(cat, &cell(&r, "indicator")) else {
            problems.push(unknown_indicator(
                line,
                &header("indicator"),
                &cell(&r, "indicator"),
                cat,
            ));
            continue;
        };
        let value = cell(&r, "value");
        if let Err(e) = parse_value(&cat[ind].code, &value) {
            problems.push(Problem::from_error(line, &header("value"), &e));
            continue;
        }
        let unit = cell(&r, "unit");
        let g = *at.entry((unit.clone(), period.clone())).or_insert_with(|| {
            groups.push((line, unit.clone(), period.clone(), HashMap::new()));
            groups.len() - 1
        });
        if let Some(first) = seen.insert((g, ind), line) {
            let key = format!("{unit}/{period}/{}", cat[ind].code);
            problems.push(super::repeated(line, &header("indicator"), &key, first));
            seen.insert((g, ind), first);
            continue;
        }
        groups[g].3.insert(ind, value);
    }
    let mut headers = vec!["unit".to_string(), "period".to_string()];
    headers.extend(cat.iter().map(|i| i.code.clone()));
    let mut rows = Rows::default();
    for (line, unit, period, figures) in groups {
        let values = (0..cat.len()).map(|i| figures.get(&i).map_or(NOT_GIVEN, String::as_str));
        let cells: Vec<&str> = [unit.as_str(), period.as_str()]
            .into_iter()
            .chain(values)
            .collect();
        rows.push(line, cells);
    }
    ImportTable {
        kind: ImportKind::Reports,
        file: t.file.clone(),
        headers,
        rows,
    }
}

/// The indicator a cell names: its code, or its Vietnamese or English label.
fn indicator(cat: &[Indicator], s: &str) -> Option<usize> {
    let f = text::fold(s);
    cat.iter()
        .position(|i| i.code == s || text::fold(&i.label_vi) == f || text::fold(&i.label_en) == f)
}

fn unknown_indicator(line: u64, col: &str, s: &str, cat: &[Indicator]) -> Problem {
    let codes: Vec<&str> = cat.iter().map(|i| i.code.as_str()).collect();
    Problem::new(
        line,
        col,
        format!("'{s}' is not an indicator; use one of {}", codes.join(", ")),
        format!(
            "'{s}' không phải là chỉ tiêu; hãy dùng một trong {}",
            codes.join(", ")
        ),
    )
}
