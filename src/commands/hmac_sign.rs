//! `hmac-sign`: compute or check Courier's deprecated HMAC user signature, for one user id or,
//! with `--user-ids-from`, for every line of a file through the bulk engine.

use std::io::Write;
use std::path::Path;

use serde_json::json;

use super::options::user_ids_from::{
    close_json_record, open_json_record, open_user_ids, user_id_in_text, user_id_on_line,
};
use crate::bulk::{available_workers, run_bulk, LineAnswer, LineFailure, LineProcessor};
use crate::cli::HmacSignArgs;
use crate::commands::options::keys::{key_option, refuse_key_and_user_ids_on_stdin};
use crate::commands::options::scopes::hmac_user_id_option;
use crate::context::Context;
use crate::error::{user_error, user_error_with_hint};
use crate::exit_codes::Outcome;
use crate::output::{stdout_writer, write_json_line, written};
use crate::token::Signer;
use crate::user_signature::{push_user_signature, user_signature, verify_user_signature};

pub fn run(args: &HmacSignArgs, context: &Context) -> anyhow::Result<Outcome> {
    if let Some(path) = &args.user_ids_from {
        return run_bulk_signing(path, args.json, context);
    }
    let Some(user_id) = args.user_id.as_deref() else {
        return Err(user_error("give a USER_ID, or --user-ids-from FILE"));
    };
    hmac_user_id_option(user_id)?;
    let signer = Signer::new(&key_option(&context.key_source)?);
    let mut out = stdout_writer();
    match &args.verify {
        None => {
            let signature = user_signature(&signer, user_id);
            let write = if args.json {
                write_json_line(
                    &mut out,
                    &json!({"user_id": user_id, "user_signature": signature}),
                )
            } else {
                writeln!(out, "{signature}")
            };
            written(write.and_then(|()| out.flush()), Outcome::Success)
        }
        Some(claimed) => {
            let valid = verify_user_signature(&signer, user_id, claimed).map_err(|malformed| {
                user_error_with_hint(
                    malformed.0,
                    "pass the 64 hex digits the backend computed for this user",
                )
            })?;
            let write = if args.json {
                write_json_line(&mut out, &json!({"user_id": user_id, "valid": valid}))
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

fn run_bulk_signing(path: &Path, json: bool, context: &Context) -> anyhow::Result<Outcome> {
    refuse_key_and_user_ids_on_stdin(&context.key_source, path)?;
    let signer = Signer::new(&key_option(&context.key_source)?);
    let mut input = open_user_ids(path)?;
    // A signature line is about six times its id (a token line twenty): larger blocks, fewer
    // hand-offs between threads, and still well under a MiB of output per block.
    input.block_bytes = 128 * 1024;
    let mut out = crate::output::Stdout;
    run_bulk(input, &mut out, available_workers(), || SignaturePerLine {
        signer: &signer,
        json,
        scratch: String::new(),
    })?;
    out.flush()?;
    Ok(Outcome::Success)
}

/// Signs one line's user id: `USER_ID<TAB>SIGNATURE`, or a JSON Lines object.
struct SignaturePerLine<'a> {
    signer: &'a Signer,
    json: bool,
    scratch: String,
}

impl LineProcessor for SignaturePerLine<'_> {
    fn process(
        &mut self,
        _number: u64,
        line: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<Option<LineAnswer>, LineFailure> {
        match user_id_on_line(line)? {
            Some(user_id) => Ok(Some(self.sign(user_id, out))),
            None => Ok(None),
        }
    }

    fn process_text(
        &mut self,
        _number: u64,
        line: &str,
        out: &mut Vec<u8>,
    ) -> Result<Option<LineAnswer>, LineFailure> {
        match user_id_in_text(line)? {
            Some(user_id) => Ok(Some(self.sign(user_id, out))),
            None => Ok(None),
        }
    }
}

impl SignaturePerLine<'_> {
    fn sign(&mut self, user_id: &str, out: &mut Vec<u8>) -> LineAnswer {
        if self.json {
            open_json_record(out, &mut self.scratch, user_id, "user_signature");
            push_user_signature(self.signer, user_id, out);
            close_json_record(out);
        } else {
            out.extend_from_slice(user_id.as_bytes());
            out.push(b'\t');
            push_user_signature(self.signer, user_id, out);
            out.push(b'\n');
        }
        LineAnswer::Positive
    }
}
