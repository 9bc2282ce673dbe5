//! Unsaved report forms kept on disk while they are typed, so a dropped link (SIGHUP, a closed
//! terminal) loses nothing: the next start offers to resume.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::tui::forms::form::{Form, Purpose};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub unit: String,
    pub period: String,
    /// (field key, typed text) for every field that holds something.
    pub values: Vec<(String, String)>,
}

/// The open report form's values, when it has unsaved changes.
pub fn of_form(form: Option<&Form>) -> Option<Draft> {
    let f = form.filter(|f| f.dirty && !f.read_only)?;
    let Purpose::Report { unit, period, .. } = &f.purpose else {
        return None;
    };
    Some(Draft {
        unit: unit.clone(),
        period: period.to_string(),
        values: f
            .fields
            .iter()
            .filter(|x| !x.value.is_empty())
            .map(|x| (x.key.clone(), x.value.clone()))
            .collect(),
    })
}

/// `$XDG_STATE_HOME/antq/draft-USER.json`, else `~/.local/state/antq/draft-USER.json`.
pub fn path(user: &str) -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    let safe: String = user
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    Some(base.join("antq").join(format!("draft-{safe}.json")))
}

pub fn read(path: &Path) -> Option<Draft> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

/// Writes through a temporary file and a rename, so a crash leaves the old draft or the new.
pub fn write(path: &Path, d: &Draft, sync: bool) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        crate::private_fs::create_dir(dir)?;
    }
    let tmp = path.with_extension("tmp");
    let _ = std::fs::remove_file(&tmp); // an older, looser file would keep its mode
    let mut f = crate::private_fs::create_file(&tmp)?;
    f.write_all(&serde_json::to_vec(d).map_err(std::io::Error::other)?)?;
    if sync {
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

/// Keeps the draft file in step with the open form.
pub struct Keeper {
    path: Option<PathBuf>,
    last: Option<Draft>,
}

impl Keeper {
    pub fn new(user: &str) -> Keeper {
        Keeper {
            path: path(user),
            last: None,
        }
    }

    /// The draft left by an earlier session, if any.
    pub fn left_over(&self) -> Option<Draft> {
        self.path.as_deref().and_then(read)
    }

    /// Writes the form's draft when it changed; removes it once the form is saved or closed,
    /// or when the user declined to resume it.
    pub fn sync(&mut self, form: Option<&Form>, discard: bool, durable: bool) {
        let Some(path) = &self.path else { return };
        let now = of_form(form);
        if discard {
            let _ = std::fs::remove_file(path);
        }
        if now == self.last && !durable {
            return;
        }
        match &now {
            Some(d) => {
                let _ = write(path, d, durable);
            }
            None if self.last.is_some() => {
                let _ = std::fs::remove_file(path);
            }
            None => {}
        }
        self.last = now;
    }
}
