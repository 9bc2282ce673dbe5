//! Commands that move data across the store's edge: CSV import, bundles, backups, summaries.

use crate::cli::output::{out, out_raw};
use crate::domain::unit::official_code;
use std::path::Path;

use crate::cli::ctx::Ctx;
use crate::cli::output::{csv_error, write_error, write_file, write_file_with};
use crate::domain::conflict::Carried;
use crate::domain::date::{fmt_time, parse_date};
use crate::domain::made::Source;
use crate::domain::period::Period;
use crate::error::{Error, Problem, Result};
use crate::i18n::Lang;
use crate::service::api::*;
use clap::{Subcommand, ValueEnum};
use std::path::PathBuf;
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ImportWhat {
    Units,
    /// Links `from,to,on`: several rows with one `from` are a split, with one `to` a merge
    Lineage,
    Reports,
    Assessments,
    Tasks,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SummaryFormat {
    Text,
    Csv,
    /// The CSV's columns as JSON objects, counts and figures as numbers
    Json,
}

#[derive(Subcommand, Debug)]
pub enum BundleCmd {
    /// Write what changed under a unit since a date into one file
    Export {
        #[arg(long, value_name = "CODE")]
        under: String,
        /// First day of changes to include (YYYY-MM-DD or DD/MM/YYYY)
        #[arg(long, value_name = "DATE")]
        since: String,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// The office's private key file, from 'antq office keygen'
        #[arg(long, value_name = "KEY_FILE")]
        key: PathBuf,
    },
    /// Apply a bundle; records changed here too are kept side by side as conflicts
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
    /// List the conflicts left by bundle imports
    Conflicts,
    /// Settle a conflict by keeping the local or the incoming version
    Resolve {
        /// The record, e.g. report/31338/2024-03
        entity: String,
        #[arg(long, value_enum)]
        keep: KeepSide,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KeepSide {
    Local,
    Incoming,
}

fn read_file(path: &Path, what_en: &str, what_vi: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::Rejected {
        what: path.display().to_string(),
        problems: vec![Problem::new(
            0,
            "",
            format!("cannot read the {what_en} file ({e}); check the path"),
            format!("không đọc được tệp {what_vi} ({e}); hãy kiểm tra đường dẫn"),
        )],
    })
}

/// Keys an import names before "… (+N)".
const SHOWN: usize = 8;

/// The first keys, and how many more there are of `total`.
fn some(keys: &[String], total: usize) -> String {
    let mut s = keys
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let shown = keys.len().min(SHOWN);
    if total > shown {
        s.push_str(&format!(" … (+{})", total - shown));
    }
    s
}

/// The province refuses a whole bundle that approves the office's own unit (the level above
/// approves it): say so here, before the file travels, with the fix. Approvals made before
/// `since` came from above and are not what this bundle sends.
fn refuse_own_approvals(contents: &[u8], office: &str, since: jiff::civil::Date) -> Result<()> {
    let b = crate::exchange::bundle_file::decode(contents).map_err(|e| Error::Io {
        detail: e.reason().0,
    })?;
    let from = since
        .yesterday()
        .map_or(i64::MIN, crate::domain::date::after_day);
    let problems: Vec<Problem> = b
        .records
        .iter()
        .filter(|c| c.unit() == office)
        .filter_map(|c| c.approved_at().filter(|(_, at)| *at >= from).map(|a| (c, a)))
        .map(|(c, (by, at))| {
            let (cmd, when) = match c {
                Carried::Report(r) => ("report", r.period.to_string()),
                Carried::Assessment(x) => ("assess", x.year.to_string()),
                _ => ("", String::new()),
            };
            let unit = official_code(office);
            Problem::new(
                0,
                "",
                format!("{cmd} {unit} {when} was approved here by {by} on {}, but the office's own unit is approved by the level above, which would refuse the whole bundle; reopen it (antq {cmd} reopen {unit} {when} --reason …), submit it, then export again", fmt_time(at)),
                format!("{cmd} {unit} {when} đã được {by} duyệt tại đây lúc {}, nhưng đơn vị của chính văn phòng do cấp trên duyệt, và cấp trên sẽ từ chối cả gói; hãy mở lại (antq {cmd} reopen {unit} {when} --reason …), gửi lên, rồi xuất lại", fmt_time(at)),
            )
        })
        .collect();
    if problems.is_empty() {
        return Ok(());
    }
    Err(Error::Rejected {
        what: "bundle".into(),
        problems,
    })
}

pub(super) fn import(ctx: &Ctx, what: ImportWhat, file: &Path, dry_run: bool) -> Result<()> {
    let mut t = crate::exchange::table_file::stream_file(file)?;
    if let Some(enc) = t.converted_from {
        out!(
            "{}",
            ctx.lang.pick(
                &format!("Tệp ở bảng mã {enc} đã được chuyển sang UTF-8 để nhập."),
                &format!("The file was in {enc}; it was converted to UTF-8 to import it."),
            )
        );
    }
    let kind = match what {
        ImportWhat::Units => ImportKind::Units,
        ImportWhat::Lineage => ImportKind::Lineage,
        ImportWhat::Reports => ImportKind::Reports,
        ImportWhat::Assessments => ImportKind::Assessments,
        ImportWhat::Tasks => ImportKind::Tasks,
    };
    let o = ctx.svc.import_stream(
        ctx.a,
        ImportStream {
            head: ImportHead {
                kind,
                file: file.display().to_string(),
                headers: std::mem::take(&mut t.headers),
            },
            blocks: &mut t,
        },
        dry_run,
    )?;
    let counts = Counts {
        added: o.added_total,
        updated: o.updated_total,
        unchanged: o.unchanged,
        conflicts: None,
    };
    out!("{}", counts.line(ctx.lang, dry_run));
    // Units are keyed by their store identity (31338@2025-07-01), reports and assessments by
    // their unit's and their period (31338/2024-05): the user is shown names.
    let shown = |keys: &[String]| -> Vec<String> {
        keys.iter()
            .take(SHOWN)
            .map(|k| match (kind, k.split_once('/')) {
                (ImportKind::Units, _) => ctx.unit_label(k),
                (ImportKind::Reports | ImportKind::Assessments, Some((unit, when))) => {
                    format!("{} {when}", ctx.unit_label(unit))
                }
                _ => k.clone(),
            })
            .collect()
    };
    if !o.added.is_empty() {
        out!("  + {}", some(&shown(&o.added), o.added_total));
    }
    if !o.updated.is_empty() {
        out!("  ~ {}", some(&shown(&o.updated), o.updated_total));
    }
    Ok(())
}

pub(super) fn bundle(ctx: &Ctx, c: BundleCmd) -> Result<()> {
    let l = ctx.lang;
    match c {
        BundleCmd::Export {
            under,
            since,
            output,
            key,
        } => {
            let since = parse_date("since", &since)?;
            let key = super::office::read_key(&key)?;
            if !ctx
                .svc
                .unit_path(ctx.a, &under)?
                .iter()
                .any(|u| u.code == key.office)
            {
                return Err(Error::invalid(
                    "under",
                    format!("unit {under} is not under office {}, whose key this is; export only what lies below your office", key.office),
                    format!("đơn vị {under} không thuộc văn phòng {} (chủ của khóa này); chỉ xuất dữ liệu bên dưới văn phòng mình", key.office),
                ));
            }
            let contents = ctx.svc.bundle_export(ctx.a, &under, since)?;
            refuse_own_approvals(&contents, &key.office, since)?;
            let bytes = crate::exchange::bundle_file::sign(contents, &key.office, &key.secret);
            write_file(&output, &bytes)?;
            out!(
                "{} {} ({} bytes)",
                l.pick("Đã ghi gói", "Wrote bundle"),
                output.display(),
                bytes.len()
            );
        }
        BundleCmd::Import { file, dry_run } => bundle_import(ctx, &file, dry_run)?,
        BundleCmd::Conflicts => conflicts(ctx)?,
        BundleCmd::Resolve { entity, keep } => {
            let take = matches!(keep, KeepSide::Incoming);
            ctx.svc.resolve_conflict(ctx.a, &entity, take)?;
            out!(
                "{} {entity}",
                l.pick("Đã lưu lựa chọn cho", "Saved the choice for")
            );
        }
    }
    Ok(())
}

fn bundle_import(ctx: &Ctx, file: &Path, dry_run: bool) -> Result<()> {
    let l = ctx.lang;
    let bytes = read_file(file, "bundle", "gói dữ liệu")?;
    let o = ctx.svc.bundle_import(ctx.a, bytes, dry_run)?;
    let counts = Counts {
        added: o.added.len(),
        updated: o.updated.len(),
        unchanged: o.unchanged,
        conflicts: Some(o.conflicts.len()),
    };
    out!("{}", counts.line(l, dry_run));
    for c in &o.conflicts {
        out!("  ! {c}");
    }
    if !o.older.is_empty() {
        out!(
            "{} {}",
            l.pick(
                "Bản ở đây mới hơn bản trong gói, giữ nguyên:",
                "Newer here than in the bundle, kept as they are:"
            ),
            o.older.len()
        );
        for c in &o.older {
            out!("  < {c}");
        }
    }
    if !o.conflicts.is_empty() {
        out!("{}", l.pick(
            "Cả hai bản đều được giữ. Xem và chọn bằng: antq bundle conflicts; antq bundle resolve MỤC --keep local|incoming (hoặc trong màn hình, phím :conflicts).",
            "Both versions are kept. Review and pick with: antq bundle conflicts; antq bundle resolve ENTITY --keep local|incoming (or :conflicts in the screens).",
        ));
    }
    Ok(())
}

/// Each conflict with its two versions side by side, differing fields marked.
fn conflicts(ctx: &Ctx) -> Result<()> {
    let l = ctx.lang;
    let list = ctx.svc.conflicts(ctx.a)?;
    if list.is_empty() {
        out!("{}", l.pick("Không có xung đột.", "No conflicts."));
    }
    for c in list {
        let from = l.pick("từ", "from");
        let when = fmt_time(c.received_at);
        out!("{}  ({from} {}, {when})", c.entity, c.origin);
        let mut t = crate::cli::table::Table::new(&[
            "",
            l.pick("tại chỗ", "local"),
            l.pick("nhận về", "incoming"),
        ]);
        for f in &c.fields {
            let mark = if f.local == f.incoming { "  " } else { "≠ " };
            t.row(vec![
                format!("  {mark}{}", f.label(l)),
                f.shown(&f.local, l),
                f.shown(&f.incoming, l),
            ]);
        }
        out_raw!("{}", t.render());
    }
    Ok(())
}

/// What an import did, or would do with --dry-run, in one line.
struct Counts {
    added: usize,
    updated: usize,
    unchanged: usize,
    conflicts: Option<usize>,
}

impl Counts {
    fn line(&self, l: Lang, dry_run: bool) -> String {
        let nothing = self.added + self.updated + self.conflicts.unwrap_or(0) == 0;
        let lead = match (dry_run, nothing) {
            (true, _) => l.pick(
                "Kiểm tra xong, chưa ghi gì. Sẽ ",
                "Checked; nothing written. Would have ",
            ),
            (false, true) => l.pick("Không có gì thay đổi. ", "Nothing changed. "),
            (false, false) => l.pick("Đã lưu. ", "Saved. "),
        };
        let mut out = format!(
            "{lead}{}: {} · {}: {} · {}: {}",
            l.pick("thêm", "added"),
            self.added,
            l.pick("cập nhật", "updated"),
            self.updated,
            l.pick("không đổi", "unchanged"),
            self.unchanged
        );
        if let Some(c) = self.conflicts {
            out.push_str(&format!(" · {}: {c}", l.pick("xung đột", "conflicts")));
        }
        out
    }
}

pub(super) fn backup(ctx: &Ctx, file: &Path) -> Result<()> {
    let info = write_file_with(file, |w| copy_backup(ctx.svc, ctx.a, w))?;
    out!(
        "{} {} ({} {}, {} bytes)",
        ctx.lang.pick("Đã sao lưu vào", "Backed up to"),
        file.display(),
        info.records,
        ctx.lang.pick("mục", "entries"),
        info.len
    );
    Ok(())
}

pub(super) fn summary(
    ctx: &Ctx,
    period: &str,
    under: Option<&str>,
    format: SummaryFormat,
) -> Result<()> {
    let period = Period::parse(period)?;
    let s = ctx.svc.summary(ctx.a, period, under)?;
    let l = ctx.lang;
    // CSV headers are the same in every language, like the exports', so scripts can rely on them.
    let mut headers: Vec<String> = ["code", "name", "submitted", "expected", "on_time"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    headers.extend(s.indicators.iter().cloned());
    headers.push("merged_from".to_string());
    headers.push("shows_parts_of".to_string());
    headers.push("reopened_after_approval".to_string());
    headers.extend(["source", "months", "differs_from_shorter_periods"].map(String::from));
    let codes = |v: &[String]| {
        v.iter()
            .map(|c| official_code(c))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let csv_rows = s.rows.iter().map(|r| {
        let mut v = vec![
            official_code(&r.code).to_string(),
            r.name.clone(),
            r.submitted.to_string(),
            r.expected.to_string(),
            r.on_time.to_string(),
        ];
        v.extend(r.totals.iter().map(u64::to_string));
        v.push(codes(&r.absorbed));
        let parts: Vec<String> = r.parts.iter().map(|p| p.unit.clone()).collect();
        v.push(codes(&parts));
        v.push(r.reopened.to_string());
        let (source, months) = match r.source {
            Source::Missing => ("", String::new()),
            Source::Filed => ("filed", String::new()),
            Source::Made { months, of } => ("made", format!("{months}/{of}")),
        };
        v.extend([source.to_string(), months, yes_no(r.differs)]);
        v
    });
    match format {
        SummaryFormat::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            let e = |e: csv::Error| csv_error("standard output", e);
            w.write_record(&headers).map_err(e)?;
            for r in csv_rows {
                w.write_record(&r).map_err(e)?;
            }
            w.flush().map_err(|e| write_error("standard output", e))?;
        }
        SummaryFormat::Json => {
            let rows: Vec<serde_json::Value> = csv_rows
                .map(|r| {
                    let fields = headers.iter().zip(r).map(|(h, v)| {
                        let v = match v.parse::<u64>() {
                            Ok(n) if h != "code" => serde_json::json!(n),
                            _ => serde_json::json!(v),
                        };
                        (h.clone(), v)
                    });
                    serde_json::Value::Object(fields.collect())
                })
                .collect();
            super::report::print_json(&rows)?;
        }
        SummaryFormat::Text => summary_text(&s, l),
    }
    Ok(())
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "" }.to_string()
}

/// What the marks in the table mean: made figures, partial ones, filed ones that differ. A
/// long list of made rows is said in one line; the CSV gives each.
fn summary_notes(s: &Summary, l: Lang) {
    const LISTED: usize = 12;
    let made: Vec<&SummaryRow> = s
        .rows
        .iter()
        .filter(|r| matches!(r.source, Source::Made { .. }))
        .collect();
    if made.len() > LISTED {
        let partial = made.iter().filter(|r| r.source.is_partial()).count();
        out!(
            "* {}",
            l.pick(
                &format!("{} đơn vị chưa có báo cáo kỳ {}: số liệu tính từ các kỳ ngắn hơn ({partial} thiếu kỳ); --format csv cho biết từng đơn vị (cột source, months)", made.len(), s.period),
                &format!("{} units have no report for {}: figures made from shorter periods ({partial} partial); --format csv gives each unit's (columns source, months)", made.len(), s.period),
            )
        );
    } else {
        for r in made {
            out!(
                "* {} {}: {}",
                official_code(&r.code),
                r.name,
                l.pick(
                    &format!(
                        "chưa có báo cáo kỳ {}; số liệu tính {}",
                        s.period,
                        r.source.describe(l)
                    ),
                    &format!(
                        "no report for {}; figures made {}",
                        s.period,
                        r.source.describe(l)
                    ),
                )
            );
        }
    }
    for r in s.rows.iter().filter(|r| r.differs) {
        out!(
            "≠ {} {}: {}",
            official_code(&r.code),
            r.name,
            l.pick(
                &format!("báo cáo kỳ {} khác tổng các kỳ ngắn hơn bên trong; đã dùng báo cáo kỳ, hãy kiểm tra lại", s.period),
                &format!("the report for {} differs from the shorter periods inside it; the report is used, check it", s.period),
            )
        );
    }
}

/// The summary as an indented table; several top units get a total line.
fn summary_text(s: &Summary, l: Lang) {
    out!("{} {}", l.pick("Tổng hợp kỳ", "Summary for"), s.period);
    if let Some(heading) = s.area_heading(l) {
        out!("{heading}");
    }
    let mut hs: Vec<String> = [
        l.pick("mã", "code"),
        l.pick("đơn vị", "unit"),
        l.pick("đã gửi", "sent"),
        l.pick("đúng hạn", "on time"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    hs.extend(s.indicators.iter().cloned());
    let hs: Vec<&str> = hs.iter().map(String::as_str).collect();
    let mut t = crate::cli::table::Table::new(&hs);
    let row = |r: &SummaryRow, code: String, name: String| {
        let mut cells = vec![
            code,
            name,
            format!("{}/{}", r.submitted, r.expected),
            r.on_time.to_string(),
        ];
        cells.extend(r.totals.iter().map(u64::to_string));
        cells
    };
    for r in &s.rows {
        let mut name: String = r.name.chars().take(24).collect();
        if r.name.chars().count() > 24 {
            name.push('…');
        }
        if !r.absorbed.is_empty() {
            let merged: Vec<&str> = r.absorbed.iter().map(|c| official_code(c)).collect();
            name.push_str(&format!(" (+{})", merged.join(" ")));
        }
        if matches!(r.source, Source::Made { .. }) {
            name.push_str(" *");
        }
        if r.differs {
            name.push_str(" ≠");
        }
        let indent = "  ".repeat(r.depth as usize);
        t.row(row(r, format!("{indent}{}", official_code(&r.code)), name));
        // A split unit's figures, shown here but counted once higher up.
        for p in &r.parts {
            let mut cells = vec![
                String::new(),
                format!(
                    "  ({} {} {})",
                    l.pick("một phần của", "part of"),
                    official_code(&p.unit),
                    p.name
                ),
                String::new(),
                String::new(),
            ];
            cells.extend(p.totals.iter().map(|x| format!("({x})")));
            t.row(cells);
        }
    }
    let tops: Vec<&SummaryRow> = s.rows.iter().filter(|r| r.depth == 0).collect();
    if tops.len() > 1 {
        let mut all = tops[0].clone();
        all.totals = vec![0; s.indicators.len()];
        (all.expected, all.submitted, all.on_time) = (0, 0, 0);
        for r in &tops {
            all.expected += r.expected;
            all.submitted += r.submitted;
            all.on_time += r.on_time;
            for (a, x) in all.totals.iter_mut().zip(&r.totals) {
                *a += x;
            }
        }
        t.row(row(
            &all,
            l.pick("Tổng cộng", "Total").to_string(),
            String::new(),
        ));
    }
    out_raw!("{}", t.render());
    summary_notes(s, l);
    let reopened: u32 = s
        .rows
        .iter()
        .filter(|r| r.depth == 0)
        .map(|r| r.reopened)
        .sum();
    if reopened > 0 {
        out!(
            "{}",
            l.pick(
                &format!("{reopened} báo cáo trong tổng hợp này đã được mở lại và sửa sau khi duyệt: số liệu khác bản duyệt lần đầu (xem: antq audit)."),
                &format!("{reopened} report(s) counted here were reopened and changed after approval: their figures differ from those first approved (see: antq audit)."),
            )
        );
    }
}
