//! The indicator catalogue: listing it, and adding or changing an indicator.

use super::{clean_text, LocalService};
use crate::domain::indicator::Indicator;
use crate::domain::unit;
use crate::error::{Error, Result};
use crate::service::api::*;
use crate::store::TreeId;

impl LocalService {
    pub(super) fn indicators_impl(&self) -> Result<Vec<Indicator>> {
        let mut v: Vec<Indicator> = self
            .store
            .records(TreeId::Indicators, b"")
            .collect::<Result<_>>()?;
        v.sort_by(|a, b| a.order.cmp(&b.order).then(a.code.cmp(&b.code)));
        Ok(v)
    }

    pub(super) fn put_indicator_impl(&self, a: &Actor, ind: Indicator) -> Result<Indicator> {
        unit::validate_code("code", &ind.code)?;
        let mut ind = ind;
        ind.label_vi = clean_text("label_vi", &ind.label_vi, 200)?;
        ind.label_en = clean_text("label_en", &ind.label_en, 200)?;
        if ind.label_vi.is_empty() {
            return Err(Error::invalid(
                "label_vi",
                "the Vietnamese label is empty",
                "nhãn tiếng Việt đang để trống",
            ));
        }
        if ind.unit_kinds.is_empty() || ind.periods.is_empty() {
            return Err(Error::invalid(
                "applies",
                "an indicator needs at least one unit kind and one period type",
                "chỉ tiêu cần áp dụng cho ít nhất một loại đơn vị và một loại kỳ",
            ));
        }
        self.write(a, |tx| {
            let old: Option<Indicator> = self.store.get(TreeId::Indicators, ind.code.as_bytes())?;
            tx.put(old.as_ref(), &ind)?;
            tx.audit(
                if old.is_some() {
                    crate::domain::audit::Action::IndicatorEdit
                } else {
                    crate::domain::audit::Action::IndicatorAdd
                },
                format!("indicator/{}", ind.code),
                ind.label_vi.clone(),
            );
            Ok(ind.clone())
        })
    }
}
