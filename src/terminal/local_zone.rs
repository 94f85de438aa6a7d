//! The local time zone for `--date local`, read without trusting `TZ`: a POSIX rule
//! (`EST5EDT,M3.2.0,M11.1.0`) is parsed as it is; a zone name (`Europe/Paris`) or an absolute
//! path (`/usr/share/zoneinfo/Europe/Paris`, `:` in front allowed) is read as a TZif file from
//! `TZDIR` or the system's zone directory, only when it is a regular file (opened without
//! blocking, so a FIFO cannot hang the run) of at most [`MAX_ZONE_FILE_BYTES`] (`/dev/zero` or
//! `/dev/urandom` cannot fill memory). Anything else comes back as a [`ZoneProblem`], and the
//! caller falls back to UTC. With `TZ` unset, `/etc/localtime` is read with the same bounds. Formatting
//! instants is `clock`'s business.

use std::path::{Component, Path, PathBuf};

use jiff::tz::TimeZone;

/// The largest zone file read: TZif files are a few kilobytes.
pub const MAX_ZONE_FILE_BYTES: u64 = 64 * 1024;

/// Where zone names are looked up when `TZDIR` is not set, first found wins.
const SYSTEM_ZONE_DIRECTORIES: [&str; 3] = [
    "/usr/share/zoneinfo",
    "/usr/share/lib/zoneinfo",
    "/etc/zoneinfo",
];

/// Why the zone `TZ` names cannot be used; the words finish "TZ=... ".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneProblem {
    /// What `TZ` holds.
    pub tz: String,
    /// What is wrong with it, e.g. "is not a regular file".
    pub why: String,
}

/// The system's zone setting on Unix, read like any zone file.
#[cfg(unix)]
const SYSTEM_ZONE_FILE: &str = "/etc/localtime";

/// The local zone: from `TZ` when it is set (empty means UTC), else the system's.
pub fn local_zone() -> Result<TimeZone, ZoneProblem> {
    match std::env::var_os("TZ") {
        None => Ok(system_zone()),
        Some(tz) => zone_from_tz(&tz.to_string_lossy()),
    }
}

/// The system's zone (`/etc/localtime`, with the same bounds), or UTC when it has none, as
/// the C library does.
#[cfg(unix)]
fn system_zone() -> TimeZone {
    let path = Path::new(SYSTEM_ZONE_FILE);
    let name = std::fs::read_link(path)
        .ok()
        .and_then(|target| {
            let target = target.to_string_lossy().into_owned();
            let at = target.rfind("zoneinfo/")?;
            Some(target[at + "zoneinfo/".len()..].to_string())
        })
        .unwrap_or_else(|| "Local".to_string());
    read_zone_file(path)
        .ok()
        .and_then(|data| TimeZone::tzif(&name, &data).ok())
        .unwrap_or(TimeZone::UTC)
}

#[cfg(not(unix))]
fn system_zone() -> TimeZone {
    TimeZone::try_system().unwrap_or(TimeZone::UTC)
}

/// The zone a `TZ` value names.
pub fn zone_from_tz(tz: &str) -> Result<TimeZone, ZoneProblem> {
    let problem = |why: String| ZoneProblem {
        tz: tz.to_string(),
        why,
    };
    if tz.is_empty() || ["UTC", "Etc/UTC", ":UTC", "UTC0"].contains(&tz) {
        return Ok(TimeZone::UTC);
    }
    if !tz.starts_with(':') {
        if let Ok(zone) = TimeZone::posix(tz) {
            return Ok(zone);
        }
    }
    let name = tz.strip_prefix(':').unwrap_or(tz);
    let path = zone_file_path(name).map_err(problem)?;
    let data = read_zone_file(&path).map_err(problem)?;
    TimeZone::tzif(name, &data).map_err(|_| problem("is not a TZif zone file".to_string()))
}

/// The file a zone name or absolute path stands for. A name may not climb out of the zone
/// directory (`..`).
fn zone_file_path(name: &str) -> Result<PathBuf, String> {
    let path = Path::new(name);
    if path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    let plain = path
        .components()
        .all(|component| matches!(component, Component::Normal(_)));
    if !plain {
        return Err("is neither a zone name nor an absolute path".to_string());
    }
    let directory = match std::env::var_os("TZDIR").filter(|dir| !dir.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => SYSTEM_ZONE_DIRECTORIES
            .iter()
            .map(PathBuf::from)
            .find(|dir| dir.is_dir())
            .ok_or_else(|| "names a zone, but this system has no zone directory".to_string())?,
    };
    Ok(directory.join(path))
}

/// The bytes of a regular file of at most [`MAX_ZONE_FILE_BYTES`], opened without blocking.
fn read_zone_file(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = open_without_blocking(path).map_err(|error| {
        format!(
            "cannot be read ({})",
            crate::reading::input::io_reason(&error)
        )
    })?;
    let metadata = file.metadata().map_err(|error| {
        format!(
            "cannot be read ({})",
            crate::reading::input::io_reason(&error)
        )
    })?;
    if !metadata.is_file() {
        return Err("is not a regular file".to_string());
    }
    let mut data = Vec::new();
    file.take(MAX_ZONE_FILE_BYTES + 1)
        .read_to_end(&mut data)
        .map_err(|error| {
            format!(
                "cannot be read ({})",
                crate::reading::input::io_reason(&error)
            )
        })?;
    if data.len() as u64 > MAX_ZONE_FILE_BYTES {
        return Err(format!(
            "is larger than {} KiB, more than any zone file",
            MAX_ZONE_FILE_BYTES / 1024
        ));
    }
    Ok(data)
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use rustix::fs::{open, Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    Ok(std::fs::File::from(open(path, flags, Mode::empty())?))
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_and_utc_need_no_file() {
        assert_eq!(zone_from_tz(""), Ok(TimeZone::UTC));
        assert_eq!(zone_from_tz("UTC"), Ok(TimeZone::UTC));
        assert!(zone_from_tz("EST5EDT,M3.2.0,M11.1.0").is_ok());
    }

    #[test]
    fn devices_fifos_and_climbing_names_are_refused() {
        for (tz, why) in [
            ("/dev/zero", "is not a regular file"),
            ("/dev/urandom", "is not a regular file"),
            (":/dev/null", "is not a regular file"),
            (
                "../../../dev/zero",
                "is neither a zone name nor an absolute path",
            ),
            ("/no/such/zone", "cannot be read"),
        ] {
            let problem = zone_from_tz(tz).unwrap_err();
            assert!(problem.why.starts_with(why), "{tz}: {}", problem.why);
        }
    }
}
