//! Attacks on the claims: malformed and out-of-range time claims, the `exp`/`nbf` boundaries
//! one second either side of the leeway, and user ids that only look like the one required.

use super::forge::*;

pub(crate) fn time_claim_cases() -> Vec<Case> {
    let claim = |name: &str, value: &str| {
        sign(
            HS256,
            &format!(r#"{{"scope":"user_id:u1 inbox:read:messages","{name}":{value}}}"#),
        )
    };
    let mut cases = Vec::new();
    for name in ["exp", "nbf", "iat"] {
        for (what, value) in [
            ("a string", r#""1669652650""#),
            ("an empty string", r#""""#),
            ("null", "null"),
            ("true", "true"),
            ("an array", "[1669652650]"),
            ("an object", r#"{"$date":1669652650}"#),
            ("negative", "-1"),
            ("negative zero", "-0"),
            ("a negative float", "-1669652650.5"),
            ("a negative float zero", "-0.0"),
            ("beyond u64", "18446744073709551616"),
            ("a float beyond u64", "1.9e19"),
            // Beyond f64 too: read from its digits, out of range like any other (issue 15).
            ("far beyond u64", "1e400"),
        ] {
            cases.push(case(
                format!("{name} {what}"),
                claim(name, value),
                "invalid_time_claim",
            ));
        }
    }
    // RFC 7519 §2: a NumericDate is a JSON number and may be fractional; Node `jsonwebtoken`
    // and PyJWT accept one, and so does this verifier since issue 10 (these three were
    // `invalid_time_claim` before). An hour ahead, so exp and iat pass and nbf is not yet valid.
    for (what, value) in [
        ("a float with a fraction", "1669652650.5"),
        ("a float without a fraction", "1669652650.0"),
        ("in exponent form", "1.66965265e9"),
    ] {
        cases.push(case(format!("exp {what}"), claim("exp", value), "").valid());
        cases.push(case(format!("iat {what}"), claim("iat", value), "").valid());
        cases.push(case(
            format!("nbf {what}"),
            claim("nbf", value),
            "not_yet_valid",
        ));
    }
    // Whole numbers up to u64::MAX are NumericDates, however far off: an `exp` there is valid
    // (and shown as written, never as "never expires"), an `nbf` there is not yet valid.
    for (what, value) in [
        ("u64::MAX", "18446744073709551615"),
        ("beyond i64", "9223372036854775808"),
        ("after the year 9999", "253402300800"),
    ] {
        cases.push(case(format!("exp {what}"), claim("exp", value), "").valid());
        cases.push(case(format!("iat {what}"), claim("iat", value), "").valid());
        cases.push(case(
            format!("nbf {what}"),
            claim("nbf", value),
            "not_yet_valid",
        ));
    }
    cases.push(
        case(
            "exp at the end of the year 9999",
            claim("exp", "253402300799"),
            "",
        )
        .valid(),
    );
    cases.push(case("nbf at 0", claim("nbf", "0"), "").valid());
    cases.push(
        case(
            "iat in the future is not checked",
            claim("iat", "1769649050"),
            "",
        )
        .valid(),
    );
    // RFC 7519 §4.1.3: a verifier not named in `aud` must reject; Courier never sets `aud`,
    // so with no --audience every token carrying one is refused (accepted before issue 10).
    for (what, value) in [
        ("a string", r#""https://api.example""#),
        ("an array", r#"["a","b"]"#),
        ("an empty array", "[]"),
        ("a number", "5"),
        ("null", "null"),
        ("an array with a number", r#"["a",1]"#),
    ] {
        cases.push(case(
            format!("aud {what}"),
            claim("aud", value),
            "audience_mismatch",
        ));
    }
    // PyJWT tests/test_api_jwt.py: {"exp"|"iat"|"nbf": "not-an-int"}, key "secret".
    for (name, token) in [
        ("exp", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOiJub3QtYW4taW50In0.P65iYgoHtBqB07PMtBSuKNUEIPPPfmjfJG217cEE66s"),
        ("iat", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOiJub3QtYW4taW50In0.H1GmcQgSySa5LOKYbzGm--b1OmRbHFkyk8pq811FzZM"),
        ("nbf", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOiJub3QtYW4taW50In0.c25hldC8G2ZamC8uKpax9sYMTgdZo3cxrmzFHaAAluw"),
    ] {
        cases.push(
            case(format!("PyJWT: {name} is \"not-an-int\""), token, "invalid_time_claim").key(b"secret"),
        );
    }
    cases
}

/// `exp` is refused from `now - leeway` on, `nbf` after `now + leeway`: each boundary, and one
/// second either side of it, with no leeway and with 30 seconds.
pub(crate) fn boundary_cases() -> Vec<Case> {
    let with = |name: &str, at: i64| {
        sign(
            HS256,
            &format!(r#"{{"scope":"user_id:u1 inbox:read:messages","{name}":{at}}}"#),
        )
    };
    let mut cases = Vec::new();
    for leeway in [0, 30] {
        let edge = NOW - leeway;
        cases.push(
            case(
                format!("exp one second before now-leeway ({leeway}s)"),
                with("exp", edge - 1),
                "expired",
            )
            .leeway(leeway),
        );
        cases.push(
            case(
                format!("exp at now-leeway ({leeway}s)"),
                with("exp", edge),
                "expired",
            )
            .leeway(leeway),
        );
        cases.push(
            case(
                format!("exp one second after now-leeway ({leeway}s)"),
                with("exp", edge + 1),
                "",
            )
            .leeway(leeway)
            .valid(),
        );
        let edge = NOW + leeway;
        cases.push(
            case(
                format!("nbf one second before now+leeway ({leeway}s)"),
                with("nbf", edge - 1),
                "",
            )
            .leeway(leeway)
            .valid(),
        );
        cases.push(
            case(
                format!("nbf at now+leeway ({leeway}s)"),
                with("nbf", edge),
                "",
            )
            .leeway(leeway)
            .valid(),
        );
        cases.push(
            case(
                format!("nbf one second after now+leeway ({leeway}s)"),
                with("nbf", edge + 1),
                "not_yet_valid",
            )
            .leeway(leeway),
        );
    }
    // Fractional NumericDates are compared exactly: half a second either side of each edge.
    let with_text = |name: &str, at: String| {
        sign(
            HS256,
            &format!(r#"{{"scope":"user_id:u1 inbox:read:messages","{name}":{at}}}"#),
        )
    };
    for leeway in [0, 30] {
        let edge = NOW - leeway;
        for (at, expected) in [
            (format!("{}.5", edge - 1), "expired"),
            (format!("{edge}.0"), "expired"),
            (format!("{edge}.5"), ""),
        ] {
            let label = format!("exp {at} against now-leeway {edge} ({leeway}s)");
            let found = case(label, with_text("exp", at), expected).leeway(leeway);
            cases.push(if expected.is_empty() {
                found.valid()
            } else {
                found
            });
        }
        let edge = NOW + leeway;
        for (at, expected) in [
            (format!("{}.5", edge - 1), ""),
            (format!("{edge}.0"), ""),
            (format!("{edge}.5"), "not_yet_valid"),
        ] {
            let label = format!("nbf {at} against now+leeway {edge} ({leeway}s)");
            let found = case(label, with_text("nbf", at), expected).leeway(leeway);
            cases.push(if expected.is_empty() {
                found.valid()
            } else {
                found
            });
        }
    }
    cases.push(case(
        "expired and not yet valid: expiry is reported",
        sign(
            HS256,
            &format!(r#"{{"exp":{},"nbf":{}}}"#, NOW - 1, NOW + 1),
        ),
        "expired",
    ));
    // PyJWT's and the jsonwebtoken crate's valid HS256 vectors, as positive controls.
    cases.push(
        case(
            "PyJWT valid token (header with spaces)",
            "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJoZWxsbyI6ICJ3b3JsZCJ9.tvagLDLoaiJKxOKqpBXSEGy7SYSifZhjntgm9ctpyj8",
            "",
        )
        .key(b"secret")
        .valid(),
    );
    cases.push(
        case(
            "jsonwebtoken crate valid token (exp 2050)",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJiQGIuY29tIiwiY29tcGFueSI6IkFDTUUiLCJleHAiOjI1MzI1MjQ4OTF9.9r56oF7ZliOBlOAyiOFperTGxBtPykRQiWNFxhDCW98",
            "",
        )
        .key(b"secret")
        .valid(),
    );
    cases
}

pub(crate) fn requirement_cases() -> Vec<Case> {
    let scoped = |scope: &str| sign(HS256, &format!(r#"{{"scope":{scope},"iat":1669649050}}"#));
    vec![
        case(
            "user id is a prefix of the token's",
            scoped(r#""user_id:u10 inbox:read:messages""#),
            "user_id_mismatch",
        )
        .user("u1"),
        case(
            "token's user id is a prefix",
            scoped(r#""user_id:u inbox:read:messages""#),
            "user_id_mismatch",
        )
        .user("u1"),
        case(
            "user id in another claim",
            sign(HS256, r#"{"scope":"inbox:read:messages","user_id":"u1"}"#),
            "user_id_mismatch",
        )
        .user("u1"),
        case(
            "scope as an array",
            scoped(r#"["user_id:u1","inbox:read:messages"]"#),
            "user_id_mismatch",
        )
        .user("u1"),
        case(
            "scopes separated by a tab",
            scoped(r#""user_id:u1\tinbox:read:messages""#),
            "user_id_mismatch",
        )
        .user("u1"),
        case(
            "user id differs in case",
            scoped(r#""user_id:U1 inbox:read:messages""#),
            "user_id_mismatch",
        )
        .user("u1"),
        case(
            "the user's own token",
            scoped(r#""user_id:u1 inbox:read:messages""#),
            "",
        )
        .user("u1")
        .valid(),
    ]
}
