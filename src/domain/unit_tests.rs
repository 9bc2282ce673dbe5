//! Tests of unit kinds, codes, dated values and tree rules.

use super::*;
use std::collections::HashMap;

#[test]
fn kinds_parse_with_and_without_accents() {
    assert_eq!(UnitKind::parse("xã").unwrap(), UnitKind::Commune);
    assert_eq!(UnitKind::parse("xa").unwrap(), UnitKind::Commune);
    assert_eq!(
        UnitKind::parse("Khu dân cư").unwrap(),
        UnitKind::ResidentialArea
    );
    assert_eq!(
        UnitKind::parse("khu dan cu").unwrap(),
        UnitKind::ResidentialArea
    );
    assert_eq!(UnitKind::parse("commune").unwrap(), UnitKind::Commune);
    assert_eq!(UnitKind::parse("thị trấn").unwrap(), UnitKind::Township);
    assert_eq!(UnitKind::parse("Đặc khu").unwrap(), UnitKind::SpecialZone);
    assert_eq!(
        UnitKind::parse("doanh nghiep").unwrap(),
        UnitKind::Enterprise
    );
    assert!(UnitKind::parse("village").is_err());
}

#[test]
fn every_kind_round_trips_through_its_names() {
    for k in UnitKind::ALL {
        assert_eq!(UnitKind::parse(k.code()).unwrap(), k);
        assert_eq!(UnitKind::parse(k.label_vi()).unwrap(), k);
    }
}

#[test]
fn codes_are_restricted() {
    assert!(validate_code("code", "31338").is_ok());
    assert!(validate_code("code", "SVHTTDL-93").is_ok());
    assert!(validate_code("code", "").is_err());
    assert!(validate_code("code", "a\0b").is_err());
    assert!(validate_code("code", "xã").is_err());
    assert!(validate_code("code", &"9".repeat(33)).is_err());
}

#[test]
fn identities_are_codes_or_dated_codes() {
    assert!(validate_id("code", "31338").is_ok());
    assert!(validate_id("code", "31338@2025-07-01").is_ok());
    assert!(validate_id("code", "31338@").is_err());
    assert!(validate_id("code", "31338@2025-13-01").is_err());
    assert!(validate_id("code", "31338@x").is_err());
}

#[test]
fn parent_must_be_higher() {
    let prov = Unit::new("93", "Hậu Giang", UnitKind::Province, None);
    let dist = Unit::new("930", "Vị Thanh", UnitKind::ProvincialCity, Some("93"));
    let xa = Unit::new("31338", "Tân Tiến", UnitKind::Commune, Some("930"));
    assert!(validate_parent_kind(&xa, Some(&dist)).is_ok());
    assert!(validate_parent_kind(&xa, Some(&prov)).is_ok());
    assert!(validate_parent_kind(&dist, Some(&xa)).is_err());
    assert!(validate_parent_kind(&xa, None).is_err());
    assert!(validate_parent_kind(&prov, None).is_ok());
}

#[test]
fn cycle_detected() {
    let parents: HashMap<&str, &str> = [("930", "93"), ("31338", "930")].into();
    let up = |c: &str| parents.get(c).map(|s| s.to_string());
    assert!(check_no_cycle("93", "31338", up).is_err());
    assert!(check_no_cycle("31338", "93", up).is_ok());
}

#[test]
fn values_are_dated() {
    let mut u = Unit::new("31483", "Thuận Hưng", UnitKind::Commune, Some("92"));
    u.history.push(Version {
        until: Date::constant(2025, 6, 30),
        name: "Thuận Hưng cũ".into(),
        kind: UnitKind::Commune,
        parent: Some("936".into()),
    });
    assert_eq!(u.on(Date::constant(2024, 1, 1)).parent, Some("936"));
    assert_eq!(u.on(Date::constant(2025, 6, 30)).name, "Thuận Hưng cũ");
    assert_eq!(u.on(Date::constant(2025, 7, 1)).parent, Some("92"));
    assert_eq!(u.current_since(), Some(Date::constant(2025, 7, 1)));
    assert_eq!(official_code("00004@2025-07-01"), "00004");
    assert!(link_levels_fit(UnitKind::District, UnitKind::SpecialZone));
    assert!(!link_levels_fit(UnitKind::District, UnitKind::Commune));
}

#[test]
fn activity_window() {
    let mut u = Unit::new("31338", "Tân Tiến", UnitKind::Commune, Some("930"));
    u.valid_to = Some(Date::constant(2025, 6, 30));
    assert!(u.is_active_on(Date::constant(2025, 6, 30)));
    assert!(!u.is_active_on(Date::constant(2025, 7, 1)));
}
