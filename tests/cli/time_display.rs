//! How times read, through the real binary: relative phrases rounded to the unit shown, long
//! spans in calendar units, and `--date local` (RFC 3339 with the local offset, TZ honoured).

use crate::common;

use common::{bare, stdout_of, with_key, NOW};
use predicates::str::contains;

const NOW_SECONDS: i64 = 1_669_649_050;

fn token_expiring_in(lifetime: &str) -> String {
    stdout_of(with_key().args([
        "issue",
        "--user-id",
        "a",
        "--now",
        NOW,
        "--expires-in",
        lifetime,
    ]))
    .trim()
    .to_string()
}

#[test]
fn a_fresh_two_day_token_reads_in_2d() {
    let token = token_expiring_in("2 days");
    let a_second_later = (NOW_SECONDS + 1).to_string();
    bare()
        .args(["inspect", "--now", &a_second_later, &token])
        .assert()
        .success()
        .stdout(contains("expires:    2022-11-30T15:24:10Z (in 2d)\n"));
    with_key()
        .args(["verify", "--now", &a_second_later, &token])
        .assert()
        .success()
        .stdout("valid: user a, expires 2022-11-30T15:24:10Z (in 2d)\n");
}

#[test]
fn long_spans_read_in_years_months_and_days() {
    bare()
        .args(["inspect", "--now", NOW, &token_expiring_in("400d")])
        .assert()
        .success()
        .stdout(contains("(in 1y 1mo)"));
    bare()
        .args(["inspect", "--now", NOW, &token_expiring_in("90d")])
        .assert()
        .success()
        .stdout(contains("(in 2mo 29d)"));
}

#[test]
fn date_local_shows_the_local_offset() {
    let token = token_expiring_in("2 days");
    bare()
        .env("TZ", "Asia/Kolkata")
        .args(["--date", "local", "inspect", "--now", NOW, &token])
        .assert()
        .success()
        .stdout(contains("issued:     2022-11-28T20:54:10+05:30 (now)"));
    with_key()
        .env("TZ", "America/New_York")
        .args(["verify", "--date", "local", "--now", NOW, &token])
        .assert()
        .success()
        .stdout("valid: user a, expires 2022-11-30T10:24:10-05:00 (in 2d)\n");
    // UTC stays the default, whatever TZ says.
    bare()
        .env("TZ", "Asia/Kolkata")
        .args(["inspect", "--now", NOW, &token])
        .assert()
        .success()
        .stdout(contains("issued:     2022-11-28T15:24:10Z (now)"));
}
