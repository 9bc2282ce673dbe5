//! antq: records for the All-People Movement to Protect National Security.

pub mod cli;
pub mod domain;
pub mod error;
pub mod exchange;
pub mod gen;
pub mod i18n;
pub mod killpoint;
pub mod os_users;
pub mod private_fs;
pub mod registry;
pub mod remote;
pub mod sample;
pub mod service;
pub mod store;
pub mod tui;
