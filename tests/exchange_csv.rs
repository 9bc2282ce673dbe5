//! CSV import and export: round trips, spreadsheets' quirks, and hostile files refused whole.

use crate::common;

use common::TempStore;

fn write(s: &TempStore, name: &str, bytes: &[u8]) -> String {
    let p = s.dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

const KINDS: [&str; 4] = ["units", "reports", "assessments", "tasks"];

#[test]
fn export_import_export_is_identical_and_reimport_changes_nothing() {
    let a = TempStore::with_sample();
    let b = TempStore::new();
    b.antq().arg("init").assert().success();
    let first: Vec<String> = KINDS.iter().map(|k| a.stdout(&["export", k])).collect();
    for (k, csv) in KINDS.iter().zip(&first) {
        let f = write(&b, &format!("{k}.csv"), csv.as_bytes());
        let out = b.stdout(&["import", k, &f]);
        assert!(out.starts_with("Saved. added: "), "{out}");
    }
    for (k, csv) in KINDS.iter().zip(&first) {
        assert_eq!(
            &b.stdout(&["export", k]),
            csv,
            "{k} differs after the round trip"
        );
    }
    let before = b.snapshot();
    for k in KINDS {
        let f = b.dir.path().join(format!("{k}.csv"));
        let out = b.stdout(&["import", k, f.to_str().unwrap()]);
        assert!(
            out.starts_with("Nothing changed. added: 0 · updated: 0 · unchanged: "),
            "{out}"
        );
    }
    assert_eq!(b.snapshot(), before, "re-importing wrote something");
    b.antq().arg("check").assert().success();
}

#[test]
fn vietnamese_headers_bom_semicolons_crlf_and_dry_run() {
    let s = TempStore::with_sample();
    let csv = "\u{feff}STT;Mã;Tên đơn vị;Loại;Cấp trên;Ghi chú\r\n1;31338-KDC9;Ấp Mới;khu dân cư;31338;\r\n2;31338;Hỏa Lựu;xã;92;sửa ghi chú\r\n";
    let f = write(&s, "u.csv", csv.as_bytes());
    let before = s.snapshot();
    let out = s.stdout(&["import", "units", &f, "--dry-run"]);
    assert_eq!(out, "Checked; nothing written. Would have added: 1 · updated: 1 · unchanged: 0\n  + 31338-KDC9\n  ~ 31338 Commune Hỏa Lựu\n");
    assert_eq!(s.snapshot(), before);
    let out = s.stdout(&["import", "units", &f]);
    assert_eq!(
        out,
        "Saved. added: 1 · updated: 1 · unchanged: 0\n  + 31338-KDC9 Residential area Ấp Mới\n  ~ 31338 Commune Hỏa Lựu\n"
    );
    let shown = s.stdout(&["units", "show", "31338-KDC9"]);
    assert!(shown.contains("Ấp Mới"), "{shown}");
    assert!(s
        .stdout(&["units", "show", "31338"])
        .contains("sửa ghi chú"));
}

#[test]
fn reports_import_takes_indicator_columns_and_refuses_bad_numbers() {
    let s = TempStore::with_sample();
    let csv = "unit,period,to_giac,hoa_giai\n31321,2024-03,99999999999,-3\n31324,2024-03,4,abc\n";
    let f = write(&s, "r.csv", csv.as_bytes());
    s.fails_cleanly(
        &["import", "reports", &f],
        &format!(
            "{f}: 3 problem(s); nothing was imported. Fix them and import again:\n  \
             line 2, column 'to_giac': '99999999999' is too large (at most 4294967295); check the figure\n  \
             line 2, column 'hoa_giai': '-3' is negative; counts are whole numbers from 0\n  \
             line 3, column 'hoa_giai': 'abc' is not a whole number; write the count in digits, e.g. 12"
        ),
    );
}

/// The outcome names the unit that held each report's code in its period, not its store key
/// (`31321/2024-05`, `31321@2025-07-01/2025-09`): code 31321 was Ward III until the 2025
/// reform and Vị Thanh after it.
#[test]
fn a_reports_import_names_the_units_it_wrote() {
    let s = TempStore::with_sample();
    let csv = "unit,period,to_giac\n31321,2024-05,4\n31324,2024-05,2\n31321,2025-09,1\n";
    let f = write(&s, "r.csv", csv.as_bytes());
    let out = s.stdout(&["import", "reports", &f]);
    assert_eq!(
        out,
        "Saved. added: 3 · updated: 0 · unchanged: 0\n  + 31321 Ward III 2024-05, 31324 Ward IV 2024-05, 31321 Ward Vị Thanh 2025-09\n"
    );
}

#[test]
fn every_bad_row_is_listed_with_line_and_column_and_nothing_is_written() {
    let s = TempStore::with_sample();
    let csv = "code,name,kind,parent,valid_from\n\
               NEW1,Một,xã,92,30/02/2024\n\
               NEW2,Hai,xã,99999,\n\
               NEW1,Một lần nữa,xã,92,\n\
               NEW3,Ba,làng,92,\n";
    let f = write(&s, "u.csv", csv.as_bytes());
    s.fails_cleanly(
        &["import", "units", &f],
        &format!(
            "{f}: 4 problem(s); nothing was imported. Fix them and import again:\n  \
             line 2, column 'valid_from': 30/02/2024 does not exist in the calendar\n  \
             line 3, column 'parent': unit 99999 does not exist in the store or the file; add it first or check the code\n  \
             line 4, column 'code': NEW1 appears again (first on line 2); keep one row per record\n  \
             line 5, column 'kind': 'làng' is not a unit kind; use one of province, central-city, district, urban-district, town, city, commune, ward, township, special-zone, residential-area, agency, enterprise, school or the Vietnamese name (xã, phường, huyện…)"
        ),
    );
    // Alone, the unknown parent is the one problem.
    let csv = "code,name,kind,parent\nNEW2,Hai,xã,99999\n";
    let f = write(&s, "u2.csv", csv.as_bytes());
    s.fails_cleanly(
        &["import", "units", &f],
        &format!("{f}: 1 problem(s); nothing was imported. Fix them and import again:\n  line 2, column 'parent': unit 99999 does not exist in the store or the file; add it first or check the code"),
    );
}

#[test]
fn parent_cycles_are_refused() {
    let s = TempStore::with_sample();
    let csv = "code,name,kind,parent\nD1,Một,huyện,D2\nD2,Hai,huyện,D1\n";
    let f = write(&s, "c.csv", csv.as_bytes());
    s.fails_cleanly(
        &["import", "units", &f],
        &format!(
            "{f}: 2 problem(s); nothing was imported. Fix them and import again:\n  \
             line 2, column 'parent': unit D1: cannot be placed under D2, which lies inside it (a cycle)\n  \
             line 3, column 'parent': unit D2: cannot be placed under D1, which lies inside it (a cycle)"
        ),
    );
}

#[test]
fn missing_extra_and_unknown_columns() {
    let s = TempStore::with_sample();
    let f = write(&s, "m.csv", b"name,kind\nX,xa\n");
    s.fails_cleanly(
        &["import", "units", &f],
        &format!("{f}: 1 problem(s); nothing was imported. Fix them and import again:\n  line 1: the column 'code' is missing (also accepted: Mã đơn vị, mã, ma dv, mã số)"),
    );
    let f = write(
        &s,
        "w.csv",
        b"code,name,kind,parent\nA1,X,xa\nA2,Y,xa,930,extra\nA3,Z,xa,930,,\n",
    );
    s.fails_cleanly(
        &["import", "units", &f],
        &format!(
            "{f}: 2 problem(s); nothing was imported. Fix them and import again:\n  \
             line 2: has 3 fields but the header has 4; a column is missing in this row\n  \
             line 3: has 5 fields but the header has 4; remove the extra values or name their column"
        ),
    );
    let f = write(&s, "x.csv", b"code,colour\nA1,red\n");
    s.fails_cleanly(
        &["import", "units", &f],
        &format!("{f}: 1 problem(s); nothing was imported. Fix them and import again:\n  line 1, column 'colour': unknown column; the columns are code, name, kind, parent, valid_from, valid_to, values_from, notes, path, level"),
    );
}

#[test]
fn unknown_units_in_reports_and_tasks() {
    let s = TempStore::with_sample();
    let f = write(&s, "r.csv", b"unit,period,to_giac\n99999,2024-03,1\n");
    s.fails_cleanly(
        &["import", "reports", &f],
        &format!("{f}: 1 problem(s); nothing was imported. Fix them and import again:\n  line 2, column 'unit': unit 99999: not found (find codes with: antq units list --search NAME)"),
    );
    let f = write(
        &s,
        "t.csv",
        "title,lead_unit,due\nKiểm tra,99999,31/02/2024\n".as_bytes(),
    );
    s.fails_cleanly(
        &["import", "tasks", &f],
        &format!(
            "{f}: 2 problem(s); nothing was imported. Fix them and import again:\n  \
             line 2, column 'lead_unit': unit 99999: not found (find codes with: antq units list --search NAME)\n  \
             line 2, column 'due': 31/02/2024 does not exist in the calendar"
        ),
    );
}

#[test]
fn excel_encodings_are_converted_and_old_code_pages_say_how_to_resave() {
    let s = TempStore::with_sample();
    // "Tân Tiến" as Excel's plain CSV writes it on Vietnamese Windows (Windows-1258): â = E2,
    // ế = ê (EA) + acute (EC).
    let f = write(
        &s,
        "w1258.csv",
        b"code,name,kind,parent\nX1,T\xe2n Ti\xea\xecn,commune,92\n",
    );
    let out = s.stdout(&["import", "units", &f]);
    assert!(
        out.starts_with("The file was in Windows-1258; it was converted to UTF-8 to import it.\n"),
        "{out}"
    );
    assert!(s.stdout(&["units", "show", "X1"]).contains("Tân Tiến"));
    // Excel's "Unicode Text" (UTF-16 with a BOM, tab-separated).
    let mut u16 = vec![0xFF, 0xFE];
    u16.extend(
        "code\tname\tkind\tparent\r\nX2\tHỏa Lựu\tcommune\t92\r\n"
            .encode_utf16()
            .flat_map(|c| c.to_le_bytes()),
    );
    let f16 = write(&s, "u16.csv", &u16);
    let out = s.stdout(&["import", "units", &f16]);
    assert!(out.starts_with("The file was in UTF-16;"), "{out}");
    assert!(s.stdout(&["units", "show", "X2"]).contains("Hỏa Lựu"));
    // TCVN3 ("Tân Tiến" is T A9 n Ti D5 n) stays refused, with the advice, and nothing changes.
    let tcvn = write(
        &s,
        "tcvn3.csv",
        b"code,name,kind,parent\nX3,T\xa9n Ti\xd5n,commune,92\n",
    );
    s.fails_cleanly(
        &["import", "units", &tcvn],
        &format!("{tcvn}: the file is not UTF-8 (byte 0xa9) and not Windows-1258 either; it looks like an old Vietnamese code page (TCVN3, VNI); in Excel use Save As → 'CSV UTF-8 (Comma delimited) (*.csv)'; in LibreOffice tick 'Edit filter settings' and choose 'Unicode (UTF-8)'"),
    );
}

#[test]
fn an_endless_line_is_refused_without_reading_it() {
    let s = TempStore::with_sample();
    let p = s.dir.path().join("huge.csv");
    let mut f = std::fs::File::create(&p).unwrap();
    std::io::Write::write_all(&mut f, b"code,name\n").unwrap();
    // One endless field: only its first megabyte is read.
    std::io::Write::write_all(&mut f, &vec![b'x'; 64 << 20]).unwrap();
    let f = p.display().to_string();
    let t = std::time::Instant::now();
    s.fails_cleanly(
        &["import", "units", &f],
        &format!("{f}: 1 problem(s); nothing was imported. Fix them and import again:\n  line 2: is longer than 1 MB; a row this long is not a spreadsheet row: check that this is the right file"),
    );
    assert!(t.elapsed().as_secs() < 60);
}

#[test]
fn a_file_of_nul_bytes_is_not_text() {
    let s = TempStore::with_sample();
    let p = s.dir.path().join("zeros.csv");
    std::fs::File::create(&p)
        .unwrap()
        .set_len(100 << 20)
        .unwrap();
    let f = p.display().to_string();
    s.fails_cleanly(
        &["import", "units", &f],
        &format!("{f}: the file is not text (it holds NUL bytes); check that this is the spreadsheet you meant"),
    );
}

#[test]
fn excel_export_has_bom_vietnamese_dates_and_protected_codes() {
    let s = TempStore::with_sample();
    let out = s.stdout(&["export", "units", "--excel", "--delimiter", ";"]);
    assert!(
        out.starts_with("\u{feff}code;name;kind;parent;valid_from"),
        "{}",
        &out[..80]
    );
    assert!(
        out.contains("\"=\"\"92\"\"\";Cần Thơ;central-city;;01/07/2025;"),
        "{out}"
    );
    let r = s.stdout(&["export", "reports", "--excel"]);
    assert!(
        r.contains("\"=\"\"31338\"\"\",Xã Tân Tiến,\"=\"\"2024-03\"\"\""),
        "{r}"
    );
    // And such a file imports back as it was.
    let b = TempStore::new();
    b.antq().arg("init").assert().success();
    for k in KINDS {
        let f = write(
            &b,
            &format!("{k}.csv"),
            s.stdout(&["export", k, "--excel"]).as_bytes(),
        );
        b.stdout(&["import", k, &f]);
    }
    for k in KINDS {
        assert_eq!(b.stdout(&["export", k]), s.stdout(&["export", k]), "{k}");
    }
}

#[test]
fn backup_and_restore_by_command_keep_every_export() {
    let s = TempStore::with_sample();
    let file = s.dir.path().join("store.antqbak");
    let out = s.stdout(&["backup", file.to_str().unwrap()]);
    assert!(
        out.starts_with(&format!("Backed up to {} (", file.display())),
        "{out}"
    );
    let r = TempStore::new();
    let out = r.stdout(&["restore", file.to_str().unwrap()]);
    assert!(out.ends_with("check: no problems\n"), "{out}");
    assert_eq!(r.exports(), s.exports());
    r.antq().arg("check").assert().success();
    // A second restore would mix two stores: refused, nothing changed.
    r.fails_cleanly(
        &["restore", file.to_str().unwrap()],
        &format!("restore: the store {} already holds data; restore only into a new, empty store (--db NEW_PATH)", r.path().display()),
    );
}

#[test]
fn line_numbers_hold_for_crlf_and_bare_cr_files() {
    let s = TempStore::with_sample();
    for (name, sep) in [("crlf.csv", "\r\n"), ("cr.csv", "\r")] {
        let csv = [
            "code,name,kind,parent",
            "NEW1,Một,xã,92",
            "NEW2,Hai,xã,NOPE",
            "",
        ]
        .join(sep);
        let f = write(&s, name, csv.as_bytes());
        s.fails_cleanly(
            &["import", "units", &f],
            &format!("{f}: 1 problem(s); nothing was imported. Fix them and import again:\n  line 3, column 'parent': unit NOPE does not exist in the store or the file; add it first or check the code"),
        );
    }
}

#[test]
fn assessments_and_tasks_refuse_impossible_numbers_and_dates() {
    let s = TempStore::with_sample();
    let f = write(
        &s,
        "a.csv",
        "unit,year,score,safety\n31338,2023,-5,đạt\n31339,99999,80,đạt\n31336,2023,101,maybe\n"
            .as_bytes(),
    );
    s.fails_cleanly(
        &["import", "assessments", &f],
        &format!(
            "{f}: 4 problem(s); nothing was imported. Fix them and import again:\n  \
             line 2, column 'score': '-5' is negative; a score is 0 to 100\n  \
             line 3, column 'year': '99999' is not a year between 2000 and 2100\n  \
             line 4, column 'safety': 'maybe' is not a result; write Đạt, Chưa đạt or leave it empty\n  \
             line 4, column 'score': '101' is not a score from 0 to 100"
        ),
    );
    let f = write(&s, "t.csv", "id,title,lead_unit,due,percent\n99999999999999999999,A,31441,30/06/2024,\n,B,31441,2024-02-30,\n,C,31441,30/06/2024,140%\n".as_bytes());
    s.fails_cleanly(
        &["import", "tasks", &f],
        &format!(
            "{f}: 3 problem(s); nothing was imported. Fix them and import again:\n  \
             line 2, column 'id': '99999999999999999999' is not a task number\n  \
             line 3, column 'due': 30/02/2024 does not exist in the calendar\n  \
             line 4, column 'percent': '140%' is not a percentage from 0 to 100"
        ),
    );
}

#[test]
fn imported_assessments_follow_the_classification_rules() {
    let s = TempStore::with_sample();
    let before = s.stdout(&["export", "assessments"]);
    let f = write(
        &s,
        "a.csv",
        "unit,year,score,safety,grade,grade_reason\n31441,2024,95,chưa đạt,,\n31444,2024,95,đạt,Khá,\n31450,2024,95,đạt,Khá,Có vụ việc cuối năm\n"
            .as_bytes(),
    );
    s.fails_cleanly(
        &["import", "assessments", &f],
        &format!(
            "{f}: 2 problem(s); nothing was imported. Fix them and import again:\n  \
             line 2, column 'grade': Excellent is only for a unit recognised 'An toàn' (passed) in 2024, and this one is not yet; record the An toàn result as passed, or choose another level\n  \
             line 3, column 'grade_reason': the level Good differs from Excellent, which the score 95 gives under the province's cut-offs; give the reason"
        ),
    );
    assert_eq!(s.stdout(&["export", "assessments"]), before);
}

#[test]
fn imported_tasks_need_units_that_last_until_the_due_date() {
    let s = TempStore::with_sample();
    s.stdout(&["units", "retire", "31441", "--on", "2099-12-31"]);
    let before = s.stdout(&["export", "tasks"]);
    let f = write(
        &s,
        "t.csv",
        "title,lead_unit,due,coordinating\nA,31441,15/01/2100,\nB,31453,15/01/2100,31441\nC,31441,31/12/2099,\n"
            .as_bytes(),
    );
    s.fails_cleanly(
        &["import", "tasks", &f],
        &format!(
            "{f}: 2 problem(s); nothing was imported. Fix them and import again:\n  \
             line 2, column 'lead_unit': unit 31441 ends on 31/12/2099, before the due date; give a due date on or before then\n  \
             line 3, column 'coordinating': unit 31441 ends on 31/12/2099, before the due date; give a due date on or before then"
        ),
    );
    assert_eq!(s.stdout(&["export", "tasks"]), before);
}

#[test]
fn summary_prints_a_rolled_up_table_and_csv() {
    let s = TempStore::with_sample();
    let text = s.stdout(&["summary", "--period", "2024-03", "--under", "930"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Summary for 2024-03");
    assert!(lines[1].starts_with("code "), "{text}");
    assert!(
        lines[2].starts_with("930 ") && lines[2].contains(" 3/9 "),
        "{text}"
    );
    assert!(
        lines[3].starts_with("  31318 "),
        "children are indented: {text}"
    );
    let csv = s.stdout(&[
        "summary", "--period", "2024-03", "--under", "930", "--format", "csv",
    ]);
    let mut rows = csv.lines();
    let header = rows.next().unwrap();
    assert!(
        header.starts_with("code,name,submitted,expected,on_time,"),
        "{header}"
    );
    let top: Vec<&str> = rows.next().unwrap().split(',').collect();
    assert_eq!(&top[..5], &["930", "Vị Thanh", "3", "9", "2"]);
    // Each total is the sum of the rows below it.
    let ti = header.split(',').position(|h| h == "to_giac").unwrap();
    let below: u64 = csv
        .lines()
        .skip(2)
        .map(|l| l.split(',').nth(ti).unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(top[ti].parse::<u64>().unwrap(), below);
    // After the reform the store has one top unit, the new Cần Thơ; its count agrees with
    // completeness, which expects the units that exist on the period's last day.
    let all = s.stdout(&["summary", "--period", "2025-08"]);
    let top = all.lines().nth(2).unwrap();
    assert!(top.starts_with("92 "), "{all}");
    let done = s.stdout(&["report", "completeness", "--period", "2025-08"]);
    let sent = top.split_whitespace().find(|w| w.contains('/')).unwrap();
    assert_eq!(sent, "0/35");
    assert!(
        done.contains(&format!("submitted {sent},")),
        "total {sent} vs completeness: {done}"
    );
    s.fails_cleanly(
        &["summary", "--period", "2024-13"],
        "period: '2024-13' is not a period; write 2024-03 (month), 2024-Q1, 2024-H1 or 2024",
    );
}

#[test]
fn bundle_commands_end_to_end() {
    let p = TempStore::with_sample();
    let file = p.dir.path().join("p.antqbak");
    p.stdout(&["backup", file.to_str().unwrap()]);
    let d = TempStore::new();
    d.stdout(&["restore", file.to_str().unwrap()]);
    // The district makes its key; the province registers the public half it prints.
    let key = d.dir.path().join("936.key");
    let key = key.to_str().unwrap();
    let public = d.stdout(&["office", "keygen", "--unit", "936", "-o", key]);
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(key).unwrap().mode() & 0o777, 0o600);
    let added = p.stdout(&["office", "add", "936", public.trim()]);
    assert_eq!(
        added,
        format!("Registered office 936 ({})\n", public.trim())
    );
    d.fails_cleanly(
        &["office", "keygen", "--unit", "936", "-o", key],
        &format!("output: cannot write {key} (File exists (os error 17)); an existing key is never overwritten, choose another file"),
    );
    d.stdout(&["report", "set", "31484", "2024-03", "to_giac=7"]);
    p.stdout(&["report", "set", "31484", "2024-03", "to_giac=9"]);
    let b = d.dir.path().join("longmy.antqb");
    let today = jiff::Zoned::now().date().to_string();
    let out = d.stdout(&[
        "bundle",
        "export",
        "--under",
        "936",
        "--since",
        &today,
        "-o",
        b.to_str().unwrap(),
        "--key",
        key,
    ]);
    assert!(
        out.starts_with(&format!("Wrote bundle {} (", b.display())),
        "{out}"
    );
    let b = b.to_str().unwrap();
    let out = p.stdout(&["bundle", "import", b]);
    assert!(
        out.contains("conflicts: 1\n  ! report/31484/2024-03\n"),
        "{out}"
    );
    let again = p.stdout(&["bundle", "import", b]);
    assert!(again.starts_with("Nothing changed. "), "{again}");
    let list = p.stdout(&["bundle", "conflicts"]);
    let row: Vec<&str> = list
        .lines()
        .find(|l| l.trim_start().starts_with("≠ to_giac"))
        .unwrap_or_else(|| panic!("{list}"))
        .split_whitespace()
        .collect();
    assert_eq!(row, ["≠", "to_giac", "9", "7"]);
    p.stdout(&[
        "bundle",
        "resolve",
        "report/31484/2024-03",
        "--keep",
        "local",
    ]);
    assert_eq!(p.stdout(&["bundle", "conflicts"]), "No conflicts.\n");
    assert!(p
        .stdout(&["report", "show", "31484", "2024-03"])
        .contains(" 9"));
    // Refused exports never write their file; it would land here, not in the working folder.
    let x = p.dir.path().join("x.antqb");
    let x = x.to_str().unwrap();
    p.fails_cleanly(
        &[
            "bundle",
            "export",
            "--under",
            "NOPE",
            "--since",
            "2024-01-01",
            "-o",
            x,
            "--key",
            key,
        ],
        "unit NOPE: not found (find codes with: antq units list --search NAME)",
    );
    p.fails_cleanly(
        &[
            "bundle",
            "export",
            "--under",
            "936",
            "--since",
            "2024-31-01",
            "-o",
            x,
            "--key",
            key,
        ],
        "since: '2024-31-01' has no month 31; write YYYY-MM-DD or DD/MM/YYYY",
    );
    assert!(
        !std::path::Path::new(x).exists(),
        "no file from a refused export"
    );
    // A key others could read is refused, as ssh refuses one.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(key, std::fs::Permissions::from_mode(0o644)).unwrap();
    d.fails_cleanly(
        &["bundle", "export", "--under", "936", "--since", "2024-01-01", "-o", x, "--key", key],
        &format!("key: {key} can be read by other accounts, so it may have been copied; run 'chmod 600 {key}', and if others could really read it, make a new key and have the province register it"),
    );
    std::fs::set_permissions(key, std::fs::Permissions::from_mode(0o600)).unwrap();
    // A key only signs its own office's subtree.
    d.fails_cleanly(
        &["bundle", "export", "--under", "935", "--since", "2024-01-01", "-o", x, "--key", key],
        "under: unit 935 is not under office 936, whose key this is; export only what lies below your office",
    );
    p.fails_cleanly(
        &["office", "add", "936", "abc"],
        "key: is not an office public key (64 hex digits, as 'antq office keygen' prints it)",
    );
    p.fails_cleanly(
        &["bundle", "resolve", "report/31484/2024-03", "--keep", "incoming"],
        "conflict: there is no conflict for report/31484/2024-03 (list them with: antq bundle conflicts)",
    );
}

#[test]
fn a_changed_report_is_stamped_by_the_importer_not_by_the_file() {
    let s = TempStore::with_sample();
    let row = |v: u32| {
        format!("unit,period,to_giac,updated_by,updated_at\n31321,2024-03,{v},someone,01/04/2024 08:00\n")
    };
    let f = write(&s, "r.csv", row(4).as_bytes());
    s.stdout(&["import", "reports", &f]);
    let line = |s: &TempStore| {
        s.stdout(&["export", "reports"])
            .lines()
            .find(|l| l.starts_with("31321,") && l.contains(",2024-03,"))
            .unwrap()
            .to_string()
    };
    // New: the file's stamps are kept (this is what makes a round trip identical).
    assert!(
        line(&s).contains(",someone,01/04/2024 08:00,1,"),
        "{}",
        line(&s)
    );
    let f = write(&s, "r2.csv", row(5).as_bytes());
    s.stdout(&["import", "reports", &f]);
    let after = line(&s);
    assert!(after.contains(&format!(",{},", common::me())), "{after}");
    assert!(!after.contains("someone"), "{after}");
    assert!(after.contains(",2,"), "revision moves on: {after}");
}

/// A file wrong on every row is told in a screenful: the first 100 problems and how many more.
#[test]
fn a_file_wrong_everywhere_lists_a_hundred_problems_and_a_count() {
    let s = TempStore::with_sample();
    let mut csv = String::from("code,name,kind,parent\n");
    for i in 0..500 {
        csv.push_str(&format!("X{i},,làng,99999\n"));
    }
    let f = write(&s, "bad.csv", csv.as_bytes());
    let o = s.antq().args(["import", "units", &f]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 102, "{}", &err[..err.len().min(500)]);
    assert!(lines[0].ends_with("1000 problem(s); nothing was imported. Fix them and import again:"));
    assert_eq!(
        lines[101],
        "  … and 900 more; fix these and import again to see the rest"
    );
}

/// A period's fill-in form lists every unit still to report, by the name it had then; filled in
/// for one unit and imported, it makes that one report and nothing for the rows left blank.
#[test]
fn a_fill_in_form_comes_back_as_the_reports_filled_in() {
    let s = TempStore::with_sample();
    let form = s.stdout(&["export", "form", "--period", "2024-04", "--under", "930"]);
    let mut lines: Vec<String> = form.lines().map(str::to_string).collect();
    assert_eq!(
        lines[0],
        "unit,unit_name,period,base_revision,tt_buoi,tt_luot,mh_so,mh_tv,to_giac,pha_an,hoa_giai,lam_loi,diem_nong,hinh_su,te_nan"
    );
    assert!(
        lines.contains(&"31321,Phường III,2024-04,0,,,,,,,,,,,".to_string()),
        "{form}"
    );
    let missing = s.stdout(&[
        "report",
        "completeness",
        "--period",
        "2024-04",
        "--under",
        "930",
    ]);
    assert!(
        missing.contains(&format!("{}", lines.len() - 1)),
        "{missing}"
    );
    let row = lines.iter().position(|l| l.starts_with("31321,")).unwrap();
    lines[row] = "31321,III,2024-04,0,4,120,,,,,,,,,".into();
    // Meanwhile someone saves 31324's draft: a form filled from before is refused whole,
    // naming who saved it, and nothing changes.
    let row2 = lines.iter().position(|l| l.starts_with("31324,")).unwrap();
    let stale = {
        let mut l = lines.clone();
        l[row2] = "31324,IV,2024-04,0,9,,,,,,,,,,".into();
        write(&s, "stale.csv", (l.join("\n") + "\n").as_bytes())
    };
    s.antq()
        .args(["report", "set", "31324", "2024-04", "tt_buoi=2"])
        .assert()
        .success();
    let before = s.stdout(&["report", "show", "31324", "2024-04"]);
    let o = s
        .antq()
        .args(["import", "reports", &stale])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("column 'base_revision': report 31324/2024-04 was saved by ")
            && err.contains("after this form was written (revision 0, now 1); nothing of the file was imported: export the form again"),
        "{err}"
    );
    assert_eq!(s.stdout(&["report", "show", "31324", "2024-04"]), before);
    assert!(s
        .stdout(&["report", "list", "--period", "2024-04"])
        .contains("31324"));
    let f = write(&s, "form.csv", (lines.join("\n") + "\n").as_bytes());
    let out = s.stdout(&["import", "reports", &f]);
    assert!(
        out.starts_with("Saved. added: 1 · updated: 0 · unchanged: 0"),
        "{out}"
    );
    let shown = s.stdout(&["report", "show", "31321", "2024-04"]);
    assert!(
        shown.contains("Propaganda sessions") && shown.contains("120"),
        "{shown}"
    );
    // Only the two reports someone entered: the blank rows (31324's too) made or changed none.
    let list = s.stdout(&["report", "list", "--period", "2024-04"]);
    assert_eq!(
        list.lines().count(),
        4,
        "header, 31321, 31324, count: {list}"
    );
    assert_eq!(s.stdout(&["report", "show", "31324", "2024-04"]), before);
}

/// The long shape, one figure per row, as DHIS2's data value sets and pivot tables use it:
/// exported, read back unchanged, and read from DHIS2's own headers and period spellings.
#[test]
fn a_long_file_of_one_figure_per_row_reads_like_the_wide_one() {
    let s = TempStore::with_sample();
    let long = s.stdout(&["export", "values", "--period", "2024-03", "--under", "930"]);
    assert!(
        long.starts_with(
            "unit,period,indicator,value,unit_name\n31318,2024-03,tt_buoi,6,Phường I\n"
        ),
        "{long}"
    );
    let f = write(&s, "long.csv", long.as_bytes());
    let out = s.stdout(&["import", "reports", &f]);
    assert!(out.starts_with("Nothing changed."), "{out}");
    // The office file in Vietnamese names each indicator, and reads back the same.
    let office = s.stdout(&[
        "--lang", "vi", "export", "values", "--period", "2024-03", "--excel",
    ]);
    assert!(
        office.starts_with("\u{feff}Mã đơn vị,Kỳ báo cáo,Chỉ tiêu,Giá trị,Tên đơn vị\n"),
        "{office}"
    );
    assert!(office.contains("Số buổi tuyên truyền"), "{office}");
    let f = write(&s, "office.csv", office.as_bytes());
    let out = s.stdout(&["import", "reports", &f]);
    assert!(out.starts_with("Nothing changed."), "{out}");

    let dhis2 = "dataElement,period,orgUnit,value,storedBy\n\
                 tt_luot,202403,31333,96,someone\n\
                 Số buổi tuyên truyền,2024Q1,31333,7,\n\
                 tt_buoi,2024S1,31333,9,\n\
                 tt_buoi,2024,31333,20,\n";
    let f = write(&s, "dhis2.csv", dhis2.as_bytes());
    let out = s.stdout(&["import", "reports", &f]);
    assert!(out.contains("added: 3 · updated: 1"), "{out}");
    let figures =
        |period: &str| s.stdout(&["export", "values", "--period", period, "--under", "31333"]);
    // A figure the file does not name keeps its value: 31333's March sessions stay 2.
    assert!(
        figures("2024-03").contains("31333,2024-03,tt_buoi,2,"),
        "{}",
        figures("2024-03")
    );
    assert!(figures("2024-03").contains("31333,2024-03,tt_luot,96,"));
    assert!(figures("2024-Q1").contains("31333,2024-Q1,tt_buoi,7,"));
    assert!(figures("2024-H1").contains("31333,2024-H1,tt_buoi,9,"));
    assert!(figures("2024").contains("31333,2024,tt_buoi,20,"));
    s.antq().arg("check").assert().success();

    let bad = "orgUnit,period,dataElement,value\n\
               31333,202403,bogus,1\n\
               31333,202403,tt_luot,97\n\
               31333,202403,tt_luot,98\n\
               31333,2024S3,tt_buoi,1\n\
               31333,202404,tt_buoi,-4\n";
    let f = write(&s, "bad.csv", bad.as_bytes());
    s.fails_cleanly(
        &["import", "reports", &f],
        &format!(
            "{f}: 4 problem(s); nothing was imported. Fix them and import again:\n  \
             line 2, column 'dataElement': 'bogus' is not an indicator; use one of tt_buoi, tt_luot, mh_so, mh_tv, to_giac, pha_an, hoa_giai, lam_loi, diem_nong, hinh_su, te_nan, ho_dk\n  \
             line 4, column 'dataElement': 31333/2024-03/tt_luot appears again (first on line 3); keep one row per record\n  \
             line 5, column 'period': '2024S3' is not a period; write 2024-03 (month), 2024-Q1, 2024-H1 or 2024\n  \
             line 6, column 'value': '-4' is negative; counts are whole numbers from 0"
        ),
    );
}

/// Pivot tables group units by where they sit: the codes from the top down, and the level.
#[test]
fn the_units_export_gives_each_unit_its_path_and_level() {
    let s = TempStore::with_sample();
    let units = s.stdout(&["export", "units"]);
    let row = |start: &str| {
        units
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no {start} in {units}"))
            .to_string()
    };
    assert!(units
        .starts_with("code,name,kind,parent,valid_from,valid_to,values_from,notes,path,level\n"));
    assert!(row("92,").ends_with(",92,1"), "{}", row("92,"));
    assert!(row("930,").ends_with(",93/930,2"), "{}", row("930,"));
    // 31318 as it stood before the reform, under the old city of Vị Thanh.
    assert!(row("31318,I,ward,930").ends_with(",93/930/31318,3"));
    // The same code after: a ward of the new Cần Thơ.
    assert!(row("31333,Vị Tân,ward,92").ends_with(",92/31333,3"));
    let f = write(&s, "u.csv", units.as_bytes());
    let out = s.stdout(&["import", "units", &f]);
    assert!(
        out.starts_with("Nothing changed."),
        "path and level are read and left: {out}"
    );
}

/// A file larger than the blocks an import reads it in: every row is planned whichever block
/// it sits in, and a repeat in a later block is caught against the first.
#[test]
fn a_reports_file_of_several_blocks_imports_whole_and_catches_repeats_across_them() {
    let s = TempStore::with_sample();
    let words = "Tuần tra ban đêm. ".repeat(1_000);
    let mut csv = String::from("unit,period,to_giac,narrative\n");
    let mut line = 1;
    for year in 2022..=2024 {
        for month in 1..=12 {
            for unit in ["31321", "31324"] {
                line += 1;
                csv.push_str(&format!("{unit},{year}-{month:02},{line},{words}\n"));
            }
        }
    }
    assert!(csv.len() > 1 << 20, "{} bytes", csv.len());
    let repeat = format!("{csv}31321,2022-01,1,{words}\n");
    let f = write(&s, "repeat.csv", repeat.as_bytes());
    s.fails_cleanly(
        &["import", "reports", &f],
        &format!(
            "{f}: 1 problem(s); nothing was imported. Fix them and import again:\n  \
             line 74, column 'period': 31321/2022-01 appears again (first on line 2); keep one row per record"
        ),
    );
    let f = write(&s, "all.csv", csv.as_bytes());
    let out = s.stdout(&["import", "reports", &f]);
    assert!(out.contains("added: 72 · updated: 0"), "{out}");
    let figures = s.stdout(&[
        "export", "values", "--period", "2024-12", "--under", "31324",
    ]);
    assert!(figures.contains("31324,2024-12,to_giac,73,"), "{figures}");
    s.antq().arg("check").assert().success();
}

/// A report import reads its file as it goes: a problem the reader meets in a later block (a
/// byte that is not UTF-8, a quote left open) is listed with the rows' own problems before
/// it, and nothing the blocks before it planned is written.
#[test]
fn a_problem_far_into_a_reports_file_refuses_it_whole_with_the_rows_before_it() {
    let s = TempStore::with_sample();
    let words = "Tuần tra ban đêm. ".repeat(1_000);
    let mut csv = String::from("unit,period,to_giac,narrative\n31321,2022-01,ba,\n");
    for year in 2022..=2024 {
        for month in 1..=12 {
            for unit in ["31321", "31324"] {
                if (unit, year, month) != ("31321", 2022, 1) {
                    csv.push_str(&format!("{unit},{year}-{month:02},{month},{words}\n"));
                }
            }
        }
    }
    assert!(csv.len() > 1 << 20, "{} bytes", csv.len());
    let mut not_utf8 = csv.clone().into_bytes();
    not_utf8.extend_from_slice(b"31324,2025-01,1,Tu\xe2n tra\n");
    let f = write(&s, "late_byte.csv", &not_utf8);
    s.fails_cleanly(
        &["import", "reports", &f],
        &format!(
            "{f}: 2 problem(s); nothing was imported. Fix them and import again:\n  \
             line 2, column 'to_giac': 'ba' is not a whole number; write the count in digits, e.g. 12\n  \
             line 74: the file is not UTF-8 (byte 0xe2); it looks like Windows-1258 or another old Vietnamese code page (TCVN3, VNI); in Excel use Save As → 'CSV UTF-8 (Comma delimited) (*.csv)'; in LibreOffice tick 'Edit filter settings' and choose 'Unicode (UTF-8)'"
        ),
    );
    let before = s.snapshot();
    let endless = format!(
        "{}31324,2025-01,1,{}\n",
        csv.replace(",ba,", ",3,"),
        "x".repeat(2 << 20)
    );
    let f = write(&s, "late_endless.csv", endless.as_bytes());
    let out = s.antq().args(["import", "reports", &f]).assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(
        err,
        format!("error: {f}: 1 problem(s); nothing was imported. Fix them and import again:\n  line 74: is longer than 1 MB; a row this long is not a spreadsheet row: check that this is the right file\n")
    );
    assert_eq!(
        s.snapshot(),
        before,
        "a report planned before the problem was written"
    );
    s.antq().arg("check").assert().success();
}

/// A unit made by the 2025 reform is named in an import's messages by its official code, as
/// the file wrote it, never by the store's identity for it (31321@2025-07-01).
#[test]
fn import_messages_name_a_reformed_unit_by_its_code() {
    let s = TempStore::with_sample();
    let csv = "unit,period,to_giac\n31321,2025-08,1\n31321,2025-08,2\n";
    let f = write(&s, "twice.csv", csv.as_bytes());
    s.fails_cleanly(
        &["import", "reports", &f],
        &format!(
            "{f}: 1 problem(s); nothing was imported. Fix them and import again:\n  \
             line 3, column 'period': 31321/2025-08 appears again (first on line 2); keep one row per record"
        ),
    );
    let csv = "unit,year,score\n31321,2025,80\n31321,2025,85\n";
    let f = write(&s, "twice_a.csv", csv.as_bytes());
    s.fails_cleanly(
        &["import", "assessments", &f],
        &format!(
            "{f}: 1 problem(s); nothing was imported. Fix them and import again:\n  \
             line 3, column 'year': 31321/2025 appears again (first on line 2); keep one row per record"
        ),
    );
}

/// `-o report.xlsx` writes a workbook Excel opens, not CSV under that name; `.json` writes
/// JSON; `--format` said outright wins over the name.
#[test]
fn an_export_file_name_chooses_its_format() {
    let s = TempStore::with_sample();
    let dir = s.dir.path();
    let xlsx = dir.join("r.xlsx");
    s.antq()
        .args(["export", "reports", "--period", "2024-03", "-o"])
        .arg(&xlsx)
        .assert()
        .success();
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(
        bytes.starts_with(b"PK"),
        "not a workbook: {:?}",
        &bytes[..8]
    );
    let out = s.stdout(&["import", "reports", xlsx.to_str().unwrap(), "--dry-run"]);
    assert!(out.contains("updated: 0 · unchanged: 8"), "{out}");
    let json = dir.join("r.JSON");
    s.antq()
        .args(["export", "units", "-o"])
        .arg(&json)
        .assert()
        .success();
    let units: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert!(units.as_array().is_some_and(|a| !a.is_empty()), "{units}");
    let said = dir.join("said.xlsx");
    s.antq()
        .args(["export", "units", "--format", "csv", "-o"])
        .arg(&said)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&said)
        .unwrap()
        .starts_with("code,name,"));
}
