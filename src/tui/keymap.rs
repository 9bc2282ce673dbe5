//! The one keymap: (mode, key) → action, with help text. Screen modes are looked up first, then
//! the global list mode. No binding needs Alt, F-keys, Ctrl-/Shift-arrows or kitty extensions.
//!
//! The table is the keymap, one binding per line (kept so by `rustfmt::skip`): reading every
//! binding in one place is the point, and help and the footer hints are both made from it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Lang;
use crate::tui::forms::line_edit::Edit;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Lists on every screen.
    Global,
    Dashboard,
    Units,
    Reports,
    Tasks,
    Classify,
    /// A form whose focused field takes any text.
    FormText,
    /// A form whose focused field takes digits; letters are free for commands.
    FormNumber,
    /// A form shown read-only (a report waiting for approval, an approved one).
    FormReadOnly,
    /// The grid entry table.
    Grid,
    /// A one-line prompt: palette, filter, quick add.
    Prompt,
    Confirm,
    Help,
    /// The summary overlay.
    Summary,
    /// The bundle conflicts overlay.
    Conflicts,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Help,
    Filter,
    Palette,
    Back,
    Quit,
    ForceQuit,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Screen(u8),
    NextScreen,
    PrevScreen,
    Add,
    Edit,
    Open,
    Save,
    Repaint,
    NextField,
    PrevField,
    Submit,
    Approve,
    Return,
    /// Take back a submitted report before approval.
    Withdraw,
    /// Give an ended unit's open task to the unit it continued into.
    HandOver,
    Grid,
    NextUnit,
    PrevUnit,
    ToggleOverdue,
    ToggleMine,
    CycleStatus,
    Complete,
    Cancel,
    LogProgress,
    Mark,
    SelectExemplars,
    ExemplarProgress,
    Retire,
    Merge,
    UndoUnitChange,
    LoadSample,
    Yes,
    No,
    Backspace,
    ClearField,
    Summary,
    KeepLocal,
    TakeIncoming,
    Input(char),
    /// A cursor move or delete inside the field or prompt being edited.
    Text(Edit),
}

#[derive(Clone, Copy)]
pub struct Binding {
    pub mode: Mode,
    pub key: KeyCode,
    pub ctrl: bool,
    pub action: Action,
    pub help_vi: &'static str,
    pub help_en: &'static str,
}

impl Binding {
    pub fn help(&self, lang: Lang) -> &'static str {
        lang.pick(self.help_vi, self.help_en)
    }

    /// The label the footer uses: Ctrl keys as ^S to save room.
    pub fn short_label(&self) -> String {
        match self.key {
            KeyCode::Char(c) if self.ctrl => format!("^{}", c.to_ascii_uppercase()),
            _ => self.key_label(),
        }
    }

    pub fn key_label(&self) -> String {
        let k = match self.key {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{}", k.to_uppercase())
        } else {
            k
        }
    }
}

/// The editing keys every field and prompt shares; `at` places one in a mode's table.
#[rustfmt::skip]
const EDIT_KEYS: [Binding; 8] = [
    b(M::Global, K::Home, A::Text(Edit::Start), "Về đầu ô", "To the start"),
    b(M::Global, K::End, A::Text(Edit::End), "Về cuối ô", "To the end"),
    ctrl(M::Global, 'a', A::Text(Edit::Start), "Về đầu ô", "To the start"),
    ctrl(M::Global, 'e', A::Text(Edit::End), "Về cuối ô", "To the end"),
    b(M::Global, K::Delete, A::Text(Edit::DeleteNext), "Xóa ký tự dưới con trỏ", "Delete the character under the cursor"),
    ctrl(M::Global, 'w', A::Text(Edit::DeleteWord), "Xóa từ trước con trỏ", "Delete the word before the cursor"),
    ctrl(M::Global, 'b', A::Text(Edit::WordLeft), "Lùi một từ", "Back one word"),
    ctrl(M::Global, 'f', A::Text(Edit::WordRight), "Tiến một từ", "Forward one word"),
];

impl Binding {
    const fn at(self, mode: Mode) -> Binding {
        Binding { mode, ..self }
    }
}

const fn b(
    mode: Mode,
    key: KeyCode,
    action: Action,
    help_vi: &'static str,
    help_en: &'static str,
) -> Binding {
    Binding {
        mode,
        key,
        ctrl: false,
        action,
        help_vi,
        help_en,
    }
}

const fn ctrl(
    mode: Mode,
    c: char,
    action: Action,
    help_vi: &'static str,
    help_en: &'static str,
) -> Binding {
    Binding {
        mode,
        key: KeyCode::Char(c),
        ctrl: true,
        action,
        help_vi,
        help_en,
    }
}

use Action as A;
use KeyCode as K;
use Mode as M;

#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    b(M::Global, K::Char('?'), A::Help, "Trợ giúp phím", "Key help"),
    b(M::Global, K::Char('/'), A::Filter, "Lọc danh sách", "Filter the list"),
    b(M::Global, K::Char(':'), A::Palette, "Bảng lệnh", "Command palette"),
    b(M::Global, K::Esc, A::Back, "Quay lại / bỏ lọc", "Back / clear filter"),
    b(M::Global, K::Char('q'), A::Quit, "Thoát", "Quit"),
    ctrl(M::Global, 'c', A::ForceQuit, "Thoát ngay", "Quit at once"),
    b(M::Global, K::Up, A::Up, "Lên", "Up"),
    b(M::Global, K::Char('k'), A::Up, "Lên", "Up"),
    b(M::Global, K::Down, A::Down, "Xuống", "Down"),
    b(M::Global, K::Char('j'), A::Down, "Xuống", "Down"),
    b(M::Global, K::Left, A::Left, "Trái: thu gọn / kỳ trước", "Left: collapse / previous period"),
    b(M::Global, K::Char('h'), A::Left, "Trái", "Left"),
    b(M::Global, K::Right, A::Right, "Phải: mở rộng / kỳ sau", "Right: expand / next period"),
    b(M::Global, K::Char('l'), A::Right, "Phải", "Right"),
    b(M::Global, K::PageUp, A::PageUp, "Trang trước", "Page up"),
    b(M::Global, K::PageDown, A::PageDown, "Trang sau", "Page down"),
    b(M::Global, K::Home, A::Home, "Đầu danh sách", "First row"),
    b(M::Global, K::Char('g'), A::Home, "Đầu danh sách", "First row"),
    b(M::Global, K::End, A::End, "Cuối danh sách", "Last row"),
    b(M::Global, K::Char('G'), A::End, "Cuối danh sách", "Last row"),
    b(M::Global, K::Char('1'), A::Screen(0), "Tổng quan", "Dashboard"),
    b(M::Global, K::Char('2'), A::Screen(1), "Đơn vị", "Units"),
    b(M::Global, K::Char('3'), A::Screen(2), "Báo cáo", "Reports"),
    b(M::Global, K::Char('4'), A::Screen(3), "Nhiệm vụ", "Tasks"),
    b(M::Global, K::Char('5'), A::Screen(4), "Phân loại", "Classification"),
    b(M::Global, K::Char(']'), A::NextScreen, "Màn hình sau", "Next screen"),
    b(M::Global, K::Char('['), A::PrevScreen, "Màn hình trước", "Previous screen"),
    b(M::Global, K::Char('a'), A::Add, "Thêm mới (nhiệm vụ: thêm nhanh)", "Add (tasks: quick add)"),
    b(M::Global, K::Char('e'), A::Edit, "Sửa mục đang chọn", "Edit the selected item"),
    b(M::Global, K::Enter, A::Open, "Mở mục đang chọn", "Open the selected item"),
    ctrl(M::Global, 'l', A::Repaint, "Vẽ lại màn hình", "Repaint"),
    b(M::Dashboard, K::Char('L'), A::LoadSample, "Nạp dữ liệu mẫu (kho trống)", "Load the sample (empty store)"),
    b(M::Units, K::Char('r'), A::Retire, "Cho ngừng đơn vị", "Retire the unit"),
    b(M::Units, K::Char('t'), A::Summary, "Tổng hợp số liệu của đơn vị và cấp dưới trong kỳ", "Summary of the unit and those below it for the period"),
    b(M::Units, K::Char('f'), A::CycleStatus, "Đơn vị hiện có / cả đơn vị cũ (đã sáp nhập, đã ngừng)", "Today's units / with old ones too (merged, retired)"),
    b(M::Units, K::Char('m'), A::Merge, "Sáp nhập vào đơn vị khác", "Merge into another unit"),
    b(M::Units, K::Char('U'), A::UndoUnitChange, "Hoàn tác sáp nhập hoặc ngừng nhập nhầm (quản trị)", "Undo a mistaken merge or retirement (admin)"),
    b(M::Reports, K::Char('s'), A::Submit, "Gửi báo cáo", "Submit the report"),
    b(M::Reports, K::Char('v'), A::Approve, "Duyệt báo cáo", "Approve the report"),
    b(M::Reports, K::Char('r'), A::Return, "Trả lại, hoặc mở lại nếu đã duyệt (kèm lý do)", "Return, or reopen if approved (with a reason)"),
    b(M::Reports, K::Char('w'), A::Withdraw, "Rút lại báo cáo đã gửi để sửa (khi chưa duyệt)", "Withdraw to correct it (before approval)"),
    b(M::Reports, K::Char('t'), A::Grid, "Nhập theo bảng cho cả kỳ", "Grid entry for the period"),
    b(M::Reports, K::Char('f'), A::CycleStatus, "Lọc theo trạng thái", "Filter by status"),
    b(M::Dashboard, K::Tab, A::NextField, "Danh sách đơn vị chưa gửi / quay lại", "The units still missing a report / back"),
    b(M::Tasks, K::Char('H'), A::HandOver, "Bàn giao nhiệm vụ của đơn vị đã ngừng cho đơn vị kế thừa", "Hand an ended unit's task over to its successor"),
    b(M::Tasks, K::Char('o'), A::ToggleOverdue, "Chỉ việc quá hạn", "Overdue only"),
    b(M::Tasks, K::Char('m'), A::ToggleMine, "Chỉ việc của tôi", "Mine only"),
    b(M::Tasks, K::Char('f'), A::CycleStatus, "Lọc theo trạng thái", "Filter by status"),
    b(M::Tasks, K::Char('u'), A::LogProgress, "Ghi tiến độ (cập nhật)", "Log progress (update)"),
    b(M::Tasks, K::Char('c'), A::Complete, "Hoàn thành", "Mark done"),
    b(M::Tasks, K::Char('x'), A::Cancel, "Hủy nhiệm vụ (kèm lý do)", "Cancel the task with a reason"),
    b(M::Classify, K::Char('f'), A::CycleStatus, "Đơn vị chưa có đánh giá năm / tất cả", "Units with no assessment for the year / all"),
    b(M::Classify, K::Char(' '), A::Mark, "Đánh dấu chọn điển hình", "Mark as next year's exemplar"),
    b(M::Classify, K::Char('x'), A::SelectExemplars, "Tạo điển hình cho các đơn vị đã đánh dấu", "Create exemplars for the marked units"),
    b(M::Classify, K::Char('p'), A::ExemplarProgress, "Cập nhật tiến độ điển hình (★) của đơn vị", "Update the unit's exemplar (★) progress"),
    b(M::Classify, K::Char('s'), A::Submit, "Gửi đánh giá lên cấp trên", "Submit the assessment"),
    b(M::Classify, K::Char('v'), A::Approve, "Duyệt đánh giá", "Approve the assessment"),
    b(M::Classify, K::Char('r'), A::Return, "Trả lại đánh giá (kèm lý do)", "Return the assessment with a reason"),
    b(M::FormText, K::Tab, A::NextField, "Ô tiếp theo", "Next field"),
    b(M::FormText, K::Down, A::NextField, "Ô tiếp theo", "Next field"),
    ctrl(M::FormText, 'n', A::NextField, "Ô tiếp theo", "Next field"),
    b(M::FormText, K::BackTab, A::PrevField, "Ô trước", "Previous field"),
    b(M::FormText, K::Up, A::PrevField, "Ô trước", "Previous field"),
    ctrl(M::FormText, 'p', A::PrevField, "Ô trước", "Previous field"),
    b(M::FormText, K::Enter, A::NextField, "Ô tiếp; ở ô cuối thì lưu", "Next field; saves on the last"),
    ctrl(M::FormText, 's', A::Save, "Lưu", "Save"),
    b(M::FormText, K::Esc, A::Back, "Đóng biểu mẫu", "Close the form"),
    b(M::FormText, K::Backspace, A::Backspace, "Xóa ký tự", "Delete a character"),
    ctrl(M::FormText, 'u', A::ClearField, "Xóa đến đầu ô", "Delete to the start of the field"),
    ctrl(M::FormText, 'c', A::ForceQuit, "Thoát ngay", "Quit at once"),
    ctrl(M::FormText, 'l', A::Repaint, "Vẽ lại màn hình", "Repaint"),
    b(M::FormText, K::Left, A::Left, "Con trỏ sang trái; ô lựa chọn: lựa chọn trước", "Cursor left; in a choice: the previous option"),
    b(M::FormText, K::Right, A::Right, "Con trỏ sang phải; ô lựa chọn: lựa chọn sau", "Cursor right; in a choice: the next option"),
    EDIT_KEYS[0].at(M::FormText),
    EDIT_KEYS[1].at(M::FormText),
    EDIT_KEYS[2].at(M::FormText),
    EDIT_KEYS[3].at(M::FormText),
    EDIT_KEYS[4].at(M::FormText),
    EDIT_KEYS[5].at(M::FormText),
    EDIT_KEYS[6].at(M::FormText),
    EDIT_KEYS[7].at(M::FormText),
    b(M::FormNumber, K::Tab, A::NextField, "Ô tiếp theo", "Next field"),
    b(M::FormNumber, K::Down, A::NextField, "Ô tiếp theo", "Next field"),
    ctrl(M::FormNumber, 'n', A::NextField, "Ô tiếp theo", "Next field"),
    b(M::FormNumber, K::BackTab, A::PrevField, "Ô trước", "Previous field"),
    b(M::FormNumber, K::Up, A::PrevField, "Ô trước", "Previous field"),
    ctrl(M::FormNumber, 'p', A::PrevField, "Ô trước", "Previous field"),
    b(M::FormNumber, K::Enter, A::NextField, "Ô tiếp; ở ô cuối thì lưu", "Next field; saves on the last"),
    ctrl(M::FormNumber, 's', A::Save, "Lưu", "Save"),
    b(M::FormNumber, K::Esc, A::Back, "Đóng biểu mẫu", "Close the form"),
    b(M::FormNumber, K::Backspace, A::Backspace, "Xóa chữ số", "Delete a digit"),
    ctrl(M::FormNumber, 'u', A::ClearField, "Xóa đến đầu ô", "Delete to the start of the field"),
    ctrl(M::FormNumber, 'c', A::ForceQuit, "Thoát ngay", "Quit at once"),
    ctrl(M::FormNumber, 'l', A::Repaint, "Vẽ lại màn hình", "Repaint"),
    b(M::FormNumber, K::Left, A::Left, "Con trỏ sang trái", "Cursor left"),
    b(M::FormNumber, K::Right, A::Right, "Con trỏ sang phải", "Cursor right"),
    EDIT_KEYS[0].at(M::FormNumber),
    EDIT_KEYS[1].at(M::FormNumber),
    EDIT_KEYS[2].at(M::FormNumber),
    EDIT_KEYS[3].at(M::FormNumber),
    EDIT_KEYS[4].at(M::FormNumber),
    EDIT_KEYS[5].at(M::FormNumber),
    EDIT_KEYS[6].at(M::FormNumber),
    EDIT_KEYS[7].at(M::FormNumber),
    b(M::FormNumber, K::Char('n'), A::NextUnit, "Lưu và sang đơn vị sau", "Save, then the next unit"),
    b(M::FormNumber, K::Char('p'), A::PrevUnit, "Lưu và về đơn vị trước", "Save, then the previous unit"),
    b(M::FormReadOnly, K::Char('v'), A::Approve, "Duyệt báo cáo đang xem", "Approve the report shown"),
    b(M::FormReadOnly, K::Char('r'), A::Return, "Trả lại báo cáo đang xem (kèm lý do)", "Return the report shown, with a reason"),
    b(M::FormReadOnly, K::Char('n'), A::NextUnit, "Sang báo cáo của đơn vị sau", "The next unit's report"),
    b(M::FormReadOnly, K::Char('p'), A::PrevUnit, "Về báo cáo của đơn vị trước", "The previous unit's report"),
    b(M::FormReadOnly, K::Tab, A::NextField, "Ô tiếp theo", "Next field"),
    b(M::FormReadOnly, K::Left, A::Left, "(chỉ xem)", "(read only)"),
    b(M::FormReadOnly, K::Right, A::Right, "(chỉ xem)", "(read only)"),
    b(M::FormReadOnly, K::Backspace, A::Backspace, "(chỉ xem)", "(read only)"),
    b(M::FormReadOnly, K::Down, A::NextField, "Ô tiếp theo", "Next field"),
    b(M::FormReadOnly, K::BackTab, A::PrevField, "Ô trước", "Previous field"),
    b(M::FormReadOnly, K::Up, A::PrevField, "Ô trước", "Previous field"),
    b(M::FormReadOnly, K::Esc, A::Back, "Đóng, về màn hình trước", "Close, back to where you were"),
    ctrl(M::FormReadOnly, 'c', A::ForceQuit, "Thoát ngay", "Quit at once"),
    ctrl(M::FormReadOnly, 'l', A::Repaint, "Vẽ lại màn hình", "Repaint"),
    b(M::Grid, K::Tab, A::NextField, "Ô tiếp theo", "Next cell"),
    b(M::Grid, K::Enter, A::NextField, "Ô tiếp theo", "Next cell"),
    b(M::Grid, K::BackTab, A::PrevField, "Ô trước", "Previous cell"),
    b(M::Grid, K::Up, A::Up, "Hàng trên", "Row up"),
    b(M::Grid, K::Down, A::Down, "Hàng dưới", "Row down"),
    b(M::Grid, K::Left, A::Left, "Cột trái", "Column left"),
    b(M::Grid, K::Right, A::Right, "Cột phải", "Column right"),
    ctrl(M::Grid, 's', A::Save, "Lưu các hàng đã sửa", "Save the changed rows"),
    b(M::Grid, K::Esc, A::Back, "Đóng bảng", "Close the grid"),
    b(M::Grid, K::Backspace, A::Backspace, "Xóa chữ số", "Delete a digit"),
    ctrl(M::Grid, 'u', A::ClearField, "Xóa cả ô", "Clear the cell"),
    ctrl(M::Grid, 'c', A::ForceQuit, "Thoát ngay", "Quit at once"),
    ctrl(M::Grid, 'l', A::Repaint, "Vẽ lại màn hình", "Repaint"),
    b(M::Prompt, K::Enter, A::Save, "Thực hiện", "Run"),
    b(M::Prompt, K::Esc, A::Back, "Hủy", "Cancel"),
    b(M::Prompt, K::Backspace, A::Backspace, "Xóa ký tự", "Delete a character"),
    ctrl(M::Prompt, 'u', A::ClearField, "Xóa đến đầu dòng", "Delete to the start of the line"),
    b(M::Prompt, K::Left, A::Left, "Con trỏ sang trái", "Cursor left"),
    b(M::Prompt, K::Right, A::Right, "Con trỏ sang phải", "Cursor right"),
    EDIT_KEYS[0].at(M::Prompt),
    EDIT_KEYS[1].at(M::Prompt),
    EDIT_KEYS[2].at(M::Prompt),
    EDIT_KEYS[3].at(M::Prompt),
    EDIT_KEYS[4].at(M::Prompt),
    EDIT_KEYS[5].at(M::Prompt),
    EDIT_KEYS[6].at(M::Prompt),
    EDIT_KEYS[7].at(M::Prompt),
    b(M::Prompt, K::Tab, A::NextField, "Hoàn tất tên lệnh (bảng lệnh)", "Complete the command name (palette)"),
    ctrl(M::Prompt, 'c', A::ForceQuit, "Thoát ngay", "Quit at once"),
    b(M::Confirm, K::Char('y'), A::Yes, "Đồng ý", "Yes"),
    b(M::Confirm, K::Enter, A::Yes, "Đồng ý", "Yes"),
    b(M::Confirm, K::Char('n'), A::No, "Không", "No"),
    b(M::Confirm, K::Esc, A::No, "Không", "No"),
    ctrl(M::Confirm, 'c', A::ForceQuit, "Thoát ngay", "Quit at once"),
    b(M::Help, K::Esc, A::Back, "Đóng trợ giúp", "Close help"),
    b(M::Help, K::Char('?'), A::Back, "Đóng trợ giúp", "Close help"),
    b(M::Help, K::Char('q'), A::Back, "Đóng trợ giúp", "Close help"),
    b(M::Help, K::Down, A::Down, "Cuộn xuống", "Scroll down"),
    b(M::Help, K::Up, A::Up, "Cuộn lên", "Scroll up"),
    b(M::Help, K::Char('j'), A::Down, "Cuộn xuống", "Scroll down"),
    b(M::Help, K::Char('k'), A::Up, "Cuộn lên", "Scroll up"),
    b(M::Help, K::PageDown, A::PageDown, "Trang sau", "Page down"),
    b(M::Help, K::PageUp, A::PageUp, "Trang trước", "Page up"),
    b(M::Help, K::Home, A::Home, "Đầu", "Top"),
    b(M::Help, K::End, A::End, "Cuối", "Bottom"),
    ctrl(M::Help, 'c', A::ForceQuit, "Thoát ngay", "Quit at once"),
    b(M::Summary, K::Esc, A::Back, "Đóng bảng tổng hợp", "Close the summary"),
    b(M::Summary, K::Char('q'), A::Back, "Đóng bảng tổng hợp", "Close the summary"),
    b(M::Summary, K::Left, A::Left, "Kỳ trước", "Previous period"),
    b(M::Summary, K::Right, A::Right, "Kỳ sau", "Next period"),
    b(M::Summary, K::Char('h'), A::Left, "Kỳ trước", "Previous period"),
    b(M::Summary, K::Char('l'), A::Right, "Kỳ sau", "Next period"),
    b(M::Summary, K::Down, A::Down, "Cuộn xuống", "Scroll down"),
    b(M::Summary, K::Char('j'), A::Down, "Cuộn xuống", "Scroll down"),
    b(M::Summary, K::Up, A::Up, "Cuộn lên", "Scroll up"),
    b(M::Summary, K::Char('k'), A::Up, "Cuộn lên", "Scroll up"),
    b(M::Summary, K::PageDown, A::PageDown, "Cuộn xuống một trang", "Scroll a page down"),
    b(M::Summary, K::PageUp, A::PageUp, "Cuộn lên một trang", "Scroll a page up"),
    b(M::Summary, K::Char(' '), A::PageDown, "Cuộn xuống một trang", "Scroll a page down"),
    ctrl(M::Summary, 'c', A::ForceQuit, "Thoát ngay", "Quit at once"),
    b(M::Conflicts, K::Esc, A::Back, "Đóng danh sách xung đột", "Close the conflicts"),
    b(M::Conflicts, K::Char('q'), A::Back, "Đóng danh sách xung đột", "Close the conflicts"),
    b(M::Conflicts, K::Down, A::Down, "Xung đột sau", "Next conflict"),
    b(M::Conflicts, K::Char('j'), A::Down, "Xung đột sau", "Next conflict"),
    b(M::Conflicts, K::Up, A::Up, "Xung đột trước", "Previous conflict"),
    b(M::Conflicts, K::Char('k'), A::Up, "Xung đột trước", "Previous conflict"),
    b(M::Conflicts, K::Char('l'), A::KeepLocal, "Giữ bản tại chỗ", "Keep the local version"),
    b(M::Conflicts, K::Char('i'), A::TakeIncoming, "Lấy bản nhận về", "Take the incoming version"),
    ctrl(M::Conflicts, 'c', A::ForceQuit, "Thoát ngay", "Quit at once"),
];

fn matches(bd: &Binding, ev: &KeyEvent) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    if bd.ctrl != ctrl {
        return false;
    }
    match (bd.key, ev.code) {
        (K::Char(a), K::Char(b)) if bd.ctrl => a.eq_ignore_ascii_case(&b),
        (a, b) => a == b,
    }
}

/// Modes that fall back to the global list bindings.
fn falls_back(mode: Mode) -> bool {
    matches!(
        mode,
        M::Dashboard | M::Units | M::Reports | M::Tasks | M::Classify
    )
}

/// The action for a key in a mode. Printable characters that no binding claims become input in
/// modes that take text.
pub fn lookup(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    let found = KEYMAP
        .iter()
        .find(|bd| bd.mode == mode && matches(bd, ev))
        .or_else(|| {
            falls_back(mode)
                .then(|| {
                    KEYMAP
                        .iter()
                        .find(|bd| bd.mode == M::Global && matches(bd, ev))
                })
                .flatten()
        });
    if let Some(bd) = found {
        return Some(bd.action);
    }
    match ev.code {
        K::Char(c)
            if matches!(
                mode,
                M::FormText | M::FormNumber | M::FormReadOnly | M::Grid | M::Prompt
            ) && !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(A::Input(c))
        }
        _ => None,
    }
}

/// A bracketed paste: its text goes into the field or prompt being edited, one character at a
/// time (line breaks and tabs become spaces); anywhere else it is ignored, so pasted text can
/// never run commands.
pub fn paste_actions(mode: Mode, text: &str) -> Vec<Action> {
    if !matches!(mode, M::FormText | M::FormNumber | M::Grid | M::Prompt) {
        return Vec::new();
    }
    let text = text.trim_end_matches(['\r', '\n']);
    text.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control())
        .map(A::Input)
        .collect()
}

/// No binding uses Alt, so an Alt-key is Esc and a key that arrived together (a slow link, or a
/// terminal that sends Esc-prefixed keys): split it back into the two presses.
pub fn split_alt(ev: KeyEvent) -> Vec<KeyEvent> {
    if ev.modifiers.contains(KeyModifiers::ALT) {
        let rest = KeyEvent::new(ev.code, ev.modifiers - KeyModifiers::ALT);
        vec![KeyEvent::new(K::Esc, KeyModifiers::NONE), rest]
    } else {
        vec![ev]
    }
}

/// The key that does an action in a mode (a screen mode falls back to the global list); an
/// arrow or named key is preferred over its letter twin, e.g. ↑ over k.
pub fn binding_for(mode: Mode, action: Action) -> Option<&'static Binding> {
    let all: Vec<&Binding> = bindings_for(mode)
        .into_iter()
        .filter(|b| b.action == action)
        .collect();
    let named = all.iter().find(|b| !matches!(b.key, K::Char(_)) && !b.ctrl);
    let moves = matches!(action, A::Up | A::Down | A::Left | A::Right);
    match named {
        Some(b) if moves => Some(*b),
        _ => all.first().copied(),
    }
}

/// The help overlay's entries for a mode: its bindings, then the global ones, each key and text
/// once (two keys for one action with the same text are two entries).
pub fn help_entries(mode: Mode) -> Vec<&'static Binding> {
    let mut seen = std::collections::HashSet::new();
    bindings_for(mode)
        .into_iter()
        .filter(|b| seen.insert((b.key_label(), b.help_en)))
        .collect()
}

/// Bindings shown in the help overlay for a screen mode: its own, then the global ones.
pub fn bindings_for(mode: Mode) -> Vec<&'static Binding> {
    let mut v: Vec<&Binding> = KEYMAP.iter().filter(|b| b.mode == mode).collect();
    if falls_back(mode) {
        v.extend(KEYMAP.iter().filter(|b| b.mode == M::Global));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_duplicate_bindings_and_every_entry_has_help() {
        for (i, a) in KEYMAP.iter().enumerate() {
            assert!(
                !a.help_vi.is_empty() && !a.help_en.is_empty(),
                "{:?} lacks help",
                a.action
            );
            for b in &KEYMAP[i + 1..] {
                let same_key = a.key == b.key && a.ctrl == b.ctrl;
                assert!(
                    !(same_key && a.mode == b.mode),
                    "{:?} bound twice in {:?}",
                    a.key,
                    a.mode
                );
                // A screen binding must not hide a global one.
                let shadow = (falls_back(a.mode) && b.mode == M::Global)
                    || (falls_back(b.mode) && a.mode == M::Global);
                assert!(
                    !(same_key && shadow),
                    "{:?} in {:?} hides a global binding",
                    a.key,
                    a.mode
                );
            }
        }
    }

    #[test]
    fn no_binding_needs_alt_f_keys_or_modified_arrows() {
        for bd in KEYMAP {
            assert!(!matches!(bd.key, K::F(_)), "{:?}", bd.key);
            if bd.ctrl {
                assert!(
                    matches!(bd.key, K::Char(_)),
                    "Ctrl with a non-letter: {:?}",
                    bd.key
                );
            }
        }
    }

    #[test]
    fn alt_key_is_esc_then_key() {
        let ev = KeyEvent::new(K::Char('y'), KeyModifiers::ALT);
        let keys = split_alt(ev);
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[0].code, K::Esc);
        assert_eq!(keys[1], KeyEvent::new(K::Char('y'), KeyModifiers::NONE));
    }

    #[test]
    fn letters_are_input_in_text_fields_but_commands_in_lists() {
        let ev = KeyEvent::new(K::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(M::FormText, &ev), Some(A::Input('q')));
        assert_eq!(lookup(M::Reports, &ev), Some(A::Quit));
        let n = KeyEvent::new(K::Char('n'), KeyModifiers::NONE);
        assert_eq!(lookup(M::FormNumber, &n), Some(A::NextUnit));
        assert_eq!(lookup(M::FormText, &n), Some(A::Input('n')));
        let cs = KeyEvent::new(K::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(lookup(M::FormText, &cs), Some(A::Save));
        assert_eq!(
            lookup(M::Reports, &KeyEvent::new(K::Char('s'), KeyModifiers::NONE)),
            Some(A::Submit)
        );
    }
}
