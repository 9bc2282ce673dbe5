//! Editing one line of text at a cursor, for form fields and prompts alike. The editing itself
//! is `tui-input`'s; this module keeps our state as a plain `String` plus a cursor, so the rest
//! of the program reads values as text.

use tui_input::{Input, InputRequest};

use crate::domain::text::width;

/// One editing key, already told apart from commands by the keymap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edit {
    Insert(char),
    Left,
    Right,
    WordLeft,
    WordRight,
    Start,
    End,
    DeletePrev,
    DeleteNext,
    DeleteWord,
    DeleteToStart,
}

impl Edit {
    fn request(self) -> InputRequest {
        match self {
            Edit::Insert(c) => InputRequest::InsertChar(c),
            Edit::Left => InputRequest::GoToPrevChar,
            Edit::Right => InputRequest::GoToNextChar,
            Edit::WordLeft => InputRequest::GoToPrevWord,
            Edit::WordRight => InputRequest::GoToNextWord,
            Edit::Start => InputRequest::GoToStart,
            Edit::End => InputRequest::GoToEnd,
            Edit::DeletePrev => InputRequest::DeletePrevChar,
            Edit::DeleteNext => InputRequest::DeleteNextChar,
            Edit::DeleteWord => InputRequest::DeletePrevWord,
            Edit::DeleteToStart => InputRequest::DeleteFromStart,
        }
    }
}

/// The cursor as a char index; `None` means after the last character.
pub fn cursor_at(value: &str, cursor: Option<usize>) -> usize {
    let n = value.chars().count();
    cursor.map_or(n, |c| c.min(n))
}

/// Applies one edit; true when the text changed (the cursor may move either way).
pub fn apply(value: &mut String, cursor: &mut Option<usize>, e: Edit) -> bool {
    let at = cursor_at(value, *cursor);
    let mut input = Input::new(std::mem::take(value)).with_cursor(at);
    let changed = input.handle(e.request()).is_some_and(|c| c.value);
    let n = input.value().chars().count();
    *cursor = (input.cursor() < n).then_some(input.cursor());
    *value = input.value().to_string();
    changed
}

/// What a field `cols` wide shows of `value` so that the cursor is in view: the text before
/// the cursor, the character under it (a space at the end), and the text after it.
pub fn window(value: &str, cursor: Option<usize>, cols: usize) -> (String, String, String) {
    let at = cursor_at(value, cursor);
    let chars: Vec<char> = value.chars().collect();
    let cw = |c: &char| width(c.encode_utf8(&mut [0; 4])).max(1);
    let under = chars.get(at).copied().unwrap_or(' ');
    // Keep the cursor cell and as much before it as fits, then fill after it.
    let mut start = at;
    let mut used = cw(&under);
    while start > 0 && used + cw(&chars[start - 1]) <= cols.max(1) {
        start -= 1;
        used += cw(&chars[start]);
    }
    let mut end = (at + 1).min(chars.len());
    while end < chars.len() && used + cw(&chars[end]) <= cols {
        used += cw(&chars[end]);
        end += 1;
    }
    let before: String = chars[start..at].iter().collect();
    let after: String = chars[(at + 1).min(chars.len())..end.max(at + 1).min(chars.len())]
        .iter()
        .collect();
    (before, under.to_string(), after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(start: &str, edits: &[Edit]) -> (String, Option<usize>) {
        let (mut v, mut c) = (start.to_string(), None);
        for e in edits {
            apply(&mut v, &mut c, *e);
        }
        (v, c)
    }

    #[test]
    fn typing_goes_in_at_the_cursor() {
        let (v, c) = run("Hỏa Lựu", &[Edit::Start, Edit::Insert('X'), Edit::End]);
        assert_eq!((v.as_str(), c), ("XHỏa Lựu", None));
        let (v, _) = run("abc", &[Edit::Left, Edit::Left, Edit::DeletePrev]);
        assert_eq!(v, "bc");
        let (v, _) = run("abc", &[Edit::Start, Edit::DeleteNext]);
        assert_eq!(v, "bc");
    }

    #[test]
    fn word_and_line_deletes() {
        assert_eq!(
            run("Kiểm tra mô hình", &[Edit::DeleteWord]).0,
            "Kiểm tra mô "
        );
        let (v, c) = run("một hai ba", &[Edit::WordLeft, Edit::DeleteToStart]);
        assert_eq!((v.as_str(), c), ("ba", Some(0)));
    }

    #[test]
    fn a_long_line_shows_the_part_around_the_cursor() {
        let v = "0123456789abcdef";
        assert_eq!(window(v, None, 5), ("cdef".into(), " ".into(), "".into()));
        assert_eq!(
            window(v, Some(0), 5),
            ("".into(), "0".into(), "1234".into())
        );
        assert_eq!(window(v, Some(8), 4), ("567".into(), "8".into(), "".into()));
        assert_eq!(
            window("ab", Some(1), 10),
            ("a".into(), "b".into(), "".into())
        );
    }
}
