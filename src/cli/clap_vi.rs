//! The command line in Vietnamese: help texts, headings and usage errors. clap writes them in
//! English; this turns the built command and its errors into the user's language.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use super::help_vi::HELP_VI;

const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The Vietnamese for an English help text, matched ignoring how its lines were wrapped.
fn vi(en: &str) -> Option<&'static str> {
    let key = words(en);
    HELP_VI
        .iter()
        .find(|(e, _)| words(e) == key)
        .map(|(_, v)| *v)
}

/// The whole command line in Vietnamese, with its version flag.
pub fn localise_root(cmd: Command) -> Command {
    localise(cmd).disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("In phiên bản")
            .help_heading("Tùy chọn"),
    )
}

/// The command with Vietnamese help, headings and help flags, all the way down.
fn localise(mut cmd: Command) -> Command {
    if let Some(v) = cmd.get_about().and_then(|a| vi(&a.to_string())) {
        cmd = cmd.about(v);
    }
    if let Some(v) = cmd.get_long_about().and_then(|a| vi(&a.to_string())) {
        cmd = cmd.long_about(v);
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("In trợ giúp")
                .help_heading("Tùy chọn"),
        );
    cmd = cmd.mut_args(|a| {
        let heading = if a.is_positional() {
            "Đối số"
        } else {
            "Tùy chọn"
        };
        let a = a.help_heading(heading);
        match a.get_help().and_then(|h| vi(&h.to_string())) {
            Some(v) => a.help(v),
            None => a,
        }
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, localise);
    }
    cmd.disable_help_subcommand(true)
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A usage error as a Vietnamese user reads it: what is wrong, a suggestion when clap has
/// one, the usage line and where to read more.
pub fn usage_error(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!("tham số '{arg}' không có"),
        ErrorKind::InvalidSubcommand => {
            let sub = context(e, ContextKind::InvalidSubcommand).unwrap_or(arg);
            format!("lệnh '{sub}' không có")
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu tham số bắt buộc: {arg}"),
        ErrorKind::InvalidValue => {
            let ok = context(e, ContextKind::ValidValue)
                .map(|v| format!(" (dùng: {v})"))
                .unwrap_or_default();
            format!("giá trị '{value}' không hợp lệ cho {arg}{ok}")
        }
        ErrorKind::ValueValidation => format!("giá trị '{value}' không hợp lệ cho {arg}"),
        ErrorKind::ArgumentConflict => {
            let other = context(e, ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} không dùng cùng {other}")
        }
        ErrorKind::NoEquals => format!("{arg} cần dấu '=' trước giá trị"),
        ErrorKind::TooManyValues => format!("thừa giá trị '{value}' cho {arg}"),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("số giá trị cho {arg} không đúng")
        }
        _ => "cách gõ lệnh không đúng".to_string(),
    };
    let mut out = format!("lỗi: {what}\n");
    if let Some(s) = context(e, ContextKind::SuggestedArg)
        .or_else(|| context(e, ContextKind::SuggestedSubcommand))
    {
        out.push_str(&format!("  gợi ý: {s}\n"));
    }
    if let Some(u) = context(e, ContextKind::Usage) {
        let u = u.replace("Usage:", "Cách dùng:");
        out.push_str(&format!("\n{}\n", u.trim_end()));
    }
    out.push_str("\nXem thêm: --help\n");
    out
}

/// The words clap writes into help by itself, in Vietnamese.
pub fn help_words(help: &str) -> String {
    help.replace("[possible values: ", "[giá trị: ")
        .replace("[default: ", "[mặc định: ")
        .replace("[aliases: ", "[tên khác: ")
        .replace("[env: ", "[biến môi trường: ")
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every help text of `cmd` and below that has no Vietnamese, by where it is.
    fn untranslated(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        let texts = [cmd.get_about(), cmd.get_long_about()];
        for t in texts.into_iter().flatten() {
            if super::vi(&t.to_string()).is_none() {
                missing.push(format!("{path}: {t}"));
            }
        }
        for a in cmd.get_arguments() {
            let help = [a.get_help(), a.get_long_help()];
            for h in help.into_iter().flatten() {
                if super::vi(&h.to_string()).is_none() {
                    missing.push(format!("{path} {}: {h}", a.get_id()));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            untranslated(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }

    /// A new command or flag without its Vietnamese would show English inside Vietnamese help.
    #[test]
    fn every_help_text_has_its_vietnamese() {
        let mut missing = Vec::new();
        untranslated(&crate::cli::args::Cli::command(), "antq", &mut missing);
        assert!(
            missing.is_empty(),
            "no Vietnamese in help_vi.rs for:\n{}",
            missing.join("\n")
        );
    }
}
