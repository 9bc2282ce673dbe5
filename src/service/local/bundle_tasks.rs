//! Task numbers across stores. Numbers are handed out per store, so two offices' task #11 are
//! two tasks; a task's identity is who created it and when. An incoming task takes the number
//! it already has here, or its own if free, or the next free one.

use std::collections::{HashMap, HashSet};

use super::LocalService;
use crate::domain::conflict::Carried;
use crate::domain::task::Task;
use crate::error::Result;
use crate::store::{keys, TreeId};

impl LocalService {
    /// An incoming task with the number it has here (see the module comment).
    pub(super) fn as_local_task(&self, c: &Carried, numbers: &mut TaskNumbers) -> Result<Carried> {
        let Carried::Task(t) = c else {
            return Ok(c.clone());
        };
        let mut t = t.clone();
        let here: Option<Task> = self.store.get(TreeId::Tasks, &keys::task(t.id))?;
        if here.as_ref().is_none_or(|h| h.identity() != t.identity()) {
            let known = numbers.known(self)?.get(&owned(t.identity())).copied();
            t.id = match (known, here) {
                (Some(id), _) => id,
                (None, None) if !numbers.taken.contains(&t.id) => t.id,
                (None, _) => numbers.take(self)?,
            };
        }
        numbers.taken.insert(t.id);
        Ok(Carried::Task(t))
    }

    pub(super) fn task_numbers(&self) -> Result<TaskNumbers> {
        Ok(TaskNumbers {
            next: self
                .store
                .get_meta_u64(crate::store::meta::NEXT_TASK)?
                .max(1),
            taken: HashSet::new(),
            by_identity: None,
        })
    }
}

/// Numbers given to incoming tasks during one import, and the counter past them.
pub(super) struct TaskNumbers {
    next: u64,
    taken: HashSet<u64>,
    /// Every local task's number by identity, read once per import, when first needed.
    by_identity: Option<HashMap<(String, i64), u64>>,
}

impl TaskNumbers {
    fn known(&mut self, svc: &LocalService) -> Result<&HashMap<(String, i64), u64>> {
        if self.by_identity.is_none() {
            let mut m = HashMap::new();
            for t in svc.store.records::<Task>(TreeId::Tasks, b"") {
                let t = t?;
                m.insert(owned(t.identity()), t.id);
            }
            self.by_identity = Some(m);
        }
        Ok(self.by_identity.get_or_insert_with(HashMap::new))
    }

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

fn owned((by, at): (&str, i64)) -> (String, i64) {
    (by.to_string(), at)
}
