//! The terminal: the event loop that reads keys, runs effects and paints, and the lean
//! backend that keeps bytes on a slow link small.

mod ansi;
pub mod lean_backend;
pub mod runtime;
mod scroll;
