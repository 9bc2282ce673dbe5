//! Screen 2: the unit tree with its detail pane.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::tui::app::state::State;
use crate::tui::catalogue::{number, texts};
use crate::tui::view::paint::Theme;

use crate::tui::view::lists::*;

pub(crate) fn units(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
    let t = texts(s.lang);
    let vis = s.visible_units();
    // Units matching the filter, or every unit listed (not only the rows of open branches).
    let listed = if s.filter().is_empty() {
        s.units.iter().filter(|u| s.unit_listed(u)).count()
    } else {
        vis.len()
    };
    let which = if s.unit_view.show_ended {
        t.units_with_old
    } else {
        t.units_today
    };
    title(
        s,
        area,
        buf,
        theme,
        format!(
            "{} ({}) · {which}",
            t.tab_units,
            number(s.lang, listed as u64)
        ),
    );
    let list_w = 44.min(area.width);
    let list = Rect {
        width: list_w,
        ..below(area, 1)
    };
    rows(
        list,
        buf,
        theme,
        format!("{} / {}", t.code, t.name),
        &s.unit_view.cursor,
        vis.len(),
        |i| {
            let u = &s.units[vis[i]];
            let mark = if !u.has_children {
                " "
            } else if s.unit_view.expanded.contains(&u.code) {
                "▾"
            } else {
                "▸"
            };
            let indent = if s.filter().is_empty() {
                "  ".repeat(u.depth.min(6))
            } else {
                String::new()
            };
            let style = if u.retired {
                theme.dim()
            } else {
                Style::default()
            };
            let old = if u.retired { t.old_mark } else { "" };
            (
                format!(
                    "{indent}{mark} {} {}{old}",
                    crate::domain::unit::official_code(&u.code),
                    u.name
                ),
                style,
            )
        },
    );
    let detail = Rect {
        x: area.x + list_w + 1,
        width: area.width.saturating_sub(list_w + 1),
        ..below(area, 1)
    };
    super::detail::unit_detail(s, theme, detail, buf);
}
