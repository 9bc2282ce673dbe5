//! Who may do what. Every call resolves the actor to an account here; nothing the client says
//! about permissions is trusted.

use super::LocalService;
use crate::domain::account::{Account, Role};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::service::api::Actor;
use crate::store::TreeId;

/// What an account may see and do: its role, and the top of its subtree (None: everything).
#[derive(Clone, Debug)]
pub struct Scope {
    pub role: Role,
    pub unit: Option<String>,
}

fn forbidden(en: String, vi: String) -> Error {
    Error::Forbidden { en, vi }
}

impl LocalService {
    /// The actor's account. The store's owner (the OS user running this process) is admin.
    pub(crate) fn account_of(&self, a: &Actor) -> Result<Account> {
        if a.name == self.owner {
            return Ok(Account {
                name: a.name.clone(),
                role: Role::Admin,
                unit: None,
                revision: 0,
            });
        }
        self.store.get::<Account>(TreeId::Users, a.name.as_bytes())?.ok_or_else(|| {
            forbidden(
                format!("user {} has no antq account; ask the province administrator to run: antq user add {} --role operator --unit CODE", a.name, a.name),
                format!("người dùng {} chưa có tài khoản antq; hãy đề nghị quản trị viên cấp tỉnh chạy: antq user add {} --role operator --unit MÃ", a.name, a.name),
            )
        })
    }

    pub(crate) fn scope(&self, a: &Actor) -> Result<Scope> {
        let acc = self.account_of(a)?;
        Ok(Scope {
            role: acc.role,
            unit: if acc.role == Role::Admin {
                None
            } else {
                acc.unit
            },
        })
    }

    fn within(&self, s: &Scope, unit: &str) -> Result<bool> {
        Ok(match &s.unit {
            None => true,
            Some(top) => self.cache()?.is_within(unit, top),
        })
    }

    fn outside(s: &Scope, unit: &str) -> Error {
        let top = s.unit.clone().unwrap_or_default();
        forbidden(
            format!("{unit} is outside your area ({top}); ask an administrator if you need it"),
            format!("{unit} nằm ngoài phạm vi của bạn ({top}); hãy đề nghị quản trị viên nếu cần"),
        )
    }

    pub(crate) fn role_at_least(s: &Scope, need: Role) -> Result<()> {
        if s.role >= need {
            return Ok(());
        }
        Err(forbidden(
            format!(
                "your role ({}) cannot do this; it needs {} or above",
                s.role.code(),
                need.code()
            ),
            format!(
                "vai trò của bạn ({}) không được làm việc này; cần vai trò {} trở lên",
                s.role.label(Lang::Vi),
                need.label(Lang::Vi)
            ),
        ))
    }

    pub(crate) fn need_admin(&self, a: &Actor) -> Result<Scope> {
        let s = self.scope(a)?;
        Self::role_at_least(&s, Role::Admin)?;
        Ok(s)
    }

    pub(crate) fn need_read(&self, a: &Actor, unit: &str) -> Result<Scope> {
        let s = self.scope(a)?;
        if !self.within(&s, unit)? {
            return Err(Self::outside(&s, unit));
        }
        Ok(s)
    }

    /// A unit's own record (its name, kind and links) is not secret to those it borders: a
    /// user may read the units above theirs and the units linked by lineage to their area, so
    /// a path or a predecessor's name never fails to show.
    pub(crate) fn need_read_unit(&self, a: &Actor, unit: &str) -> Result<Scope> {
        let s = self.scope(a)?;
        let Some(top) = s.unit.as_deref() else {
            return Ok(s);
        };
        let cache = self.cache()?;
        let linked = || {
            cache.get(unit).is_some_and(|u| {
                u.successors
                    .iter()
                    .chain(&u.predecessors)
                    .any(|l| cache.is_within(&l.unit, top))
            })
        };
        if cache.is_within(unit, top) || cache.is_within(top, unit) || linked() {
            return Ok(s);
        }
        Err(Self::outside(&s, unit))
    }

    pub(crate) fn need_write(&self, a: &Actor, unit: &str) -> Result<()> {
        let s = self.need_read(a, unit)?;
        Self::role_at_least(&s, Role::Operator)
    }

    /// Approvers approve units strictly below their own; admins approve anything.
    pub(crate) fn need_approve(&self, a: &Actor, unit: &str) -> Result<()> {
        let s = self.need_read(a, unit)?;
        Self::role_at_least(&s, Role::Approver)?;
        // A unit's own predecessors are its own history: the level above approves them too.
        let own = match s.unit.as_deref() {
            Some(top) => top == unit || self.cache()?.continues_into(unit, top),
            None => false,
        };
        if own {
            return Err(forbidden(
                format!("approvers approve the units below their own, not {unit} itself; ask the level above"),
                format!("cấp duyệt chỉ duyệt đơn vị cấp dưới, không duyệt chính {unit}; hãy đề nghị cấp trên"),
            ));
        }
        Ok(())
    }

    /// The subtree a listing may cover: the asked one if readable, else the account's own.
    pub(crate) fn scoped_under(&self, a: &Actor, under: Option<&str>) -> Result<Option<String>> {
        let s = self.scope(a)?;
        match under {
            Some(u) if self.within(&s, u)? => Ok(Some(u.to_string())),
            Some(u) => Err(Self::outside(&s, u)),
            None => Ok(s.unit),
        }
    }

    pub(crate) fn can_read(&self, a: &Actor, unit: &str) -> Result<bool> {
        let s = self.scope(a)?;
        self.within(&s, unit)
    }
}

impl LocalService {
    /// Four eyes (a province setting, on by default): nobody approves a record they created,
    /// saved or imported. `entity` is the audit's name for it, e.g. `report/31441/2024-04`.
    /// `shown` names the record for the user: ("report 31441 Vị Thủy · 2026-10", Vietnamese).
    pub(crate) fn need_other_eyes(
        &self,
        a: &Actor,
        entity: &str,
        created_by: &str,
        shown: (String, String),
    ) -> Result<()> {
        if !self.load_settings()?.four_eyes || !self.entered_by(entity, created_by, &a.name)? {
            return Ok(());
        }
        let (en, vi) = shown;
        Err(forbidden(
            format!("{en}: you entered it yourself, and four eyes are required: another approver approves it (an admin can turn this off: antq settings set --four-eyes no)"),
            format!("{vi}: chính bạn đã nhập, mà quy định bốn mắt yêu cầu người khác duyệt: hãy đề nghị một người duyệt khác (quản trị viên có thể tắt: antq settings set --four-eyes no)"),
        ))
    }

    fn entered_by(&self, entity: &str, created_by: &str, name: &str) -> Result<bool> {
        if created_by == name {
            return Ok(true);
        }
        // Typed or imported here; a bundle's arrival is not entering it.
        use crate::domain::audit::Action;
        use crate::domain::workflow::Transition::Edit;
        const ENTERING: [Action; 4] = [
            Action::Report(Edit),
            Action::ReportImport,
            Action::Assessment(Edit),
            Action::AssessmentImport,
        ];
        for e in self.audit_trail(entity) {
            let e = e?;
            let entering = Action::from_code(&e.action).is_some_and(|a| ENTERING.contains(&a));
            if e.actor == name && entering {
                return Ok(true);
            }
        }
        Ok(false)
    }
}
