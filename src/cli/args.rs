//! Command-line arguments (clap). Values that need domain validation stay strings here, so
//! bad input gets the domain's message and exit code 1 rather than a usage error.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "antq",
    version,
    about = "Phong trào Toàn dân bảo vệ an ninh Tổ quốc: units, reports, assessments and follow-up tasks",
    long_about = None
)]
pub struct Cli {
    /// Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]
    #[arg(long, global = true, env = "ANTQ_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]
    #[arg(long, global = true, env = "ANTQ_LANG", value_enum)]
    pub lang: Option<LangArg>,

    /// Talk to an `antq serve` on this socket instead of opening the store
    #[arg(long, global = true, env = "ANTQ_SOCKET", value_name = "SOCKET")]
    pub connect: Option<PathBuf>,

    /// Open the screens on a temporary copy of the Hậu Giang sample, removed at exit
    #[arg(long)]
    pub demo: bool,

    /// ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts
    #[arg(long, global = true)]
    pub ascii: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

// Parsed once per run, so the size of the biggest variant costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the server: own the store and serve clients on a Unix socket (foreground)
    Serve {
        /// The socket to listen on (mode 0660)
        #[arg(long, value_name = "PATH")]
        socket: PathBuf,
        /// The group allowed to connect, e.g. antq-operators
        #[arg(long)]
        group: Option<String>,
        /// Requests run at once (default: twice the cores, 4 to 16); 0 runs each on its
        /// connection's thread
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(0..=256))]
        workers: Option<u16>,
        /// Connections one OS user may hold at once (a screen holds two)
        #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..))]
        max_per_user: u16,
    },
    /// Load a backup (a file, or a raw backup's folder) into a new, empty store (--db), then
    /// check it
    Restore { file: PathBuf },
    /// Rewrite the store into fresh files that hold only its live data, so it takes less disk
    /// and opens faster (not while antq serve holds it)
    Compact,
    /// Print shell completions (bash, zsh or fish) to stdout
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout, in the chosen language
    Man,
    #[command(flatten)]
    Data(crate::cli::cmd::Data),
}
