//! Hand-made, order-preserving keys. Numbers are big-endian; variable-length codes end in a
//! NUL byte, which codes can never contain, so a prefix never runs into the next field.

use jiff::civil::Date;

use crate::domain::date::serde_days;
use crate::domain::period::Period;

pub const SEP: u8 = 0;

pub fn year(y: i16) -> [u8; 2] {
    ((y as u16) ^ 0x8000).to_be_bytes()
}

pub fn day(d: Date) -> [u8; 4] {
    ((serde_days::to_days(d) as u32) ^ 0x8000_0000).to_be_bytes()
}

pub fn day_from(b: &[u8]) -> Option<Date> {
    let n = u32::from_be_bytes(b.get(..4)?.try_into().ok()?) ^ 0x8000_0000;
    serde_days::from_days(n as i32)
}

/// Joins parts: each `Code` part is followed by the separator, fixed-width parts are not.
pub enum Part<'a> {
    Code(&'a str),
    Raw(&'a [u8]),
}

pub fn join(parts: &[Part]) -> Vec<u8> {
    let mut k = Vec::with_capacity(32);
    for p in parts {
        match p {
            Part::Code(s) => {
                k.extend_from_slice(s.as_bytes());
                k.push(SEP);
            }
            Part::Raw(b) => k.extend_from_slice(b),
        }
    }
    k
}

pub fn unit(code: &str) -> Vec<u8> {
    code.as_bytes().to_vec()
}

/// Which unit held an official code from a day: `code NUL first-day`.
pub fn code_held(code: &str, from: Option<Date>) -> Vec<u8> {
    join(&[Part::Code(code), Part::Raw(&day(from.unwrap_or(Date::MIN)))])
}

pub fn code_prefix(code: &str) -> Vec<u8> {
    join(&[Part::Code(code)])
}

/// The value beside `code_held`: the holder's last day, then its identity.
pub fn code_holder(to: Option<Date>, unit: &str) -> Vec<u8> {
    let mut v = day(to.unwrap_or(Date::MAX)).to_vec();
    v.extend_from_slice(unit.as_bytes());
    v
}

/// `(first day, last day, unit)` from a `code_held` key and its value.
pub fn code_holder_from(k: &[u8], v: &[u8]) -> Option<(Date, Date, String)> {
    let from = day_from(k.get(k.len().checked_sub(4)?..)?)?;
    let to = day_from(v)?;
    Some((from, to, String::from_utf8(v.get(4..)?.to_vec()).ok()?))
}

pub fn report(unit: &str, p: Period) -> Vec<u8> {
    join(&[Part::Code(unit), Part::Raw(&p.key())])
}

pub fn assessment(unit: &str, y: i16) -> Vec<u8> {
    join(&[Part::Code(unit), Part::Raw(&year(y))])
}

pub fn assessment_by_year(y: i16, unit: &str) -> Vec<u8> {
    join(&[Part::Raw(&year(y)), Part::Raw(unit.as_bytes())])
}

pub fn exemplar(y: i16, unit: &str) -> Vec<u8> {
    join(&[Part::Raw(&year(y)), Part::Raw(unit.as_bytes())])
}

pub fn task(id: u64) -> Vec<u8> {
    id.to_be_bytes().to_vec()
}

pub fn task_by_due(due: Date, id: u64) -> Vec<u8> {
    join(&[Part::Raw(&day(due)), Part::Raw(&id.to_be_bytes())])
}

pub fn task_by_status(status: u8, due: Date, id: u64) -> Vec<u8> {
    join(&[
        Part::Raw(&[status]),
        Part::Raw(&day(due)),
        Part::Raw(&id.to_be_bytes()),
    ])
}

pub fn task_by_unit(unit: &str, id: u64) -> Vec<u8> {
    join(&[Part::Code(unit), Part::Raw(&id.to_be_bytes())])
}

pub fn audit(seq: u64) -> Vec<u8> {
    seq.to_be_bytes().to_vec()
}

pub fn audit_by_entity(entity: &str, seq: u64) -> Vec<u8> {
    join(&[Part::Code(entity), Part::Raw(&seq.to_be_bytes())])
}

/// Reads the trailing big-endian u64 of a key.
pub fn tail_u64(k: &[u8]) -> Option<u64> {
    let n = k.len().checked_sub(8)?;
    Some(u64::from_be_bytes(k[n..].try_into().ok()?))
}

pub fn year_from(b: &[u8]) -> i16 {
    (u16::from_be_bytes([b[0], b[1]]) ^ 0x8000) as i16
}

/// Keys shown to people: printable bytes as text, the rest as hex.
pub fn show_key(k: &[u8]) -> String {
    k.iter()
        .map(|&b| {
            if b.is_ascii_graphic() {
                (b as char).to_string()
            } else {
                format!("\\x{b:02x}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_order_as_bytes() {
        let a = day(Date::constant(1969, 12, 31));
        let b = day(Date::constant(1970, 1, 1));
        let c = day(Date::constant(2024, 6, 30));
        assert!(a < b && b < c);
        assert_eq!(day_from(&c), Some(Date::constant(2024, 6, 30)));
    }

    #[test]
    fn code_prefix_does_not_leak_into_longer_code() {
        // "3133" must not be a prefix of "31338"'s reports.
        let p = join(&[Part::Code("3133")]);
        assert!(!report("31338", Period::month(2024, 1)).starts_with(&p));
        assert!(report("3133", Period::month(2024, 1)).starts_with(&p));
    }

    #[test]
    fn report_keys_sort_by_unit_then_period() {
        let a = report("31338", Period::month(2024, 1));
        let b = report("31338", Period::month(2024, 2));
        let c = report("31339", Period::month(2023, 1));
        assert!(a < b && b < c);
    }
}
