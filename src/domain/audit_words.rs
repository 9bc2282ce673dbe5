//! The history overlay in the user's language. The audit trail keeps each change's summary as
//! the service wrote it, in English words around names, codes and dates; this puts those words
//! in Vietnamese, phrase by phrase for each kind of entry, and leaves typed text (a reason, a
//! title) as it was written.

use crate::i18n::Lang;

/// Each action's phrases, longest first so "no longer merged into" wins over "merged into".
fn phrases(action: &str) -> &'static [(&'static str, &'static str)] {
    match action {
        "unit.merge" => &[
            ("merged into ", "sáp nhập vào "),
            ("received ", "nhận "),
            (" on ", " ngày "),
        ],
        "unit.unmerge" => &[
            ("no longer merged into ", "thôi sáp nhập vào "),
            ("no longer receives ", "thôi nhận "),
            (" from ", " từ ngày "),
        ],
        "unit.retire" => &[("last day ", "ngày cuối ")],
        "unit.edit" => &[
            ("name ", "tên "),
            ("kind ", "loại "),
            ("parent ", "trực thuộc "),
            ("notes", "ghi chú"),
            ("from ", "từ ngày "),
            ("no change", "không đổi"),
        ],
        "exemplar.select" => &[("based on ", "dựa trên đánh giá năm "), (" assessment", "")],
        "bundle.import" => &[("from ", "từ ")],
        "bundle.conflict" => &[
            (
                "kept both: local revision ",
                "giữ cả hai: bản ở đây lần sửa ",
            ),
            (", incoming from ", ", bản nhận từ "),
        ],
        "conflict.resolve" => &[
            ("kept the local version", "giữ bản ở đây"),
            ("kept the incoming version", "giữ bản nhận được"),
        ],
        "assessment.save" => &[("score ", "điểm "), (", safety ", ", an toàn ")],
        "settings.set" => &[
            ("cut-offs ", "ngưỡng xếp loại "),
            (", deadlines ", ", hạn nộp "),
            (" days", " ngày"),
        ],
        "bulk.load" => &[
            (" units", " đơn vị"),
            (" reports", " báo cáo"),
            (" tasks", " nhiệm vụ"),
        ],
        "office.register" => &[
            ("registered key ", "đăng ký khóa "),
            ("replaced key ", "thay khóa "),
        ],
        "office.remove" => &[("removed", "đã gỡ")],
        a if a.ends_with(".import") || a == "unit.lineage" => &[
            ("added from a file", "thêm từ tệp"),
            ("updated from a file", "cập nhật từ tệp"),
            ("; lineage", "; liên kết kế thừa"),
        ],
        _ => &[],
    }
}

/// An audit summary as the user reads it.
pub fn summary_words(action: &str, summary: &str, lang: Lang) -> String {
    let summary = without_identities(summary);
    if lang == Lang::En {
        return summary;
    }
    let mut out = summary;
    for (en, vi) in phrases(action) {
        out = out.replace(en, vi);
    }
    out
}

/// "31441@2025-07-01" as users know it, "31441": the store's identity of a reused code stays
/// inside the store.
fn without_identities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let dated = after.len() >= 10
            && after.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    *b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if dated {
            rest = &after[10..];
        } else {
            out.push('@');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

impl crate::domain::audit::Action {
    /// What the action means, in words.
    pub fn words(self, lang: Lang) -> &'static str {
        use crate::domain::audit::Action::*;
        use crate::domain::workflow::Transition as T;
        let (vi, en) = match self {
            UnitAdd => ("thêm đơn vị", "added the unit"),
            UnitEdit => ("sửa đơn vị", "changed the unit"),
            UnitRetire => ("cho ngừng hoạt động", "retired the unit"),
            UnitUnretire => ("cho hoạt động trở lại", "reopened the unit"),
            UnitMerge => ("sáp nhập", "merged"),
            UnitUnmerge => ("hoàn tác sáp nhập", "undid the merge"),
            UnitDelete => ("xóa đơn vị", "deleted the unit"),
            UnitImport => ("nhập đơn vị từ tệp", "imported the unit from a file"),
            UnitLineage => (
                "nhập liên kết kế thừa từ tệp",
                "imported lineage from a file",
            ),
            UnitRegistry => ("nạp danh mục hành chính", "loaded the official registry"),
            Report(T::Edit) => ("lưu báo cáo", "saved the report"),
            Report(T::Submit) => ("gửi báo cáo", "submitted the report"),
            Report(T::Approve) => ("duyệt báo cáo", "approved the report"),
            Report(T::Return) => ("trả lại báo cáo", "returned the report"),
            Report(T::Withdraw) => ("rút lại báo cáo đã gửi", "withdrew the report"),
            Report(T::Reopen) => ("mở lại báo cáo đã duyệt", "reopened the approved report"),
            ReportImport => ("nhập báo cáo từ tệp", "imported the report from a file"),
            Assessment(T::Edit) => ("lưu đánh giá", "saved the assessment"),
            Assessment(T::Submit) => ("gửi đánh giá", "submitted the assessment"),
            Assessment(T::Approve) => ("duyệt đánh giá", "approved the assessment"),
            Assessment(T::Return) => ("trả lại đánh giá", "returned the assessment"),
            Assessment(T::Withdraw) => ("rút lại đánh giá đã gửi", "withdrew the assessment"),
            Assessment(T::Reopen) => (
                "mở lại đánh giá đã duyệt",
                "reopened the approved assessment",
            ),
            AssessmentImport => (
                "nhập đánh giá từ tệp",
                "imported the assessment from a file",
            ),
            ExemplarSelect => ("chọn điển hình", "chose as an exemplar"),
            ExemplarStatus => ("đổi trạng thái điển hình", "changed the exemplar's status"),
            TaskAdd => ("thêm nhiệm vụ", "added the task"),
            TaskEdit => ("sửa nhiệm vụ", "changed the task"),
            TaskLog => ("ghi tiến độ", "logged progress"),
            TaskDone => ("hoàn thành", "marked done"),
            TaskCancel => ("hủy nhiệm vụ", "cancelled the task"),
            TaskImport => ("nhập nhiệm vụ từ tệp", "imported the task from a file"),
            BundleImport => ("nhận từ gói dữ liệu", "received in a bundle"),
            BundleConflict => ("xung đột khi nhận gói", "conflict in a bundle"),
            ConflictResolve => ("giải quyết xung đột", "settled a conflict"),
            SettingsSet => ("đổi cấu hình", "changed the settings"),
            IndicatorAdd => ("thêm chỉ tiêu", "added the indicator"),
            IndicatorEdit => ("sửa chỉ tiêu", "changed the indicator"),
            OfficeRegister => ("đăng ký văn phòng gửi gói", "registered the office"),
            OfficeRemove => ("bỏ văn phòng gửi gói", "removed the office"),
            UserSet => ("đặt tài khoản", "set the account"),
            UserRemove => ("xóa tài khoản", "removed the account"),
            BulkLoad => ("nạp dữ liệu hàng loạt", "loaded data in bulk"),
        };
        lang.pick(vi, en)
    }
}

#[cfg(test)]
mod tests {
    use super::summary_words;
    use crate::i18n::Lang;

    #[test]
    fn merge_import_and_exemplar_lines_read_in_vietnamese() {
        let vi = |a, s| summary_words(a, s, Lang::Vi);
        assert_eq!(
            vi("unit.merge", "received 31441, 31444 on 01/07/2025"),
            "nhận 31441, 31444 ngày 01/07/2025"
        );
        assert_eq!(
            vi(
                "unit.unmerge",
                "no longer merged into 31441 from 01/07/2025"
            ),
            "thôi sáp nhập vào 31441 từ ngày 01/07/2025"
        );
        assert_eq!(
            vi("unit.import", "updated from a file; lineage"),
            "cập nhật từ tệp; liên kết kế thừa"
        );
        assert_eq!(
            vi("exemplar.select", "based on 2025 assessment"),
            "dựa trên đánh giá năm 2025"
        );
        // A reason the user typed is theirs, whatever its words.
        assert_eq!(vi("report.return", "received late"), "received late");
        assert_eq!(
            summary_words("unit.merge", "received 1", Lang::En),
            "received 1"
        );
    }
}
