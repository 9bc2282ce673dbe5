//! `antq office`: each office's signing key, made at the office, and the province's register of
//! the public halves it accepts bundles under.

use crate::cli::output::out;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use ed25519_dalek::SigningKey;

use crate::cli::ctx::Ctx;
use crate::domain::office::{key_hex, parse_key_hex};
use crate::domain::unit::{validate_code, validate_id};
use crate::error::{Error, Result};
use clap::Subcommand;
use std::path::PathBuf;
#[derive(Subcommand, Debug)]
pub enum OfficeCmd {
    /// At the office: make its signing key (kept in FILE, private) and print the public half
    Keygen {
        /// The unit the office answers for, e.g. 936
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// At the province: accept bundles signed with KEY for UNIT's subtree
    Add { unit: String, key: String },
    /// The registered offices and their keys
    List,
    /// Stop accepting bundles from the office of UNIT
    Remove { unit: String },
}

const HEAD: &str = "antq office key 1";

pub struct OfficeKey {
    pub office: String,
    pub secret: SigningKey,
}

pub(super) fn office(ctx: &Ctx, c: OfficeCmd) -> Result<()> {
    let l = ctx.lang;
    match c {
        OfficeCmd::Keygen { unit, output } => keygen(ctx, &unit, &output),
        OfficeCmd::Add { unit, key } => {
            let k = parse_key_hex(&key).ok_or_else(bad_public_key)?;
            let o = ctx.svc.register_office(ctx.a, &unit, k.to_vec())?;
            out!(
                "{} {} ({})",
                l.pick("Đã đăng ký văn phòng", "Registered office"),
                crate::domain::unit::official_code(&o.unit),
                key_hex(&o.public_key)
            );
            Ok(())
        }
        OfficeCmd::List => {
            let list = ctx.svc.offices(ctx.a)?;
            if list.is_empty() {
                out!(
                    "{}",
                    l.pick("Chưa có văn phòng nào.", "No offices registered.")
                );
            }
            for o in list {
                out!("{}  {}  {}", o.unit, key_hex(&o.public_key), o.added_by);
            }
            Ok(())
        }
        OfficeCmd::Remove { unit } => {
            ctx.svc.remove_office(ctx.a, &unit)?;
            out!("{} {unit}", l.pick("Đã gỡ văn phòng", "Removed office"));
            Ok(())
        }
    }
}

fn bad_public_key() -> Error {
    Error::invalid(
        "key",
        "is not an office public key (64 hex digits, as 'antq office keygen' prints it)",
        "không phải khóa công khai của văn phòng (64 chữ số hex, như 'antq office keygen' in ra)",
    )
}

fn keygen(ctx: &Ctx, unit: &str, output: &Path) -> Result<()> {
    validate_code("unit", crate::domain::unit::official_code(unit))?;
    // The key names the unit's identity, which stays the office's after its code is reused.
    let id = ctx
        .svc
        .unit(ctx.a, unit)
        .map(|u| u.code)
        .unwrap_or_else(|_| unit.to_string());
    let unit = id.as_str();
    validate_id("unit", unit)?;
    let mut seed = [0u8; 32];
    getrandom::getrandom(&mut seed).map_err(|e| Error::System {
        detail: format!("no randomness for a key: {e}"),
    })?;
    let key = SigningKey::from_bytes(&seed);
    let text = format!("{HEAD}\noffice {unit}\nsecret {}\n", key_hex(&seed));
    let io = |e: std::io::Error| {
        Error::invalid(
            "output",
            format!(
                "cannot write {} ({e}); an existing key is never overwritten, choose another file",
                output.display()
            ),
            format!(
                "không ghi được {} ({e}); khóa đã có không bao giờ bị ghi đè, hãy chọn tệp khác",
                output.display()
            ),
        )
    };
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(crate::private_fs::FILE_MODE)
        .open(output)
        .map_err(io)?;
    f.write_all(text.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(io)?;
    let public = key_hex(key.verifying_key().as_bytes());
    // The province registers the identity meant: an earlier holder of a reused code exactly.
    let today = ctx
        .svc
        .unit(ctx.a, crate::domain::unit::official_code(unit))
        .map(|u| u.code)
        .unwrap_or_default();
    let shown = if today == unit {
        crate::domain::unit::official_code(unit).to_string()
    } else {
        crate::domain::unit::exact(unit)
    };
    out!("{public}");
    eprintln!(
        "{}",
        ctx.lang.pick(
            &format!("Khóa ký của văn phòng {shown} ở {} (giữ kín). Gửi dòng trên cho tỉnh để đăng ký: antq office add {shown} {public}", output.display()),
            &format!("Office {shown}'s signing key is in {} (keep it private). Send the line above to the province, which registers it with: antq office add {shown} {public}", output.display()),
        )
    );
    Ok(())
}

/// Reads a key file made by `keygen`.
pub fn read_key(path: &Path) -> Result<OfficeKey> {
    let bad = |why: &str, vi: &str| {
        Error::invalid(
            "key",
            format!(
                "{}: {why}; make one with 'antq office keygen --unit CODE -o FILE'",
                path.display()
            ),
            format!(
                "{}: {vi}; hãy tạo bằng 'antq office keygen --unit MÃ -o TỆP'",
                path.display()
            ),
        )
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        bad(
            &format!("cannot be read ({e})"),
            &format!("không đọc được ({e})"),
        )
    })?;
    refuse_loose_key(path)?;
    let mut lines = text.lines();
    let office = lines
        .next()
        .filter(|h| *h == HEAD)
        .and_then(|_| lines.next()?.strip_prefix("office "));
    let secret = lines
        .next()
        .and_then(|s| parse_key_hex(s.strip_prefix("secret ")?));
    match (office, secret) {
        (Some(office), Some(secret)) if validate_id("unit", office).is_ok() => Ok(OfficeKey {
            office: office.to_string(),
            secret: SigningKey::from_bytes(&secret),
        }),
        _ => Err(bad(
            "is not an antq office key file",
            "không phải tệp khóa văn phòng của antq",
        )),
    }
}

/// Like ssh with a private key: one that other accounts could read may have been copied.
fn refuse_loose_key(path: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    if !std::fs::metadata(path).is_ok_and(|m| m.mode() & 0o077 != 0) {
        return Ok(());
    }
    let p = path.display();
    Err(Error::invalid(
        "key",
        format!("{p} can be read by other accounts, so it may have been copied; run 'chmod 600 {p}', and if others could really read it, make a new key and have the province register it"),
        format!("{p} có thể bị tài khoản khác đọc nên có thể đã bị sao chép; hãy chạy 'chmod 600 {p}', và nếu người khác thực sự đọc được thì tạo khóa mới và đề nghị tỉnh đăng ký lại"),
    ))
}
