//! `antq user`: operator accounts (OS user name → role and unit).

use crate::cli::output::out_raw;
use clap::Subcommand;

use crate::cli::ctx::*;
use crate::cli::table::Table;
use crate::error::Result;
use crate::i18n::Lang;

#[derive(Subcommand, Debug)]
pub enum UserCmd {
    /// Add an account or change one
    Add {
        name: String,
        /// viewer, operator, approver or admin
        #[arg(long)]
        role: String,
        /// The top of the subtree the account works in (not needed for admin)
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
    },
    List,
    Remove {
        name: String,
    },
}

impl Ctx<'_> {
    pub(crate) fn user(&self, c: UserCmd) -> Result<()> {
        use crate::domain::account::{Account, Role};
        match c {
            UserCmd::Add { name, role, unit } => {
                let role = Role::parse(&role)?;
                let acc = self.svc.add_user(
                    self.a,
                    Account {
                        name,
                        role,
                        unit,
                        revision: 0,
                    },
                )?;
                self.saved(
                    format!(
                        "Đã lưu tài khoản {} ({}{}).",
                        acc.name,
                        acc.role.label(Lang::Vi),
                        acc.unit
                            .as_ref()
                            .map(|u| format!(", {}", self.unit_label(u)))
                            .unwrap_or_default()
                    ),
                    format!(
                        "Saved account {} ({}{}).",
                        acc.name,
                        acc.role.code(),
                        acc.unit
                            .as_ref()
                            .map(|u| format!(", {}", self.unit_label(u)))
                            .unwrap_or_default()
                    ),
                );
            }
            UserCmd::List => {
                let mut t = Table::new(&[
                    self.t("Tài khoản", "Account"),
                    self.t("Vai trò", "Role"),
                    self.t("Đơn vị", "Unit"),
                ]);
                for acc in self.svc.users(self.a)? {
                    t.row(vec![
                        acc.name,
                        acc.role.label(self.lang).to_string(),
                        acc.unit.map(|u| self.unit_label(&u)).unwrap_or_default(),
                    ]);
                }
                out_raw!("{}", t.render());
            }
            UserCmd::Remove { name } => {
                self.svc.remove_user(self.a, &name)?;
                self.saved(
                    format!("Đã xóa tài khoản {name}."),
                    format!("Removed account {name}."),
                );
            }
        }
        Ok(())
    }
}
