//! The offices whose signed bundles this store accepts, each bound to its unit's subtree.

use super::LocalService;
use crate::domain::office::{key_hex, Office};
use crate::error::{Error, Result};
use crate::service::api::*;
use crate::store::{keys, TreeId};

impl LocalService {
    pub(super) fn register_office_impl(
        &self,
        a: &Actor,
        unit: &str,
        public_key: Vec<u8>,
    ) -> Result<Office> {
        super::check_actor(a)?;
        self.need_admin(a)?;
        let valid = <[u8; 32]>::try_from(public_key.as_slice())
            .ok()
            .and_then(|k| ed25519_dalek::VerifyingKey::from_bytes(&k).ok())
            // A weak key (all zeros, or of small order) lets anyone forge a signature.
            .is_some_and(|k| !k.is_weak());
        if !valid {
            return Err(Error::invalid(
                "key",
                "is not an office public key (64 hex digits, as 'antq office keygen' prints it)",
                "không phải khóa công khai của văn phòng (64 chữ số hex, như 'antq office keygen' in ra)",
            ));
        }
        // A code means its holder today; an earlier holder is named exactly (`CODE@`).
        let unit = &self.resolve_record(unit)?;
        self.write(a, |tx| {
            let old: Option<Office> = self.store.get(TreeId::Offices, &keys::unit(unit))?;
            let o = Office {
                unit: unit.to_string(),
                public_key: public_key.clone(),
                added_by: a.name.clone(),
                // A new key for the same office keeps its history: the conflict horizon
                // must not move past changes made since its last bundle.
                added_at: old.as_ref().map_or(tx.at, |o| o.added_at),
                last_import_at: old.as_ref().and_then(|o| o.last_import_at),
            };
            tx.put(old.as_ref(), &o)?;
            let verb = if old.is_some() {
                "replaced"
            } else {
                "registered"
            };
            tx.audit(
                crate::domain::audit::Action::OfficeRegister,
                format!("office/{unit}"),
                format!("{verb} key {}", key_hex(&o.public_key)),
            );
            Ok(o)
        })
    }

    pub(super) fn remove_office_impl(&self, a: &Actor, unit: &str) -> Result<()> {
        super::check_actor(a)?;
        self.need_admin(a)?;
        self.write(a, |tx| {
            let old: Office = self
                .store
                .get(TreeId::Offices, &keys::unit(unit))?
                .ok_or_else(|| {
                    Error::invalid(
                        "office",
                        format!(
                            "no office is registered for {unit} (list them with: antq office list)"
                        ),
                        format!(
                            "chưa có văn phòng nào đăng ký cho {unit} (xem bằng: antq office list)"
                        ),
                    )
                })?;
            tx.ws.delete(&old);
            tx.audit(
                crate::domain::audit::Action::OfficeRemove,
                format!("office/{unit}"),
                "removed".into(),
            );
            Ok(())
        })
    }
}
