//! `hmac-sign`: compute or check Courier's deprecated HMAC user signature.

use std::io::Write;

use serde_json::json;

use super::{stdout_writer, write_json_line};
use crate::cli::HmacSignArgs;
use crate::context::Context;
use crate::error::user_error_with_hint;
use crate::exit_codes::Outcome;
use crate::key::load_key;
use crate::scope::validate_user_id;
use crate::token::Signer;
use crate::user_signature::{user_signature, verify_user_signature};

pub fn run(args: &HmacSignArgs, context: &Context) -> anyhow::Result<Outcome> {
    validate_user_id(&args.user_id)?;
    let signer = Signer::new(&load_key(&context.key_source)?);
    let mut out = stdout_writer();
    let outcome = match &args.verify {
        None => {
            let signature = user_signature(&signer, &args.user_id);
            if args.json {
                write_json_line(
                    &mut out,
                    &json!({"user_id": args.user_id, "user_signature": signature}),
                )?;
            } else {
                writeln!(out, "{signature}")?;
            }
            Outcome::Success
        }
        Some(claimed) => {
            let valid =
                verify_user_signature(&signer, &args.user_id, claimed).map_err(|malformed| {
                    user_error_with_hint(
                        malformed.0,
                        "pass the 64 hex digits the backend computed for this user",
                    )
                })?;
            if args.json {
                write_json_line(&mut out, &json!({"user_id": args.user_id, "valid": valid}))?;
            } else {
                writeln!(out, "{}", if valid { "valid" } else { "invalid" })?;
            }
            if valid {
                Outcome::Success
            } else {
                Outcome::Negative
            }
        }
    };
    out.flush()?;
    Ok(outcome)
}
