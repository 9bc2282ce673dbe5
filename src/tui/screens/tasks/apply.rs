//! How the tasks screen's answers change the state.

use crate::domain::task::Task;
use crate::tui::app::effects::Effect;
use crate::tui::app::loads::refit;
use crate::tui::app::selection::follow;
use crate::tui::app::state::{State, Tone};
use crate::tui::catalogue::texts;
use crate::tui::screens::tasks::data::{tasks_load, TaskEvent};

/// The task list and a changed task.
pub(crate) fn apply(s: &mut State, ev: TaskEvent) -> Vec<Effect> {
    match ev {
        TaskEvent::List(rows) => {
            show_list(s, rows);
            vec![]
        }
        TaskEvent::Changed(task) => {
            let t = texts(s.lang);
            s.tasks.quick_add = None;
            s.tasks.select_next = Some(task.id);
            s.say(
                Tone::Good,
                format!("{}: #{} {}", t.saved, task.id, task.title),
            );
            s.form = None;
            if s.tasks.detail.as_ref().is_some_and(|d| d.id == task.id) {
                s.tasks.detail = Some(*task);
            }
            vec![tasks_load(s).into()]
        }
    }
}

/// New rows, keeping the detail and the cursor on the task they were on.
fn show_list(s: &mut State, rows: Vec<Task>) {
    if let Some(d) = &s.tasks.detail {
        s.tasks.detail = rows
            .iter()
            .find(|x| x.id == d.id)
            .cloned()
            .or(s.tasks.detail.take());
    }
    let keep = s.tasks.select_next.take().or_else(|| {
        s.visible_tasks()
            .get(s.tasks.cursor.selected)
            .map(|&i| s.tasks.rows[i].id)
    });
    s.tasks.rows = rows;
    if let Some(id) = keep {
        let ids: Vec<u64> = s
            .visible_tasks()
            .iter()
            .map(|&i| s.tasks.rows[i].id)
            .collect();
        follow(&mut s.tasks.cursor, ids.into_iter(), id);
    }
    refit(s);
}
