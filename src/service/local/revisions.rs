//! A save states what it expects to find: the revision it opened, or nothing (0). A save
//! based on anything else is refused, naming who changed the record and when.

use super::LocalService;
use crate::domain::audit::AuditEntry;
use crate::error::{Entity, Error, Result};

impl LocalService {
    /// An entity's audit entries (`report/31441/2024-04`), newest first, through its index.
    pub(super) fn audit_trail<'a>(
        &'a self,
        entity: &str,
    ) -> impl Iterator<Item = Result<AuditEntry>> + 'a {
        let (seqs, failed) = match self.store.audit_numbers(entity) {
            Ok(seqs) => (seqs, None),
            Err(e) => (Vec::new(), Some(Err(e))),
        };
        failed.into_iter().chain(
            seqs.into_iter()
                .filter_map(move |seq| self.store.audit_entry(seq).transpose()),
        )
    }

    /// Who last changed an entity and when, from its audit trail.
    fn last_change(&self, audit_key: &str) -> Option<(String, i64)> {
        let e = self.audit_trail(audit_key).next()?.ok()?;
        Some((e.actor, e.at))
    }

    /// Who last changed the record, and when, as a conflict message says it.
    fn last_changed_by(&self, entity: Entity, key: &str) -> (String, String) {
        let audit_key = format!(
            "{}/{key}",
            crate::error::Entity::name(entity, crate::i18n::Lang::En)
        );
        let (who, at) = self
            .last_change(&audit_key)
            .unwrap_or_else(|| ("?".into(), 0));
        (who, crate::domain::date::fmt_time(at))
    }

    /// Refuses a save based on an older revision: "changed by USER at TIME".
    pub(super) fn check_revision(
        &self,
        entity: Entity,
        key: &str,
        base: Option<u64>,
        current: u64,
    ) -> Result<()> {
        match base {
            // The form was opened on nothing: somebody created the record since.
            Some(0) if current > 0 => {
                let (who, when) = self.last_changed_by(entity, key);
                Err(Error::Conflict {
                    entity,
                    key: key.to_string(),
                    en: format!("was created by {who} at {when} after you opened it empty; nothing was saved: look at their version, then apply yours again"),
                    vi: format!("đã được {who} tạo lúc {when} sau khi bạn mở mẫu trống; chưa lưu gì: hãy xem bản của họ rồi nhập lại"),
                })
            }
            Some(b) => self.check_changed(entity, key, b, current),
            _ => Ok(()),
        }
    }

    /// Refuses a save of a record that exists, based on an older revision than `current`
    /// (for records whose first revision is 0, such as exemplars).
    pub(super) fn check_changed(
        &self,
        entity: Entity,
        key: &str,
        base: u64,
        current: u64,
    ) -> Result<()> {
        if base == current {
            return Ok(());
        }
        let (who, when) = self.last_changed_by(entity, key);
        Err(Error::Conflict {
            entity,
            key: key.to_string(),
            en: format!("changed by {who} at {when} since you opened it (revision {base}, now {current}); nothing was saved: look at their version, then apply yours again"),
            vi: format!("đã được {who} sửa lúc {when} sau khi bạn mở (phiên bản {base}, nay {current}); chưa lưu gì: hãy xem bản của họ rồi nhập lại"),
        })
    }
}
