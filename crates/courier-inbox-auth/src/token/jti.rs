//! Token ids (`jti`): random UUID v4s, as Courier puts in every token. The first id a generator
//! hands out comes straight from the operating system's CSPRNG (one system call: all a single
//! `issue` needs, with no generator to set up); from the second on, from a ChaCha12 generator
//! (`rand_chacha`, the Rust project's own; ChaCha12 is what `rand`'s `StdRng` and `ThreadRng`
//! use as their cryptographically secure generator) seeded once from the operating system, so bulk
//! minting (one generator per worker) costs neither a system call nor a kernel ChaCha round per
//! token and stays cryptographically random.

use rand_chacha::rand_core::{OsRng, RngCore, SeedableRng, TryRngCore};
use rand_chacha::ChaCha12Rng;

/// The operating system's random source failed; the text is its own error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RandomSourceFailed(pub String);

impl std::fmt::Display for RandomSourceFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the operating system's random source failed: {}", self.0)
    }
}

impl std::error::Error for RandomSourceFailed {}

/// Hands out UUID v4 strings.
pub struct JtiGenerator {
    /// Seeded for the second id, so a generator asked once costs one system call.
    rng: Option<ChaCha12Rng>,
    asked: bool,
}

impl Default for JtiGenerator {
    fn default() -> Self {
        Self::new()
    }
}

impl JtiGenerator {
    pub fn new() -> Self {
        Self {
            rng: None,
            asked: false,
        }
    }

    /// Writes a fresh UUID v4 (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`, lowercase) into `out`.
    pub fn next_into(&mut self, out: &mut String) -> Result<(), RandomSourceFailed> {
        let random = self.random_bytes().map_err(RandomSourceFailed)?;
        format_uuid_v4(random, out);
        Ok(())
    }

    fn random_bytes(&mut self) -> Result<u128, String> {
        if let Some(rng) = &mut self.rng {
            return Ok(u128::from(rng.next_u64()) << 64 | u128::from(rng.next_u64()));
        }
        let mut bytes = [0u8; 16];
        if !self.asked {
            self.asked = true;
            OsRng
                .try_fill_bytes(&mut bytes)
                .map_err(|err| err.to_string())?;
        } else {
            let mut rng = ChaCha12Rng::try_from_os_rng().map_err(|err| err.to_string())?;
            rng.fill_bytes(&mut bytes);
            self.rng = Some(rng);
        }
        Ok(u128::from_be_bytes(bytes))
    }
}

/// Writes 128 random bits as a version 4, variant 1 UUID into `out`, lowercase.
fn format_uuid_v4(random: u128, out: &mut String) {
    const VERSION: u128 = 0xf << 76;
    const VARIANT: u128 = 0xc0 << 56;
    let value = (random & !VERSION) | (0x4 << 76);
    let value = (value & !VARIANT) | (0x80 << 56);
    /// Where each byte's two digits go, around the dashes at 8, 13, 18 and 23.
    const AT: [usize; 16] = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
    let mut text = *b"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    for (byte, at) in value.to_be_bytes().into_iter().zip(AT) {
        let digits = HEX_PAIRS[usize::from(byte)];
        text[at] = digits[0];
        text[at + 1] = digits[1];
    }
    out.clear();
    // Only hex digits from `HEX_PAIRS` and the template's dashes are ever written to `text`.
    out.push_str(std::str::from_utf8(&text).expect("a UUID's hex digits and dashes are ASCII"));
}

/// The two lowercase hex digits of every byte value.
pub const HEX_PAIRS: [[u8; 2]; 256] = {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut pairs = [[0u8; 2]; 256];
    let mut byte = 0;
    while byte < 256 {
        pairs[byte] = [DIGITS[byte >> 4], DIGITS[byte & 0x0f]];
        byte += 1;
    }
    pairs
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_distinct_version_4_uuids() {
        let mut generator = JtiGenerator::new();
        let (mut a, mut b) = (String::new(), String::new());
        generator.next_into(&mut a).unwrap();
        generator.next_into(&mut b).unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
        assert_eq!(
            a.char_indices()
                .filter(|(_, c)| *c == '-')
                .map(|(i, _)| i)
                .collect::<Vec<_>>(),
            [8, 13, 18, 23]
        );
        assert!(a.bytes().all(|c| c == b'-' || c.is_ascii_hexdigit()));
    }

    #[test]
    fn the_first_ids_from_the_os_then_from_the_seeded_generator_all_differ() {
        let mut generator = JtiGenerator::new();
        let ids: std::collections::HashSet<String> = (0..100)
            .map(|_| {
                let mut id = String::new();
                generator.next_into(&mut id).unwrap();
                assert_eq!(&id[14..15], "4");
                id
            })
            .collect();
        assert_eq!(ids.len(), 100);
    }

    #[test]
    fn formats_known_bits() {
        let mut out = String::new();
        format_uuid_v4(0x0123_4567_89ab_cdef_fedc_ba98_7654_3210, &mut out);
        assert_eq!(out, "01234567-89ab-4def-bedc-ba9876543210");
        format_uuid_v4(u128::MAX, &mut out);
        assert_eq!(out, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        format_uuid_v4(0, &mut out);
        assert_eq!(out, "00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn separate_generators_are_seeded_separately() {
        let (mut a, mut b) = (String::new(), String::new());
        JtiGenerator::new().next_into(&mut a).unwrap();
        JtiGenerator::new().next_into(&mut b).unwrap();
        assert_ne!(a, b);
    }
}
