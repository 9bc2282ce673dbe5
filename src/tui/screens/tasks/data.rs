//! What the tasks screen asks of the service and what comes back. `app` only routes these
//! here, and `apply.rs` beside this file turns the answers into state.

use crate::domain::task::Task;
use crate::error::Error;
use crate::service::{Actor, NewTask, Service, TaskPatch, TaskQuery, MAX_LIMIT};
use crate::tui::app::state::{State, TaskFilter};

/// A request about follow-up tasks.
#[derive(Clone, Debug)]
pub enum TaskEffect {
    Load {
        query: TaskQuery,
    },
    Add(NewTask),
    Edit {
        id: u64,
        patch: TaskPatch,
    },
    Log {
        id: u64,
        text: String,
        percent: Option<u8>,
    },
    Complete {
        id: u64,
    },
    HandOver {
        id: u64,
        revision: u64,
    },
    Cancel {
        id: u64,
        reason: String,
    },
}

/// Its answer.
#[derive(Debug)]
pub enum TaskEvent {
    List(Vec<Task>),
    Changed(Box<Task>),
}

/// Tasks shown by default: open ones, soonest due first.
pub fn task_query(overdue: bool, filter: TaskFilter) -> TaskQuery {
    TaskQuery {
        overdue,
        statuses: filter.statuses(),
        ..Default::default()
    }
}

/// The list again, as the screen's filters ask for it.
pub(crate) fn tasks_load(s: &State) -> TaskEffect {
    TaskEffect::Load {
        query: task_query(s.tasks.overdue_only, s.tasks.status),
    }
}

pub(crate) fn run(svc: &dyn Service, a: &Actor, e: TaskEffect) -> Result<TaskEvent, Error> {
    let changed = |t: Task| TaskEvent::Changed(Box::new(t));
    Ok(match e {
        TaskEffect::Load { query } => {
            let mut out = Vec::new();
            let mut q = query;
            q.limit = MAX_LIMIT;
            loop {
                let p = svc.tasks(a, &q)?;
                out.extend(p.items);
                match p.next {
                    Some(n) => q.offset = n,
                    None => break,
                }
            }
            TaskEvent::List(out)
        }
        TaskEffect::Add(t) => changed(svc.add_task(a, t)?),
        TaskEffect::Edit { id, patch } => changed(svc.edit_task(a, id, patch)?),
        TaskEffect::Log { id, text, percent } => changed(svc.log_task(a, id, &text, percent)?),
        TaskEffect::Complete { id } => changed(svc.complete_task(a, id)?),
        TaskEffect::HandOver { id, revision } => {
            changed(svc.hand_over_task(a, id, Some(revision))?)
        }
        TaskEffect::Cancel { id, reason } => changed(svc.cancel_task(a, id, &reason)?),
    })
}
