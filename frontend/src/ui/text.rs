//! Text as sent (cleaned of stray control characters) and as shown (the phase model's
//! texts in the UI language, a member's name, a decimal number).

use varig_types::LocalText;

use crate::i18n::{I18n, Lang};

/// The text as sent: trimmed, line breaks kept (as `\n`), other control characters dropped.
pub fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A single-line text as sent: line breaks become spaces.
pub fn clean_line(text: &str) -> String {
    clean(&text.replace(['\r', '\n'], " "))
}

/// A text of the phase model in the UI language (tracked).
pub fn local(i18n: I18n, text: &LocalText) -> String {
    match i18n.lang() {
        Lang::Nb => text.nb.clone(),
        Lang::Nn => text.nn.clone(),
        Lang::En => text.en.clone(),
    }
}

/// The name of a member, or "nobody" (tracked).
pub fn person(i18n: I18n, name: Option<&str>) -> String {
    match name {
        Some(n) if !n.trim().is_empty() => n.to_owned(),
        _ => i18n.t("plan.nobody"),
    }
}

/// A number with one decimal in the UI language ("3,5" in Norwegian).
pub fn format_decimal(i18n: I18n, value: f64) -> String {
    let text = format!("{value:.1}");
    match i18n.lang() {
        Lang::En => text,
        Lang::Nb | Lang::Nn => text.replace('.', ","),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_its_line_breaks_and_loses_stray_control_characters() {
        assert_eq!(
            clean("  Klare.\r\n\nBeredskap\u{7}vurdert. "),
            "Klare.\n\nBeredskapvurdert."
        );
        assert_eq!(clean(" \n "), "");
    }

    #[test]
    fn single_lines_lose_their_breaks() {
        assert_eq!(clean_line(" Ny\r\nrutine "), "Ny  rutine");
    }
}
