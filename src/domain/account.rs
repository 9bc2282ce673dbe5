//! Operator accounts: an OS user name mapped to a role and a unit scope.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    Viewer,
    Operator,
    Approver,
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Operator => "operator",
            Role::Approver => "approver",
            Role::Admin => "admin",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Role::Viewer => lang.pick("xem", "viewer"),
            Role::Operator => lang.pick("nhập liệu", "operator"),
            Role::Approver => lang.pick("duyệt", "approver"),
            Role::Admin => lang.pick("quản trị", "admin"),
        }
    }

    pub fn parse(s: &str) -> Result<Role, Error> {
        match crate::domain::text::fold(s).as_str() {
            "viewer" | "xem" => Ok(Role::Viewer),
            "operator" | "nhap lieu" => Ok(Role::Operator),
            "approver" | "duyet" => Ok(Role::Approver),
            "admin" | "quan tri" => Ok(Role::Admin),
            _ => Err(Error::invalid(
                "role",
                format!("'{s}' is not a role; use viewer, operator, approver or admin"),
                format!("'{s}' không phải vai trò; dùng viewer, operator, approver hoặc admin"),
            )),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The OS user name, as the server learns it from the socket.
    pub name: String,
    pub role: Role,
    /// The top of the subtree the account may see; None only for admins (everything).
    pub unit: Option<String>,
    pub revision: u64,
}

pub fn validate_name(name: &str) -> Result<(), Error> {
    let ok = !name.is_empty()
        && name.len() <= 32
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "name",
            format!("'{name}' is not an OS user name (letters, digits, '.', '_', '-')"),
            format!("'{name}' không phải tên người dùng hệ điều hành (chữ, số, '.', '_', '-')"),
        ))
    }
}
