//! The columns each import accepts: the export's English names, plus Vietnamese headers as
//! offices write them (compared without accents, case or underscores).

use crate::domain::indicator::Indicator;
use crate::service::api::ImportKind;

pub(crate) struct Col {
    pub name: String,
    pub aliases: Vec<String>,
    pub required: bool,
}

fn col(name: &str, required: bool, aliases: &[&str]) -> Col {
    Col {
        name: name.to_string(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        required,
    }
}

pub(crate) fn columns_for(kind: ImportKind, cat: &[Indicator]) -> Vec<Col> {
    match kind {
        ImportKind::Units => vec![
            col("code", true, &["mã", "mã đơn vị", "ma dv", "mã số"]),
            col("name", false, &["tên", "tên đơn vị"]),
            col("kind", false, &["loại", "loại đơn vị", "cấp", "type"]),
            col(
                "parent",
                false,
                &["cấp trên", "đơn vị cấp trên", "mã cấp trên", "trực thuộc"],
            ),
            col(
                "valid_from",
                false,
                &["từ ngày", "hiệu lực từ", "ngày thành lập", "from"],
            ),
            col("valid_to", false, &["đến ngày", "ngày ngừng", "to"]),
            col("values_from", false, &["đổi từ ngày", "thay đổi từ"]),
            col("notes", false, &["ghi chú"]),
        ],
        ImportKind::Lineage => vec![
            col("from", true, &["từ", "đơn vị cũ", "mã cũ", "tiền thân"]),
            col("to", true, &["đến", "đơn vị mới", "mã mới", "kế thừa"]),
            col("on", true, &["từ ngày", "ngày", "ngày hiệu lực"]),
        ],
        ImportKind::Reports => {
            let mut v = vec![
                col("unit", true, &["đơn vị", "mã đơn vị", "mã"]),
                col("period", true, &["kỳ", "kỳ báo cáo"]),
                // Written by the fill-in form for people, never read: the code says the unit.
                col("unit_name", false, &["tên đơn vị"]),
                // Written by the fill-in form: the report's revision it was filled from.
                col("base_revision", false, &["phiên bản gốc"]),
                col("status", false, &["trạng thái"]),
                col("first_submitted", false, &["gửi lần đầu", "ngày gửi"]),
                col("updated_by", false, &["người cập nhật"]),
                col("updated_at", false, &["cập nhật lúc", "ngày cập nhật"]),
                col("revision", false, &["phiên bản"]),
                col("return_reason", false, &["lý do trả lại"]),
                col("narrative", false, &["thuyết minh", "nội dung", "ghi chú"]),
                // Written by exports, never read: the workflow history decides it.
                col("reopened", false, &["mở lại sau duyệt"]),
            ];
            for i in cat {
                v.push(Col {
                    name: i.code.clone(),
                    aliases: vec![i.label_vi.clone(), i.label_en.clone()],
                    required: false,
                });
            }
            v
        }
        ImportKind::Assessments => vec![
            col("unit", true, &["đơn vị", "mã đơn vị", "mã"]),
            col("year", true, &["năm"]),
            col("safety", false, &["an toàn", "an toàn về antt", "kết quả"]),
            col("score", false, &["điểm"]),
            col("grade", false, &["xếp loại", "phân loại"]),
            col("grade_explicit", false, &["xếp loại theo quyết định"]),
            col(
                "grade_reason",
                false,
                &["lý do xếp loại", "lý do xếp loại khác điểm"],
            ),
            col("status", false, &["trạng thái"]),
            col("decision_number", false, &["số quyết định"]),
            col("decision_date", false, &["ngày quyết định"]),
            col(
                "decision_issuer",
                false,
                &["cơ quan quyết định", "nơi ban hành"],
            ),
            col("notes", false, &["ghi chú"]),
        ],
        ImportKind::Tasks => vec![
            col("id", false, &["số", "stt nhiệm vụ", "mã nhiệm vụ"]),
            col("title", true, &["tiêu đề", "nhiệm vụ", "tên nhiệm vụ"]),
            col("lead_unit", true, &["đơn vị chủ trì", "chủ trì"]),
            col("coordinating", false, &["đơn vị phối hợp", "phối hợp"]),
            col("due", true, &["hạn", "thời hạn", "hạn hoàn thành"]),
            col("priority", false, &["mức ưu tiên", "ưu tiên"]),
            col("status", false, &["trạng thái"]),
            col("percent", false, &["tiến độ", "%"]),
            col("source_number", false, &["số văn bản", "số chỉ đạo"]),
            col("source_date", false, &["ngày văn bản", "ngày chỉ đạo"]),
            col(
                "source_issuer",
                false,
                &["cơ quan ban hành", "nơi ban hành"],
            ),
            col("source_summary", false, &["trích yếu"]),
            col("log", false, &["nhật ký", "tiến trình"]),
            col("details", false, &["chi tiết", "nội dung"]),
        ],
    }
}
