//! The workspace's Inbox integration policy, applied to one request: which credentials it
//! carries (a JWT, the API key as courier-js's `publicApiKey`, the client key with a user id,
//! with or without an HMAC user signature), whether the workspace accepts that mode, and — for
//! a JWT — `token::verify_token` under the workspace's key with the user the SDK names, then the
//! workspace, the environment and the scope the request needs. The verdict is a [`Decision`]:
//! serve (perhaps an empty inbox, or despite a refusal under soft enforcement) or refuse, with
//! a [`Refusal`] in doctor's codes. No HTTP here: the handlers read the headers into
//! [`Credentials`].

use super::recent_verdicts::RecentVerdicts;
use super::refusal::{from_rejection, Refusal};
use super::settings::{AuthModes, Enforcement, MissingScopes};
use crate::client_key::tenant_id_from_client_key;
use crate::reading::inspection::ISSUED_AHEAD_TOLERANCE_SECONDS;
use crate::scope::user_ids_in;
use crate::shown::redaction::Redaction;
use crate::terminal::date_zone::DateZone;
use crate::token::{base64url, decode_token, strict_json, verify_token, Policy, Signer};
use crate::user_signature::verify_user_signature;
use crate::worded::Wording;

/// What a request carries, as the SDKs send it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Credentials<'a> {
    /// `Authorization: Bearer <this>` (for the socket: `?auth=`).
    pub(crate) bearer: Option<&'a str>,
    /// `x-courier-user-id` (for the socket: `?userId=`).
    pub(crate) user_id: Option<&'a str>,
    pub(crate) client_key: Option<&'a str>,
    pub(crate) user_signature: Option<&'a str>,
}

/// The Inbox scope a request needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Need {
    /// Queries and the socket: `inbox:read:messages`.
    Read,
    /// Mutations: `inbox:write:events`.
    Write,
    /// Any valid token for the user: the endpoint checks its own scopes (`client_scopes`).
    Authenticated,
}

impl Need {
    fn scope(self) -> &'static str {
        match self {
            Need::Read => "inbox:read:messages",
            Need::Write => "inbox:write:events",
            Need::Authenticated => "user_id:<id>",
        }
    }

    /// Whether `granted` (one scope of a token) allows it: the legacy `read:messages`, which
    /// courier-js's own tests still mint, reads as well.
    fn granted_by(self, granted: &str) -> bool {
        self == Need::Authenticated
            || granted == self.scope()
            || (self == Need::Read && granted == "read:messages")
    }
}

/// Whose inbox a request may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Access {
    pub(crate) user_id: String,
    /// True: answer as if the inbox were empty (and change nothing).
    pub(crate) empty: bool,
    /// The verified token's scope; `None` when the caller is not held to scopes (the API key,
    /// the client key, checks off or let through).
    pub(crate) scope: Option<String>,
}

/// What to do with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Serve it; `finding` is what is worth a line on stderr.
    Serve {
        access: Access,
        finding: Option<Finding>,
    },
    /// Answer 401.
    Refuse(Refusal),
}

/// A served request's problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Finding {
    /// Served an empty inbox: the token lacks the scope (`--missing-scopes empty`).
    ServedEmpty(Refusal),
    /// Strict enforcement would have refused it (`--enforce soft`).
    LetThrough(Refusal),
}

/// The workspace's side of authentication.
pub(crate) struct Authority {
    pub(crate) signer: Signer,
    /// HMAC of the API key under itself: a bearer is the API key when its HMAC matches this
    /// (a constant-time comparison that keeps no copy of the key).
    pub(crate) key_tag: [u8; 32],
    /// The API key's length in bytes: a bearer of another length (any JWT) is not the key, and
    /// is told so without an HMAC.
    pub(crate) key_len: usize,
    pub(crate) workspace_id: String,
    pub(crate) environment: String,
    pub(crate) modes: AuthModes,
    pub(crate) missing_scopes: MissingScopes,
    pub(crate) enforcement: Enforcement,
    /// This second's verdicts on JWTs (`check_jwt` is a pure function of what it is asked).
    pub(crate) recent: RecentVerdicts<Need, Result<(Access, Option<Refusal>), Refusal>>,
    /// How a refusal words the token's rejection (`--date`, and serve's redaction).
    pub(crate) dates: DateZone,
    pub(crate) redaction: Redaction,
}

impl Authority {
    /// Decides a request needing `need`, at `now` (Unix seconds).
    pub(crate) fn decide(&self, credentials: &Credentials<'_>, need: Need, now: i64) -> Decision {
        let named_user = || named_user(credentials);
        if self.enforcement == Enforcement::Off {
            return match named_user() {
                Some(user_id) => serve(user_id, false, None),
                None => Decision::Refuse(unknown_user()),
            };
        }
        match self.check(credentials, need, now) {
            Ok((access, finding)) => Decision::Serve {
                access,
                finding: finding.map(Finding::ServedEmpty),
            },
            Err(refusal) => match (self.enforcement, named_user()) {
                (Enforcement::Soft, Some(user_id)) => {
                    serve(user_id, false, Some(Finding::LetThrough(refusal)))
                }
                _ => Decision::Refuse(refusal),
            },
        }
    }

    /// What can be checked of the older protocol's `?clientKey=` socket at the upgrade, before
    /// its `subscribe` brings the user and signature: that the workspace takes client keys and
    /// that this is its key. `None`: upgrade (and check the rest at `subscribe`).
    pub(crate) fn refuse_client_key_upgrade(&self, client_key: &str) -> Option<Refusal> {
        if self.enforcement != Enforcement::Strict {
            return None;
        }
        self.check_client_key(client_key, false).err()
    }

    /// Whether the API key is `text` (courier-js's `publicApiKey`, the Issue Token API, /send).
    pub(crate) fn is_api_key(&self, text: &str) -> bool {
        text.len() == self.key_len && self.signer.verify(text.as_bytes(), &self.key_tag)
    }

    fn check(
        &self,
        credentials: &Credentials<'_>,
        need: Need,
        now: i64,
    ) -> Result<(Access, Option<Refusal>), Refusal> {
        let granted = |user_id: &str| Ok((access(user_id, false), None));
        match credentials {
            Credentials {
                bearer: Some(bearer),
                user_id,
                ..
            } if self.is_api_key(bearer) => granted(user_id.ok_or_else(unknown_user)?),
            Credentials {
                bearer: Some(token),
                user_id,
                ..
            } => {
                // Never the API key (matched above): serve keeps no copy of it.
                let question = ([Some(*token), *user_id, None, None], need);
                self.recent
                    .get_or_check(question, now, || self.check_jwt(token, *user_id, need, now))
            }
            Credentials {
                client_key: Some(client_key),
                user_id,
                user_signature,
                ..
            } => {
                let user_id = user_id.ok_or_else(unknown_user)?;
                self.check_client_key(client_key, user_signature.is_some())?;
                self.check_signature(user_id, *user_signature)?;
                granted(user_id)
            }
            _ => Err(Refusal::new(
                "credentials_missing",
                "no Authorization: Bearer token and no x-courier-client-key",
            )),
        }
    }

    fn check_jwt(
        &self,
        token: &str,
        user_id: Option<&str>,
        need: Need,
        now: i64,
    ) -> Result<(Access, Option<Refusal>), Refusal> {
        if !self.modes.jwt {
            return Err(Refusal::new(
                "jwt_refused",
                "the workspace does not accept JWTs",
            ));
        }
        let policy = Policy {
            now,
            user_id: user_id.map(str::to_string),
            ..Policy::default()
        };
        // The one-pass verifier; only the claims are decoded again (for the workspace), never
        // the header.
        let mut verdict = verify_token(token, &self.signer, &policy);
        let scope = verdict.scope.take().unwrap_or_default();
        if let Some(rejection) = &verdict.rejection {
            return Err(from_rejection(
                rejection,
                user_ids_in(&scope).next().is_some(),
                Wording {
                    dates: &self.dates,
                    redaction: &self.redaction,
                },
            ));
        }
        let claims = token
            .split('.')
            .nth(1)
            .and_then(|payload| base64url::decode_strict(payload).ok())
            .and_then(|bytes| strict_json::parse_object(&bytes).ok());
        let claim = |name: &str| claims.as_ref()?.get(name)?.as_str();
        if let Some(tenant_id) = claim("tenant_id") {
            let workspace = tenant_id.strip_suffix("/test").unwrap_or(tenant_id);
            if workspace != self.workspace_id {
                return Err(Refusal::new(
                    "tenant_mismatch",
                    format!(
                        "the token's tenant_id {tenant_id} is another workspace than {}",
                        self.workspace_id
                    ),
                ));
            }
        }
        // The token's environment as doctor reads it: tenant_scope's, else a `/test` suffix on
        // tenant_id (Courier's test environment, refused by a production workspace).
        let environment = match (claim("tenant_scope"), claim("tenant_id")) {
            (Some(tenant_scope), _) => tenant_scope.rsplit('/').next().map(str::to_string),
            (None, Some(tenant_id)) if tenant_id.ends_with("/test") => Some("test".to_string()),
            _ => None,
        };
        if let Some(environment) = environment {
            if environment != self.environment {
                return Err(Refusal::new(
                    "environment",
                    format!(
                        "the token is for the {environment} environment, the workspace serves {}",
                        self.environment
                    ),
                ));
            }
        }
        if let Some(iat) = claims
            .as_ref()
            .and_then(|claims| claims.get("iat"))
            .and_then(serde_json::Value::as_f64)
        {
            if iat > (now + ISSUED_AHEAD_TOLERANCE_SECONDS) as f64 {
                return Err(Refusal::new(
                    "issued_in_future",
                    format!(
                        "the token's iat is {:.0} second(s) ahead of this clock",
                        iat - now as f64
                    ),
                ));
            }
        }
        let user_id = match user_id {
            Some(user_id) => user_id.to_string(),
            None => user_ids_in(&scope)
                .next()
                .ok_or_else(|| {
                    Refusal::new("user_id_missing", "the token's scope has no user_id:<id>")
                })?
                .to_string(),
        };
        if scope.split(' ').any(|granted| need.granted_by(granted)) {
            let mut access = access(&user_id, false);
            access.scope = Some(scope);
            return Ok((access, None));
        }
        let refusal = Refusal::new(
            "inbox_scopes_missing",
            format!("the token lacks {}", need.scope()),
        );
        match self.missing_scopes {
            MissingScopes::Empty => Ok((access(&user_id, true), Some(refusal))),
            MissingScopes::Refuse => Err(refusal),
        }
    }

    fn check_client_key(&self, client_key: &str, signed: bool) -> Result<(), Refusal> {
        if signed && !(self.modes.client_key || self.modes.hmac) {
            // doctor's code for the same answer to its HMAC probe.
            return Err(Refusal::new(
                "hmac_refused",
                "an HMAC user signature, but the workspace requires a JWT",
            ));
        }
        if !(self.modes.client_key || self.modes.hmac) {
            return Err(Refusal::new(
                "client_key_refused",
                "the client key and a user id, but the workspace requires a JWT",
            ));
        }
        match tenant_id_from_client_key(client_key) {
            Ok(workspace) if workspace == self.workspace_id => Ok(()),
            Ok(workspace) => Err(Refusal::new(
                "tenant_mismatch",
                format!(
                    "the client key is workspace {workspace}'s, not {}'s",
                    self.workspace_id
                ),
            )),
            Err(_) => Err(Refusal::new(
                "tenant_mismatch",
                "x-courier-client-key is not a client key",
            )),
        }
    }

    fn check_signature(&self, user_id: &str, signature: Option<&str>) -> Result<(), Refusal> {
        let mismatch = |detail: &str| Err(Refusal::new("user_signature_mismatch", detail));
        match signature {
            Some(_) | None if !self.modes.hmac => Ok(()),
            None if self.modes.client_key => Ok(()),
            None => Err(Refusal::new(
                "client_key_refused",
                "the client key and a user id alone, but the workspace requires an HMAC user signature",
            )),
            Some(signature) => match verify_user_signature(&self.signer, user_id, signature) {
                Ok(true) => Ok(()),
                Ok(false) => mismatch(
                    "x-courier-user-signature is not this user's under the workspace's key",
                ),
                Err(_) => mismatch("x-courier-user-signature is not 64 hex digits"),
            },
        }
    }
}

fn access(user_id: &str, empty: bool) -> Access {
    Access {
        user_id: user_id.to_string(),
        empty,
        scope: None,
    }
}

fn serve(user_id: String, empty: bool, finding: Option<Finding>) -> Decision {
    Decision::Serve {
        access: Access {
            user_id,
            empty,
            scope: None,
        },
        finding,
    }
}

fn unknown_user() -> Refusal {
    Refusal::new(
        "unknown_user",
        "no x-courier-user-id, and no user_id: in the token",
    )
}

/// The user a request names, trusting nothing: the user id sent, else the token's first
/// `user_id:` scope (read without checking the signature).
fn named_user(credentials: &Credentials<'_>) -> Option<String> {
    if let Some(user_id) = credentials.user_id {
        return Some(user_id.to_string());
    }
    let decoded = decode_token(credentials.bearer?);
    let scope = decoded.payload.object?.get("scope")?.as_str()?.to_string();
    let user_id = user_ids_in(&scope).next().map(str::to_string);
    user_id
}
