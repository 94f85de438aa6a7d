//! `serve`: resolves the options into `serve::Settings` (the address, refusing a non-loopback
//! one without `--allow-non-loopback`, the workspace and its policy), reads the API key from
//! the usual sources (with none anywhere, makes a random development key for this run), and
//! runs the server until Ctrl-C or SIGTERM — or, with `-- COMMAND`, until the command ends. The server itself is
//! `crate::serve`'s; nothing of it runs before this command is chosen.

use std::net::{IpAddr, SocketAddr};

use crate::cli::{
    AuthChoice, EnforceChoice, EnvironmentChoice, LogChoice, MissingScopesChoice, ServeArgs,
};
use crate::commands::options::keys::optional_key_option;
use crate::commands::resolved::ResolvedOptions;
use crate::key::ApiKey;
use crate::serve::{
    run_command, AuthModes, CommandLine, Enforcement, LogLevel, MissingScopes, Settings,
    DEFAULT_WORKSPACE_ID,
};
use crate::shown::redaction::Redaction;
use crate::terminal::error::user_error_with_hint;
use crate::terminal::exit_codes::Outcome;

/// The port serve listens on unless told (`serve -- COMMAND` takes any free one).
const DEFAULT_PORT: u16 = 8787;

pub fn run(args: &ServeArgs, context: &ResolvedOptions) -> anyhow::Result<Outcome> {
    let settings = resolve(args, context)?;
    if settings.development_key {
        crate::terminal::diagnostics::line(format_args!(
            "courier-token serve: no API key given (COURIER_API_KEY, --key-file, --key-env): made a development key for this run, valid on this serve alone; {}",
            if args.command.is_empty() { "the --json line's api_key holds it" } else { "the command finds it in COURIER_API_KEY" }
        ));
    }
    match args.command.split_first() {
        None => {
            crate::serve::run(settings)?;
            Ok(Outcome::Success)
        }
        Some((program, rest)) => {
            let command = CommandLine {
                program: program.clone(),
                args: rest.to_vec(),
            };
            Ok(Outcome::PassedOn(run_command(&settings, &command)?))
        }
    }
}

/// A random key for a run without one: a fixed key would mint tokens valid on any other serve.
fn development_key() -> anyhow::Result<ApiKey> {
    use rand_chacha::rand_core::{OsRng, TryRngCore};
    let mut bytes = [0u8; 24];
    OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|error| anyhow::anyhow!("could not make a development key: the operating system's random source failed: {error}"))?;
    let text = format!("sk_dev_{}", hex::encode(bytes));
    ApiKey::new(text.into_bytes()).map_err(|_| anyhow::anyhow!("could not make a development key"))
}

fn resolve(args: &ServeArgs, context: &ResolvedOptions) -> anyhow::Result<Settings> {
    let ip: IpAddr = args.host.trim().parse().map_err(|_| {
        user_error_with_hint(
            format!("--host {:?} is not an IP address", args.host),
            "give an address such as 127.0.0.1 or ::1",
        )
    })?;
    if !ip.is_loopback() {
        if !args.allow_non_loopback {
            return Err(user_error_with_hint(
                format!("--host {ip} is not a loopback address: anyone who reaches it could read the inboxes"),
                "add --allow-non-loopback if that is what you want (there is no TLS)",
            ));
        }
        crate::terminal::diagnostics::warning(format_args!(
            "serve listens on {ip}, beyond this machine, without TLS: tokens and messages travel in clear text"
        ));
    }
    let workspace_id = args
        .workspace_id
        .clone()
        .unwrap_or_else(|| DEFAULT_WORKSPACE_ID.to_string());
    if workspace_id.is_empty()
        || workspace_id
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '/')
    {
        return Err(user_error_with_hint(
            format!("--workspace-id {workspace_id:?} is not a workspace id"),
            "a workspace id is a UUID such as 1b1e953f-0ebb-47ad-beab-f579bd606eb1",
        ));
    }
    let modes = if args.auth.is_empty() {
        AuthModes::default()
    } else {
        AuthModes {
            jwt: args.auth.contains(&AuthChoice::Jwt),
            client_key: args.auth.contains(&AuthChoice::ClientKey),
            hmac: args.auth.contains(&AuthChoice::Hmac),
        }
    };
    let (key, development_key) = match optional_key_option(&context.key_source, &context.redaction)?
    {
        Some(key) => (key, false),
        None => (development_key()?, true),
    };
    let default_port = if args.command.is_empty() {
        DEFAULT_PORT
    } else {
        0
    };
    Ok(Settings {
        address: SocketAddr::new(ip, args.port.unwrap_or(default_port)),
        json: args.json,
        workspace_id,
        environment: match args.environment {
            EnvironmentChoice::Production => "production",
            EnvironmentChoice::Test => "test",
        }
        .to_string(),
        key,
        development_key,
        modes,
        missing_scopes: match args.missing_scopes {
            MissingScopesChoice::Empty => MissingScopes::Empty,
            MissingScopesChoice::Refuse => MissingScopes::Refuse,
        },
        enforcement: match args.enforce {
            EnforceChoice::Strict => Enforcement::Strict,
            EnforceChoice::Soft => Enforcement::Soft,
            EnforceChoice::Off => Enforcement::Off,
        },
        log: match args.log {
            LogChoice::Quiet => LogLevel::Quiet,
            LogChoice::Refusals => LogLevel::Refusals,
            LogChoice::Requests => LogLevel::Requests,
        },
        now: context.now_is_pinned.then_some(context.now),
        dates: context.dates.clone(),
        redaction: context.redaction.clone(),
        messages: args.messages.clone(),
        cors_origins: args
            .cors_origins
            .iter()
            .map(|origin| cors_origin(origin, &context.redaction))
            .collect::<anyhow::Result<_>>()?,
        workspace_file: args.workspace.clone(),
        export_on_exit: args.export_on_exit.clone(),
    })
}

/// A `--cors-origin` as a browser sends `Origin`: `http(s)://host[:port]`, nothing after.
fn cors_origin(origin: &str, redaction: &Redaction) -> anyhow::Result<String> {
    let authority = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    match authority {
        Some(authority)
            if !authority.is_empty()
                && !authority.contains(['/', '?', '#', '@', '*'])
                && !authority.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            Ok(origin.to_ascii_lowercase())
        }
        _ => Err(user_error_with_hint(
            format!("--cors-origin {} is not an origin", redaction.quoted(origin)),
            "give scheme, host and port as a browser sends them, such as https://app.example:3000 (no path, no *)",
        )),
    }
}
