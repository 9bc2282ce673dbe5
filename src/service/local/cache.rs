//! An in-memory view of the unit tree, rebuilt from the store after any unit change.
//!
//! Screens ask for subtrees and folded-name searches constantly; walking sled for each would
//! cost milliseconds at national scale.

use std::collections::HashMap;

use jiff::civil::Date;

use crate::domain::text;
use crate::domain::unit::{Unit, UnitKind};

pub struct CachedUnit {
    pub code: String,
    pub folded: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub successor: Option<String>,
    pub name: String,
}

impl CachedUnit {
    pub fn overlaps(&self, from: Date, to: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= to) && self.valid_to.is_none_or(|t| from <= t)
    }
}

pub struct UnitCache {
    /// Every unit in tree pre-order (children by level, then code).
    pub preorder: Vec<CachedUnit>,
    /// Code → position in `preorder`.
    pub pos: HashMap<String, usize>,
    /// Position → one past the last position of its subtree.
    pub subtree_end: Vec<usize>,
}

impl UnitCache {
    pub fn build(mut units: Vec<Unit>) -> UnitCache {
        // Administrative units before participants, then by code.
        units.sort_by(|a, b| (a.kind.level(), &a.code).cmp(&(b.kind.level(), &b.code)));
        let known: std::collections::HashSet<String> =
            units.iter().map(|u| u.code.clone()).collect();
        let mut children: HashMap<Option<String>, Vec<usize>> = HashMap::new();
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
        let mut preorder = Vec::with_capacity(order.len());
        let mut pos = HashMap::with_capacity(order.len());
        for &i in &order {
            let u = slots[i].take().expect("each unit once");
            pos.insert(u.code.clone(), preorder.len());
            preorder.push(CachedUnit {
                folded: text::fold(&u.name),
                code: u.code,
                kind: u.kind,
                parent: u.parent,
                valid_from: u.valid_from,
                valid_to: u.valid_to,
                successor: u.successor,
                name: u.name,
            });
        }
        UnitCache {
            preorder,
            pos,
            subtree_end: ends,
        }
    }

    pub fn get(&self, code: &str) -> Option<&CachedUnit> {
        self.pos.get(code).map(|&i| &self.preorder[i])
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

    pub fn is_within(&self, code: &str, under: &str) -> bool {
        match (self.pos.get(code), self.pos.get(under)) {
            (Some(&c), Some(&u)) => u <= c && c < self.subtree_end[u],
            _ => false,
        }
    }
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
}
