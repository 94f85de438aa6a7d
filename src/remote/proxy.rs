//! Which proxy a request goes through, decided once from the environment and never bypassed
//! silently: a loopback target (127.0.0.0/8, `::1`, `localhost`) always goes direct, since a
//! proxy's "localhost" is another machine; otherwise `https_proxy`/`HTTPS_PROXY` for an https
//! URL or `http_proxy`/`HTTP_PROXY` for an http one, then `all_proxy`/`ALL_PROXY` (lower case
//! first, an empty value counts as unset), unless `no_proxy`/`NO_PROXY` names the host. HTTP
//! CONNECT (`http://`, `https://`) and SOCKS (`socks4`, `socks4a`, `socks5`, `socks5h`,
//! `socks`) proxies are used; any other value is an error naming the variable, never a direct
//! connection. Proxy URLs are never quoted (they may hold a password). Sending is `transport`'s.

use ureq::Proxy;

use super::endpoint::{host_of, is_loopback_host, BaseUrl};
use crate::terminal::error::user_error_with_hint;

/// The proxy schemes this tool can use, as the man page lists them.
const USABLE_SCHEMES: [&str; 7] = [
    "http", "https", "socks4", "socks4a", "socks5", "socks5h", "socks",
];

/// How a request reaches its host.
#[derive(Debug, Clone)]
pub enum Route {
    /// Straight to the host.
    Direct,
    /// Through the proxy set in `variable`.
    Proxy {
        variable: &'static str,
        proxy: Proxy,
    },
}

impl Route {
    /// The route for `url` from the process environment.
    pub fn from_environment(url: &str) -> anyhow::Result<Self> {
        Self::decide(url, |name| std::env::var(name).ok())
    }

    /// The route for `url` with the variables `lookup` gives (unit tests pass their own).
    pub fn decide(url: &str, lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let lookup = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let host = host_of(super::endpoint::authority_of(url));
        if is_loopback_host(host) {
            return Ok(Route::Direct);
        }
        let candidates: [&'static str; 4] = if is_https(url) {
            ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
        } else {
            ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]
        };
        let Some((variable, value)) = candidates
            .into_iter()
            .find_map(|name| Some((name, lookup(name)?)))
        else {
            return Ok(Route::Direct);
        };
        let no_proxy = lookup("no_proxy").or_else(|| lookup("NO_PROXY"));
        if no_proxy.is_some_and(|list| no_proxy_matches(&list, host)) {
            return Ok(Route::Direct);
        }
        Ok(Route::Proxy {
            variable,
            proxy: usable_proxy(variable, value.trim())?,
        })
    }

    /// The proxy for the HTTP agent: `None` means connect directly.
    pub fn into_proxy(self) -> Option<Proxy> {
        match self {
            Route::Direct => None,
            Route::Proxy { proxy, .. } => Some(proxy),
        }
    }

    /// The proxy for messages, when the request goes through one: the variable that set it and
    /// its `host:port` (never its user name or password).
    pub fn named(&self) -> Option<ProxyName> {
        match self {
            Route::Direct => None,
            Route::Proxy { variable, proxy } => Some(ProxyName {
                variable,
                authority: match proxy.host().contains(':') {
                    true => format!(
                        "[{}]:{}",
                        proxy.host().trim_matches(['[', ']']),
                        proxy.port()
                    ),
                    false => format!("{}:{}", proxy.host(), proxy.port()),
                },
            }),
        }
    }

    /// The variable naming the proxy, when the request goes through one.
    pub fn variable(&self) -> Option<&'static str> {
        match self {
            Route::Direct => None,
            Route::Proxy { variable, .. } => Some(variable),
        }
    }
}

/// The warning for a request that would carry `secret` ("the API key", "the token") in clear
/// text over a network: plain http to a host other than this machine, directly or through a
/// proxy (which then reads it too). `None` when nothing crosses a network unencrypted.
pub fn clear_text_warning(base: &BaseUrl, secret: &str) -> Option<String> {
    if !base.sends_key_in_clear() {
        return None;
    }
    Some(format!(
        "{} is plain http, so {secret} crosses the network unencrypted{}",
        base.as_str(),
        proxy_reads_it_too(base.as_str())
    ))
}

/// `, and the proxy in HTTP_PROXY reads it too` when a request to `url` goes through a proxy,
/// for the clear-text warnings; empty otherwise.
pub fn proxy_reads_it_too(url: &str) -> String {
    match Route::from_environment(url)
        .ok()
        .and_then(|route| route.variable())
    {
        Some(variable) => format!(", and the proxy in {variable} reads it too"),
        None => String::new(),
    }
}

/// A proxy as messages name it: `the proxy in ALL_PROXY (127.0.0.1:1080)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyName {
    pub variable: &'static str,
    pub authority: String,
}

impl std::fmt::Display for ProxyName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the proxy in {} ({})", self.variable, self.authority)
    }
}

fn is_https(url: &str) -> bool {
    url.get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

/// The proxy in `value`, or an error naming `variable` (but not quoting its value).
fn usable_proxy(variable: &str, value: &str) -> anyhow::Result<Proxy> {
    let refuse = |what: String| {
        user_error_with_hint(
            format!("{variable} is set to {what}, so the request was not sent"),
            format!(
                "give {variable} as scheme://host:port with a scheme among {}, or unset it (NO_PROXY lists hosts to reach directly)",
                USABLE_SCHEMES.join(", ")
            ),
        )
    };
    let scheme = value.split_once("://").map(|(scheme, _)| scheme);
    if let Some(scheme) = scheme {
        if !USABLE_SCHEMES
            .iter()
            .any(|usable| usable.eq_ignore_ascii_case(scheme))
        {
            let shown = if scheme.len() <= 16 && scheme.chars().all(|c| c.is_ascii_alphanumeric()) {
                format!("a {scheme}:// proxy, which this tool cannot use")
            } else {
                "a proxy of a kind this tool cannot use".to_string()
            };
            return Err(refuse(shown));
        }
    }
    Proxy::new(value).map_err(|_| refuse("something that is not a proxy URL".to_string()))
}

/// True when the comma-separated `list` (`NO_PROXY`) names `host`: `*`, the host itself, or a
/// domain it is under (`example.com` and `.example.com` both cover `api.example.com`), in any
/// case, a `:port` on an entry ignored.
fn no_proxy_matches(list: &str, host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    list.split([',', ' '])
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .any(|entry| {
            if entry == "*" {
                return true;
            }
            let entry = entry.trim_start_matches('[');
            let entry = match entry.split_once(']') {
                Some((address, _)) => address,
                None if entry.matches(':').count() == 1 => entry.split(':').next().unwrap_or(""),
                None => entry,
            };
            let domain = entry
                .trim_start_matches('*')
                .trim_start_matches('.')
                .trim_end_matches('.')
                .to_ascii_lowercase();
            !domain.is_empty()
                && (host == domain
                    || host
                        .strip_suffix(&domain)
                        .is_some_and(|rest| rest.ends_with('.')))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(url: &str, vars: &[(&str, &str)]) -> anyhow::Result<Route> {
        Route::decide(url, |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }

    fn via(url: &str, vars: &[(&str, &str)]) -> Option<&'static str> {
        route(url, vars).unwrap().variable()
    }

    #[test]
    fn loopback_targets_never_use_a_proxy() {
        let all = [
            ("HTTPS_PROXY", "http://127.0.0.1:3128"),
            ("HTTP_PROXY", "http://127.0.0.1:3128"),
            ("ALL_PROXY", "socks5://127.0.0.1:1080"),
            ("https_proxy", "nonsense://x"),
        ];
        for url in [
            "http://127.0.0.1:8080",
            "https://localhost",
            "http://[::1]:9",
            "http://127.9.9.9",
            "HTTP://LOCALHOST:1/x",
        ] {
            assert_eq!(via(url, &all), None, "{url}");
        }
        assert_eq!(
            via("http://127.0.0.1.evil.example", &all),
            Some("HTTP_PROXY")
        );
    }

    #[test]
    fn the_variable_follows_the_scheme_lower_case_first() {
        let vars = [
            ("HTTPS_PROXY", "http://p:1"),
            ("HTTP_PROXY", "http://p:2"),
            ("ALL_PROXY", "socks5h://p:3"),
        ];
        assert_eq!(via("https://api.courier.com", &vars), Some("HTTPS_PROXY"));
        assert_eq!(via("http://api.example", &vars), Some("HTTP_PROXY"));
        assert_eq!(
            via("https://a.example", &[("ALL_PROXY", "socks5://p:1")]),
            Some("ALL_PROXY")
        );
        assert_eq!(
            via(
                "https://a.example",
                &[("https_proxy", "http://p:1"), ("HTTPS_PROXY", "http://p:2")]
            ),
            Some("https_proxy")
        );
        assert_eq!(
            via("https://a.example", &[("HTTPS_PROXY", " ")]),
            None,
            "blank is unset"
        );
        assert_eq!(
            via("https://a.example", &[("HTTP_PROXY", "http://p")]),
            None
        );
        assert_eq!(via("https://a.example", &[]), None);
    }

    #[test]
    fn every_socks_flavour_is_used() {
        for scheme in ["socks4", "socks4a", "socks5", "socks5h", "socks", "SOCKS5"] {
            let value = format!("{scheme}://127.0.0.1:1080");
            let route = route("https://api.courier.com", &[("ALL_PROXY", &value)]).unwrap();
            assert_eq!(route.variable(), Some("ALL_PROXY"), "{scheme}");
        }
    }

    #[test]
    fn an_unusable_proxy_is_an_error_naming_the_variable_not_its_value() {
        for value in [
            "ftp://user:pw@p:21",
            "quic://p",
            "http://[bad",
            "socks6://p",
        ] {
            let error = route("https://api.courier.com", &[("ALL_PROXY", value)])
                .unwrap_err()
                .to_string();
            assert!(error.starts_with("ALL_PROXY is set to"), "{error}");
            assert!(!error.contains("pw") && !error.contains("[bad"), "{error}");
        }
    }

    #[test]
    fn no_proxy_names_hosts_and_domains() {
        let proxy = ("HTTPS_PROXY", "http://p:1");
        for (list, host, direct) in [
            ("*", "api.courier.com", true),
            ("courier.com", "api.courier.com", true),
            (".courier.com", "api.courier.com", true),
            ("*.courier.com", "api.courier.com", true),
            ("api.courier.com:443", "api.courier.com", true),
            ("other.com, API.COURIER.COM", "api.courier.com", true),
            ("ourier.com", "api.courier.com", false),
            ("example.com", "api.courier.com", false),
            ("10.0.0.1", "10.0.0.1", true),
            ("[2001:db8::1]", "[2001:db8::1]", true),
        ] {
            let url = format!("https://{host}");
            let got = via(&url, &[proxy, ("NO_PROXY", list)]);
            assert_eq!(got.is_none(), direct, "{list} vs {host}");
        }
    }
}
