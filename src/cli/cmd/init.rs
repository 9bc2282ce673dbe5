//! `antq init`: a new store, with the catalogue, the sample or the official registry.

use crate::cli::ctx::*;
use crate::cli::output::out;
use crate::error::Result;

impl Ctx<'_> {
    pub(crate) fn init(&self, sample: bool) -> Result<()> {
        if !sample {
            let n = self.svc.indicators(self.a)?.len();
            if n == 0 {
                for ind in crate::sample::indicators()? {
                    self.svc.put_indicator(self.a, ind)?;
                }
            }
            self.saved(
                "Đã tạo kho dữ liệu và danh mục chỉ tiêu.".into(),
                "Store ready, with the indicator catalogue.".into(),
            );
            return Ok(());
        }
        let n = crate::sample::load(self.svc, self.a)?;
        if n.total() == 0 {
            self.saved(
                "Dữ liệu mẫu đã có sẵn; không thêm gì.".into(),
                "The sample is already loaded; nothing added.".into(),
            );
        } else {
            self.saved(
                format!("Đã nạp dữ liệu mẫu: {} đơn vị, {} chỉ tiêu, {} báo cáo, {} đánh giá, {} điển hình, {} nhiệm vụ, {} sáp nhập.", n.units, n.indicators, n.reports, n.assessments, n.exemplars, n.tasks, n.merges),
                format!("Sample loaded: {} units, {} indicators, {} reports, {} assessments, {} exemplars, {} tasks, {} merges.", n.units, n.indicators, n.reports, n.assessments, n.exemplars, n.tasks, n.merges),
            );
        }
        Ok(())
    }

    pub(crate) fn init_registry(&self, dry_run: bool) -> Result<()> {
        let t0 = std::time::Instant::now();
        let o = self
            .svc
            .load_registry(self.a, crate::registry::files()?, dry_run)?;
        if self.svc.indicators(self.a)?.is_empty() && !dry_run {
            for ind in crate::sample::indicators()? {
                self.svc.put_indicator(self.a, ind)?;
            }
        }
        let n = o.added_total;
        let secs = t0.elapsed().as_secs_f64();
        if dry_run {
            out!(
                "{}",
                self.t(
                    &format!(
                        "Kiểm tra xong: {n} đơn vị sẽ được nạp ({secs:.1} giây). Chưa ghi gì."
                    ),
                    &format!(
                        "Checked: {n} units would be loaded ({secs:.1} s). Nothing was written."
                    ),
                )
            );
            return Ok(());
        }
        self.saved(
            format!("Đã nạp danh mục chính thức: {n} đơn vị trước và sau 01/07/2025, kèm liên kết sắp xếp ({secs:.1} giây)."),
            format!("Official registry loaded: {n} units before and after 01/07/2025, with the reform's links ({secs:.1} s)."),
        );
        Ok(())
    }
}
