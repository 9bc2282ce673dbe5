//! Every table's columns, described once for both directions: the English key a machine file
//! writes, the Vietnamese header an office file writes (the first alias), and the other
//! headers offices use, which import accepts (compared without accents, case or underscores).

use crate::domain::indicator::Indicator;

pub struct Col {
    pub name: String,
    pub aliases: Vec<String>,
    pub required: bool,
    /// Whether exports write it; a few columns are only accepted from files.
    pub written: bool,
}

/// The tables that cross the edge as spreadsheets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Units,
    Lineage,
    Indicators,
    Reports,
    /// One figure per row: `unit,period,indicator,value`, like DHIS2's data value sets.
    Values,
    Assessments,
    Exemplars,
    Tasks,
    Audit,
}

/// The header an office file writes for `key`: Vietnamese, else the key itself.
pub fn office_header(table: Table, key: &str, cat: &[Indicator]) -> String {
    columns(table, cat)
        .into_iter()
        .find(|c| c.name == key)
        .and_then(|c| c.aliases.into_iter().next())
        .unwrap_or_else(|| key.to_string())
}

fn col(name: &str, required: bool, aliases: &[&str]) -> Col {
    Col {
        name: name.to_string(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        required,
        written: true,
    }
}

/// A column import accepts and exports leave out.
fn accepted(name: &str, aliases: &[&str]) -> Col {
    Col {
        written: false,
        ..col(name, false, aliases)
    }
}

/// The keys an export of `table` writes, in order.
pub fn keys(table: Table, cat: &[Indicator]) -> Vec<String> {
    columns(table, cat)
        .into_iter()
        .filter(|c| c.written)
        .map(|c| c.name)
        .collect()
}

pub fn columns(table: Table, cat: &[Indicator]) -> Vec<Col> {
    match table {
        Table::Units => units(),
        Table::Lineage => vec![
            col("from", true, &["Đơn vị cũ", "từ", "mã cũ", "tiền thân"]),
            col("to", true, &["Đơn vị mới", "đến", "mã mới", "kế thừa"]),
            col("on", true, &["Ngày hiệu lực", "từ ngày", "ngày"]),
        ],
        Table::Indicators => vec![
            col("code", true, &["Mã chỉ tiêu"]),
            col("label_vi", false, &["Tên chỉ tiêu"]),
            col("label_en", false, &["Tên tiếng Anh"]),
            col("unit_kinds", false, &["Loại đơn vị báo cáo"]),
            col("periods", false, &["Các kỳ báo cáo"]),
            col("order", false, &["Thứ tự"]),
            col("over_time", false, &["Cộng qua các kỳ"]),
        ],
        Table::Reports => reports(cat),
        Table::Values => values(),
        Table::Assessments => assessments(),
        Table::Exemplars => vec![
            col("year", true, &["Năm"]),
            unit_col(),
            unit_name_col(),
            col("basis_year", false, &["Năm đánh giá làm căn cứ"]),
            col("status", false, &["Trạng thái"]),
            col("decision_number", false, &["Số quyết định"]),
            col("decision_date", false, &["Ngày quyết định"]),
            col("decision_issuer", false, &["Cơ quan quyết định"]),
        ],
        Table::Tasks => tasks(),
        Table::Audit => vec![
            col("seq", true, &["Số thứ tự ghi"]),
            col("at", false, &["Thời điểm"]),
            col("actor", false, &["Người thực hiện"]),
            col("action", false, &["Thao tác"]),
            col("entity", false, &["Bản ghi"]),
            col("summary", false, &["Nội dung"]),
        ],
    }
}

fn unit_col() -> Col {
    col("unit", true, &["Mã đơn vị", "đơn vị", "mã"])
}

/// Written for people, never read: the code says the unit.
fn unit_name_col() -> Col {
    col("unit_name", false, &["Tên đơn vị"])
}

fn units() -> Vec<Col> {
    vec![
        col("code", true, &["Mã đơn vị", "mã", "ma dv", "mã số"]),
        col("name", false, &["Tên đơn vị", "tên"]),
        col("kind", false, &["Loại đơn vị", "loại", "cấp", "type"]),
        col(
            "parent",
            false,
            &["Mã cấp trên", "cấp trên", "đơn vị cấp trên", "trực thuộc"],
        ),
        col(
            "valid_from",
            false,
            &["Hiệu lực từ", "từ ngày", "ngày thành lập", "from"],
        ),
        col(
            "valid_to",
            false,
            &["Hiệu lực đến", "đến ngày", "ngày ngừng", "to"],
        ),
        col(
            "values_from",
            false,
            &["Thay đổi từ ngày", "đổi từ ngày", "thay đổi từ"],
        ),
        col("notes", false, &["Ghi chú"]),
        // Written by exports for pivot tables, never read: the parents say them.
        col("path", false, &["Đường dẫn"]),
        col("level", false, &["Cấp hành chính"]),
    ]
}

fn reports(cat: &[Indicator]) -> Vec<Col> {
    let mut v = vec![
        unit_col(),
        unit_name_col(),
        col("period", true, &["Kỳ báo cáo", "kỳ"]),
        // Written by the fill-in form: the report's revision it was filled from.
        accepted("base_revision", &["Phiên bản gốc"]),
        col("status", false, &["Trạng thái"]),
        col("first_submitted", false, &["Gửi lần đầu", "ngày gửi"]),
        col("updated_by", false, &["Người cập nhật"]),
        col("updated_at", false, &["Cập nhật lúc", "ngày cập nhật"]),
        col("revision", false, &["Phiên bản"]),
    ];
    for i in cat {
        v.push(Col {
            name: i.code.clone(),
            aliases: vec![i.label_vi.clone(), i.label_en.clone()],
            required: false,
            written: true,
        });
    }
    v.extend([
        col("return_reason", false, &["Lý do trả lại"]),
        col("narrative", false, &["Thuyết minh", "nội dung", "ghi chú"]),
        // Written by exports, never read: the workflow history decides it.
        col("reopened", false, &["Mở lại sau duyệt"]),
    ]);
    v
}

/// DHIS2's data value set columns are accepted by their names; the ones antq has no use for
/// are read and left.
fn values() -> Vec<Col> {
    let mut v = vec![
        col("unit", true, &["Mã đơn vị", "đơn vị", "mã", "orgunit"]),
        col("period", true, &["Kỳ báo cáo", "kỳ"]),
        col(
            "indicator",
            true,
            &["Chỉ tiêu", "mã chỉ tiêu", "dataelement", "data element"],
        ),
        col("value", true, &["Giá trị", "số liệu"]),
        unit_name_col(),
    ];
    for ignored in [
        "categoryoptioncombo",
        "attributeoptioncombo",
        "storedby",
        "lastupdated",
        "created",
        "comment",
        "followup",
    ] {
        v.push(accepted(ignored, &[]));
    }
    v
}

fn assessments() -> Vec<Col> {
    vec![
        unit_col(),
        unit_name_col(),
        col("year", true, &["Năm"]),
        col("safety", false, &["An toàn về ANTT", "an toàn", "kết quả"]),
        col("score", false, &["Điểm"]),
        col("grade", false, &["Xếp loại", "phân loại"]),
        col("grade_explicit", false, &["Xếp loại theo quyết định"]),
        col(
            "grade_reason",
            false,
            &["Lý do xếp loại khác điểm", "lý do xếp loại"],
        ),
        col("status", false, &["Trạng thái"]),
        col("decision_number", false, &["Số quyết định"]),
        col("decision_date", false, &["Ngày quyết định"]),
        col(
            "decision_issuer",
            false,
            &["Cơ quan quyết định", "nơi ban hành"],
        ),
        col("notes", false, &["Ghi chú"]),
    ]
}

fn tasks() -> Vec<Col> {
    vec![
        col("id", false, &["Mã nhiệm vụ", "số", "stt nhiệm vụ"]),
        col("title", true, &["Nhiệm vụ", "tiêu đề", "tên nhiệm vụ"]),
        col("lead_unit", true, &["Đơn vị chủ trì", "chủ trì"]),
        col("coordinating", false, &["Đơn vị phối hợp", "phối hợp"]),
        col("due", true, &["Hạn hoàn thành", "hạn", "thời hạn"]),
        col("priority", false, &["Mức ưu tiên", "ưu tiên"]),
        col("status", false, &["Trạng thái"]),
        col("percent", false, &["Tiến độ", "%"]),
        col("source_number", false, &["Số văn bản", "số chỉ đạo"]),
        col("source_date", false, &["Ngày văn bản", "ngày chỉ đạo"]),
        col(
            "source_issuer",
            false,
            &["Cơ quan ban hành", "nơi ban hành"],
        ),
        col("source_summary", false, &["Trích yếu"]),
        col("log", false, &["Nhật ký", "tiến trình"]),
        col("details", false, &["Chi tiết", "nội dung"]),
    ]
}

/// A cell as an office file writes it in Vietnamese: names for kinds and states, có/không for
/// flags. Each is a spelling import reads back; anything else is left as it is.
pub fn office_value(table: Table, key: &str, cell: &str) -> String {
    use crate::domain::{assessment, exemplar, task, workflow};
    let vi = crate::i18n::Lang::Vi;
    let named = match (table, key) {
        (Table::Units, "kind") => crate::domain::unit::UnitKind::parse(cell)
            .ok()
            .map(|k| k.label_vi()),
        (Table::Reports | Table::Assessments, "status") => {
            workflow::Status::parse(cell).map(|s| s.label(vi))
        }
        (Table::Exemplars, "status") => exemplar::ExemplarStatus::parse(cell).map(|s| s.label(vi)),
        (Table::Tasks, "status") => task::TaskStatus::parse(cell).map(|s| s.label(vi)),
        (Table::Tasks, "priority") => task::Priority::parse(cell).map(|p| p.label(vi)),
        (Table::Assessments, "safety") => assessment::Safety::parse(cell).map(|s| s.label(vi)),
        (_, "grade_explicit" | "reopened") => match cell {
            "true" | "yes" => Some("có"),
            "false" | "no" => Some("không"),
            _ => None,
        },
        _ => None,
    };
    named.map_or_else(|| cell.to_string(), str::to_string)
}
