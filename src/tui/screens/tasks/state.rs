//! What the tasks screen shows: its filters, the rows, the task opened.

use crate::domain::task::{Task, TaskStatus};
use crate::tui::app::cursor::Cursor;

/// Which tasks the Tasks screen lists: `f` steps through them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TaskFilter {
    /// New and in progress: what is still to be done.
    #[default]
    Open,
    Only(TaskStatus),
    /// Every task, done and cancelled too.
    All,
}

impl TaskFilter {
    pub fn next(self) -> TaskFilter {
        use TaskStatus::*;
        match self {
            TaskFilter::Open => TaskFilter::Only(New),
            TaskFilter::Only(New) => TaskFilter::Only(InProgress),
            TaskFilter::Only(InProgress) => TaskFilter::Only(Done),
            TaskFilter::Only(Done) => TaskFilter::Only(Cancelled),
            TaskFilter::Only(Cancelled) => TaskFilter::All,
            TaskFilter::All => TaskFilter::Open,
        }
    }

    pub fn statuses(self) -> Vec<TaskStatus> {
        match self {
            TaskFilter::Open => vec![TaskStatus::New, TaskStatus::InProgress],
            TaskFilter::Only(s) => vec![s],
            TaskFilter::All => TaskStatus::ALL.to_vec(),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct TasksView {
    pub overdue_only: bool,
    pub mine: bool,
    pub status: TaskFilter,
    pub rows: Vec<Task>,
    pub cursor: Cursor,
    /// The task opened with Enter, shown with its log.
    pub detail: Option<Task>,
    /// A quick-add line sent and not yet saved: a refusal reopens the prompt with it.
    pub quick_add: Option<String>,
    /// The task to select when the list loads next (one just added or changed).
    pub select_next: Option<u64>,
}
