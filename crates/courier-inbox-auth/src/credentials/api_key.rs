//! The API key as held bytes: [`ApiKey`] keeps them in memory that is zeroed on drop and has no
//! `Debug`/`Display` that could print them. Where a key comes from (a file, stdin, an
//! environment variable) is the binary's business (`key`), not this crate's.

use std::fmt;

use zeroize::Zeroizing;

/// The secret bytes of a Courier API key. Zeroed on drop; `Debug` prints a placeholder.
///
/// Where copies of the key live, and which are wiped: the bytes read from a file or stdin are
/// read straight into zeroizing buffers (`input::read_secret_bounded`); an environment
/// variable's value is moved, not copied, into this type — but the process environment itself
/// keeps the original for the life of the process, which no program can wipe portably. The
/// HMAC state keyed from it (`token::Signer`) holds key-derived data that is *not* wiped; see
/// there. `issue --remote` copies it into an HTTP header value (`remote::exchange`), whose
/// buffers in the HTTP and TLS stack are not wiped either.
pub struct ApiKey(Zeroizing<Vec<u8>>);

impl ApiKey {
    /// Wraps key bytes, refusing an empty key (an HMAC with an empty key is forgeable by
    /// anyone) and a key of only NUL bytes (HMAC pads keys with zeros, so up to 64 of them sign
    /// exactly as the empty key does).
    pub fn new(bytes: impl Into<Zeroizing<Vec<u8>>>) -> Result<Self, EmptyKey> {
        let bytes = bytes.into();
        if bytes.iter().all(|&b| b == 0) {
            return Err(EmptyKey);
        }
        Ok(Self(bytes))
    }

    /// The raw key bytes, for keying an HMAC.
    pub fn expose_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

/// The key was present but empty (or all NUL bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmptyKey;
