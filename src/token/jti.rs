//! Token ids (`jti`): random UUID v4s, as Courier puts in every token. Randomness comes from the
//! operating system's CSPRNG, fetched a page at a time so bulk minting does not make a system
//! call per token.

const POOL_BYTES: usize = 4096;

/// Hands out UUID v4 strings.
pub struct JtiGenerator {
    pool: Box<[u8; POOL_BYTES]>,
    used: usize,
}

impl Default for JtiGenerator {
    fn default() -> Self {
        Self::new()
    }
}

impl JtiGenerator {
    pub fn new() -> Self {
        Self {
            pool: Box::new([0; POOL_BYTES]),
            used: POOL_BYTES,
        }
    }

    /// Writes a fresh UUID v4 (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`, lowercase) into `out`.
    pub fn next_into(&mut self, out: &mut String) -> anyhow::Result<()> {
        if self.used + 16 > POOL_BYTES {
            getrandom::fill(&mut self.pool[..]).map_err(|err| {
                anyhow::anyhow!("the operating system's random source failed: {err}")
            })?;
            self.used = 0;
        }
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&self.pool[self.used..self.used + 16]);
        self.pool[self.used..self.used + 16].fill(0);
        self.used += 16;
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut text = [0u8; 36];
        let mut at = 0;
        for (index, byte) in bytes.iter().enumerate() {
            if matches!(index, 4 | 6 | 8 | 10) {
                text[at] = b'-';
                at += 1;
            }
            text[at] = HEX[usize::from(byte >> 4)];
            text[at + 1] = HEX[usize::from(byte & 0x0f)];
            at += 2;
        }
        out.clear();
        // Hex digits and dashes are ASCII.
        out.push_str(std::str::from_utf8(&text).unwrap_or_default());
        Ok(())
    }
}

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
    }
}
