//! `hmac-sign`: compute or check Courier's deprecated HMAC user signature, for one user id
//! (given, or read from stdin with `-`) or, with `--user-ids-from`, for every line of a file
//! through the bulk engine (`bulk`). Single and bulk read user ids by the one rule
//! (`scope::check_user_id` for a signature), nothing trimmed.

mod bulk;

use std::io::Write;

use serde::Serialize;

use crate::cli::HmacSignArgs;
use crate::commands::options::keys::{key_option, refuse_key_and_user_id_on_stdin};
use crate::commands::options::scopes::hmac_user_id_option;
use crate::commands::options::user_ids_from::refuse_skip_blank_lines_alone;
use crate::commands::resolved::ResolvedOptions;
use crate::terminal::error::{user_error, user_error_with_hint};
use crate::terminal::exit_codes::Outcome;
use crate::terminal::output::{stdout_writer, write_json_line, written};
use crate::token::Signer;
use crate::user_signature::{user_signature, verify_user_signature};

/// `hmac-sign --json` for one user: `{"user_id","user_signature"}`.
#[derive(Serialize)]
struct SignedJson<'a> {
    user_id: &'a str,
    user_signature: &'a str,
}

/// `hmac-sign --verify --json` for one user: `{"user_id","valid"}`.
#[derive(Serialize)]
struct CheckedJson<'a> {
    user_id: &'a str,
    valid: bool,
}

pub fn run(args: &HmacSignArgs, context: &ResolvedOptions) -> anyhow::Result<Outcome> {
    refuse_skip_blank_lines_alone(
        args.blank_lines.skip_blank_lines,
        args.user_ids_from.is_some(),
    )?;
    if let Some(path) = &args.user_ids_from {
        let skip_blank_lines = args.blank_lines.skip_blank_lines;
        return match args.verify.as_deref() {
            None => bulk::sign(path, args.json, skip_blank_lines, context),
            Some("") => bulk::verify(path, args.json, skip_blank_lines, context),
            Some(_) => Err(user_error_with_hint(
                "--verify takes no SIGNATURE with --user-ids-from: each line carries its own",
                "give --user-ids-from a file of USER_ID<TAB>SIGNATURE lines (what hmac-sign --user-ids-from writes) and --verify alone",
            )),
        };
    }
    let Some(given) = args.user_id.as_deref() else {
        return Err(user_error("give a USER_ID, or --user-ids-from FILE"));
    };
    refuse_key_and_user_id_on_stdin(&context.key_source, given)?;
    let from_stdin = if given == "-" {
        Some(user_id_from_stdin()?)
    } else {
        None
    };
    let user_id = from_stdin.as_deref().unwrap_or(given);
    hmac_user_id_option(user_id, &context.redaction)?;
    let signer = Signer::new(&key_option(&context.key_source, &context.redaction)?);
    let mut out = stdout_writer();
    match args.verify.as_deref() {
        None => {
            let signature = user_signature(&signer, user_id);
            let write = if args.json {
                write_json_line(
                    &mut out,
                    &SignedJson {
                        user_id,
                        user_signature: &signature,
                    },
                )
            } else {
                writeln!(out, "{signature}")
            };
            written(write.and_then(|()| out.flush()), Outcome::Success)
        }
        Some("") => Err(user_error_with_hint(
            "--verify needs the SIGNATURE to check",
            "pass the 64 hex digits the backend computed: --verify SIGNATURE (or check a file of USER_ID<TAB>SIGNATURE lines with --user-ids-from FILE --verify)",
        )),
        Some(claimed) => {
            let valid = verify_user_signature(&signer, user_id, claimed).map_err(|malformed| {
                user_error_with_hint(
                    malformed.0,
                    "pass the 64 hex digits the backend computed for this user",
                )
            })?;
            let write = if args.json {
                write_json_line(&mut out, &CheckedJson { user_id, valid })
            } else {
                writeln!(out, "{}", if valid { "valid" } else { "invalid" })
            };
            let decided = if valid {
                Outcome::Success
            } else {
                Outcome::Negative
            };
            written(write.and_then(|()| out.flush()), decided)
        }
    }
}

/// `hmac-sign -`: the one user id on stdin, as `--user-ids-from -` reads a line: a byte order
/// mark and the line's end dropped, nothing trimmed.
fn user_id_from_stdin() -> anyhow::Result<String> {
    let bytes = crate::reading::input::read_stdin_bounded(
        "hmac-sign - signs one user id",
        "sign one user id per line with --user-ids-from -",
    )?;
    let text = String::from_utf8(bytes)
        .map_err(|_| user_error("the user id on stdin is not valid UTF-8"))?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            crate::terminal::diagnostics::note(
                "note: stdin starts with a UTF-8 byte order mark (BOM); it was dropped",
            );
            rest
        }
        None => &text,
    };
    let line = text.strip_suffix('\n').unwrap_or(text);
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.contains('\n') {
        return Err(user_error_with_hint(
            "stdin holds more than one line; hmac-sign - signs one user id",
            "sign one user id per line with --user-ids-from -",
        ));
    }
    Ok(line.to_string())
}
