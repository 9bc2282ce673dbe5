//! The shipped registry loaded as history plus today's tree: the facts issue 12 names, read
//! back through the commands a user would type.

use crate::common;

use common::TempStore;

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn the_registry_loads_in_one_step_and_answers_as_of_any_day() {
    let s = TempStore::new();
    let out = s.stdout(&["init", "--registry", "--dry-run"]);
    assert!(
        out.starts_with("Checked: 14006 units would be loaded ("),
        "{out}"
    );
    assert_eq!(
        s.stdout(&["export", "units"]).lines().count(),
        1,
        "a dry run writes nothing"
    );
    let out = s.stdout(&["init", "--registry"]);
    assert!(
        out.starts_with("Official registry loaded: 14006 units"),
        "{out}"
    );
    s.fails_cleanly(
        &["init", "--registry"],
        "registry: the store already holds 14006 units; load the registry into a new, empty store (antq --db NEW init --registry)",
    );
    // The sample's made-up figures never mix with the real registry.
    s.fails_cleanly(
        &["init", "--sample"],
        "--sample: this store already holds other units (the official registry or your own), and the sample's made-up figures would mix with them; nothing was loaded. Try the sample in a store of its own: antq --db /tmp/antq-sample init --sample, or antq --demo",
    );

    // One code, two units, each on its own days.
    let old = s.stdout(&["units", "show", "00004", "--on", "2024-12-31"]);
    assert!(old.starts_with("Ward Trúc Bạch (00004)\n"), "{old}");
    assert!(old.contains(
        "Path (31/12/2024): Centrally-run city Hà Nội › Urban district Ba Đình › Ward Trúc Bạch\n"
    ));
    let new = s.stdout(&["units", "show", "00004", "--on", "2025-08-01"]);
    assert!(new.starts_with("Ward Ba Đình (00004)\n"), "{new}");
    assert!(s
        .stdout(&["units", "show", "31338"])
        .starts_with("Commune Hỏa Lựu (31338)\n"));

    // Splits and pieces.
    let dai_mo = s.stdout(&["units", "show", "00634", "--on", "2025-06-30"]);
    assert!(dai_mo.starts_with("Ward Đại Mỗ (00634)\n"), "{dai_mo}");
    assert!(dai_mo.contains("Continued into (5):"), "{dai_mo}");
    for w in ["Xuân Phương", "Tây Mỗ", "Đại Mỗ", "Hà Đông", "Dương Nội"] {
        assert!(
            dai_mo.contains(&format!("Ward {w} (part)")),
            "{w}: {dai_mo}"
        );
    }
    let yen_so = s.stdout(&["units", "show", "00340"]);
    let preds: Vec<&str> = yen_so
        .lines()
        .skip_while(|l| !l.starts_with("Formed from"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert!(
        preds.len() >= 2 && preds.iter().all(|l| l.ends_with("(part)")),
        "{yen_so}"
    );
    let thuan_hung = s.stdout(&["units", "show", "31483", "--on", "2025-06-30"]);
    assert!(thuan_hung.contains("Xà Phiên (part)") && thuan_hung.contains("Mỹ Hương (part)"));

    // The 2024 summary of Quận Ba Đình still expects its 13 wards.
    let ba_dinh = csv_rows(&s.stdout(&[
        "summary", "--period", "2024", "--under", "001", "--format", "csv",
    ]));
    assert_eq!(
        (ba_dinh[0][0].as_str(), ba_dinh[0][3].as_str()),
        ("001", "13")
    );
    assert_eq!(ba_dinh.len(), 14);

    // Expected units: those that exist on the period's last day.
    for (period, n) in [
        ("2025-Q3", 3321),
        ("2025", 3321),
        ("2024", 10035),
        ("2025-06", 10035),
    ] {
        let c = s.stdout(&["report", "completeness", "--period", period]);
        assert!(c.contains(&format!("submitted 0/{n},")), "{period}: {c}");
    }
    let hn = s.stdout(&[
        "report",
        "completeness",
        "--period",
        "2025",
        "--under",
        "01",
    ]);
    assert!(hn.contains("submitted 0/126,"), "{hn}");

    // Names are not rewritten: 2024 has one An Giang (89) and Kiên Giang under 91.
    let provinces = |period: &str| -> Vec<Vec<String>> {
        csv_rows(&s.stdout(&["summary", "--period", period, "--format", "csv"]))
            .into_iter()
            .filter(|r| r[0].len() == 2)
            .collect()
    };
    let y2024 = provinces("2024");
    assert_eq!(y2024.len(), 63);
    let an_giang: Vec<&str> = y2024
        .iter()
        .filter(|r| r[1] == "An Giang")
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(an_giang, ["89"]);
    assert!(y2024.iter().any(|r| r[0] == "91" && r[1] == "Kiên Giang"));
    let y2025 = provinces("2025");
    assert_eq!(y2025.len(), 34);
    assert!(y2025.iter().any(|r| r[0] == "91" && r[1] == "An Giang"));

    s.antq().arg("check").assert().success();
}
