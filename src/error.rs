//! One error type for every layer, with a message in Vietnamese and in English.
//!
//! Errors cross the service boundary and the server's socket, so they carry plain data, never
//! library error values.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entity {
    Unit,
    Indicator,
    Report,
    Assessment,
    Exemplar,
    Task,
}

impl Entity {
    pub fn name(self, lang: Lang) -> &'static str {
        use Entity::*;
        match (self, lang) {
            (Unit, Lang::En) => "unit",
            (Unit, Lang::Vi) => "đơn vị",
            (Indicator, Lang::En) => "indicator",
            (Indicator, Lang::Vi) => "chỉ tiêu",
            (Report, Lang::En) => "report",
            (Report, Lang::Vi) => "báo cáo",
            (Assessment, Lang::En) => "assessment",
            (Assessment, Lang::Vi) => "đánh giá",
            (Exemplar, Lang::En) => "exemplar",
            (Exemplar, Lang::Vi) => "điển hình",
            (Task, Lang::En) => "task",
            (Task, Lang::Vi) => "nhiệm vụ",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Error {
    /// A field's value is unacceptable; the message says why and how to fix it.
    Invalid {
        field: String,
        en: String,
        vi: String,
    },
    NotFound {
        entity: Entity,
        key: String,
    },
    Duplicate {
        entity: Entity,
        key: String,
    },
    /// The record exists but its state forbids the operation.
    State {
        entity: Entity,
        key: String,
        en: String,
        vi: String,
    },
    /// The acting user may not do this; the message says why and whom to ask.
    Forbidden {
        en: String,
        vi: String,
    },
    /// A save based on an older revision: someone else changed the record first.
    Conflict {
        entity: Entity,
        key: String,
        en: String,
        vi: String,
    },
    StoreLocked {
        path: String,
    },
    StoreTooNew {
        path: String,
        found: u32,
        supported: u32,
    },
    Corrupt {
        what: String,
        detail: String,
    },
    CheckFailed {
        problems: usize,
    },
    CannotOpen {
        path: String,
        detail: String,
    },
    /// The store's disk is full: the change was not saved and the store takes no more.
    DiskFull {
        path: String,
    },
    /// An earlier save failed; the store refuses changes until antq is restarted.
    WritesStopped {
        path: String,
        reason: String,
    },
    /// Saving failed for another reason than a full disk.
    SaveFailed {
        path: String,
        reason: String,
    },
    /// The store's files could not be opened (permissions, a failing disk).
    StoreUnreadable {
        path: String,
        detail: String,
    },
    /// The store found damage it cannot read past: the fix is the last backup, in the same place.
    Damaged {
        path: String,
        detail: String,
    },
    /// The server could not be reached or went away; the next call tries again.
    Disconnected {
        socket: String,
        detail: String,
    },
    NoStore {
        path: String,
    },
    /// The store's own files failed (sled, its temporary files).
    Io {
        detail: String,
    },
    /// A file the user named could not be read or written.
    File {
        path: String,
        detail: String,
    },
    /// The server failed, or is busy, while answering.
    Server {
        detail: String,
    },
    /// The terminal could not be set up or drawn on.
    Terminal {
        detail: String,
    },
    /// The settings file is not valid; `detail` starts with ", line N: " when a line is to blame.
    Config {
        path: String,
        detail: String,
    },
    /// The operating system refused something antq needs (random numbers, a temporary folder).
    System {
        detail: String,
    },
    /// A file was refused whole; every problem found is listed, nothing was written.
    Rejected {
        what: String,
        problems: Vec<Problem>,
    },
}

/// One problem in an imported file: where it is and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Line in the file (1 is the header); 0 for the file as a whole.
    pub line: u64,
    /// The column as the file names it; empty for a whole row or file.
    pub column: String,
    pub en: String,
    pub vi: String,
}

impl Problem {
    pub fn new(line: u64, column: &str, en: impl Into<String>, vi: impl Into<String>) -> Problem {
        Problem {
            line,
            column: column.to_string(),
            en: en.into(),
            vi: vi.into(),
        }
    }

    /// Takes a field error's reason, placed at a line and column.
    pub fn from_error(line: u64, column: &str, e: &Error) -> Problem {
        Problem::new(line, column, e.reason(Lang::En), e.reason(Lang::Vi))
    }

    pub fn render(&self, lang: Lang) -> String {
        let reason = lang.pick(&self.vi, &self.en);
        match (self.line, self.column.is_empty(), lang) {
            (0, _, _) => reason.to_string(),
            (l, true, Lang::En) => format!("line {l}: {reason}"),
            (l, true, Lang::Vi) => format!("dòng {l}: {reason}"),
            (l, false, Lang::En) => format!("line {l}, column '{}': {reason}", self.column),
            (l, false, Lang::Vi) => format!("dòng {l}, cột '{}': {reason}", self.column),
        }
    }
}

impl Error {
    pub fn invalid(field: &str, en: impl Into<String>, vi: impl Into<String>) -> Error {
        Error::Invalid {
            field: field.to_string(),
            en: en.into(),
            vi: vi.into(),
        }
    }

    pub fn not_found(entity: Entity, key: impl Into<String>) -> Error {
        Error::NotFound {
            entity,
            key: key.into(),
        }
    }

    pub fn state(
        entity: Entity,
        key: impl Into<String>,
        en: impl Into<String>,
        vi: impl Into<String>,
    ) -> Error {
        Error::State {
            entity,
            key: key.into(),
            en: en.into(),
            vi: vi.into(),
        }
    }

    pub fn en(&self) -> String {
        self.render(Lang::En)
    }

    /// The field a value error is about, for a form to put the reason beside it.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The reason without the field's name in front: what a form shows beside the field.
    /// Errors about no field give their whole message.
    pub fn reason(&self, lang: Lang) -> String {
        match self {
            Error::Invalid { en, vi, .. } => lang.pick(vi, en).to_string(),
            other => other.render(lang),
        }
    }

    /// The one-line message shown to the user in their language, with a hint where one helps.
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per kind of error, each in both languages"
    )]
    pub fn render(&self, lang: Lang) -> String {
        use Error::*;
        match self {
            Invalid { field, en, vi } => {
                let name = match lang {
                    Lang::Vi => field_vi(field),
                    Lang::En => field,
                };
                format!("{name}: {}", lang.pick(vi, en))
            }
            NotFound { entity, key } => {
                let key = shown_key(key);
                let hint = match (entity, lang) {
                    (Entity::Unit, Lang::En) => " (find codes with: antq units list --search NAME)",
                    (Entity::Unit, Lang::Vi) => {
                        " (tìm mã bằng: antq units list --search TÊN)"
                    }
                    _ => "",
                };
                let what = lang.pick("không tìm thấy", "not found");
                format!("{} {key}: {what}{hint}", entity.name(lang))
            }
            Duplicate { entity, key } => {
                let key = shown_key(key);
                let what = lang.pick("đã tồn tại, hãy dùng mã khác", "already exists; use another code");
                format!("{} {key}: {what}", entity.name(lang))
            }
            State { entity, key, en, vi } => {
                let key = shown_key(key);
                format!("{} {key}: {}", entity.name(lang), lang.pick(vi, en))
            }
            Forbidden { en, vi } => lang.pick(vi, en).to_string(),
            Conflict { entity, key, en, vi } => {
                let key = shown_key(key);
                format!("{} {key}: {}", entity.name(lang), lang.pick(vi, en))
            }
            StoreLocked { path } => match lang {
                Lang::En => format!(
                    "the store {path} is already open in another antq process; close it, or run one 'antq serve --db {path}' for everyone to share"
                ),
                Lang::Vi => format!(
                    "kho dữ liệu {path} đang được một tiến trình antq khác mở; hãy đóng tiến trình đó, hoặc chạy 'antq serve --db {path}' để mọi người dùng chung"
                ),
            },
            StoreTooNew { path, found, supported } => match lang {
                Lang::En => format!(
                    "the store {path} has schema {found}, newer than this antq understands ({supported}); upgrade antq"
                ),
                Lang::Vi => format!(
                    "kho dữ liệu {path} có lược đồ {found}, mới hơn mức antq này hiểu ({supported}); hãy nâng cấp antq"
                ),
            },
            Corrupt { what, detail } => match lang {
                Lang::En => format!("stored record {what} cannot be read ({detail}); run 'antq check'"),
                Lang::Vi => format!("không đọc được bản ghi {what} ({detail}); hãy chạy 'antq check'"),
            },
            CheckFailed { problems } => match lang {
                Lang::En => format!("check found {problems} problems (listed above); restore from a backup or report them"),
                Lang::Vi => format!("kiểm tra phát hiện {problems} lỗi (liệt kê ở trên); hãy phục hồi từ bản sao lưu hoặc báo lại"),
            },
            CannotOpen { path, detail } => match lang {
                Lang::En => format!("cannot open the store {path} ({detail}); point --db or ANTQ_DB at an antq store folder"),
                Lang::Vi => format!("không mở được kho dữ liệu {path} ({detail}); hãy chỉ --db hoặc ANTQ_DB tới thư mục kho antq"),
            },
            DiskFull { path } => match lang {
                Lang::En => format!("the disk holding the store {path} is full: this change was NOT saved and will not appear. Until antq is restarted the store takes no more changes (reading still works). Free space on that disk (see: df -h {path}), then restart 'antq serve' or run the command again"),
                Lang::Vi => format!("ổ đĩa chứa kho dữ liệu {path} đã đầy: thay đổi này CHƯA được lưu và sẽ không xuất hiện. Cho tới khi khởi động lại antq, kho không nhận thêm thay đổi (vẫn đọc được). Hãy giải phóng dung lượng ổ đĩa (xem: df -h {path}), rồi khởi động lại 'antq serve' hoặc chạy lại lệnh"),
            },
            WritesStopped { path, reason } => match lang {
                Lang::En => format!("the store {path} takes no more changes: {reason}; this change was NOT saved (reading still works). Free space on its disk, then restart 'antq serve' or run the command again"),
                Lang::Vi => format!("kho dữ liệu {path} không nhận thêm thay đổi: {}; thay đổi này CHƯA được lưu (vẫn đọc được). Hãy giải phóng dung lượng ổ đĩa rồi khởi động lại 'antq serve' hoặc chạy lại lệnh", vi_reason(reason)),
            },
            SaveFailed { path, reason } => match lang {
                Lang::En => format!("saving to the store {path} failed ({reason}): this change was NOT saved and the store takes no more changes until antq is restarted; check the disk (dmesg), then restart"),
                Lang::Vi => format!("lưu vào kho dữ liệu {path} thất bại ({reason}): thay đổi này CHƯA được lưu và kho không nhận thêm thay đổi cho tới khi khởi động lại antq; hãy kiểm tra ổ đĩa (dmesg) rồi khởi động lại"),
            },
            StoreUnreadable { path, detail } => match lang {
                Lang::En => format!("cannot open the store {path} ({detail}); check that this user may read and write it (ls -ld {path}); nothing was changed"),
                Lang::Vi => format!("không mở được kho dữ liệu {path} ({detail}); hãy kiểm tra người dùng này có quyền đọc và ghi (ls -ld {path}); chưa có gì bị thay đổi"),
            },
            Damaged { path, detail } => match lang {
                Lang::En => format!("the store {path} is damaged and cannot be opened ({detail}); nothing was changed. Keep the folder for inspection (mv {path} {path}.damaged), then restore the last backup into the same place: antq restore --db {path} BACKUP_FILE"),
                Lang::Vi => format!("kho dữ liệu {path} bị hỏng, không mở được ({}); chưa có gì bị thay đổi. Hãy giữ nguyên thư mục để kiểm tra (mv {path} {path}.damaged), rồi phục hồi bản sao lưu gần nhất vào đúng chỗ đó: antq restore --db {path} TỆP_SAO_LƯU", damaged_vi(detail)),
            },
            Disconnected { socket, detail } => match lang {
                Lang::En => format!("server stopped or unreachable at {socket} ({detail}); try again when it is back"),
                Lang::Vi => format!("máy chủ đã dừng hoặc không liên lạc được tại {socket} ({detail}); hãy thử lại khi máy chủ chạy lại"),
            },
            NoStore { path } => match lang {
                Lang::En => format!("there is no store at {path}; create it with 'antq init' (add --sample for the Hậu Giang sample) or point --db / ANTQ_DB at an existing one"),
                Lang::Vi => format!("không có kho dữ liệu tại {path}; hãy tạo bằng 'antq init' (thêm --sample để nạp dữ liệu mẫu Hậu Giang) hoặc chỉ --db / ANTQ_DB tới kho có sẵn"),
            },
            Io { detail } => match lang {
                Lang::En => format!("storage failed: {detail}"),
                Lang::Vi => format!("thao tác lưu trữ thất bại: {detail}"),
            },
            File { path, detail } => match lang {
                Lang::En => format!("{path}: {detail}; check the path, and that this user may read and write there"),
                Lang::Vi => format!("{path}: {detail}; hãy kiểm tra đường dẫn và quyền đọc, ghi của người dùng này"),
            },
            Server { detail } => match lang {
                Lang::En => format!("server: {detail}"),
                Lang::Vi => format!("máy chủ: {detail}"),
            },
            Terminal { detail } => match lang {
                Lang::En => format!("terminal: {detail}"),
                Lang::Vi => format!("thiết bị đầu cuối: {detail}"),
            },
            Config { path, detail } => match lang {
                Lang::En => format!("the settings file {path}{detail}. Fix it (keys: lang = \"vi\" or \"en\", ascii = true or false, socket = \"PATH\"), or move it away to use the defaults"),
                Lang::Vi => format!("tệp cài đặt {path}{detail}. Hãy sửa lại (khóa: lang = \"vi\" hoặc \"en\", ascii = true hoặc false, socket = \"ĐƯỜNG_DẪN\"), hoặc chuyển tệp đi để dùng mặc định"),
            },
            System { detail } => match lang {
                Lang::En => format!("the system refused: {detail}"),
                Lang::Vi => format!("hệ thống từ chối: {detail}"),
            },
            Rejected { what, problems } => match problems.as_slice() {
                [p] if p.line == 0 => format!("{what}: {}", p.render(lang)),
                _ => {
                    let head = match lang {
                        Lang::En => format!(
                            "{what}: {} problem(s); nothing was imported. Fix them and import again:",
                            problems.len()
                        ),
                        Lang::Vi => format!(
                            "{what}: {} lỗi; chưa nhập gì. Hãy sửa rồi nhập lại:",
                            problems.len()
                        ),
                    };
                    // A file wrong on every cell is told in a screenful, not megabytes.
                    const SHOWN: usize = 100;
                    let more = problems.len().saturating_sub(SHOWN);
                    let tail = (more > 0).then(|| {
                        lang.pick(
                            &format!("  … và {more} lỗi nữa; sửa các lỗi trên rồi nhập lại để xem tiếp"),
                            &format!("  … and {more} more; fix these and import again to see the rest"),
                        )
                        .to_string()
                    });
                    std::iter::once(head)
                        .chain(problems.iter().take(SHOWN).map(|p| format!("  {}", p.render(lang))))
                        .chain(tail)
                        .collect::<Vec<_>>()
                        .join("\n")
                }
            },
        }
    }
}

fn vi_reason(reason: &str) -> String {
    match reason {
        "its disk is full" => "ổ đĩa đã đầy".into(),
        other => other.replace("saving failed", "lưu thất bại"),
    }
}

/// The English message, the same text `render(Lang::En)` gives.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A field's name as a Vietnamese user reads it; codes without a common name (an indicator's
/// code, a file column) stay as they are.
pub fn field_vi(field: &str) -> &str {
    match field {
        "unit" | "units" => "đơn vị",
        "period" => "kỳ",
        "periods" => "các kỳ",
        "due" => "hạn",
        "title" => "tiêu đề",
        "priority" => "ưu tiên",
        "with" => "phối hợp",
        "text" => "nội dung",
        "details" => "nội dung chi tiết",
        "percent" => "phần trăm",
        "reason" | "return_reason" => "lý do",
        "grade_reason" => "lý do xếp loại",
        "score" => "điểm",
        "safety" => "an toàn",
        "grade" => "xếp loại",
        "year" => "năm",
        "status" => "trạng thái",
        "code" => "mã",
        "name" => "tên",
        "kind" => "loại",
        "parent" => "cấp trên",
        "on" | "date" => "ngày",
        "from" => "từ ngày",
        "into" => "sáp nhập vào",
        "notes" => "ghi chú",
        "narrative" => "thuyết minh",
        "source" => "văn bản nguồn",
        "source.number" | "source-number" => "số văn bản",
        "source.issuer" | "source-issuer" => "cơ quan ban hành",
        "source-date" | "source_date" => "ngày văn bản",
        "decision" => "quyết định",
        "decision-date" | "decision_date" => "ngày quyết định",
        "issuer" => "cơ quan ban hành",
        "cutoffs" => "ngưỡng điểm",
        "role" => "vai trò",
        "task" => "nhiệm vụ",
        "under" => "thuộc",
        other => other,
    }
}

/// A record's key as users name it: `31441@2025-07-01/2026-11` reads `31441/2026-11`. The store
/// tells a reused code's holders apart by the date; the user named the one they meant.
fn shown_key(key: &str) -> String {
    key.split('/')
        .map(|part| match part.split_once('@') {
            Some((code, when)) if when == "-" || when.len() == 10 && when.as_bytes()[4] == b'-' => {
                code
            }
            _ => part,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The store's own words for damage, in Vietnamese; sled's own stay as sled says them.
fn damaged_vi(detail: &str) -> &str {
    match detail {
        "its records cannot be read: the log opens empty" => {
            "không đọc được các bản ghi: nhật ký của kho mở ra trống"
        }
        "its records cannot be read: its log holds damaged data" => {
            "không đọc được các bản ghi: nhật ký của kho có dữ liệu hỏng"
        }
        other => other,
    }
}
