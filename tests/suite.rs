//! Every integration test in one binary, as ripgrep keeps them: the crate is linked once, and
//! helpers (the sample template, the test OS users) are shared by all. Each file is a module;
//! `cargo test -- cli::` runs one of them.

// Tests say what failed by unwrapping, and a scenario reads best whole.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

mod common;

mod architecture;
mod audit_packs;
mod bulk_kill;
mod bundle_trust;
mod cli;
mod compaction;
mod crash_loop;
mod durability;
mod exchange_bundles;
mod exchange_csv;
mod exchange_office;
mod full_disk;
mod fuzz_corpus;
mod golden;
mod integrity;
mod lean_backend;
mod lineage_reform;
mod no_silent_loss;
mod numbers;
mod office_rules;
mod props;
mod registry_data;
mod registry_reform;
mod schema_group_index;
mod schema_grouped_units;
mod schema_migration;
mod schema_packed_audit;
mod schema_unit_indexes;
mod security_files;
mod server;
mod server_hostile;
mod service;
mod ssh;
mod tui_pty;
mod tui_snapshots;
mod tui_update;
mod two_stores;
mod unit_snapshot;
