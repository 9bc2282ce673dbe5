//! Operator accounts: adding, changing and removing them.

use super::LocalService;
use crate::domain::account::Account;
use crate::error::{Error, Result};
use crate::service::api::Actor;
use crate::store::TreeId;

impl LocalService {
    pub(super) fn add_user_impl(&self, a: &Actor, mut acc: Account) -> Result<Account> {
        if let Some(id) = acc
            .unit
            .as_deref()
            .and_then(|u| self.resolve_record(u).ok())
        {
            acc.unit = Some(id);
        }
        crate::domain::account::validate_name(&acc.name)?;
        if acc.role != crate::domain::account::Role::Admin {
            let Some(u) = acc.unit.as_deref() else {
                return Err(Error::invalid(
                    "unit",
                    "every role but admin needs a unit (--unit CODE)",
                    "mọi vai trò trừ admin đều cần đơn vị (--unit MÃ)",
                ));
            };
            self.load_unit(u)?;
        }
        self.write(a, |tx| {
            let old: Option<Account> = self.store.get(TreeId::Users, acc.name.as_bytes())?;
            let mut new = acc.clone();
            new.revision = old.as_ref().map_or(0, |o| o.revision + 1);
            tx.put(old.as_ref(), &new)?;
            tx.audit(
                crate::domain::audit::Action::UserSet,
                format!("user/{}", new.name),
                format!(
                    "{} {}",
                    new.role.code(),
                    new.unit.clone().unwrap_or_default()
                ),
            );
            Ok(new)
        })
    }

    pub(super) fn remove_user_impl(&self, a: &Actor, name: &str) -> Result<()> {
        self.write(a, |tx| {
            let old: Account =
                self.store
                    .get(TreeId::Users, name.as_bytes())?
                    .ok_or_else(|| {
                        Error::invalid(
                            "name",
                            format!("{name} has no account"),
                            format!("{name} không có tài khoản"),
                        )
                    })?;
            tx.ws.delete(&old);
            tx.audit(
                crate::domain::audit::Action::UserRemove,
                format!("user/{name}"),
                String::new(),
            );
            Ok(())
        })
    }
}
