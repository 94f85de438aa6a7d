//! `--workspace FILE` at start: read the workspace file (`workspace_file`), hand its
//! configuration to the directory and its messages to the inboxes. A file that cannot be read
//! or is malformed stops `serve` before anything is served, with one line naming the field and
//! its line.

use std::path::Path;

use super::message::parse_new_message;
use super::state::Workspace;
use super::workspace_file::WorkspaceFile;
use crate::terminal::error::user_error_with_hint;

/// Loads the file at `path` into `workspace`.
pub(crate) fn load_workspace_file(workspace: &Workspace, path: &Path) -> anyhow::Result<()> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|error| {
        user_error_with_hint(
            format!("could not read --workspace {shown}: {error}"),
            "give the path of a JSON workspace file (see courier-token-serve(1), WORKSPACE FILE)",
        )
    })?;
    let file = WorkspaceFile::parse(&text).map_err(|problem| {
        user_error_with_hint(
            format!("--workspace {shown}: {problem}"),
            "the file is one JSON object with preferences, brands, tenants, templates and messages (see courier-token-serve(1), WORKSPACE FILE)",
        )
    })?;
    let now = workspace.now();
    for line in &file.messages {
        // Each was read once already, as the file was parsed.
        if let Ok(message) = parse_new_message(&line.0, now) {
            workspace.add(message);
        }
    }
    workspace.directory.seed(file);
    Ok(())
}
