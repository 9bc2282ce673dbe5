//! An `--excel` export opened by a real spreadsheet: LibreOffice converts it to .xlsx
//! headless, and the cells are read back from that file.

mod common;

use std::path::Path;
use std::process::Command;

use calamine::{open_workbook_auto, Data, Reader};
use common::TempStore;

fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Converts as a double-click on a machine set to Vietnamese would: UTF-8, `vi-VN` dates.
fn to_xlsx(office: &str, csv: &Path, out: &Path) -> Vec<Vec<Data>> {
    let profile = out.join("profile");
    let st = Command::new(office)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--infilter=CSV:44,34,76,1,,1066",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(out)
        .arg(csv)
        .output()
        .expect("run soffice");
    assert!(
        st.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&st.stderr)
    );
    let x = out.join(csv.with_extension("xlsx").file_name().unwrap());
    let mut wb = open_workbook_auto(&x).expect("open the xlsx");
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).expect("sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

#[test]
fn libreoffice_reads_the_excel_export_cell_for_cell() {
    let office = soffice();
    if !common::require(
        office.is_some(),
        "LibreOffice (soffice) is not installed; install Debian's libreoffice-calc-nogui to run this test",
    ) {
        return;
    }
    let office = office.unwrap();
    let s = TempStore::with_sample();
    let dir = s.dir.path();
    let csv = dir.join("units.csv");
    s.antq()
        .args(["export", "units", "--excel", "-o"])
        .arg(&csv)
        .assert()
        .success();
    let rows = to_xlsx(office, &csv, dir);
    assert_eq!(
        text(&rows[0][0]),
        "code",
        "the BOM must not leak into the first header"
    );
    assert_eq!(text(&rows[0][4]), "valid_from");
    let row = |code: &str| {
        rows.iter()
            .find(|r| text(&r[0]) == code)
            .unwrap_or_else(|| panic!("no row {code}: {rows:?}"))
    };
    // Vietnamese names arrive intact, and codes stay text.
    assert_eq!(text(&row("92")[1]), "Cần Thơ");
    assert_eq!(
        text(&row("31338")[1]),
        "Hỏa Lựu",
        "today's 31338 comes first"
    );
    assert_eq!(text(&row("31486")[1]), "Vĩnh Thuận Đông");
    assert_eq!(
        row("31486")[3],
        Data::String("936".into()),
        "a parent code is text"
    );
    // 01/07/2025 is 1 July, not 7 January: a date cell holding that day.
    match &row("92")[4] {
        Data::DateTime(d) => assert_eq!(d.as_f64(), 45839.0, "serial of 2025-07-01"),
        Data::Float(f) => assert_eq!(*f, 45839.0),
        other => panic!("valid_from read as {other:?}"),
    }

    // Reports: the period stays text, not a date; figures are numbers.
    let csv = dir.join("reports.csv");
    s.antq()
        .args(["export", "reports", "--excel", "-o"])
        .arg(&csv)
        .assert()
        .success();
    let rows = to_xlsx(office, &csv, dir);
    let period_col = rows[0].iter().position(|h| text(h) == "period").unwrap();
    assert!(
        rows[1..]
            .iter()
            .all(|r| text(&r[period_col]).starts_with("202")
                && matches!(r[period_col], Data::String(_))),
        "{rows:?}"
    );
}
