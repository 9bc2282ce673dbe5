//! What the units screen asks of the service and what comes back (`apply.rs` turns it into
//! state). The unit tree is loaded here for every screen: lists and pickers name units from it.

use crate::domain::assessment::Assessment;
use crate::domain::report::Report;
use crate::domain::unit::{exact, Unit};
use crate::error::Error;
use crate::service::{
    Actor, NewUnit, ReportQuery, Service, TaskQuery, UnitPatch, UnitQuery, MAX_LIMIT,
};
use crate::tui::app::state::{UnitDetail, UnitRow};

/// A request about units.
#[derive(Clone, Debug)]
pub enum UnitEffect {
    /// The whole tree.
    Load,
    Detail {
        code: String,
    },
    Add(NewUnit),
    Edit {
        code: String,
        patch: UnitPatch,
    },
    /// Undo a retirement, or a merge when `merged`.
    Undo {
        code: String,
        merged: bool,
    },
    Retire {
        code: String,
        on: jiff::civil::Date,
    },
    Merge {
        code: String,
        into: String,
        on: jiff::civil::Date,
    },
}

/// Its answer.
#[derive(Debug)]
pub enum UnitEvent {
    List(Vec<UnitRow>),
    Detail(Box<UnitDetail>),
    Saved(Box<Unit>),
}

pub(crate) fn run(svc: &dyn Service, a: &Actor, e: UnitEffect) -> Result<UnitEvent, Error> {
    let saved = |u: Unit| UnitEvent::Saved(Box::new(u));
    Ok(match e {
        UnitEffect::Load => UnitEvent::List(unit_rows(svc, a)?),
        UnitEffect::Detail { code } => UnitEvent::Detail(Box::new(unit_detail(svc, a, &code)?)),
        UnitEffect::Add(n) => saved(svc.add_unit(a, n)?),
        UnitEffect::Edit { code, patch } => saved(svc.edit_unit(a, &exact(&code), patch)?),
        UnitEffect::Undo { code, merged } => {
            let code = exact(&code);
            saved(if merged {
                svc.unmerge_unit(a, &code)?
            } else {
                svc.unretire_unit(a, &code)?
            })
        }
        UnitEffect::Retire { code, on } => saved(svc.retire_unit(a, &exact(&code), on)?),
        UnitEffect::Merge { code, into, on } => {
            saved(svc.merge_units(a, &[exact(&code)], &into, on)?)
        }
    })
}

/// Loads the whole unit tree in pre-order with depths, for lists and pickers.
fn unit_rows(svc: &dyn Service, a: &Actor) -> Result<Vec<UnitRow>, Error> {
    let mut all: Vec<Unit> = Vec::new();
    let mut offset = 0;
    loop {
        let p = svc.units(
            a,
            &UnitQuery {
                include_retired: true,
                offset,
                limit: MAX_LIMIT,
                ..Default::default()
            },
        )?;
        all.extend(p.items);
        match p.next {
            Some(n) => offset = n,
            None => break,
        }
    }
    let mut depth: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let parents: std::collections::HashSet<String> =
        all.iter().filter_map(|u| u.parent.clone()).collect();
    // The kind words, folded once per kind rather than once per unit (100,000 at national size).
    let kind_words: std::collections::HashMap<_, String> = crate::domain::unit::UnitKind::ALL
        .into_iter()
        .map(|k| {
            let words = format!(
                "{} {}",
                k.label(crate::i18n::Lang::En),
                k.label(crate::i18n::Lang::Vi)
            );
            (k, crate::domain::text::fold(&words))
        })
        .collect();
    Ok(all
        .into_iter()
        .map(|u| {
            let d = u
                .parent
                .as_ref()
                .and_then(|p| depth.get(p))
                .map_or(0, |d| d + 1);
            depth.insert(u.code.clone(), d);
            UnitRow {
                // The kind word too, as people say it: "/phuong tan" finds Phường Tân An.
                folded: join_folded(&kind_words[&u.kind], &crate::domain::text::fold(&u.name)),
                has_children: parents.contains(&u.code),
                retired: u.valid_to.is_some(),
                valid_from: u.valid_from,
                valid_to: u.valid_to,
                depth: d,
                code: u.code,
                name: u.name,
                kind: u.kind,
                parent: u.parent,
            }
        })
        .collect())
}

fn unit_detail(svc: &dyn Service, a: &Actor, code: &str) -> Result<UnitDetail, Error> {
    let id = code;
    let code = &exact(code);
    let unit = svc.unit(a, code)?;
    // Ancestors only: the unit itself heads the pane.
    let mut path: Vec<String> = svc
        .unit_path(a, code)?
        .into_iter()
        .map(|u| u.name)
        .collect();
    path.pop();
    // A new unit's classification history is its predecessors' before it.
    let formed_from: Vec<&str> = unit.predecessors.iter().map(|l| l.unit.as_str()).collect();
    let mut assessments: Vec<Assessment> = svc
        .assessments(a, None, Some(code))?
        .into_iter()
        .filter(|x| x.unit == id || formed_from.contains(&x.unit.as_str()))
        .collect();
    assessments.sort_by_key(|x| std::cmp::Reverse(x.year));
    let open_tasks = svc
        .tasks(
            a,
            &TaskQuery {
                under: Some(code.into()),
                limit: 5,
                ..Default::default()
            },
        )?
        .items;
    let mut recent_reports: Vec<Report> = svc
        .reports(
            a,
            &ReportQuery {
                under: Some(code.into()),
                limit: MAX_LIMIT,
                ..Default::default()
            },
        )?
        .items
        .into_iter()
        .filter(|r| r.unit == id)
        .collect();
    recent_reports.sort_by_key(|r| std::cmp::Reverse(r.period));
    recent_reports.truncate(5);
    Ok(UnitDetail {
        unit: Some(unit),
        path,
        assessments,
        open_tasks,
        recent_reports,
    })
}

/// `fold("A B")` from `fold("A")` and `fold("B")`: folding keeps single spaces and trims ends.
fn join_folded(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (_, true) => a.to_string(),
        (true, false) => b.to_string(),
        (false, false) => format!("{a} {b}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn folding_the_kind_and_the_name_apart_gives_the_folding_of_both() {
        use crate::domain::text::fold;
        for (kind, name) in [
            ("Xã commune", "Hỏa Lựu"),
            ("Phường", "  Đông  An "),
            ("x", ""),
        ] {
            let whole = fold(&format!("{kind} {name}"));
            assert_eq!(super::join_folded(&fold(kind), &fold(name)), whole);
        }
    }
}
