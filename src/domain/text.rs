//! Vietnamese text: NFC storage and accent-insensitive folding for search.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Normalises to NFC and trims surrounding whitespace; stored text always goes through here.
pub fn clean(s: &str) -> String {
    s.trim().nfc().collect()
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

/// True when every folded word of `query` appears in `folded_hay` as a substring, in order.
pub fn folded_contains(folded_hay: &str, folded_query: &str) -> bool {
    folded_query.is_empty() || folded_hay.contains(folded_query)
}

#[cfg(test)]
mod tests {
    use super::*;

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
