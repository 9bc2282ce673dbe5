//! `antq serve` and its clients: one daemon owns the store, every other process talks to it
//! over a Unix socket through the same `Service` interface.

pub mod client;
pub mod limits;
pub mod methods;
pub mod protocol;
pub mod server;
mod server_log;
mod socket_file;
pub use crate::os_users as users;
pub mod wire;
