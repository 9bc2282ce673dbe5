//! An `--excel` export opened by a real spreadsheet: LibreOffice converts it to .xlsx
//! headless, and the cells are read back from that file.

use crate::common;

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

/// A LibreOffice profile set to Vietnamese, as an office's machine is.
fn vietnamese_profile(dir: &Path) -> String {
    let user = dir.join("viprof/user");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>vi-VN</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    format!(
        "-env:UserInstallation=file://{}",
        dir.join("viprof").display()
    )
}

/// Opens `files` in LibreOffice (Vietnamese) and saves them again as `filter` into `out`, in
/// one run; returns the saved files.
fn save_again(
    office: &str,
    profile: &str,
    files: &[std::path::PathBuf],
    filter: &str,
    out: &Path,
) -> Vec<std::path::PathBuf> {
    let mut cmd = Command::new(office);
    cmd.arg(profile).arg("--headless");
    if files[0].extension().is_some_and(|e| e == "csv") {
        cmd.arg("--infilter=CSV:44,34,76,1,,1066");
    }
    let st = cmd
        .args(["--convert-to", filter, "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .expect("run soffice");
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let ext = filter.split(':').next().unwrap();
    files
        .iter()
        .map(|f| out.join(f.with_extension(ext).file_name().unwrap()))
        .collect()
}

/// What an office does with a file: open the export in a spreadsheet set to Vietnamese, save
/// it (as .xlsx, or as CSV, which writes dates as 01/07/25 and times as "09:00 sáng"), and
/// import it back. Every row reads, and nothing changes: in English keys, and in the
/// Vietnamese headers and names an office file has when antq speaks Vietnamese.
#[test]
fn a_spreadsheet_round_trip_in_vietnamese_imports_with_no_problems() {
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
    let profile = vietnamese_profile(dir);
    let kinds = ["units", "reports", "assessments", "tasks"];
    for (format, filter) in [
        ("xlsx", "xlsx"),
        ("csv", "csv:Text - txt - csv (StarCalc):44,34,76,1,,1066"),
    ] {
        let mut files = Vec::new();
        for lang in ["en", "vi"] {
            for what in kinds {
                let file = dir.join(format!("{lang}-{what}.{format}"));
                let mut export = s.antq();
                export
                    .args(["--lang", lang, "export", what, "-o"])
                    .arg(&file);
                if format == "xlsx" {
                    export.args(["--format", "xlsx"]);
                } else {
                    export.arg("--excel");
                }
                export.assert().success();
                files.push(file);
            }
        }
        let saved = dir.join(format!("saved-{format}"));
        for (back, file) in save_again(office, &profile, &files, filter, &saved)
            .iter()
            .zip(&files)
        {
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            if format == "csv" {
                let text = std::fs::read_to_string(back).unwrap();
                if name.ends_with("units.csv") {
                    assert!(
                        text.contains("/25,"),
                        "LibreOffice in Vietnamese writes two-digit years: {}",
                        &text[..text.len().min(400)]
                    );
                }
                if name == "vi-units.csv" {
                    assert!(
                        text.starts_with("Mã đơn vị,Tên đơn vị,Loại đơn vị,"),
                        "{}",
                        &text[..200]
                    );
                    assert!(text.contains(",Xã,"), "kinds by their Vietnamese names");
                }
                if name == "vi-reports.csv" {
                    assert!(text.contains("Phường I"), "units named with their kind");
                    assert!(text.contains("Đã duyệt"), "states in Vietnamese");
                }
            }
            let what = name[3..].split('.').next().unwrap();
            let out = s.stdout(&["import", what, back.to_str().unwrap()]);
            assert!(
                out.starts_with("Nothing changed. added: 0 · updated: 0 · unchanged: "),
                "{name}: {out}"
            );
        }
    }
}
