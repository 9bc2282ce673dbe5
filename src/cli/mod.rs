//! The command line: scripting access to the same service the screens use.

pub mod args;
mod commands;
mod export;
pub mod table;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::error::{Error, Lang};
use crate::service::LocalService;
use args::{Cli, Command, LangArg};

/// The default store: `$XDG_DATA_HOME/antq/db`, falling back to `~/.local/share/antq/db`.
pub fn default_db() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("antq").join("db")
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // clap prints usage errors itself and exits 2; help and version exit 0.
            e.exit();
        }
    };
    let lang = match cli.lang {
        LangArg::Vi => Lang::Vi,
        LangArg::En => Lang::En,
    };
    let Some(command) = cli.command else {
        let notice = lang.pick(
            "antq: giao diện màn hình chưa có trong bản này; hãy dùng các lệnh dưới đây.\n",
            "antq: the screen interface is not in this build yet; use the commands below.\n",
        );
        print!("{notice}\n{}", Cli::command().render_help());
        return ExitCode::SUCCESS;
    };
    let db = cli.db.clone().unwrap_or_else(default_db);
    match execute(&db, lang, command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: {}", lang.pick("lỗi", "error"), e.render(lang));
            ExitCode::from(1)
        }
    }
}

fn execute(db: &std::path::Path, lang: Lang, command: Command) -> Result<(), Error> {
    let is_init = matches!(command, Command::Init { .. });
    if !is_init && !db.exists() {
        return Err(Error::NoStore {
            path: db.display().to_string(),
        });
    }
    let svc = LocalService::open(db)?;
    commands::dispatch(&svc, lang, command)
}
