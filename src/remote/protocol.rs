//! The requests and replies: generated from the one list in `methods`, with the server's
//! dispatch. One response per request; the bytes are `wire`'s.

use serde::{Deserialize, Serialize};

use crate::domain::account::Account;
use crate::domain::assessment::{Assessment, Decision};
use crate::domain::audit::AuditEntry;
use crate::domain::exemplar::{Exemplar, ExemplarStatus};
use crate::domain::indicator::Indicator;
use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::domain::task::Task;
use crate::domain::unit::Unit;
use crate::domain::Settings;
use crate::error::{Error, Result};
use crate::remote::methods::service_methods;
use crate::service::api::*;

macro_rules! pass {
    (str, $x:ident) => {
        &$x
    };
    (val, $x:ident) => {
        $x
    };
    (rf, $x:ident) => {
        &$x
    };
    (optstr, $x:ident) => {
        $x.as_deref()
    };
    (slice, $x:ident) => {
        &$x
    };
}

macro_rules! changes {
    (read) => {
        false
    };
    (write) => {
        true
    };
}

macro_rules! api {
    ($( $rw:ident $m:ident ( $( $arg:ident : $mode:ident $ty:ty ),* ) -> $ret:ty ; )*) => {
        // One request is decoded per frame and then consumed: its size does not add up.
        #[allow(non_camel_case_types, clippy::large_enum_variant)]
        #[derive(Debug, Serialize, Deserialize)]
        pub enum Request { $( $m { $( $arg: $ty ),* } ),* }

        #[allow(non_camel_case_types)]
        #[derive(Debug, Serialize, Deserialize)]
        pub enum Reply { $( $m($ret) ),* }

        impl Request {
            /// The method's name, for the server's log.
            pub fn name(&self) -> &'static str {
                match self { $( Request::$m { .. } => stringify!($m) ),* }
            }

            /// Whether a success changes data, so watchers are told to reload.
            pub fn changes(&self) -> bool {
                match self { $( Request::$m { .. } => changes!($rw) ),* }
            }
        }

        /// Runs a request on the server's service as the authenticated actor.
        pub fn dispatch(svc: &dyn Service, a: &Actor, r: Request) -> Result<Reply> {
            match r { $( Request::$m { $( $arg ),* } => svc.$m(a, $( pass!($mode, $arg) ),*).map(Reply::$m) ),* }
        }

    };
}

service_methods!(api);

/// The server's answer to each request.
pub type Response = std::result::Result<Reply, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_write_requests_count_as_changes() {
        assert!(!Request::whoami {}.changes());
        assert!(!Request::backup_chunk { id: 1, offset: 0 }.changes());
        assert!(Request::remove_user { name: "x".into() }.changes());
        assert!(Request::bundle_import {
            bytes: vec![],
            dry_run: true
        }
        .changes());
    }
}
