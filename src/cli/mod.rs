//! The command line: scripting access to the same service the screens use.

pub mod args;
mod clap_vi;
pub mod cmd;
pub mod config;
pub mod ctx;
mod help_vi;
pub mod output;
mod ssh_route;
pub mod table;

use crate::cli::output::out;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches};

use crate::error::Error;
use crate::i18n::Lang;
use crate::service::{LocalService, Service};
use args::{Cli, Command, LangArg};
use config::Config;

/// The default store: `$XDG_DATA_HOME/antq/db`, falling back to `~/.local/share/antq/db`.
pub fn default_db() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("antq").join("db")
}

/// The language for help and usage errors, known before the arguments are parsed:
/// `--lang`, then ANTQ_LANG, then the settings file, else Vietnamese.
fn early_lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let flag = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).cloned(),
            Some(v) => v.strip_prefix('=').map(str::to_string),
            None => None,
        });
    let named = flag.or_else(|| std::env::var("ANTQ_LANG").ok());
    match named.as_deref() {
        Some("en") => Lang::En,
        Some("vi") => Lang::Vi,
        _ => Config::load().ok().and_then(|c| c.lang).unwrap_or(Lang::Vi),
    }
}

/// The parsed command line; help, usage errors and their exit codes in the user's language.
fn parse() -> Result<Cli, ExitCode> {
    parse_from(std::env::args_os().collect())
}

fn parse_from(args: Vec<std::ffi::OsString>) -> Result<Cli, ExitCode> {
    let lang = early_lang();
    let cmd = match lang {
        Lang::Vi => clap_vi::localise_root(Cli::command()),
        Lang::En => Cli::command(),
    };
    match cmd
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(c) => Ok(c),
        Err(e)
            if lang == Lang::Vi
                && !matches!(
                    e.kind(),
                    ErrorKind::DisplayHelp
                        | ErrorKind::DisplayVersion
                        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
                ) =>
        {
            let _ = std::io::stderr().write_all(clap_vi::usage_error(&e).as_bytes());
            Err(ExitCode::from(2))
        }
        // Vietnamese help: clap's own bracketed words ("possible values", "default") too.
        Err(e) if lang == Lang::Vi && e.kind() == ErrorKind::DisplayHelp => {
            let text = clap_vi::help_words(&e.render().to_string());
            let _ = std::io::stdout().write_all(text.as_bytes());
            Err(ExitCode::SUCCESS)
        }
        // clap prints usage errors itself and exits 2; help and version exit 0.
        Err(e) => e.exit(),
    }
}

pub fn run() -> ExitCode {
    let cli = match parse() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let flag = cli.lang.map(|l| match l {
        LangArg::Vi => Lang::Vi,
        LangArg::En => Lang::En,
    });
    let conf = match Config::load() {
        Ok(c) => c,
        Err(e) => return exit(flag.unwrap_or(Lang::Vi), Err(e)),
    };
    let lang = flag.or(conf.lang).unwrap_or(Lang::Vi);
    let cli = Cli {
        ascii: cli.ascii || conf.ascii,
        ..cli
    };
    let sock = socket(&cli, &conf);
    let db = cli.db.clone().unwrap_or_else(default_db);
    let Some(command) = cli.command else {
        // A login forced into `antq --connect` that asked for a command: the SSH file route.
        if let Some(line) = ssh_route::requested() {
            return ssh_command(&line, lang, &db, sock);
        }
        return exit(lang, screens(&cli, lang, sock));
    };
    exit(lang, execute(&db, lang, command, sock))
}

/// The localised command tree, as help shows it.
fn localised(lang: Lang) -> clap::Command {
    match lang {
        Lang::Vi => clap_vi::localise_root(Cli::command()),
        Lang::En => Cli::command(),
    }
}

/// `antq completions bash|zsh|fish`: for the .deb, or `source <(antq completions bash)`.
fn completions(shell: clap_complete::Shell) -> Result<(), Error> {
    let mut text = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "antq", &mut text);
    print_bytes(&text)
}

/// `antq man`: the manual page from the same localised tree as `--help`.
fn man_page(lang: Lang) -> Result<(), Error> {
    let mut text = Vec::new();
    // Rendering into memory cannot fail.
    let _ = clap_mangen::Man::new(localised(lang)).render(&mut text);
    print_bytes(&text)
}

/// Generated text to stdout; a reader that stops early (`| head`) is not an error.
fn print_bytes(text: &[u8]) -> Result<(), Error> {
    match std::io::stdout().write_all(text) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Io {
            detail: format!("standard output: {e}"),
        }),
        _ => Ok(()),
    }
}

/// Runs an allowed SSH_ORIGINAL_COMMAND on the forced command's server connection.
fn ssh_command(line: &str, lang: Lang, db: &std::path::Path, sock: Option<PathBuf>) -> ExitCode {
    let rest = match ssh_route::allowed(line) {
        Ok(r) => r,
        Err(e) => return exit(lang, Err(e)),
    };
    let args = std::iter::once("antq".to_string())
        .chain(rest)
        .map(Into::into)
        .collect();
    let cli = match parse_from(args) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let lang = cli
        .lang
        .map(|l| match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        })
        .unwrap_or(lang);
    match cli.command {
        Some(command @ Command::Data(_)) => exit(lang, execute(db, lang, command, sock)),
        _ => exit(lang, Err(ssh_route::refused(line))),
    }
}

fn exit(lang: Lang, r: Result<(), Error>) -> ExitCode {
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The terminal may be gone (a dropped link): never panic over printing.
            let _ = writeln!(
                std::io::stderr(),
                "{}: {}",
                lang.pick("lỗi", "error"),
                e.render(lang)
            );
            ExitCode::from(1)
        }
    }
}

/// Plain `antq`: the screens, on the store or (with --demo) on a temporary sample store.
fn screens(cli: &Cli, lang: Lang, sock: Option<PathBuf>) -> Result<(), Error> {
    crate::tui::term::runtime::check_terminal()?;
    let actor = crate::service::Actor::current();
    if cli.demo {
        let dir = tempfile::tempdir().map_err(|e| Error::System {
            detail: format!("no temporary folder for the demo ({e})"),
        })?;
        let mut svc = LocalService::open(&dir.path().join("db"))?;
        crate::sample::load(&svc, &actor)?;
        // The demo lives on 10/04/2024, just after the sample's March deadline, so its
        // dashboard, deadlines and overdue tasks read as they did then.
        let demo_day = crate::sample::DAY;
        let start = demo_day
            .at(9, 0, 0, 0)
            .to_zoned(jiff::tz::TimeZone::fixed(crate::domain::date::vn_offset()))
            .map(|z| z.timestamp().as_second())
            .unwrap_or(0);
        let launched = jiff::Timestamp::now().as_second();
        svc.set_clock(move || start + (jiff::Timestamp::now().as_second() - launched));
        return crate::tui::term::runtime::run(&svc, &actor, lang, cli.ascii, demo_day, None);
    }
    let today = crate::domain::date::today(jiff::Timestamp::now());
    if let Some(sock) = sock {
        let client = crate::remote::client::Client::connect(&sock)?;
        let notices = crate::remote::client::watch(&sock);
        return crate::tui::term::runtime::run(
            &client,
            &actor,
            lang,
            cli.ascii,
            today,
            Some(notices),
        );
    }
    let db = cli.db.clone().unwrap_or_else(default_db);
    let svc = match open_when_free(&db)? {
        Opened::Here(svc) => svc,
        Opened::Server(client, sock) => {
            let notices = Some(crate::remote::client::watch(&sock));
            return crate::tui::term::runtime::run(
                &client, &actor, lang, cli.ascii, today, notices,
            );
        }
    };
    warn_loose(&svc, lang);
    if svc.indicators(&actor)?.is_empty() {
        for ind in crate::sample::indicators()? {
            svc.put_indicator(&actor, ind)?;
        }
    }
    crate::tui::term::runtime::run(&svc, &actor, lang, cli.ascii, today, None)
}

/// The socket to use: --connect / ANTQ_SOCKET, else the config's `socket` when it exists.
fn socket(cli: &Cli, conf: &Config) -> Option<PathBuf> {
    cli.connect
        .clone()
        .or_else(|| conf.socket.clone().filter(|p| p.exists()))
}

fn execute(
    db: &std::path::Path,
    lang: Lang,
    command: Command,
    socket: Option<PathBuf>,
) -> Result<(), Error> {
    if is_bulk(&command) {
        crate::store::use_bulk_cache();
    }
    let data = match command {
        Command::Serve {
            socket,
            group,
            workers,
            max_per_user,
        } => {
            let opts = crate::remote::server::Options {
                db: db.to_path_buf(),
                socket,
                group,
                workers: workers.map(usize::from),
                per_user: usize::from(max_per_user),
                lang,
            };
            return crate::remote::server::serve(&opts);
        }
        Command::Restore { file } => return restore(db, lang, &file, socket.is_some()),
        Command::Compact => return compact(db, lang, socket.is_some()),
        Command::Completions { shell } => return completions(shell),
        Command::Man => return man_page(lang),
        Command::Data(crate::cli::cmd::Data::Backup { file, raw: true }) => {
            return raw_backup(db, lang, &file, socket.is_some())
        }
        Command::Data(data) => data,
    };
    if let Some(sock) = socket {
        let client = crate::remote::client::Client::connect(&sock)?;
        return cmd::dispatch(&client, lang, data);
    }
    let is_init = matches!(data, cmd::Data::Init { .. });
    if !is_init && !db.exists() {
        return Err(Error::NoStore {
            path: db.display().to_string(),
        });
    }
    match open_when_free(db)? {
        Opened::Here(svc) => {
            warn_loose(&svc, lang);
            let done = cmd::dispatch(&svc, lang, data);
            if svc.wrote_in_bulk() {
                drop(svc);
                settle(db, lang);
            }
            done
        }
        Opened::Server(client, _) => cmd::dispatch(&client, lang, data),
    }
}

/// Commands that go through a whole store or file once, and need no page kept for later.
fn is_bulk(command: &Command) -> bool {
    use cmd::Data;
    matches!(
        command,
        Command::Restore { .. }
            | Command::Compact
            | Command::Data(
                Data::Import { .. }
                    | Data::Export { .. }
                    | Data::Backup { .. }
                    | Data::Check { .. }
                    | Data::Bundle(_)
            )
    )
}

/// The store, or the server that holds it (and its socket).
enum Opened {
    Here(LocalService),
    Server(crate::remote::client::Client, PathBuf),
}

/// Opens the store. When a running `antq serve` holds it and its socket answers, the command
/// goes through the server; when another command holds it, this one waits for it a little
/// (`ANTQ_LOCK_WAIT_MS`, 5 s by default) before saying the store is in use.
fn open_when_free(db: &std::path::Path) -> Result<Opened, Error> {
    let wait = std::env::var("ANTQ_LOCK_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    let until = std::time::Instant::now() + std::time::Duration::from_millis(wait);
    loop {
        match LocalService::open(db) {
            Err(Error::StoreLocked { path }) => {
                if let Some(sock) = crate::remote::server::socket_of(db) {
                    match crate::remote::client::Client::connect(&sock) {
                        Ok(client) => return Ok(Opened::Server(client, sock)),
                        // The server answered and refused (no account, another version):
                        // asking again would only say it again, and fill its log.
                        Err(e) if !matches!(e, Error::Disconnected { .. }) => return Err(e),
                        Err(_) => {}
                    }
                }
                if std::time::Instant::now() >= until {
                    return Err(Error::StoreLocked { path });
                }
                crate::killpoint::reached("lock.wait");
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            other => return other.map(Opened::Here),
        }
    }
}

/// Files of the store others may read that this user could not tighten (it does not own them).
fn warn_loose(svc: &LocalService, lang: Lang) {
    for line in svc.store().loose_modes() {
        let _ = writeln!(
            std::io::stderr(),
            "{}: {line}",
            lang.pick("cảnh báo", "warning")
        );
    }
}

/// Removes the folder of a store that a failed restore created, and says so.
fn remove_new_store(db: &std::path::Path, lang: Lang) {
    match std::fs::remove_dir_all(db) {
        Ok(()) => eprintln!(
            "{}",
            lang.pick(
                &format!("Chưa phục hồi gì; đã xóa thư mục kho mới {}.", db.display()),
                &format!("Nothing was restored; the new store folder {} was removed.", db.display()),
            )
        ),
        Err(e) => eprintln!(
            "{}",
            lang.pick(
                &format!("Chưa phục hồi gì; không xóa được thư mục kho mới {} ({e}): hãy tự xóa nó.", db.display()),
                &format!("Nothing was restored; the new store folder {} could not be removed ({e}): remove it yourself.", db.display()),
            )
        ),
    }
}

/// After a bulk write, with the store closed: opens it once, so the user's next open does not
/// replay the write, and compacts it when the write left its files much bigger than its data.
/// What was written is saved whatever happens here, so a failure is only a warning.
fn settle(db: &std::path::Path, lang: Lang) {
    let starting = |disk: u64| eprintln!("{}", compacting_words(disk, lang));
    match crate::store::compact::after_bulk(db, &starting) {
        Ok(Some(c)) => eprintln!("{}", compacted_words(c, lang)),
        Ok(None) => {}
        Err(e) => eprintln!("{}: {}", lang.pick("cảnh báo", "warning"), e.render(lang)),
    }
    // The unit tree is kept too, so the next open's first screen reads one entry.
    let kept = crate::store::compact::open_when_released(db)
        .map(LocalService::with_store)
        .and_then(|svc| svc.keep_unit_tree());
    if let Err(e) = kept {
        eprintln!("{}: {}", lang.pick("cảnh báo", "warning"), e.render(lang));
    }
}

fn compacting_words(disk: u64, lang: Lang) -> String {
    format!(
        "{} ({})…",
        lang.pick("Đang thu gọn kho", "Compacting the store"),
        size_words(disk)
    )
}

fn compacted_words(c: crate::store::compact::Compacted, lang: Lang) -> String {
    format!(
        "{}: {} → {} ({}: {})",
        lang.pick("Đã thu gọn kho", "Compacted the store"),
        size_words(c.before),
        size_words(c.after),
        lang.pick("dữ liệu", "data"),
        size_words(c.live)
    )
}

/// "2.6 GB", "120 MB", "812 KB".
fn size_words(bytes: u64) -> String {
    let b = bytes as f64;
    match bytes {
        n if n >= 1 << 30 => format!("{:.1} GB", b / f64::from(1u32 << 30)),
        n if n >= 1 << 20 => format!("{:.0} MB", b / f64::from(1u32 << 20)),
        _ => format!("{:.0} KB", b / 1024.0),
    }
}

/// `antq compact`: the store to itself, rewritten. A server holding it must stop first.
fn compact(db: &std::path::Path, lang: Lang, connected: bool) -> Result<(), Error> {
    if connected {
        return Err(held_by_server("compact", "compact"));
    }
    if !db.exists() {
        return Err(Error::NoStore {
            path: db.display().to_string(),
        });
    }
    let svc = match open_when_free(db)? {
        Opened::Here(svc) => svc,
        Opened::Server(..) => return Err(held_by_server("compact", "compact")),
    };
    // A national store takes minutes: say what is going on before the wait.
    eprintln!("{}", compacting_words(svc.store().disk_bytes(), lang));
    let done = svc.compact(&crate::service::Actor::current())?;
    out!("{}", compacted_words(done, lang));
    Ok(())
}

/// A server holds the files a raw backup or a compaction would copy or rewrite.
fn held_by_server(field: &str, what: &str) -> Error {
    Error::invalid(
        field,
        format!("this works on the store's files, and antq serve holds them; stop the server (systemctl stop antq), run 'antq {what}' on the server machine, then start it again"),
        format!("lệnh này làm việc trên các tệp của kho, mà antq serve đang giữ; hãy dừng máy chủ (systemctl stop antq), chạy 'antq {what}' trên máy chủ, rồi khởi động lại"),
    )
}

/// `antq backup --raw DIR`: the store's files, copied as one point in time.
fn raw_backup(
    db: &std::path::Path,
    lang: Lang,
    dir: &std::path::Path,
    connected: bool,
) -> Result<(), Error> {
    if connected {
        return Err(held_by_server("backup", "backup --raw"));
    }
    if !db.exists() {
        return Err(Error::NoStore {
            path: db.display().to_string(),
        });
    }
    let svc = match open_when_free(db)? {
        Opened::Here(svc) => svc,
        Opened::Server(..) => return Err(held_by_server("backup", "backup --raw")),
    };
    let bytes = svc.backup_raw(&crate::service::Actor::current(), dir)?;
    out!(
        "{} {} ({})",
        lang.pick("Đã sao lưu thô vào", "Raw backup in"),
        dir.display(),
        size_words(bytes)
    );
    Ok(())
}

/// `antq restore DIR` of a raw backup: its files copied beside the new store, opened there
/// and checked, and only then switched in; a copy that fails either goes.
fn restore_raw(db: &std::path::Path, lang: Lang, dir: &std::path::Path) -> Result<(), Error> {
    let fresh = std::fs::read_dir(db).map_or(true, |mut d| d.next().is_none());
    let staged = match crate::store::raw::stage_restore(dir, db) {
        Ok(staged) => staged,
        Err(e) => {
            if fresh && db.exists() {
                remove_new_store(db, lang);
            }
            return Err(e);
        }
    };
    let checked = LocalService::open(&staged.copy)
        .and_then(|svc| crate::service::Service::check(&svc, &crate::service::Actor::current()));
    match &checked {
        Ok(c) if c.problems.is_empty() => staged.switch()?,
        _ => {
            staged.abandon();
            if fresh {
                remove_new_store(db, lang);
            }
        }
    }
    restored(db, lang, dir, checked?, false)
}

/// What a restore says once its check has run: the problems, or what the store now holds.
/// `emptied`: a stream restore that fails leaves the store empty again (a raw one removes it).
fn restored(
    db: &std::path::Path,
    lang: Lang,
    from: &std::path::Path,
    c: crate::service::CheckSummary,
    emptied: bool,
) -> Result<(), Error> {
    for p in &c.problems {
        out!("{p}");
    }
    if !c.problems.is_empty() {
        let n = c.problems.len();
        let (en, vi) = if emptied {
            let d = db.display();
            (
                format!(", and {d} is empty again"),
                format!(", {d} lại trống"),
            )
        } else {
            (String::new(), String::new())
        };
        return Err(Error::Rejected {
            what: from.display().to_string(),
            problems: vec![crate::error::Problem::new(
                0,
                "",
                format!(
                    "the backup fails its check ({n} problem(s) above); nothing was restored{en}"
                ),
                format!(
                    "bản sao lưu không qua được kiểm tra ({n} lỗi ở trên); chưa phục hồi gì{vi}"
                ),
            )],
        });
    }
    out!(
        "{} {} ({} {}, {} {}); {}",
        lang.pick("Đã phục hồi vào", "Restored into"),
        db.display(),
        c.records,
        lang.pick("bản ghi", "records"),
        c.index_entries,
        lang.pick("mục chỉ mục", "index entries"),
        lang.pick("kiểm tra: không có lỗi", "check: no problems")
    );
    Ok(())
}

/// Restores into the store itself: a running server's store is in use, and must stay so.
fn restore(
    db: &std::path::Path,
    lang: Lang,
    file: &std::path::Path,
    connected: bool,
) -> Result<(), Error> {
    if connected {
        return Err(Error::invalid(
            "restore",
            "a restore writes into a new store directly, not through the server; run 'antq restore --db NEW_PATH FILE' on the server machine, then point the server at NEW_PATH",
            "phục hồi ghi thẳng vào một kho mới, không qua máy chủ; hãy chạy 'antq restore --db ĐƯỜNG_DẪN_MỚI TỆP' trên máy chủ rồi cho máy chủ dùng ĐƯỜNG_DẪN_MỚI",
        ));
    }
    if file.is_dir() {
        return restore_raw(db, lang, file);
    }
    let f = std::fs::File::open(file).map_err(|e| Error::Rejected {
        what: file.display().to_string(),
        problems: vec![crate::error::Problem::new(
            0,
            "",
            format!("cannot read the backup file ({e}); check the path"),
            format!("không đọc được tệp sao lưu ({e}); hãy kiểm tra đường dẫn"),
        )],
    })?;
    // A store this command creates holds nothing of anyone's: if the restore fails, its files
    // go, so what was half written never shows and never keeps a full disk full.
    let fresh = std::fs::read_dir(db).map_or(true, |mut d| d.next().is_none());
    let svc = LocalService::open(db)?;
    let r = svc.restore_from(
        &crate::service::Actor::current(),
        std::io::BufReader::with_capacity(1 << 20, f),
    );
    let bulk = svc.wrote_in_bulk();
    drop(svc);
    if bulk {
        settle(db, lang);
    }
    let failed = !r.as_ref().is_ok_and(|r| r.problems.is_empty());
    if failed && fresh {
        remove_new_store(db, lang);
    }
    restored(db, lang, file, r?, true)
}
