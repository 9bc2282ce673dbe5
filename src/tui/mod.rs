//! The terminal interface, in the Elm shape: keys become actions through one keymap,
//! `update` changes the state and returns effects, effects call the service, and `view` draws.
//!
//! - `app`: the state, `update` (dispatch only), `apply` (service results), the effects.
//! - `screens`: one module per screen, with its keys and the forms it opens.
//! - `overlays`: prompt, palette, confirm, help and history, summary, conflicts.
//! - `forms`: the form, its keys, the grid, drafts, and `submit`, the one validated path from
//!   fields to an effect.
//! - `keymap`: the one table of keys; help is made from it, and `hints` looks up the keys
//!   the footer shows in it.
//! - `view`: drawing, reading the state only.
//! - `term`: the terminal loop and the lean backend.

pub mod app;
pub mod catalogue;
pub mod forms;
pub mod hints;
pub mod keymap;
pub mod overlays;
pub mod screens;
pub mod term;
pub mod view;
