//! Units: the administrative tree and the participants below it, with lineage across merges.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::domain::date::serde_days;
use crate::domain::text;
use crate::error::{Entity, Error};
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum UnitKind {
    Province,
    CentralCity,
    District,
    UrbanDistrict,
    Town,
    ProvincialCity,
    Commune,
    Ward,
    Township,
    SpecialZone,
    ResidentialArea,
    Agency,
    Enterprise,
    School,
}

/// Where a kind sits in the tree: a parent's level is always lower than its child's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Province = 0,
    District = 1,
    Commune = 2,
    Participant = 3,
}

impl UnitKind {
    pub const ALL: [UnitKind; 14] = [
        Self::Province,
        Self::CentralCity,
        Self::District,
        Self::UrbanDistrict,
        Self::Town,
        Self::ProvincialCity,
        Self::Commune,
        Self::Ward,
        Self::Township,
        Self::SpecialZone,
        Self::ResidentialArea,
        Self::Agency,
        Self::Enterprise,
        Self::School,
    ];

    pub fn level(self) -> Level {
        use UnitKind::*;
        match self {
            Province | CentralCity => Level::Province,
            District | UrbanDistrict | Town | ProvincialCity => Level::District,
            Commune | Ward | Township | SpecialZone => Level::Commune,
            ResidentialArea | Agency | Enterprise | School => Level::Participant,
        }
    }

    /// Short English name, also accepted on the command line.
    pub fn code(self) -> &'static str {
        use UnitKind::*;
        match self {
            Province => "province",
            CentralCity => "central-city",
            District => "district",
            UrbanDistrict => "urban-district",
            Town => "town",
            ProvincialCity => "city",
            Commune => "commune",
            Ward => "ward",
            Township => "township",
            SpecialZone => "special-zone",
            ResidentialArea => "residential-area",
            Agency => "agency",
            Enterprise => "enterprise",
            School => "school",
        }
    }

    pub fn label_vi(self) -> &'static str {
        use UnitKind::*;
        match self {
            Province => "Tỉnh",
            CentralCity => "Thành phố trực thuộc TW",
            District => "Huyện",
            UrbanDistrict => "Quận",
            Town => "Thị xã",
            ProvincialCity => "Thành phố thuộc tỉnh",
            Commune => "Xã",
            Ward => "Phường",
            Township => "Thị trấn",
            SpecialZone => "Đặc khu",
            ResidentialArea => "Khu dân cư",
            Agency => "Cơ quan",
            Enterprise => "Doanh nghiệp",
            School => "Cơ sở giáo dục",
        }
    }

    pub fn label_en(self) -> &'static str {
        use UnitKind::*;
        match self {
            Province => "Province",
            CentralCity => "Centrally-run city",
            District => "District",
            UrbanDistrict => "Urban district",
            Town => "Town",
            ProvincialCity => "Provincial city",
            Commune => "Commune",
            Ward => "Ward",
            Township => "Township",
            SpecialZone => "Special zone",
            ResidentialArea => "Residential area",
            Agency => "Agency",
            Enterprise => "Enterprise",
            School => "School",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.label_vi(), self.label_en())
    }

    /// Accepts Vietnamese with or without accents (`xã`, `xa`, `khu dân cư`) or the English code.
    pub fn parse(s: &str) -> Result<UnitKind, Error> {
        // The code as export writes it: a national file's 100,000 rows skip the folding.
        if let Some(k) = UnitKind::ALL.iter().copied().find(|k| k.code() == s) {
            return Ok(k);
        }
        let f = text::fold(s).replace(['_', '-'], " ");
        let found = UnitKind::ALL.iter().copied().find(|k| {
            text::fold(k.label_vi()) == f
                || k.code().replace('-', " ") == f
                || text::fold(k.label_en()) == f
        });
        let alias = match f.as_str() {
            "tp truc thuoc tw" | "thanh pho truc thuoc trung uong" => Some(Self::CentralCity),
            "thanh pho" | "tp" | "tp thuoc tinh" => Some(Self::ProvincialCity),
            "co so giao duc" | "truong" | "truong hoc" => Some(Self::School),
            "kdc" => Some(Self::ResidentialArea),
            _ => None,
        };
        found.or(alias).ok_or_else(|| {
            let list: Vec<&str> = UnitKind::ALL.iter().map(|k| k.code()).collect();
            Error::invalid(
                "kind",
                format!("'{s}' is not a unit kind; use one of {} or the Vietnamese name (xã, phường, huyện…)", list.join(", ")),
                format!("'{s}' không phải là loại đơn vị; dùng tên tiếng Việt (xã, phường, huyện…) hoặc một trong {}", list.join(", ")),
            )
        })
    }
}

/// One edge of the lineage graph: the unit on the other side, and the first day of the change
/// (`None` only on links stored before lineage had dates).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub unit: String,
    #[serde(with = "serde_days::opt")]
    pub on: Option<Date>,
}

impl Link {
    pub fn new(unit: &str, on: Date) -> Link {
        Link {
            unit: unit.to_string(),
            on: Some(on),
        }
    }
}

/// Values a unit held before its current ones, up to and including `until`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    #[serde(with = "serde_days")]
    pub until: Date,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
}

/// What a unit was on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnitOn<'a> {
    pub name: &'a str,
    pub kind: UnitKind,
    pub parent: Option<&'a str>,
}

/// A unit over its whole life. `code` is its identity: the official code it was created with,
/// or `CODE@YYYY-MM-DD` when that code already named another unit (the reform reuses codes).
/// `name`, `kind` and `parent` are the current values; `history` holds the earlier ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
    #[serde(with = "serde_days::opt")]
    pub valid_from: Option<Date>,
    /// Last day the unit existed; set by retirement, a merge or a split.
    #[serde(with = "serde_days::opt")]
    pub valid_to: Option<Date>,
    /// Earlier names, kinds and parents, oldest first.
    pub history: Vec<Version>,
    /// Units this one continued into, wholly (one) or in parts (several: a split).
    pub successors: Vec<Link>,
    /// Units that continued into this one, wholly or partly.
    pub predecessors: Vec<Link>,
    pub notes: String,
    pub revision: u64,
}

/// The stored shape before lineage had dates and splits (schema 1).
#[derive(Deserialize)]
pub struct UnitV1 {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
    #[serde(with = "serde_days::opt")]
    pub valid_from: Option<Date>,
    #[serde(with = "serde_days::opt")]
    pub valid_to: Option<Date>,
    pub successor: Option<String>,
    #[serde(with = "serde_days::opt")]
    pub merged_on: Option<Date>,
    pub predecessors: Vec<String>,
    pub notes: String,
    pub revision: u64,
}

impl From<UnitV1> for Unit {
    fn from(o: UnitV1) -> Unit {
        let on = o.merged_on.or(o.valid_to.and_then(|d| d.tomorrow().ok()));
        Unit {
            successors: o
                .successor
                .map(|s| Link { unit: s, on })
                .into_iter()
                .collect(),
            predecessors: o
                .predecessors
                .into_iter()
                .map(|p| Link { unit: p, on: None })
                .collect(),
            code: o.code,
            name: o.name,
            kind: o.kind,
            parent: o.parent,
            valid_from: o.valid_from,
            valid_to: o.valid_to,
            history: Vec::new(),
            notes: o.notes,
            revision: o.revision,
        }
    }
}

impl Unit {
    pub fn new(code: &str, name: &str, kind: UnitKind, parent: Option<&str>) -> Unit {
        Unit {
            code: code.to_string(),
            name: text::clean(name),
            kind,
            parent: parent.map(str::to_string),
            valid_from: None,
            valid_to: None,
            history: Vec::new(),
            successors: Vec::new(),
            predecessors: Vec::new(),
            notes: String::new(),
            revision: 0,
        }
    }

    /// The official code, without the date that tells a reused code's holders apart.
    pub fn official_code(&self) -> &str {
        official_code(&self.code)
    }

    pub fn is_active_on(&self, d: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= d) && self.valid_to.is_none_or(|t| d <= t)
    }

    /// True when the unit existed at any point between `from` and `to`.
    pub fn overlaps(&self, from: Date, to: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= to) && self.valid_to.is_none_or(|t| from <= t)
    }

    pub fn is_retired(&self) -> bool {
        self.valid_to.is_some()
    }

    /// First day of the current name, kind and parent.
    pub fn current_since(&self) -> Option<Date> {
        match self.history.last() {
            Some(v) => v.until.tomorrow().ok(),
            None => self.valid_from,
        }
    }

    /// Name, kind and parent on `d`; the nearest values when `d` is outside the unit's life.
    pub fn on(&self, d: Date) -> UnitOn<'_> {
        match self.history.iter().find(|v| d <= v.until) {
            Some(v) => UnitOn {
                name: &v.name,
                kind: v.kind,
                parent: v.parent.as_deref(),
            },
            None => UnitOn {
                name: &self.name,
                kind: self.kind,
                parent: self.parent.as_deref(),
            },
        }
    }

    /// Every parent the unit ever had.
    pub fn all_parents(&self) -> impl Iterator<Item = &str> {
        self.history
            .iter()
            .filter_map(|v| v.parent.as_deref())
            .chain(self.parent.as_deref())
    }

    /// The unit it continued into wholly, if it was merged rather than split or retired.
    pub fn successor(&self) -> Option<&str> {
        match self.successors.as_slice() {
            [one] => Some(&one.unit),
            _ => None,
        }
    }

    /// The first day after the unit ended, when something continued it.
    pub fn merged_on(&self) -> Option<Date> {
        self.successors.first().and_then(|l| l.on)
    }

    /// Display name with the kind, e.g. "Xã Tân Tiến".
    pub fn title(&self, lang: Lang) -> String {
        format!("{} {}", self.kind.label(lang), self.name)
    }
}

/// `00004@2025-07-01` → `00004`.
pub fn official_code(id: &str) -> &str {
    id.split('@').next().unwrap_or(id)
}

/// A reference that names exactly one unit by identity, never by a code as of a date:
/// `31338@` is the unit whose identity is 31338 even after 31338 went to another unit.
/// (A leading `@` would start a formula in a spreadsheet.)
pub fn exact(id: &str) -> String {
    if id.contains('@') {
        id.to_string()
    } else {
        format!("{id}@")
    }
}

/// The identity an exact reference names, if it is one.
pub fn exact_id(s: &str) -> Option<&str> {
    s.strip_suffix('@')
}

/// The identity a new unit gets: its code, or `CODE@YYYY-MM-DD` when the code is taken.
pub fn dated_id(code: &str, from: Option<Date>) -> String {
    match from {
        Some(d) => format!("{code}@{d}"),
        None => format!("{code}@-"),
    }
}

/// A link between levels the reform really made: same level, or a commune-less district
/// that became a special zone.
pub fn link_levels_fit(from: UnitKind, to: UnitKind) -> bool {
    from.level() == to.level() || (from.level() == Level::District && to == UnitKind::SpecialZone)
}

pub const MAX_CODE: usize = 32;
pub const MAX_NAME: usize = 200;
pub const MAX_NOTES: usize = 4000;

/// Codes are keys inside composite index keys, so they are limited to printable ASCII without NUL.
pub fn validate_code(field: &str, code: &str) -> Result<(), Error> {
    if code.is_empty() {
        return Err(Error::invalid(
            field,
            "the code is empty",
            "mã đang để trống",
        ));
    }
    if code.len() > MAX_CODE {
        return Err(Error::invalid(
            field,
            format!("the code is longer than {MAX_CODE} characters"),
            format!("mã dài quá {MAX_CODE} ký tự"),
        ));
    }
    if !code
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        return Err(Error::invalid(
            field,
            format!("'{code}' may only hold letters A–Z, digits, '-', '_' and '.'"),
            format!("mã '{code}' chỉ được gồm chữ A–Z không dấu, chữ số, '-', '_' và '.'"),
        ));
    }
    Ok(())
}

/// An identity as stored: an official code, or `CODE@YYYY-MM-DD` for a reused code.
pub fn validate_id(field: &str, id: &str) -> Result<(), Error> {
    validate_code(field, official_code(id))?;
    match id.split_once('@') {
        None => Ok(()),
        Some((_, day)) if day.parse::<Date>().is_ok() && day.len() == 10 => Ok(()),
        Some(_) => Err(Error::invalid(
            field,
            format!("'{id}' is not a unit identity; write CODE or CODE@YYYY-MM-DD"),
            format!("'{id}' không phải định danh đơn vị; hãy viết MÃ hoặc MÃ@NNNN-TT-NN"),
        )),
    }
}

pub fn validate_name(name: &str) -> Result<(), Error> {
    if name.trim().is_empty() {
        return Err(Error::invalid(
            "name",
            "the name is empty",
            "tên đang để trống",
        ));
    }
    if name.chars().count() > MAX_NAME {
        return Err(Error::invalid(
            "name",
            format!("the name is longer than {MAX_NAME} characters"),
            format!("tên dài quá {MAX_NAME} ký tự"),
        ));
    }
    if let Some(c) = crate::domain::text::hidden_char(name, false) {
        let c = crate::domain::text::show_char(c);
        return Err(Error::invalid(
            "name",
            format!(
                "the name contains the invisible or control character {c}; retype it without it"
            ),
            format!("tên chứa ký tự ẩn hoặc ký tự điều khiển {c}; hãy gõ lại không có ký tự đó"),
        ));
    }
    Ok(())
}

/// A child must sit strictly below its parent: a commune under a district or a province, etc.
pub fn validate_parent_kind(child: &Unit, parent: Option<&Unit>) -> Result<(), Error> {
    match parent {
        None if child.kind.level() == Level::Province => Ok(()),
        None => Err(Error::invalid(
            "parent",
            format!(
                "a {} needs a parent unit (--parent CODE)",
                child.kind.label_en()
            ),
            format!(
                "{} cần có đơn vị cấp trên (--parent MÃ)",
                child.kind.label_vi()
            ),
        )),
        Some(p) if p.kind.level() < child.kind.level() => Ok(()),
        Some(p) => Err(Error::invalid(
            "parent",
            format!(
                "a {} cannot be placed under {} {} ({})",
                child.kind.label_en(),
                p.kind.label_en(),
                p.official_code(),
                p.name
            ),
            format!(
                "{} không thể đặt dưới {} {} ({})",
                child.kind.label_vi(),
                p.kind.label_vi(),
                p.official_code(),
                p.name
            ),
        )),
    }
}

/// Walks up from `new_parent`; if it reaches `code`, the move would make a cycle.
pub fn check_no_cycle<F>(code: &str, new_parent: &str, mut parent_of: F) -> Result<(), Error>
where
    F: FnMut(&str) -> Option<String>,
{
    let mut cur = Some(new_parent.to_string());
    let mut steps = 0;
    while let Some(c) = cur {
        if c == code || steps > 64 {
            return Err(Error::state(
                Entity::Unit,
                code,
                format!("cannot be placed under {new_parent}, which lies inside it (a cycle)"),
                format!("không thể đặt dưới {new_parent} vì {new_parent} nằm bên trong nó (tạo vòng lặp)"),
            ));
        }
        cur = parent_of(&c);
        steps += 1;
    }
    Ok(())
}

#[cfg(test)]
#[path = "unit_tests.rs"]
mod tests;
