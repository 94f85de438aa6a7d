//! `generate-assets` (hidden, for maintainers): regenerate the checked-in completion scripts,
//! man pages and help snapshots under `--out-dir`, and list what was written on stderr.

use crate::assets::write_assets;
use crate::cli::GenerateAssetsArgs;
use crate::terminal::exit_codes::Outcome;

pub fn run(args: &GenerateAssetsArgs) -> anyhow::Result<Outcome> {
    for path in write_assets(&args.out_dir)? {
        crate::terminal::diagnostics::line(format_args!("wrote {}", path.display()));
    }
    Ok(Outcome::Success)
}
