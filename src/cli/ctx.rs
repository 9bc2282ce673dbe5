//! What every command handler gets: the service, the acting user and the language, with the
//! helpers they share for messages and arguments.

use crate::cli::output::{out, out_raw};
use crate::cli::table::Table;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::service::api::*;

pub struct Ctx<'a> {
    pub svc: &'a dyn Service,
    pub a: &'a Actor,
    pub lang: Lang,
}

pub fn year_arg(y: i16) -> Result<i16> {
    if (2000..=2100).contains(&y) {
        Ok(y)
    } else {
        Err(Error::invalid(
            "year",
            format!("{y} is out of range (2000–2100)"),
            format!("năm {y} nằm ngoài khoảng 2000–2100"),
        ))
    }
}

impl Ctx<'_> {
    /// Prints a table followed by a line that counts its rows.
    pub(crate) fn print_counted(&self, t: &Table, n: usize, noun_vi: &str, noun_en: &str) {
        out_raw!("{}", t.render());
        out!("{n} {}", self.t(noun_vi, noun_en));
    }

    /// Success lines go to stdout only after the service has flushed the change.
    pub(crate) fn saved(&self, vi: String, en: String) {
        out!("{}", self.lang.pick(&vi, &en));
    }

    pub(crate) fn t<'s>(&self, vi: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(vi, en)
    }
}
