//! An in-memory view of the unit tree, rebuilt from the store after any unit change.
//!
//! Screens ask for subtrees and folded-name searches constantly; walking sled for each would
//! cost milliseconds at national scale.

use std::sync::{Arc, Mutex};

use jiff::civil::Date;

use crate::domain::text;

/// foldhash, not std's SipHash: a national store's cache maps 100,000 codes as it opens, and
/// hashing them was a tenth of the first screen.
type HashMap<K, V> = foldhash::HashMap<K, V>;
use crate::domain::unit::{Link, Unit, UnitKind, Version};

pub struct CachedUnit {
    pub code: String,
    /// Current and earlier names, folded for search.
    pub folded: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub name: String,
    pub history: Vec<Version>,
    pub successors: Vec<Link>,
    pub predecessors: Vec<Link>,
    pub notes: String,
    pub revision: u64,
}

impl CachedUnit {
    pub fn new(u: Unit, folded: String) -> CachedUnit {
        CachedUnit {
            folded,
            code: u.code,
            kind: u.kind,
            parent: u.parent,
            valid_from: u.valid_from,
            valid_to: u.valid_to,
            name: u.name,
            history: u.history,
            successors: u.successors,
            predecessors: u.predecessors,
            notes: u.notes,
            revision: u.revision,
        }
    }

    /// The unit as stored: listing the tree reads the cache, not every record again.
    pub fn to_unit(&self) -> Unit {
        Unit {
            code: self.code.clone(),
            name: self.name.clone(),
            kind: self.kind,
            parent: self.parent.clone(),
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            history: self.history.clone(),
            successors: self.successors.clone(),
            predecessors: self.predecessors.clone(),
            notes: self.notes.clone(),
            revision: self.revision,
        }
    }

    pub fn overlaps(&self, from: Date, to: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= to) && self.valid_to.is_none_or(|t| from <= t)
    }

    pub fn exists_on(&self, d: Date) -> bool {
        self.overlaps(d, d)
    }

    fn version_on(&self, d: Date) -> Option<&Version> {
        self.history.iter().find(|v| d <= v.until)
    }

    pub fn parent_on(&self, d: Date) -> Option<&str> {
        match self.version_on(d) {
            Some(v) => v.parent.as_deref(),
            None => self.parent.as_deref(),
        }
    }

    pub fn name_on(&self, d: Date) -> &str {
        self.version_on(d).map_or(&self.name, |v| &v.name)
    }

    pub fn kind_on(&self, d: Date) -> UnitKind {
        self.version_on(d).map_or(self.kind, |v| v.kind)
    }

    /// Every parent the unit ever had.
    pub fn all_parents(&self) -> impl Iterator<Item = &str> {
        self.history
            .iter()
            .filter_map(|v| v.parent.as_deref())
            .chain(self.parent.as_deref())
    }
}

/// The tree as it stood on one day: only units that existed, each under that day's parent.
pub struct DatedTree {
    pub on: Date,
    /// Positions in the cache's `preorder`, in this day's tree order.
    pub order: Vec<usize>,
    /// Cache position → position in `order`.
    at: HashMap<usize, usize>,
    /// Position in `order` → one past the end of its subtree.
    end: Vec<usize>,
    /// Position in `order` → depth below the top.
    pub depth: Vec<u16>,
}

impl DatedTree {
    /// Positions (in `order`) of a unit's subtree on this day; for a unit made later, of its
    /// predecessors' subtrees (today's area as it was then); None when it has neither.
    pub fn area(&self, cache: &UnitCache, under: Option<&str>) -> Option<Vec<usize>> {
        if let Some(r) = self.subtree(cache, under) {
            return Some(r.collect());
        }
        let roots = cache.area_then(under?, self.on);
        let mut out = Vec::new();
        for root in &roots {
            out.extend(self.subtree(cache, Some(root)).into_iter().flatten());
        }
        (!roots.is_empty()).then_some(out)
    }

    /// Positions (in `order`) of a unit's subtree, or the whole tree.
    pub fn subtree(
        &self,
        cache: &UnitCache,
        under: Option<&str>,
    ) -> Option<std::ops::Range<usize>> {
        match under {
            None => Some(0..self.order.len()),
            Some(code) => {
                let &i = self.at.get(cache.pos.get(code)?)?;
                Some(i..self.end[i])
            }
        }
    }
}

pub struct UnitCache {
    /// Every unit in tree pre-order under its latest parent (children by level, then code).
    pub preorder: Vec<CachedUnit>,
    /// Code → position in `preorder`.
    pub pos: HashMap<String, usize>,
    /// Position → one past the last position of its subtree.
    pub subtree_end: Vec<usize>,
    /// Days on which the tree changes, sorted: a dated tree holds from one to the next.
    changes: Vec<Date>,
    /// The few dated trees asked for lately.
    dated: Mutex<Vec<Arc<DatedTree>>>,
}

impl UnitCache {
    pub fn build(mut units: Vec<Unit>) -> UnitCache {
        // Administrative units before participants, then by code.
        units.sort_by(|a, b| (a.kind.level(), &a.code).cmp(&(b.kind.level(), &b.code)));
        let known: std::collections::HashSet<String> =
            units.iter().map(|u| u.code.clone()).collect();
        let mut children: HashMap<Option<String>, Vec<usize>> = HashMap::default();
        for (i, u) in units.iter().enumerate() {
            // A dangling parent would hide the unit; show it at the top instead.
            let p = u.parent.clone().filter(|p| known.contains(p));
            children.entry(p).or_default().push(i);
        }
        let mut order = Vec::with_capacity(units.len());
        let mut ends = vec![0; units.len()];
        let mut stack: Vec<(usize, bool)> = children
            .get(&None)
            .map(|v| v.iter().rev().map(|&i| (i, false)).collect())
            .unwrap_or_default();
        let mut seen = vec![false; units.len()];
        let mut start_of = vec![0; units.len()];
        while let Some((i, done)) = stack.pop() {
            if done {
                ends[start_of[i]] = order.len();
                continue;
            }
            if seen[i] {
                continue;
            }
            seen[i] = true;
            start_of[i] = order.len();
            order.push(i);
            stack.push((i, true));
            if let Some(kids) = children.get(&Some(units[i].code.clone())) {
                stack.extend(kids.iter().rev().map(|&k| (k, false)));
            }
        }
        let mut slots: Vec<Option<Unit>> = units.into_iter().map(Some).collect();
        let preorder = order
            .iter()
            .map(|&i| {
                let u = slots[i].take().expect("each unit once");
                let mut folded = text::fold(&u.name);
                for v in &u.history {
                    folded.push('\u{1}');
                    folded.push_str(&text::fold(&v.name));
                }
                CachedUnit::new(u, folded)
            })
            .collect();
        UnitCache::assemble(preorder, ends)
    }

    /// The cache from units already in pre-order with their subtrees' ends.
    pub fn assemble(preorder: Vec<CachedUnit>, subtree_end: Vec<usize>) -> UnitCache {
        let pos = preorder
            .iter()
            .enumerate()
            .map(|(i, u)| (u.code.clone(), i))
            .collect();
        let changes = change_days(&preorder);
        UnitCache {
            preorder,
            pos,
            subtree_end,
            changes,
            dated: Mutex::new(Vec::new()),
        }
    }

    /// The tree on day `d`, built once per stretch of days in which nothing changed.
    pub fn on(&self, d: Date) -> Arc<DatedTree> {
        let from = match self.changes.partition_point(|c| *c <= d) {
            0 => Date::MIN,
            i => self.changes[i - 1],
        };
        let mut memo = self.dated.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(t) = memo.iter().find(|t| t.on == from) {
            return t.clone();
        }
        let t = Arc::new(self.build_on(from));
        if memo.len() >= 6 {
            memo.remove(0);
        }
        memo.push(t.clone());
        t
    }

    fn build_on(&self, d: Date) -> DatedTree {
        let alive: Vec<usize> = (0..self.preorder.len())
            .filter(|&i| self.preorder[i].exists_on(d))
            .collect();
        let mut kids: HashMap<Option<usize>, Vec<usize>> = HashMap::default();
        for &i in &alive {
            let p = self.preorder[i]
                .parent_on(d)
                .and_then(|p| self.pos.get(p).copied())
                .filter(|&p| self.preorder[p].exists_on(d) && p != i);
            kids.entry(p).or_default().push(i);
        }
        let key = |i: &usize| {
            let u = &self.preorder[*i];
            (u.kind_on(d).level(), u.code.as_str())
        };
        for v in kids.values_mut() {
            v.sort_by(|a, b| key(a).cmp(&key(b)));
        }
        let mut t = DatedTree {
            on: d,
            order: Vec::with_capacity(alive.len()),
            at: HashMap::with_capacity_and_hasher(alive.len(), Default::default()),
            end: vec![0; alive.len()],
            depth: Vec::with_capacity(alive.len()),
        };
        let mut stack: Vec<(usize, u16, bool)> = kids
            .get(&None)
            .map(|v| v.iter().rev().map(|&i| (i, 0, false)).collect())
            .unwrap_or_default();
        while let Some((i, depth, done)) = stack.pop() {
            if done {
                let at = t.at[&i];
                t.end[at] = t.order.len();
                continue;
            }
            if t.at.contains_key(&i) {
                continue;
            }
            t.at.insert(i, t.order.len());
            t.order.push(i);
            t.depth.push(depth);
            stack.push((i, depth, true));
            if let Some(k) = kids.get(&Some(i)) {
                stack.extend(k.iter().rev().map(|&c| (c, depth + 1, false)));
            }
        }
        t
    }

    pub fn get(&self, code: &str) -> Option<&CachedUnit> {
        self.pos.get(code).map(|&i| &self.preorder[i])
    }

    /// The units whose parent is `code` now, in tree order.
    pub fn children<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a CachedUnit> + 'a {
        let below = self.subtree(Some(code)).map_or(&[][..], |s| &s[1..]);
        below
            .iter()
            .filter(move |u| u.parent.as_deref() == Some(code))
    }

    /// The unit and everything below it, in tree order; everything when `under` is None.
    pub fn subtree(&self, under: Option<&str>) -> Option<&[CachedUnit]> {
        match under {
            None => Some(&self.preorder),
            Some(code) => {
                let &i = self.pos.get(code)?;
                Some(&self.preorder[i..self.subtree_end[i]])
            }
        }
    }

    /// A unit's subtree and everything that continued into it (predecessors and their
    /// subtrees, at any depth): the units whose records are its area's history.
    pub fn with_history(&self, code: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![code];
        while let Some(c) = stack.pop() {
            if seen.len() > 100_000 || !seen.insert(c) {
                continue;
            }
            for u in self.subtree(Some(c)).unwrap_or_default() {
                if u.code != c && !seen.insert(u.code.as_str()) {
                    continue;
                }
                out.push(u.code.as_str());
                stack.extend(u.predecessors.iter().map(|l| l.unit.as_str()));
            }
        }
        out
    }

    /// The units alive on `on` that became part of `code` through the lineage: its
    /// predecessors, or theirs, back to the ones that existed that day. Empty for a unit
    /// that existed then, or that was made from nothing.
    pub fn area_then(&self, code: &str, on: Date) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![code.to_string()];
        while let Some(c) = stack.pop() {
            if seen.len() > 4096 || !seen.insert(c.clone()) {
                continue;
            }
            let Some(u) = self.get(&c) else { continue };
            if c != code && u.exists_on(on) {
                out.push(c);
            } else if u.valid_from.is_some_and(|f| f > on) {
                stack.extend(u.predecessors.iter().map(|l| l.unit.clone()));
            }
        }
        out.sort_by_key(|c| self.pos.get(c).copied().unwrap_or(usize::MAX));
        out
    }

    /// True when `code` lies under `under` now, lay under it at any time, or continued into
    /// a unit under it: an area's history belongs to the area.
    pub fn is_within(&self, code: &str, under: &str) -> bool {
        match (self.pos.get(code), self.pos.get(under)) {
            (Some(&c), Some(&u)) if u <= c && c < self.subtree_end[u] => true,
            (Some(_), Some(_)) => self.reaches(code, under),
            _ => false,
        }
    }

    /// True when `from` continued, through any chain of links, into `to`.
    pub fn continues_into(&self, from: &str, to: &str) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![from];
        while let Some(c) = stack.pop() {
            if seen.len() > 4096 || !seen.insert(c) {
                continue;
            }
            let Some(u) = self.get(c) else { continue };
            for l in &u.successors {
                if l.unit == to {
                    return true;
                }
                stack.push(&l.unit);
            }
        }
        false
    }

    fn reaches(&self, code: &str, under: &str) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![code];
        while let Some(c) = stack.pop() {
            if c == under {
                return true;
            }
            if seen.len() > 4096 || !seen.insert(c) {
                continue;
            }
            let Some(u) = self.get(c) else { continue };
            stack.extend(u.all_parents());
            stack.extend(u.successors.iter().map(|l| l.unit.as_str()));
        }
        false
    }
}

/// Days on which some unit starts, ends or changes parent.
fn change_days(units: &[CachedUnit]) -> Vec<Date> {
    let mut v: Vec<Date> = Vec::new();
    for u in units {
        v.extend(u.valid_from);
        v.extend(u.valid_to.and_then(|t| t.tomorrow().ok()));
        v.extend(u.history.iter().filter_map(|h| h.until.tomorrow().ok()));
    }
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtrees_are_contiguous_in_preorder() {
        let units = vec![
            Unit::new("93", "Hậu Giang", UnitKind::Province, None),
            Unit::new("935", "Vị Thủy", UnitKind::District, Some("93")),
            Unit::new("930", "Vị Thanh", UnitKind::ProvincialCity, Some("93")),
            Unit::new("31338", "Tân Tiến", UnitKind::Commune, Some("930")),
            Unit::new("31441", "Nàng Mau", UnitKind::Township, Some("935")),
        ];
        let c = UnitCache::build(units);
        let codes: Vec<&str> = c.preorder.iter().map(|u| u.code.as_str()).collect();
        assert_eq!(codes, ["93", "930", "31338", "935", "31441"]);
        let sub: Vec<&str> = c
            .subtree(Some("930"))
            .unwrap()
            .iter()
            .map(|u| u.code.as_str())
            .collect();
        assert_eq!(sub, ["930", "31338"]);
        assert!(c.is_within("31441", "93"));
        assert!(!c.is_within("31441", "930"));
    }

    #[test]
    fn dated_trees_follow_each_days_parents() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        let mut old = Unit::new("31338", "Tân Tiến", UnitKind::Commune, Some("930"));
        old.valid_to = Some(d(2025, 6, 30));
        old.successors
            .push(Link::new("31338@2025-07-01", d(2025, 7, 1)));
        let mut dist = Unit::new("930", "Vị Thanh", UnitKind::ProvincialCity, Some("93"));
        dist.valid_to = Some(d(2025, 6, 30));
        let mut new = Unit::new("31338@2025-07-01", "Hỏa Lựu", UnitKind::Commune, Some("93"));
        new.valid_from = Some(d(2025, 7, 1));
        let c = UnitCache::build(vec![
            Unit::new("93", "Hậu Giang", UnitKind::Province, None),
            dist,
            old,
            new,
        ]);
        let codes = |t: &DatedTree| -> Vec<String> {
            t.order
                .iter()
                .map(|&i| c.preorder[i].code.clone())
                .collect()
        };
        let before = c.on(d(2024, 12, 31));
        assert_eq!(codes(&before), ["93", "930", "31338"]);
        assert_eq!(before.depth, [0, 1, 2]);
        let after = c.on(d(2025, 9, 30));
        assert_eq!(codes(&after), ["93", "31338@2025-07-01"]);
        // The old commune's history belongs to the new commune's area.
        assert!(c.is_within("31338", "31338@2025-07-01"));
        assert!(!c.is_within("31338@2025-07-01", "31338"));
    }
}
