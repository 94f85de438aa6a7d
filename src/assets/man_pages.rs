//! Laying out the man pages in roff. `courier-token(1)` is our SYNOPSIS (`synopsis`), then
//! clap_mangen's options and subcommand list plus the sections a man reader expects of a command: EXIT STATUS,
//! ENVIRONMENT, EXAMPLES and SECURITY, whose words live in `main_page_text`. Each subcommand's
//! page turns its `--help` notes and examples (`after_help` in `cli/`) into NOTES and
//! EXAMPLES sections. Pages carry no date, so the same code always produces the same bytes.
//! Which pages exist and where they are written is `assets`' business, not this module's.

use std::io::{self, Write};

use clap::Command;
use clap_mangen::roff::{bold, roman, Roff};
use clap_mangen::Man;

use super::main_page_text::{DESCRIPTION, ENVIRONMENT, EXAMPLES, EXIT_STATUSES, SECURITY};
use super::reference::{reference_sections, Block, Section};
use super::serve_ci_reference::serve_ci_sections;
use super::serve_surface::serve_surface_sections;
use super::synopsis::synopsis_section;

/// How `--help` points to the man pages; on the pages themselves that line is left out.
pub const REFERENCE_POINTER: &str = "Complete reference";

/// The manual section every page belongs to: user commands.
pub const SECTION: &str = "1";

/// The main page, `courier-token(1)`, from the built documented surface.
pub fn main_page(surface: &Command) -> io::Result<Vec<u8>> {
    let mut page = Page::new(surface);
    page.clap_part(Man::render_name_section)?;
    page.roff(&synopsis_section(surface, None))?;
    page.clap_part(Man::render_description_section)?;
    page.roff(&paragraphs(DESCRIPTION, false))?;
    page.clap_part(Man::render_options_section)?;
    page.clap_part(Man::render_subcommands_section)?;
    page.roff(&exit_status_section())?;
    page.roff(&environment_section())?;
    page.roff(&examples_section())?;
    let mut security = Roff::new();
    security.control("SH", ["SECURITY"]);
    security.extend([paragraphs(SECURITY, true)]);
    page.roff(&security)?;
    page.roff(&see_also(&subcommand_page_names(surface)))?;
    Ok(page.out)
}

/// The page of one subcommand of the built surface `root`, named `courier-token-issue(1)`.
pub fn subcommand_page(root: &Command, subcommand: &Command) -> io::Result<Vec<u8>> {
    let mut page = Page::new(subcommand);
    page.clap_part(Man::render_name_section)?;
    page.roff(&synopsis_section(root, Some(subcommand)))?;
    page.clap_part(Man::render_description_section)?;
    page.clap_part(Man::render_options_section)?;
    let after_help = subcommand
        .get_after_help()
        .map(ToString::to_string)
        .unwrap_or_default();
    let (notes, examples) = after_help_sections(&after_help);
    page.roff(&notes)?;
    let mut sections = reference_sections(subcommand.get_name());
    if subcommand.get_name() == "serve" {
        sections.extend(serve_surface_sections());
    }
    page.roff(&reference_roff(&sections))?;
    page.roff(&reference_roff(&serve_ci_sections(subcommand.get_name())))?;
    page.roff(&examples)?;
    page.roff(&see_also(&["courier-token".to_string()]))?;
    Ok(page.out)
}

/// The page names of the subcommands that get a page: all visible ones but `help`.
pub fn subcommand_page_names(surface: &Command) -> Vec<String> {
    surface
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
        .map(|sub| format!("{}-{}", surface.get_name(), sub.get_name()))
        .collect()
}

/// A page being assembled from clap_mangen's sections and our own.
struct Page {
    man: Man,
    /// What every roff rendering starts with (it defines the apostrophe); kept once, at the top.
    preamble: String,
    out: Vec<u8>,
}

impl Page {
    /// Starts the page with the preamble and the title line. The date is left empty on purpose
    /// so the same code always writes the same bytes; it is written as `""` because an empty
    /// argument would otherwise vanish and shift the source into the date's place.
    fn new(command: &Command) -> Self {
        let name = command.get_display_name().unwrap_or(command.get_name());
        let version = command.get_version().unwrap_or_default();
        let preamble = Roff::new().render();
        let mut out = preamble.clone().into_bytes();
        out.extend_from_slice(
            format!(
                ".TH {} {SECTION} \"\" \"courier-token {version}\" \"User Commands\"\n.nh\n.ad l\n",
                name.to_uppercase()
            )
            .as_bytes(),
        );
        Self {
            man: Man::new(command.clone()),
            preamble,
            out,
        }
    }

    /// Appends a section clap_mangen renders. It separates an option's help from its possible
    /// values with `.br`, an empty line and `.br`, which mandoc rightly flags (an empty line
    /// in filled text); `.sp` is the portable spelling of that gap.
    fn clap_part(&mut self, render: fn(&Man, &mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        let mut part = Vec::new();
        render(&self.man, &mut part)?;
        let part = String::from_utf8_lossy(&part).replace(".br\n\n.br\n", ".sp\n");
        self.append(part.as_bytes());
        Ok(())
    }

    fn roff(&mut self, roff: &Roff) -> io::Result<()> {
        let mut part = Vec::new();
        roff.to_writer(&mut part)?;
        self.append(&part);
        Ok(())
    }

    fn append(&mut self, part: &[u8]) {
        let part = part.strip_prefix(self.preamble.as_bytes()).unwrap_or(part);
        self.out.extend_from_slice(part);
    }
}

/// Paragraphs of filled text; `after_heading` leaves out the paragraph break a section heading
/// already makes.
fn paragraphs(texts: &[&str], after_heading: bool) -> Roff {
    let mut roff = Roff::new();
    for (index, text) in texts.iter().enumerate() {
        if index > 0 || !after_heading {
            roff.control("PP", []);
        }
        roff.text([roman(*text)]);
    }
    roff
}

/// Command lines, indented and unfilled, as a man reader expects them.
fn code_block(roff: &mut Roff, lines: &[&str]) {
    roff.control("RS", ["4"]);
    roff.control("nf", []);
    for line in lines {
        roff.text([roman(*line)]);
    }
    roff.control("fi", []);
    roff.control("RE", []);
}

fn exit_status_section() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for status in EXIT_STATUSES {
        roff.control("TP", []);
        roff.text([bold(status.code.to_string())]);
        roff.text([roman(status.meaning)]);
        for (command, meaning) in status.by_command {
            roff.control("RS", []);
            roff.control("TP", []);
            roff.text([bold(*command)]);
            roff.text([roman(*meaning)]);
            roff.control("RE", []);
        }
    }
    roff
}

fn environment_section() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["ENVIRONMENT"]);
    for variable in ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(variable.name)]);
        roff.text([roman(variable.meaning)]);
    }
    roff
}

fn examples_section() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXAMPLES"]);
    for (index, example) in EXAMPLES.iter().enumerate() {
        if index > 0 {
            roff.control("PP", []);
        }
        roff.text([roman(example.purpose)]);
        code_block(&mut roff, example.commands);
    }
    roff
}

fn see_also(pages: &[String]) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["SEE ALSO"]);
    let mut references = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        if index > 0 {
            references.push(roman(", "));
        }
        references.push(bold(page.as_str()));
        references.push(roman(format!("({SECTION})")));
    }
    roff.text(references);
    roff
}

/// The reference sections (`reference`) in roff: paragraphs filled, literal lines kept as they
/// are, code tables as `.TP` entries.
fn reference_roff(sections: &[Section]) -> Roff {
    let mut roff = Roff::new();
    for section in sections {
        roff.control("SH", [section.title]);
        for (index, block) in section.blocks.iter().enumerate() {
            match block {
                Block::Paragraph(text) => {
                    if index > 0 {
                        roff.control("PP", []);
                    }
                    roff.text([roman(text.as_str())]);
                }
                Block::Literal(lines) => {
                    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
                    code_block(&mut roff, &lines);
                }
                Block::Terms(entries) => {
                    for (term, meaning) in entries {
                        roff.control("TP", []);
                        roff.text([bold(term.as_str())]);
                        roff.text([roman(meaning.as_str())]);
                    }
                }
            }
        }
    }
    roff
}

/// A subcommand's `after_help` as man sections: the text before "Examples:" becomes NOTES
/// (indented lines stay as they are, other lines are filled), the examples become EXAMPLES
/// (a `# comment` line says what the command lines after it do). The line pointing to the man
/// page is left out of the man page itself.
fn after_help_sections(text: &str) -> (Roff, Roff) {
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.starts_with(REFERENCE_POINTER))
        .collect();
    let (notes, examples) = match lines.iter().position(|line| *line == "Examples:") {
        Some(index) => (&lines[..index], &lines[index + 1..]),
        None => (&lines[..], &[][..]),
    };
    let mut roff = Roff::new();
    let mut examples_roff = Roff::new();
    if notes.iter().any(|line| !line.trim().is_empty()) {
        roff.control("SH", ["NOTES"]);
        for (index, block) in blocks(notes).iter().enumerate() {
            if index > 0 {
                roff.control("PP", []);
            }
            notes_block(&mut roff, block);
        }
    }
    if examples.iter().any(|line| !line.trim().is_empty()) {
        examples_roff.control("SH", ["EXAMPLES"]);
        for (index, block) in blocks(examples).iter().enumerate() {
            if index > 0 {
                examples_roff.control("PP", []);
            }
            examples_block(&mut examples_roff, block);
        }
    }
    (roff, examples_roff)
}

/// Runs of lines separated by blank lines.
fn blocks<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    lines
        .split(|line| line.trim().is_empty())
        .filter(|block| !block.is_empty())
        .map(<[&str]>::to_vec)
        .collect()
}

fn notes_block(roff: &mut Roff, block: &[&str]) {
    let mut rest = block;
    while let Some(first) = rest.first() {
        let indented = first.starts_with(' ');
        let run = rest
            .iter()
            .take_while(|line| line.starts_with(' ') == indented)
            .count();
        if indented {
            let lines: Vec<&str> = rest[..run].iter().map(|line| line.trim()).collect();
            code_block(roff, &lines);
        } else {
            roff.text([roman(rest[..run].join(" "))]);
        }
        rest = &rest[run..];
    }
}

fn examples_block(roff: &mut Roff, block: &[&str]) {
    let (comments, commands): (Vec<&str>, Vec<&str>) = {
        let split = block
            .iter()
            .position(|line| !line.trim_start().starts_with('#'))
            .unwrap_or(block.len());
        (block[..split].to_vec(), block[split..].to_vec())
    };
    if !comments.is_empty() {
        let purpose: Vec<&str> = comments
            .iter()
            .map(|line| line.trim_start().trim_start_matches('#').trim())
            .collect();
        roff.text([roman(format!("{}:", purpose.join(" ")))]);
    }
    if !commands.is_empty() {
        let indent = commands
            .iter()
            .map(|line| line.len() - line.trim_start().len())
            .min()
            .unwrap_or(0);
        let lines: Vec<&str> = commands.iter().map(|line| &line[indent..]).collect();
        code_block(roff, &lines);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_split_into_purpose_and_commands() {
        let (notes, examples) = after_help_sections(
            "Intro line\n  indented\n\nExamples:\n  # Do a thing\n  cmd one \\\n      --flag\n",
        );
        let text = notes.to_roff() + &examples.to_roff();
        assert!(text.contains(".SH NOTES\nIntro line\n.RS 4\n.nf\nindented\n.fi\n"));
        assert!(
            text.contains(".SH EXAMPLES\nDo a thing:\n.RS 4\n.nf\ncmd one \\\\\n    \\-\\-flag\n")
        );
    }
}
