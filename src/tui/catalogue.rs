//! Every string the screens show, in Vietnamese and English. One entry per line, so a missing
//! translation is a compile error.

use crate::i18n::Lang;

macro_rules! catalogue {
    ($($key:ident: $vi:expr, $en:expr;)*) => {
        pub struct Texts { $(pub $key: &'static str,)* }
        pub const VI: Texts = Texts { $($key: $vi,)* };
        pub const EN: Texts = Texts { $($key: $en,)* };
    };
}

catalogue! {
    app: "antq · Phong trào Toàn dân bảo vệ ANTQ", "antq · All-People Movement for National Security";
    tab_dashboard: "Tổng quan", "Dashboard";
    tab_units: "Đơn vị", "Units";
    tab_reports: "Báo cáo", "Reports";
    period_not_begun: "kỳ này chưa bắt đầu, chưa thể báo cáo", "this period has not begun; nothing can be reported in it yet";
    tab_tasks: "Nhiệm vụ", "Tasks";
    tab_classify: "Phân loại", "Classification";
    too_small: "Cửa sổ quá nhỏ", "Terminal too small";
    need: "cần", "need";
    have: "hiện có", "have";
    empty_title: "Kho dữ liệu đang trống", "The store is empty";
    empty_sample: "Nhấn L để nạp dữ liệu mẫu Hậu Giang", "Press L to load the Hậu Giang sample";
    empty_add: "hoặc 2 rồi a để thêm đơn vị đầu tiên", "or 2 then a to add the first unit";
    completeness: "Tiến độ báo cáo", "Reporting completeness";
    submitted: "đã gửi", "submitted";
    on_time: "đúng hạn", "on time";
    deadline: "hạn", "deadline";
    missing: "Chưa gửi", "Not sent";
    awaiting: "Chờ duyệt", "Awaiting approval";
    overdue_tasks: "Nhiệm vụ quá hạn", "Overdue tasks";
    overdue_short: "Quá hạn", "Overdue";
    late: "trễ", "late";
    task_closed: "nhiệm vụ đã đóng, không sửa được nữa", "the task is closed and can no longer be changed";
    not_assessed: "Chưa có đánh giá", "No assessment yet";
    hint_not_assessed: "chưa đánh giá", "not assessed";
    history: "Lịch sử", "History";
    entity_unit: "đơn vị", "unit";
    entity_report: "báo cáo", "report";
    entity_assessment: "đánh giá", "assessment";
    entity_task: "nhiệm vụ", "task";
    exemplars_chosen: "Đã chọn điển hình", "Exemplars chosen";
    sample_cutoffs: "Ngưỡng xếp loại là giá trị mẫu", "Grade cut-offs are sample values";
    sample_cutoffs_fix: "đặt: antq settings set --cutoffs", "set: antq settings set --cutoffs";
    override_reason: "Lý do (xếp loại khác điểm)", "Reason (grade differs from score)";
    due_week: "đến hạn trong 7 ngày", "due within 7 days";
    classification_of: "Kết quả phân loại năm", "Classification results for";
    exemplars_of: "Điển hình năm", "Exemplars for";
    none: "không có", "none";
    period: "Kỳ", "Period";
    year: "Năm", "Year";
    unit: "Đơn vị", "Unit";
    code: "Mã", "Code";
    name: "Tên", "Name";
    kind: "Loại", "Kind";
    parent: "Cấp trên", "Parent";
    path: "Đường dẫn", "Path";
    status: "Trạng thái", "Status";
    all: "tất cả", "all";
    filter_open: "đang mở", "open";
    values: "Chỉ tiêu", "Values";
    updated: "Cập nhật", "Updated";
    merged_from: "Hình thành từ", "Formed from";
    merged_into: "Kế thừa vào", "Continued into";
    retired_after: "Ngừng sau", "Retired after";
    valid_from: "Từ ngày", "From";
    existed: "Tồn tại", "Existed";
    part: " (một phần)", " (part)";
    assessments: "Đánh giá", "Assessments";
    open_tasks: "Nhiệm vụ đang mở", "Open tasks";
    recent_reports: "Báo cáo gần đây", "Recent reports";
    notes: "Ghi chú", "Notes";
    narrative: "Thuyết minh", "Narrative";
    previous: "kỳ trước", "previous";
    due: "Hạn", "Due";
    task: "Nhiệm vụ", "Task";
    lead: "Chủ trì", "Lead";
    with_label: "Phối hợp", "With";
    source: "Nguồn", "Source";
    log: "Tiến độ", "Progress";
    percent: "Phần trăm", "Percent";
    text: "Nội dung", "Text";
    overdue: "QUÁ HẠN", "OVERDUE";
    filter_overdue: "quá hạn", "overdue";
    filter_mine: "của tôi", "mine";
    score: "Điểm", "Score";
    grade: "Xếp loại", "Level";
    grade_auto: "theo điểm", "from score";
    safety: "An toàn", "Safety";
    marked: "chọn", "marked";
    counts: "Số lượng", "Counts";
    decision_no: "Số quyết định", "Decision number";
    decision_date: "Ngày quyết định", "Decision date";
    issuer: "Cơ quan ban hành", "Issued by";
    on_date: "Ngày", "Date";
    last_day: "Ngày cuối", "Last day";
    from_day: "từ ngày", "from";
    confirm_unmerge: "Hoàn tác sáp nhập", "Undo the merge of";
    confirm_unretire: "Cho hoạt động trở lại", "Reopen";
    nothing_to_undo: "đang hoạt động; không có sáp nhập hay ngừng nào để hoàn tác", "is active; there is no merge or retirement to undo";
    split_no_undo: "đã chia tách; sửa bằng tệp liên kết (antq import lineage)", "was split; correct it with a lineage file (antq import lineage)";
    successor: "Đơn vị kế thừa", "Successor";
    reason: "Lý do", "Reason";
    required: "bắt buộc", "required";
    digits_only: "Chỉ nhập chữ số", "Digits only";
    saved: "Đã lưu", "Saved";
    save_failed: "Chưa lưu", "Not saved";
    unsaved_quit: "Có thay đổi chưa lưu. Thoát? (y/n)", "Unsaved changes. Quit anyway? (y/n)";
    unsaved_leave: "Có thay đổi chưa lưu. Bỏ đi? (y/n)", "Unsaved changes. Discard them? (y/n)";
    confirm_submit: "Gửi báo cáo", "Submit report";
    confirm_approve: "Duyệt báo cáo", "Approve report";
    confirm_withdraw: "Rút lại báo cáo đã gửi", "Withdraw the submitted report";
    form_reopen: "Mở lại báo cáo đã duyệt", "Reopen approved report";
    confirm_done: "Đánh dấu hoàn thành nhiệm vụ", "Mark task done";
    confirm_select: "Chọn điển hình năm", "Choose exemplars for";
    yes_no: "(y/n)", "(y/n)";
    draft_offer: "Có bản nhập chưa lưu từ lần trước", "Unsaved entry from last time";
    draft_fields: "ô", "fields";
    draft_resume: "Mở lại?", "Resume it?";
    draft_restored: "Đã mở lại bản nhập chưa lưu; Ctrl-S để lưu", "Unsaved entry restored; Ctrl-S saves it";
    form_report: "Nhập báo cáo", "Report entry";
    form_unit_add: "Thêm đơn vị", "Add unit";
    form_unit_edit: "Sửa đơn vị", "Edit unit";
    form_retire: "Cho ngừng đơn vị", "Retire unit";
    form_merge: "Sáp nhập đơn vị", "Merge unit";
    form_log: "Ghi tiến độ", "Log progress";
    form_task_add: "Thêm nhiệm vụ", "New task";
    form_task_edit: "Sửa nhiệm vụ", "Edit task";
    task_title: "Tiêu đề", "Title";
    priority: "Ưu tiên", "Priority";
    with_units: "Phối hợp (mã, cách nhau dấu phẩy)", "With (codes, comma-separated)";
    source_number: "Số văn bản", "Directive no.";
    source_date: "Ngày văn bản", "Directive date";
    source_issuer: "Cơ quan ban hành", "Issued by";
    source_summary: "Trích yếu văn bản", "Directive summary";
    details: "Nội dung", "Details";
    form_assess: "Đánh giá năm", "Assessment for";
    form_exemplars: "Quyết định chọn điển hình", "Exemplar decision";
    form_return: "Trả lại báo cáo", "Return report";
    form_return_assessment: "Trả lại đánh giá", "Return assessment";
    confirm_submit_assessment: "Gửi đánh giá", "Submit the assessment of";
    confirm_approve_assessment: "Duyệt đánh giá", "Approve the assessment of";
    form_cancel: "Hủy nhiệm vụ", "Cancel task";
    grid: "Nhập theo bảng", "Grid entry";
    quick_add: "Thêm nhanh", "Quick add";
    quick_add_hint: "Tiêu đề @MÃ hạn:NGÀY !cao +MÃ_PHỐI_HỢP vb:SỐ_VB · Tab: mẫu đầy đủ", "Title @CODE due:DATE !high +WITH_CODE src:DIRECTIVE_NO · Tab: full form";
    palette_hint: ":donvi :baocao :nhiemvu :baocao MÃ KỲ :thuoc MÃ :ky KỲ :lichsu :tonghop :xungdot :trogiup :thoat", ":units :reports :tasks :report CODE PERIOD :under CODE :period P :history :summary :conflicts :help :quit";
    unknown_command: "Lệnh không rõ", "Unknown command";
    filter: "Lọc", "Filter";
    help_title: "Phím tắt", "Keys";
    sample_loaded: "Đã nạp dữ liệu mẫu", "Sample loaded";
    nothing_marked: "Chưa chọn đơn vị nào (phím Space)", "No unit marked (Space)";
    nothing_to_save: "Không có gì thay đổi, chưa lưu", "Nothing changed, nothing saved";
    nothing_changed: "Không có ô nào thay đổi để lưu", "No cell changed: nothing to save";
    only_excellent: "Chỉ chọn được đơn vị Xuất sắc", "Only units rated Excellent can be chosen";
    no_selection: "Không có mục nào được chọn", "Nothing selected";
    no_more_units: "Hết đơn vị trong danh sách", "No more units in the list";
    loading: "Đang tải…", "Loading…";
    their_version: "bản của", "version by";
    conflict_hint: "Ctrl-S: lưu số của bạn đè lên; Esc: bỏ số của bạn.", "Ctrl-S saves your values over theirs; Esc drops yours.";
    reconnecting: "Mất kết nối máy chủ — đang kết nối lại… (mọi thứ đã nhập vẫn giữ nguyên)", "Server connection lost — reconnecting… (everything typed is kept)";
    reconnected: "Đã kết nối lại máy chủ", "Reconnected to the server";
    locked_row: "đã gửi hoặc đã duyệt, không sửa được", "submitted or approved; it cannot be changed";
    read_only: "chỉ xem; không thể sửa", "read only; it cannot be changed";
    under: "thuộc", "under";
    hint_nav: "di chuyển", "move";
    hint_open: "mở", "open";
    hint_add: "thêm", "add";
    hint_edit: "sửa", "edit";
    hint_help: "trợ giúp", "help";
    hint_quit: "thoát", "quit";
    hint_save: "lưu", "save";
    hint_next: "ô tiếp", "next field";
    hint_back: "quay lại", "back";
    hint_period: "đổi kỳ", "period";
    hint_year: "đổi năm", "year";
    hint_filter: "lọc", "filter";
    hint_submit: "gửi", "submit";
    hint_undo: "hoàn tác", "undo";
    completeness_trend: "Tỉ lệ đã gửi 12 kỳ gần đây:", "Share submitted, last 12 periods:";
    hint_reopen: "mở lại", "reopen";
    hint_progress: "tiến độ", "progress";
    new_tasks: "Việc mới giao", "New tasks";
    not_an_exemplar: "chưa là điển hình năm", "is not an exemplar for";
    choose_exemplar_first: "chọn bằng Space rồi x", "choose it with Space, then x";
    exemplar_progress: "Tiến độ", "Progress";
    hint_clear: "xóa ô", "clear";
    hint_approve: "duyệt", "approve";
    hint_return: "trả lại", "return";
    hint_withdraw: "rút lại", "withdraw";
    hint_grid: "bảng", "grid";
    hint_status: "trạng thái", "status";
    hint_overdue: "quá hạn", "overdue";
    hint_mine: "của tôi", "mine";
    hint_done: "xong", "done";
    hint_cancel: "hủy", "cancel";
    hint_log: "tiến độ", "progress";
    hint_mark: "đánh dấu", "mark";
    hint_select: "điển hình", "exemplars";
    hint_retire: "ngừng", "retire";
    hint_merge: "sáp nhập", "merge";
    hint_expand: "mở/đóng", "expand";
    hint_next_unit: "đơn vị sau/trước", "next/prev unit";
    hint_yes: "đồng ý", "yes";
    hint_no: "không", "no";
    hint_run: "chạy", "run";
    hint_sample: "nạp mẫu", "load sample";
    hint_summary: "tổng hợp", "summary";
    hint_keep_local: "giữ bản tại chỗ", "keep local";
    hint_take_incoming: "lấy bản nhận về", "take incoming";
    summary_title: "Tổng hợp kỳ", "Summary for";
    summary_whole: "toàn bộ", "everything";
    summary_sent: "Đã gửi", "Submitted";
    summary_totals: "Chỉ tiêu (cộng dồn cả cấp dưới)", "Indicators (including all units below)";
    trend_since: "xu hướng từ", "trend since";
    summary_below: "Đơn vị trực thuộc", "Units below";
    summary_absorbed: "Tính cả báo cáo của đơn vị đã sáp nhập", "Includes reports of merged units";
    summary_units_on: "Đơn vị theo danh mục ngày", "Units as they stood on";
    summary_part_of: "một phần của", "part of";
    summary_parts: "(một phần của X): số liệu của đơn vị bị chia, chỉ tính một lần ở cấp trên", "(part of X): a split unit's figures, counted once, higher up";
    filled_from: "Điền sẵn", "Filled in";
    confirm_or_correct: "kiểm tra, sửa nếu cần, rồi Ctrl-S", "check, correct if needed, then Ctrl-S";
    first_listed: "liệt kê", "listed";
    units_today: "hiện có (f: cả đơn vị cũ)", "today's (f: old ones too)";
    units_with_old: "cả đơn vị cũ (f: chỉ hiện có)", "with old ones (f: today's only)";
    old_mark: " (cũ)", " (old)";
    confirm_hand_over: "Bàn giao nhiệm vụ", "Hand task";
    hand_over_to: "cho đơn vị kế thừa", "over to the unit it continued into";
    returned_inbox: "Bị trả lại, cần sửa", "Returned, to correct";
    open_start: "trước đó", "before";
    open_end: "nay", "now";
    hint_screens: "màn hình", "screens";
    your_role: "Vai trò của bạn", "Your role";
    role_cannot_decide: "không duyệt hay trả lại báo cáo; cấp trên làm việc này", "does not approve or return reports; the level above does";
    role_cannot_decide_grades: "không duyệt hay trả lại đánh giá; cấp trên làm việc này", "does not approve or return assessments; the level above does";
    report_is: "Báo cáo đang ở trạng thái này", "The report is in this state";
    not_in_this_state: "việc này không làm được; duyệt khi đã gửi, trả lại khi đã gửi hoặc đã duyệt, gửi khi là nháp hoặc bị trả lại", "this cannot be done now: approve a submitted report, return a submitted or approved one, submit a draft or a returned one";
    summary_differs: "báo cáo kỳ khác tổng các kỳ ngắn hơn", "the report differs from its shorter periods";
    conflicts_title: "Xung đột từ gói dữ liệu", "Conflicts from bundles";
    conflicts_waiting: "xung đột từ gói dữ liệu chờ chọn bản giữ lại", "conflicts from bundles waiting for a choice";
    no_conflicts: "Không có xung đột nào", "No conflicts";
    conflict_local: "Bản tại chỗ", "Local version";
    conflict_incoming: "Bản nhận về", "Incoming version";
    conflict_from: "từ", "from";
    kept_local: "Đã giữ bản tại chỗ", "Kept the local version";
    took_incoming: "Đã lấy bản nhận về", "Took the incoming version";
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// Numbers with the language's grouping: 1.234 in Vietnamese, 1,234 in English.
pub fn number(lang: Lang, n: u64) -> String {
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Times to the minute in Vietnam time, in the language's date style.
pub fn time(lang: Lang, secs: i64) -> String {
    let t = crate::domain::date::fmt_time(secs);
    match (lang, t.split_once(' ')) {
        (Lang::En, Some((d, hm))) => {
            let p: Vec<&str> = d.split('/').collect();
            if p.len() == 3 {
                format!("{}-{}-{} {hm}", p[2], p[1], p[0])
            } else {
                t
            }
        }
        _ => t,
    }
}

/// Dates: DD/MM/YYYY in Vietnamese, ISO in English.
pub fn date(lang: Lang, d: jiff::civil::Date) -> String {
    match lang {
        Lang::Vi => crate::domain::date::fmt_date(d),
        Lang::En => crate::domain::date::fmt_iso(d),
    }
}

/// What an audit action means, in words; an unknown action shows as it is stored.
pub fn action_words(action: &str, lang: Lang) -> String {
    crate::domain::audit::Action::from_code(action)
        .map_or_else(|| action.to_string(), |a| a.words(lang).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping() {
        assert_eq!(number(Lang::Vi, 1234567), "1.234.567");
        assert_eq!(number(Lang::En, 1234), "1,234");
        assert_eq!(number(Lang::Vi, 999), "999");
    }
}
