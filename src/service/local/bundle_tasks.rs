//! Task numbers across stores. Numbers are handed out per store, so two offices' task #11 are
//! two tasks; a task's identity is who created it and when. An incoming task takes the number
//! it already has here, or its own if free, or the next free one.

use super::LocalService;
use crate::domain::conflict::Carried;
use crate::domain::task::Task;
use crate::error::Result;
use crate::store::{keys, TreeId};

impl LocalService {
    /// Task numbers are per store; a task's identity is who created it and when. An incoming
    /// task takes the number it already has here, or its own if free, or the next free one:
    /// two offices' task #11 are two tasks, never a conflict or an overwrite.
    pub(super) fn as_local_task(&self, c: &Carried, numbers: &mut TaskNumbers) -> Result<Carried> {
        let Carried::Task(t) = c else {
            return Ok(c.clone());
        };
        let mut t = t.clone();
        let here: Option<Task> = self.store.get(TreeId::Tasks, &keys::task(t.id))?;
        if here.as_ref().is_some_and(|h| same_task(h, &t)) {
            return Ok(Carried::Task(t));
        }
        let known = self
            .store
            .records::<Task>(TreeId::Tasks, b"")
            .find(|x| x.as_ref().is_ok_and(|x| same_task(x, &t)))
            .transpose()?;
        t.id = match (known, here) {
            (Some(k), _) => k.id,
            (None, None) if !numbers.taken.contains(&t.id) => t.id,
            (None, _) => numbers.take(self)?,
        };
        numbers.taken.push(t.id);
        Ok(Carried::Task(t))
    }

    pub(super) fn task_numbers(&self) -> Result<TaskNumbers> {
        Ok(TaskNumbers {
            next: self
                .store
                .get_meta_u64(crate::store::meta::NEXT_TASK)?
                .max(1),
            taken: Vec::new(),
        })
    }
}

/// Numbers given to incoming tasks during one import, and the counter past them.
pub(super) struct TaskNumbers {
    next: u64,
    taken: Vec<u64>,
}

impl TaskNumbers {
    fn take(&mut self, svc: &LocalService) -> Result<u64> {
        while svc.store.contains(TreeId::Tasks, &keys::task(self.next))?
            || self.taken.contains(&self.next)
        {
            self.next += 1;
        }
        self.next += 1;
        Ok(self.next - 1)
    }

    /// The store's counter moves past every number this import used.
    pub(super) fn write(&self, tx: &mut super::Tx) {
        let past = self
            .taken
            .iter()
            .max()
            .map_or(self.next, |m| self.next.max(m + 1));
        tx.ws_task_id = Some(past);
        tx.ws.raw_put(
            TreeId::Meta,
            crate::store::meta::NEXT_TASK.to_vec(),
            past.to_be_bytes().to_vec(),
        );
    }
}

/// The same task in two stores: created by the same person at the same moment.
fn same_task(a: &Task, b: &Task) -> bool {
    a.created_at == b.created_at && a.created_by == b.created_by
}
