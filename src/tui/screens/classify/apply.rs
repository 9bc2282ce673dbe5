//! How the classify screen's answers change the state.

use crate::domain::assessment::{Assessment, Cutoffs};
use crate::domain::exemplar::Exemplar;
use crate::tui::app::effects::Effect;
use crate::tui::app::loads::refit;
use crate::tui::app::selection::{follow, selected_assessment};
use crate::tui::app::state::{State, Tone};
use crate::tui::catalogue::texts;
use crate::tui::screens::classify::data::{classify_load, ClassifyEvent};

/// The year's assessments shown, or one of them changed.
pub(crate) fn apply(s: &mut State, ev: ClassifyEvent) -> Vec<Effect> {
    let t = texts(s.lang);
    let done = match ev {
        ClassifyEvent::Loaded {
            rows,
            cutoffs,
            exemplars_next,
        } => {
            show_year(s, rows, cutoffs, exemplars_next);
            return vec![];
        }
        ClassifyEvent::Moved(x) => {
            let status = x.status.label(s.lang);
            (
                Tone::Good,
                format!("{status}: {} · {}", s.unit_label(&x.unit), x.year),
            )
        }
        ClassifyEvent::Saved(x) => {
            let unit = s.unit_label(&x.unit);
            (Tone::Good, format!("{}: {unit} · {}", t.saved, x.year))
        }
        ClassifyEvent::ExemplarsSelected {
            year,
            count,
            errors,
        } => {
            s.classify.marked.clear();
            if errors.is_empty() {
                let done = format!("{}: {} {year} ({count})", t.saved, t.exemplars_of);
                (Tone::Good, done)
            } else {
                let chosen = format!("{}: {count}", t.exemplars_chosen);
                (Tone::Bad, format!("{chosen}; {}", errors.join("; ")))
            }
        }
        ClassifyEvent::ExemplarStatusSet(x) => {
            let text = format!(
                "{}: {} {} · {} · {}",
                t.saved,
                t.exemplars_of,
                x.year,
                s.unit_label(&x.unit),
                x.status.label(s.lang)
            );
            (Tone::Good, text)
        }
    };
    s.say(done.0, done.1);
    s.form = None;
    vec![classify_load(s).into()]
}

/// A year's rows, keeping the cursor on the unit it was on.
fn show_year(s: &mut State, rows: Vec<Assessment>, cutoffs: Cutoffs, next: Vec<Exemplar>) {
    let t = texts(s.lang);
    let keep = selected_assessment(s)
        .map(|x| x.unit.clone())
        .filter(|_| s.classify.shown == Some(s.classify.year));
    s.classify.shown = Some(s.classify.year);
    s.classify.rows = rows;
    if let Some(unit) = keep {
        let units: Vec<String> = s
            .visible_assessments()
            .iter()
            .map(|&i| s.classify.rows[i].unit.clone())
            .collect();
        follow(&mut s.classify.cursor, units.into_iter(), unit);
    }
    // Placeholder cut-offs are said once, in words, where the grades are shown.
    if cutoffs.sample && s.message.is_none() {
        let c = &cutoffs;
        let note = format!(
            "{} {}/{}/{} ({})",
            t.sample_cutoffs, c.excellent, c.good, c.average, t.sample_cutoffs_fix
        );
        s.say(Tone::Info, note);
    }
    s.classify.cutoffs = cutoffs;
    s.classify.exemplars_next = next;
    refit(s);
}
