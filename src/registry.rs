//! The official registry shipped inside the binary (see data/registry/README.md).

use crate::error::Result;
use crate::exchange::csv_table;
use crate::service::api::{ImportKind, ImportTable, RegistryFiles};

const BEFORE: &str = include_str!("../data/registry/units-2025-06-30.csv");
const AFTER: &str = include_str!("../data/registry/units-2025-07-01.csv");
const LINKS: &str = include_str!("../data/registry/lineage-2025-07-01.csv");

fn table(kind: ImportKind, name: &str, text: &str) -> Result<ImportTable> {
    let t = csv_table::parse(name, text.as_bytes())?;
    Ok(ImportTable {
        kind,
        file: name.to_string(),
        headers: t.headers,
        rows: t.rows,
    })
}

/// The registry before and after 1 July 2025, and the reform's links.
pub fn files() -> Result<RegistryFiles> {
    Ok(RegistryFiles {
        before: table(
            ImportKind::Units,
            "data/registry/units-2025-06-30.csv",
            BEFORE,
        )?,
        after: table(
            ImportKind::Units,
            "data/registry/units-2025-07-01.csv",
            AFTER,
        )?,
        links: table(
            ImportKind::Lineage,
            "data/registry/lineage-2025-07-01.csv",
            LINKS,
        )?,
    })
}
