//! File formats that cross the store's edge: spreadsheets (CSV), offline bundles and backups.
//! Readers here only decode bytes; the service validates what they produce. Export makes rows
//! from records (`export/`), import reads them back, both by the columns in `columns.rs`.

pub mod backup_file;
pub mod bundle_file;
pub mod columns;
pub mod csv_table;
pub mod envelope;
pub mod export;
pub mod fuzzing;
pub mod table_file;
pub mod table_rows;
pub mod xlsx;
