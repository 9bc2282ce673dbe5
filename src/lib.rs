//! antq: records for the All-People Movement to Protect National Security.

pub mod domain;
pub mod error;
pub mod store;
pub mod service;
pub mod sample;
pub mod cli;
pub mod gen;
