//! The NumericDate of RFC 7519 §2, exactly: read from a JSON number's digits (never through a
//! float), and compared with the whole seconds of the clock and leeway. Where the claims are
//! found in a payload is `claims`' and `fast_claims`' business.

/// Seconds since 1970 as RFC 7519 §2 defines a NumericDate: a non-negative JSON number, which
/// may have a fraction (`1669652650.5`) or be written with an exponent (`1.6e9`), as Node
/// `jsonwebtoken` and PyJWT accept, below 2^64. Read exactly from the digits as written, never
/// through a float: `1700000000.000000001` is after `1700000000`, and `18446744073709551615.5`
/// is in range. Compared only with whole seconds (the clock and leeway), so the whole part and
/// whether a fraction is left are all that can matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericDate {
    /// A whole number of seconds, however it was written (`7`, `7.0`, `7e0`, `0.7e1`).
    Whole(u64),
    /// Strictly between `floor` and `floor + 1` seconds (`7.5`, `7.000000001`, `1e-400`).
    Fractional { floor: u64 },
}

impl NumericDate {
    /// A JSON number as a NumericDate; `None` for anything else, negatives (`-0` included) and
    /// numbers of 2^64 and beyond. A float is read from its shortest exact decimal form, so
    /// this is exact for the value serde_json parsed (which may already be rounded: the
    /// verifier reads time claims from the token's own digits instead).
    pub fn from_json(value: &serde_json::Value) -> Option<Self> {
        let number = value.as_number()?;
        match number.as_u64() {
            Some(whole) => Some(NumericDate::Whole(whole)),
            None => Self::from_decimal(&number.to_string()),
        }
    }

    /// A JSON number's text (RFC 8259 §6: `int [frac] [exp]`) as a NumericDate, exactly;
    /// `None` when it is negative, 2^64 or beyond, or not a JSON number. Any exponent is
    /// accepted (`1e-400` is just after 0, `1e400` is out of range); the work is bounded by
    /// the text's length.
    pub fn from_decimal(text: &str) -> Option<Self> {
        let (int, rest) = leading_digits(text.as_bytes());
        if int.is_empty() || (int.len() > 1 && int[0] == b'0') {
            return None;
        }
        let (frac, rest) = match rest {
            [b'.', rest @ ..] => match leading_digits(rest) {
                ([], _) => return None,
                split => split,
            },
            _ => (&[][..], rest),
        };
        let exponent = match rest {
            [] => 0,
            [b'e' | b'E', rest @ ..] => exponent(rest)?,
            _ => return None,
        };
        // The value is 0.DIGITS × 10^point, DIGITS being the integer and fraction digits.
        let written = int.len() + frac.len();
        let point = i64::try_from(int.len())
            .unwrap_or(i64::MAX)
            .saturating_add(exponent);
        let mut floor: u128 = 0;
        let mut fraction_left = false;
        for (index, digit) in int.iter().chain(frac).enumerate() {
            let digit = u128::from(digit - b'0');
            if i64::try_from(index).unwrap_or(i64::MAX) < point {
                floor = floor * 10 + digit;
                if floor >= LIMIT {
                    return None;
                }
            } else if digit != 0 {
                fraction_left = true;
                break;
            }
        }
        // Zeros the exponent puts after the last digit; 20 of them take any non-zero floor
        // past 2^64, so the loop is short.
        let mut zeros = point.saturating_sub(i64::try_from(written).unwrap_or(i64::MAX));
        while zeros > 0 && floor != 0 {
            floor *= 10;
            if floor >= LIMIT {
                return None;
            }
            zeros -= 1;
        }
        let floor = u64::try_from(floor).ok()?;
        Some(if fraction_left {
            NumericDate::Fractional { floor }
        } else {
            NumericDate::Whole(floor)
        })
    }

    /// Whole seconds, rounded down: for showing the instant, not for deciding with it.
    pub fn floor_seconds(self) -> u64 {
        match self {
            NumericDate::Whole(seconds) | NumericDate::Fractional { floor: seconds } => seconds,
        }
    }

    /// True when this instant is at or before `seconds`, compared exactly.
    pub fn is_at_or_before(self, seconds: i128) -> bool {
        match self {
            NumericDate::Whole(whole) => i128::from(whole) <= seconds,
            // floor < self < floor + 1, so self <= seconds exactly when floor + 1 <= seconds.
            NumericDate::Fractional { floor } => i128::from(floor) < seconds,
        }
    }

    /// True when this instant is after `seconds`, compared exactly.
    pub fn is_after(self, seconds: i128) -> bool {
        !self.is_at_or_before(seconds)
    }
}

/// Exclusive upper bound of a NumericDate: 2^64, the range of u64.
const LIMIT: u128 = 1 << 64;

/// The ASCII digits at the start of `bytes`, and the rest.
fn leading_digits(bytes: &[u8]) -> (&[u8], &[u8]) {
    let end = bytes
        .iter()
        .position(|byte| !byte.is_ascii_digit())
        .unwrap_or(bytes.len());
    bytes.split_at(end)
}

/// An exponent's `[+-]digits`, saturating far beyond any that could matter; `None` when it
/// is not one.
fn exponent(bytes: &[u8]) -> Option<i64> {
    let (negative, bytes) = match bytes {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, bytes),
    };
    let (digits, rest) = leading_digits(bytes);
    if digits.is_empty() || !rest.is_empty() {
        return None;
    }
    let magnitude = digits.iter().fold(0i64, |value, digit| {
        value
            .saturating_mul(10)
            .saturating_add(i64::from(digit - b'0'))
    });
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractional_dates_compare_exactly() {
        let date = NumericDate::Fractional { floor: 100 };
        assert!(date.is_after(100));
        assert!(date.is_at_or_before(101));
        assert_eq!(date.floor_seconds(), 100);
        assert!(NumericDate::Whole(100).is_at_or_before(100));
        let json = |text: &str| NumericDate::from_json(&serde_json::from_str(text).unwrap());
        assert_eq!(json("1.5e9"), Some(NumericDate::Whole(1_500_000_000)));
        assert_eq!(json("7"), Some(NumericDate::Whole(7)));
        assert_eq!(json("100.5"), Some(date));
        for bad in ["-1", "-0", "-0.0", "18446744073709551616", "\"1\"", "null"] {
            assert_eq!(json(bad), None, "{bad}");
        }
    }

    #[test]
    fn numeric_dates_are_read_from_their_digits() {
        let read = NumericDate::from_decimal;
        let fractional = |floor| Some(NumericDate::Fractional { floor });
        assert_eq!(read("1700000000.000000001"), fractional(1_700_000_000));
        assert_eq!(
            read("1700000000.000000000"),
            Some(NumericDate::Whole(1_700_000_000))
        );
        assert_eq!(read("0.17e10"), Some(NumericDate::Whole(1_700_000_000)));
        assert_eq!(read("17E+8"), Some(NumericDate::Whole(1_700_000_000)));
        assert_eq!(read("1.7000000000000001e9"), fractional(1_700_000_000));
        assert_eq!(
            read("18446744073709551615"),
            Some(NumericDate::Whole(u64::MAX))
        );
        assert_eq!(read("18446744073709551614.99"), fractional(u64::MAX - 1));
        assert_eq!(read("18446744073709551615.999999"), fractional(u64::MAX));
        assert_eq!(read("1e-400"), fractional(0));
        assert_eq!(read("0e400"), Some(NumericDate::Whole(0)));
        assert_eq!(read("0.0"), Some(NumericDate::Whole(0)));
        assert_eq!(read(&format!("1.{}1", "0".repeat(5000))), fractional(1));
        for out_of_range in [
            "18446744073709551616",
            "18446744073709551616.5",
            "1.8446744073709551616e19",
            "1e400",
            "1e99999999999999999999999",
            "-1",
            "-0",
            "-0.0",
        ] {
            assert_eq!(read(out_of_range), None, "{out_of_range}");
        }
        for not_json in [
            "", "01", "1.", ".5", "1e", "1e+", "+1", "1x", "1.5.5", "Infinity",
        ] {
            assert_eq!(read(not_json), None, "{not_json}");
        }
    }
}
