//! Vietnamese text: NFC storage and accent-insensitive folding for search.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// Normalises to NFC and trims surrounding whitespace; stored text always goes through here.
pub fn clean(s: &str) -> String {
    let s = s.trim();
    // Most cells are figures and codes, already NFC: copied, not normalised char by char (a
    // tenth of a national import was spent here).
    if s.is_ascii() || unicode_normalization::is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s.to_string();
    }
    s.nfc().collect()
}

/// Folds text for search: lowercase, marks stripped, đ/Đ mapped to d, whitespace collapsed.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        out.extend(c.to_lowercase());
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The first character that would hide or reorder text on screen: controls (ESC, BEL…; tab
/// and newline only where `multiline`), bidi overrides and isolates, zero-width and other
/// invisible characters (soft hyphen, grapheme joiner, Mongolian vowel separator, Hangul
/// filler, tag characters), and line or paragraph separators.
pub fn hidden_char(s: &str, multiline: bool) -> Option<char> {
    s.chars().find(|&c| {
        let allowed = multiline && (c == '\n' || c == '\t');
        (c.is_control() && !allowed)
            || matches!(c,
                '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
                | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}')
    })
}

/// Text safe to write to a terminal: every character `hidden_char` would refuse becomes `?`,
/// so a stored name from before the check can never drive the terminal (titles, colours).
pub fn printable(s: &str, multiline: bool) -> std::borrow::Cow<'_, str> {
    if hidden_char(s, multiline).is_none() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut buf = [0u8; 4];
    s.chars()
        .map(|c| {
            if hidden_char(c.encode_utf8(&mut buf), multiline).is_some() {
                '?'
            } else {
                c
            }
        })
        .collect::<String>()
        .into()
}

/// A character as a person can read it in a message: U+202E.
pub fn show_char(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// True when every folded word of `query` appears in `folded_hay` as a substring, in order.
pub fn folded_contains(folded_hay: &str, folded_query: &str) -> bool {
    folded_query.is_empty() || folded_hay.contains(folded_query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_found_and_vietnamese_is_not() {
        assert_eq!(hidden_char("Phường Ba Đình", false), None);
        assert_eq!(hidden_char("a\u{1b}]0;x\u{7}", false), Some('\u{1b}'));
        assert_eq!(hidden_char("ab\u{202E}cd", false), Some('\u{202E}'));
        assert_eq!(hidden_char("a\u{200B}b", false), Some('\u{200B}'));
        assert_eq!(hidden_char("x\u{FEFF}", false), Some('\u{FEFF}'));
        for c in [
            '\u{AD}',
            '\u{34F}',
            '\u{180E}',
            '\u{3164}',
            '\u{E0041}',
            '\u{2028}',
        ] {
            assert_eq!(hidden_char(&format!("Vị{c}Thủy"), false), Some(c), "{c:?}");
        }
        assert_eq!(hidden_char("line\nline\t", true), None);
        assert_eq!(hidden_char("line\nline", false), Some('\n'));
    }

    #[test]
    fn printable_text_keeps_vietnamese_and_drops_terminal_controls() {
        assert_eq!(printable("Ba Đình", false), "Ba Đình");
        assert_eq!(printable("a\u{1b}]0;x\u{7}b", false), "a?]0;x?b");
        assert_eq!(printable("dòng 1\ndòng 2", true), "dòng 1\ndòng 2");
        assert_eq!(printable("a\u{202e}b", true), "a?b");
    }

    #[test]
    fn folds_vietnamese_names() {
        assert_eq!(fold("Vĩnh Thuận Đông"), "vinh thuan dong");
        assert_eq!(fold("  Hỏa   Lựu "), "hoa luu");
        assert_eq!(fold("ĐẶC KHU"), "dac khu");
    }

    #[test]
    fn nfd_input_folds_and_stores_as_nfc() {
        let nfd: String = "Vĩnh Thuận Đông".nfd().collect();
        assert_ne!(nfd, "Vĩnh Thuận Đông");
        assert_eq!(clean(&nfd), "Vĩnh Thuận Đông");
        assert_eq!(fold(&nfd), "vinh thuan dong");
        // The quick paths: ASCII, text already NFC, and a mark that composes with ASCII.
        assert_eq!(clean(" 31441\t"), "31441");
        assert_eq!(clean(" Vĩnh Thuận "), "Vĩnh Thuận");
        assert_eq!(clean("Ke\u{301}"), "Ké");
        assert_eq!(
            clean("\u{1ef1}\u{301}"),
            "\u{1ef1}\u{301}".nfc().collect::<String>()
        );
    }

    #[test]
    fn d_bar_survives_mark_stripping() {
        // đ has no decomposition; it must map to d, not vanish.
        assert_eq!(fold("đ"), "d");
        assert_eq!(fold("Đồng"), "dong");
    }

    #[test]
    fn substring_match_on_folded() {
        assert!(folded_contains(
            &fold("xã Vĩnh Thuận Đông"),
            &fold("thuan dong")
        ));
        assert!(!folded_contains(
            &fold("xã Vĩnh Thuận Tây"),
            &fold("thuan dong")
        ));
    }
}

/// Columns a text takes on a terminal, as ratatui counts them: wide characters take two,
/// combining marks none. The CLI's tables and the TUI's layout both use this.
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

#[cfg(test)]
mod width_tests {
    #[test]
    fn wide_characters_take_two_columns_and_marks_none() {
        assert_eq!(super::width("Hỏa Lựu"), 7);
        assert_eq!(super::width("Ho\u{0309}a"), 3);
        assert_eq!(super::width("河内"), 4);
        assert_eq!(super::width("✓"), 1);
    }
}
