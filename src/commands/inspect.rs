//! `inspect`: find a token in pasted text (as `extract` reads it, like `verify` and `doctor`), decode it without needing a key, and explain it —
//! header and claims as written, then a summary and warnings (`inspection`). With only
//! `--client-key`, prints the tenant id the client key encodes.

use std::io::{IsTerminal, Write};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::cli::InspectArgs;
use crate::clock::format_relative;
use crate::commands::options::keys::{client_key_option, optional_key_option};
use crate::commands::options::pasted::PastedInput;
use crate::commands::resolved::ResolvedOptions;
use crate::extract::{find_cut_off, Extraction};
use crate::reading::inspection::{
    environment, inspect_token, Inspection, InspectionInputs, SignatureCheck,
};
use crate::reading::pasted_secret::recognise_pasted_secret;
use crate::shown::printable::printable;
use crate::terminal::date_zone::DateZone;
use crate::terminal::exit_codes::Outcome;
use crate::terminal::output::{stdout_writer, write_json_line, written};
use crate::terminal::palette::Palette;
use crate::token::Signer;

/// `inspect --client-key K --json` with no token: `{"client_key","tenant_id"}`.
#[derive(Serialize)]
struct ClientKeyJson<'a> {
    client_key: Option<&'a str>,
    tenant_id: &'a str,
}

pub fn run(args: &InspectArgs, context: &ResolvedOptions) -> anyhow::Result<Outcome> {
    let expected_tenant_id = args
        .client_key
        .as_deref()
        .map(|key| client_key_option(key, &context.redaction))
        .transpose()?;
    let mut out = stdout_writer();
    let input = PastedInput {
        argument: args.input.token.as_deref(),
        from: args.input.from.as_deref(),
        command: "inspect",
    };
    // With only --client-key (no token argument, nothing piped), explain the client key.
    let client_key_alone = expected_tenant_id.is_some()
        && args.input.token.is_none()
        && args.input.from.is_none()
        && std::io::stdin().is_terminal();
    if !client_key_alone {
        input.refuse_unreadable(&context.key_source)?;
    }
    let extraction = match client_key_alone {
        true => Extraction::default(),
        false => input.extract()?,
    };
    let blank = client_key_alone
        || extraction
            .text
            .as_deref()
            .is_some_and(|text| text.trim().is_empty());
    if let Some(tenant_id) = expected_tenant_id
        .as_deref()
        .filter(|_| args.input.token.is_none() && args.input.from.is_none() && blank)
    {
        let write = if args.json {
            write_json_line(
                &mut out,
                &ClientKeyJson {
                    client_key: args.client_key.as_deref(),
                    tenant_id,
                },
            )
        } else {
            writeln!(out, "{tenant_id}")
        };
        return written(write.and_then(|()| out.flush()), Outcome::Success);
    }
    input.refuse_empty(&extraction)?;
    // A token cut before its end is shown as far as it goes (the one rule of `find_cut_off`).
    let cut = match extraction.token() {
        Some(token) => find_cut_off(token),
        None => extraction.text.as_deref().and_then(find_cut_off),
    };
    let whole = extraction.token();
    let Some(token) = whole.or(cut.as_ref().map(|cut| cut.token.as_str())) else {
        match extraction.text.as_deref().and_then(recognise_pasted_secret) {
            Some(secret) => crate::terminal::diagnostics::note(format_args!(
                "{} [{}]",
                secret.explanation(),
                secret.code()
            )),
            None => crate::terminal::diagnostics::note(
                "no token found in the input (a JWT looks like eyJ....eyJ....sig)",
            ),
        }
        return Ok(Outcome::Negative);
    };
    let key = optional_key_option(&context.key_source, &context.redaction)?;
    let signer = key.as_ref().map(Signer::new);
    let inspection = inspect_token(
        token,
        InspectionInputs {
            now: context.now,
            expected_tenant_id: expected_tenant_id.as_deref(),
            signer: signer.as_ref(),
            zone: context.dates.zone(),
        },
    );
    let decoded_something =
        inspection.decoded.header.object.is_some() || inspection.decoded.payload.object.is_some();
    // Exit 1 when no token of three segments was found (as for no token at all), though a cut
    // one was shown.
    let decided = if decoded_something && whole.is_some() {
        Outcome::Success
    } else {
        Outcome::Negative
    };
    if let Some(cut) = &cut {
        crate::terminal::diagnostics::note(format_args!("note: {}", cut.explanation()));
    }
    let write = if args.json {
        write_json_line(&mut out, &inspection.to_json())
    } else {
        write_text(&mut out, &inspection, context.palette, &context.dates)
    };
    written(write.and_then(|()| out.flush()), decided)
}

fn write_text(
    out: &mut impl Write,
    inspection: &Inspection,
    palette: Palette,
    dates: &DateZone,
) -> std::io::Result<()> {
    let decoded = &inspection.decoded;
    writeln!(out, "{}", palette.bold("Header"))?;
    write_object(out, decoded.header.object.as_ref(), palette)?;
    writeln!(out, "{}", palette.bold("Claims"))?;
    write_object(out, decoded.payload.object.as_ref(), palette)?;
    writeln!(out, "{}", palette.bold("Summary"))?;
    let users = if inspection.user_ids.is_empty() {
        "(none)".to_string()
    } else {
        printable(&inspection.user_ids.join(", ")).into_owned()
    };
    writeln!(out, "  user:       {users}")?;
    write_scopes(out, inspection, palette)?;
    let tenant = match (&inspection.tenant_id, environment(inspection)) {
        (Some(id), Some(env)) => format!("{id} ({env})"),
        (Some(id), None) => id.clone(),
        (None, Some(env)) => format!("(no tenant_id) ({env})"),
        (None, None) => "(none)".to_string(),
    };
    writeln!(out, "  tenant:     {}", printable(&tenant))?;
    let now = inspection.now;
    let issued = inspection.issued_at.map_or("(no iat)".to_string(), |iat| {
        dates.describe_instant(iat, now)
    });
    writeln!(out, "  issued:     {issued}")?;
    let expires = match inspection.expires_at {
        Some(exp) if exp <= now => format!(
            "{} ({})",
            dates.timestamp(exp),
            palette.red(format!("expired {}", format_relative(exp, now)))
        ),
        Some(exp) => dates.describe_instant(exp, now),
        None if inspection.never_expires() => "never expires".to_string(),
        None => "(unreadable exp)".to_string(),
    };
    writeln!(out, "  expires:    {expires}")?;
    if let Some(nbf) = inspection.not_before {
        writeln!(out, "  not before: {}", dates.describe_instant(nbf, now))?;
    }
    let signature = match inspection.signature {
        SignatureCheck::NotChecked => palette.dimmed("not checked (no key)").to_string(),
        SignatureCheck::Matches => palette.green("matches this key").to_string(),
        SignatureCheck::DoesNotMatch => palette.red("does NOT match this key").to_string(),
    };
    writeln!(out, "  signature:  {signature}")?;
    if !inspection.warnings.is_empty() {
        writeln!(out, "{}", palette.bold("Warnings"))?;
        for warning in &inspection.warnings {
            writeln!(
                out,
                "  {} {} [{}]",
                palette.yellow_bold("!"),
                printable(&warning.message),
                warning.code
            )?;
        }
    }
    Ok(())
}

/// Widest the scope column grows: a longer scope is not padded to, so one hostile scope word
/// does not push every meaning off the screen.
const MAX_SCOPE_COLUMN: usize = 80;

fn write_scopes(
    out: &mut impl Write,
    inspection: &Inspection,
    palette: Palette,
) -> std::io::Result<()> {
    if inspection.scopes.is_empty() {
        return writeln!(out, "  scopes:     (none)");
    }
    let width = inspection
        .scopes
        .iter()
        .map(|f| printable(&f.scope).chars().count())
        .max()
        .unwrap_or(0)
        .min(MAX_SCOPE_COLUMN);
    for (index, fact) in inspection.scopes.iter().enumerate() {
        let label = if index == 0 {
            "  scopes:     "
        } else {
            "              "
        };
        let meaning = match fact.meaning {
            Some(meaning) => palette.normal(meaning),
            None => palette.yellow("unknown: not a documented Courier scope"),
        };
        // Padded by hand, not with `{:<width$}`: the formatter panics on a width over 65 535,
        // which one long scope word in a hostile token reaches.
        let shown = printable(&fact.scope);
        let padding = width.saturating_sub(shown.chars().count());
        writeln!(out, "{label}{shown}{}  {meaning}", " ".repeat(padding))?;
    }
    Ok(())
}

/// Members in their original order, one per line, values as compact JSON.
fn write_object(
    out: &mut impl Write,
    object: Option<&Map<String, Value>>,
    palette: Palette,
) -> std::io::Result<()> {
    let Some(object) = object else {
        return writeln!(out, "  {}", palette.red("(does not decode)"));
    };
    for (name, value) in object {
        let value = value.to_string();
        writeln!(
            out,
            "  {}: {}",
            palette.cyan(printable(name)),
            palette.green(printable(&value))
        )?;
    }
    Ok(())
}
