//! The rules every unit's dates, parents and lineage links must keep, however they arrive:
//! typed, imported, bundled or restored. Each rule looks at one unit and its neighbours.

use jiff::civil::Date;

use crate::domain::date::fmt_date;
use crate::domain::unit::{link_levels_fit, Link, Unit};
use crate::error::{Entity, Error};

/// Looks a unit up by identity, from the change being made or the store.
pub type Lookup<'a> = dyn Fn(&str) -> Option<Unit> + 'a;

fn problem(u: &Unit, en: String, vi: String) -> Error {
    Error::state(Entity::Unit, u.code.clone(), en, vi)
}

fn day(d: Option<Date>) -> String {
    d.map(fmt_date).unwrap_or_else(|| "…".into())
}

/// Every broken rule around `u`, each naming the unit and how to fix it.
pub fn check_unit(u: &Unit, get: &Lookup) -> Vec<Error> {
    let mut out = Vec::new();
    if let (Some(f), Some(t)) = (u.valid_from, u.valid_to) {
        if t < f {
            out.push(problem(
                u,
                format!(
                    "ends on {} before it starts on {}",
                    fmt_date(t),
                    fmt_date(f)
                ),
                format!(
                    "kết thúc ngày {} trước khi bắt đầu ngày {}",
                    fmt_date(t),
                    fmt_date(f)
                ),
            ));
        }
    }
    check_history(u, &mut out);
    check_parents(u, get, &mut out);
    for l in &u.successors {
        check_successor(u, l, get, &mut out);
    }
    for l in &u.predecessors {
        check_predecessor(u, l, get, &mut out);
    }
    if let Some(e) = find_cycle(u, get) {
        out.push(e);
    }
    out
}

fn check_history(u: &Unit, out: &mut Vec<Error>) {
    let mut prev: Option<Date> = None;
    for v in &u.history {
        let bad = prev.is_some_and(|p| v.until <= p)
            || u.valid_from.is_some_and(|f| v.until < f)
            || u.valid_to.is_some_and(|t| v.until >= t);
        if bad {
            out.push(problem(
                u,
                format!(
                    "its earlier values end on {}, outside its life or out of order",
                    fmt_date(v.until)
                ),
                format!(
                    "giá trị cũ kết thúc ngày {} nằm ngoài thời gian tồn tại hoặc sai thứ tự",
                    fmt_date(v.until)
                ),
            ));
        }
        prev = Some(v.until);
    }
}

/// Each parent must exist, and sit at a higher level, over the whole time it is the parent.
fn check_parents(u: &Unit, get: &Lookup, out: &mut Vec<Error>) {
    let mut start = u.valid_from;
    let spans = u
        .history
        .iter()
        .map(|v| (Some(v.until), v.kind, v.parent.as_deref()))
        .chain(std::iter::once((u.valid_to, u.kind, u.parent.as_deref())));
    for (end, kind, parent) in spans {
        let (from, to) = (start, end);
        start = end.and_then(|e| e.tomorrow().ok());
        let Some(pc) = parent else { continue };
        let Some(p) = get(pc) else {
            out.push(problem(
                u,
                format!("its parent {pc} does not exist; add it first or check the code"),
                format!("đơn vị cấp trên {pc} không tồn tại; hãy thêm trước hoặc kiểm tra lại mã"),
            ));
            continue;
        };
        let starts_late = p.valid_from.is_some_and(|pf| from.is_none_or(|f| f < pf));
        let ends_early = p.valid_to.is_some_and(|pt| to.is_none_or(|t| t > pt));
        if starts_late || ends_early {
            out.push(problem(
                u,
                format!(
                    "sits under {pc} from {} to {}, but {pc} exists only from {} to {}; end it, move it or link it to a successor first",
                    day(from), day(to), day(p.valid_from), day(p.valid_to)
                ),
                format!(
                    "trực thuộc {pc} từ {} đến {}, nhưng {pc} chỉ tồn tại từ {} đến {}; hãy cho ngừng, chuyển hoặc nối sang đơn vị kế thừa trước",
                    day(from), day(to), day(p.valid_from), day(p.valid_to)
                ),
            ));
        }
        let pk = p.on(from.unwrap_or(Date::MIN)).kind;
        if pk.level() >= kind.level() {
            out.push(problem(
                u,
                format!(
                    "a {} cannot sit under {} {pc}",
                    kind.label_en(),
                    pk.label_en()
                ),
                format!(
                    "{} không thể trực thuộc {} {pc}",
                    kind.label_vi(),
                    pk.label_vi()
                ),
            ));
        }
    }
}

fn check_successor(u: &Unit, l: &Link, get: &Lookup, out: &mut Vec<Error>) {
    let s_code = &l.unit;
    if *s_code == u.code {
        out.push(problem(
            u,
            "continues into itself".into(),
            "kế thừa vào chính nó".into(),
        ));
        return;
    }
    let Some(on) = l.on else { return };
    let last = on.yesterday().ok();
    if u.valid_to != last {
        out.push(problem(
            u,
            format!(
                "continues into {s_code} from {}, so its last day must be {}, not {}",
                fmt_date(on),
                day(last),
                day(u.valid_to)
            ),
            format!(
                "kế thừa vào {s_code} từ {}, nên ngày cuối phải là {}, không phải {}",
                fmt_date(on),
                day(last),
                day(u.valid_to)
            ),
        ));
    }
    let Some(s) = get(s_code) else {
        out.push(problem(
            u,
            format!("its successor {s_code} does not exist"),
            format!("đơn vị kế thừa {s_code} không tồn tại"),
        ));
        return;
    };
    if !s.is_active_on(on) {
        out.push(problem(
            u,
            format!("its successor {s_code} does not exist on {}", fmt_date(on)),
            format!(
                "đơn vị kế thừa {s_code} không tồn tại vào ngày {}",
                fmt_date(on)
            ),
        ));
    }
    let back = s
        .predecessors
        .iter()
        .any(|p| p.unit == u.code && p.on.is_none_or(|d| d == on));
    if !back {
        out.push(problem(
            u,
            format!("continues into {s_code}, but {s_code} does not list it as a predecessor"),
            format!("kế thừa vào {s_code}, nhưng {s_code} không ghi nhận nó là đơn vị tiền thân"),
        ));
    }
    let (from_kind, to_kind) = (u.on(last.unwrap_or(on)).kind, s.on(on).kind);
    if !link_levels_fit(from_kind, to_kind) {
        out.push(problem(
            u,
            format!(
                "a {} cannot continue into {} {s_code}: the levels differ",
                from_kind.label_en(),
                to_kind.label_en()
            ),
            format!(
                "{} không thể kế thừa vào {} {s_code}: không cùng cấp",
                from_kind.label_vi(),
                to_kind.label_vi()
            ),
        ));
    }
}

fn check_predecessor(u: &Unit, l: &Link, get: &Lookup, out: &mut Vec<Error>) {
    let p_code = &l.unit;
    let back = get(p_code).is_some_and(|p| {
        p.successors
            .iter()
            .any(|s| s.unit == u.code && (l.on.is_none() || s.on == l.on))
    });
    if !back {
        out.push(problem(
            u,
            format!("lists {p_code} as a predecessor, but {p_code} does not continue into it"),
            format!("ghi {p_code} là đơn vị tiền thân, nhưng {p_code} không kế thừa vào nó"),
        ));
    }
}

/// Follows successors; reaching `u` again means the links loop.
fn find_cycle(u: &Unit, get: &Lookup) -> Option<Error> {
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<String> = u.successors.iter().map(|l| l.unit.clone()).collect();
    while let Some(c) = stack.pop() {
        if c == u.code {
            return Some(problem(
                u,
                "its successors lead back to it (a cycle)".into(),
                "chuỗi kế thừa quay lại chính nó (vòng lặp)".into(),
            ));
        }
        if seen.len() > 10_000 || !seen.insert(c.clone()) {
            continue;
        }
        if let Some(n) = get(&c) {
            stack.extend(n.successors.iter().map(|l| l.unit.clone()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::UnitKind;
    use std::collections::HashMap;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn world(units: Vec<Unit>) -> HashMap<String, Unit> {
        units.into_iter().map(|u| (u.code.clone(), u)).collect()
    }

    fn problems(w: &HashMap<String, Unit>, code: &str) -> Vec<String> {
        let get = |c: &str| w.get(c).cloned();
        check_unit(&w[code], &get)
            .iter()
            .map(|e| e.to_string())
            .collect()
    }

    fn merged() -> (Unit, Unit) {
        let mut a = Unit::new("31338", "Tân Tiến", UnitKind::Commune, None);
        let mut b = Unit::new("31338@2025-07-01", "Hỏa Lựu", UnitKind::Commune, None);
        a.valid_to = Some(d(2025, 6, 30));
        a.successors.push(Link::new(&b.code, d(2025, 7, 1)));
        b.valid_from = Some(d(2025, 7, 1));
        b.predecessors.push(Link::new("31338", d(2025, 7, 1)));
        (a, b)
    }

    #[test]
    fn a_sound_merge_passes() {
        let (a, b) = merged();
        let w = world(vec![a, b]);
        assert_eq!(problems(&w, "31338"), Vec::<String>::new());
        assert_eq!(problems(&w, "31338@2025-07-01"), Vec::<String>::new());
    }

    #[test]
    fn one_sided_links_and_wrong_dates_are_found() {
        let (mut a, mut b) = merged();
        b.predecessors.clear();
        a.valid_to = None;
        let w = world(vec![a, b]);
        let p = problems(&w, "31338").join("\n");
        assert!(p.contains("last day must be 30/06/2025"), "{p}");
        assert!(p.contains("does not list it as a predecessor"), "{p}");
    }

    #[test]
    fn a_two_unit_cycle_is_found() {
        let (mut a, mut b) = merged();
        b.successors.push(Link::new("31338", d(2025, 7, 1)));
        a.predecessors.push(Link::new(&b.code, d(2025, 7, 1)));
        let w = world(vec![a, b]);
        assert!(problems(&w, "31338").join("\n").contains("(a cycle)"));
    }

    #[test]
    fn a_district_cannot_continue_into_a_commune() {
        let (mut a, b) = merged();
        a.kind = UnitKind::District;
        let w = world(vec![a, b]);
        assert!(problems(&w, "31338")
            .join("\n")
            .contains("the levels differ"));
    }
}
