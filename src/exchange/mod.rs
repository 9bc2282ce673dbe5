//! File formats that cross the store's edge: spreadsheets (CSV), offline bundles and backups.
//! Readers here only decode bytes; the service validates what they produce.

pub mod backup_file;
pub mod bundle_file;
pub mod columns;
pub mod csv_table;
pub mod envelope;
pub mod fuzzing;
pub mod table_file;
pub mod table_rows;
pub mod xlsx;
