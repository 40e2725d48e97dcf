//! The printable minutes page: plain, self-contained HTML with print styles.

use varig_types::{Meeting, MeetingAction, MeetingStatus};

use crate::lang::Lang;

/// The page's fixed words, in bokmål, nynorsk and English.
struct Words {
    minutes: [&'static str; 3],
    action: [&'static str; 3],
    responsible: [&'static str; 3],
    due: [&'static str; 3],
    status: [&'static str; 3],
    done: [&'static str; 3],
    open: [&'static str; 3],
    cancelled: [&'static str; 3],
    present: [&'static str; 3],
    items: [&'static str; 3],
    decisions: [&'static str; 3],
    new_actions: [&'static str; 3],
    carried_over: [&'static str; 3],
    published: [&'static str; 3],
    draft: [&'static str; 3],
}

const WORDS: Words = Words {
    minutes: ["Referat", "Referat", "Minutes"],
    action: ["Oppgave", "Oppgåve", "Action"],
    responsible: ["Ansvarlig", "Ansvarleg", "Responsible"],
    due: ["Frist", "Frist", "Due"],
    status: ["Status", "Status", "Status"],
    done: ["Utført", "Utført", "Done"],
    open: ["Åpen", "Open", "Open"],
    cancelled: ["Avlyst", "Avlyst", "Cancelled"],
    present: ["Til stede", "Til stades", "Present"],
    items: ["Saker", "Saker", "Items"],
    decisions: ["Beslutninger", "Avgjerder", "Decisions"],
    new_actions: ["Nye oppgaver", "Nye oppgåver", "New actions"],
    carried_over: [
        "Oppgaver fra tidligere møter",
        "Oppgåver frå tidlegare møte",
        "Actions from earlier meetings",
    ],
    published: [
        "Referatet ble publisert",
        "Referatet vart publisert",
        "The minutes were published",
    ],
    draft: [
        "Utkast: referatet er ikke publisert.",
        "Utkast: referatet er ikkje publisert.",
        "Draft: the minutes are not published.",
    ],
};

fn status_words(status: MeetingStatus) -> [&'static str; 3] {
    match status {
        MeetingStatus::Planned => ["planlagt", "planlagt", "planned"],
        MeetingStatus::Held => ["holdt", "halde", "held"],
        MeetingStatus::Moved => ["flyttet", "flytta", "moved"],
        MeetingStatus::Cancelled => ["avlyst", "avlyst", "cancelled"],
    }
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn para(text: &str) -> String {
    escape(text).replace('\n', "<br>")
}

fn actions(lang: Lang, title: &str, list: &[MeetingAction], out: &mut String) {
    if list.is_empty() {
        return;
    }
    out.push_str(&format!(
        "<h2>{}</h2><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(title),
        lang.pick(WORDS.action),
        lang.pick(WORDS.responsible),
        lang.pick(WORDS.due),
        lang.pick(WORDS.status),
    ));
    for a in list {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&a.title),
            escape(a.responsible_name.as_deref().unwrap_or("")),
            a.due_date.map(|d| d.to_string()).unwrap_or_default(),
            if a.status == varig_types::ActionStatus::Done {
                lang.pick(WORDS.done)
            } else {
                lang.pick(WORDS.open)
            },
        ));
    }
    out.push_str("</tbody></table>");
}

/// The minutes of `m` (attendees already resolved to names) as an HTML page in `lang`.
pub fn page(lang: Lang, project: &str, m: &Meeting, attendees: &[String]) -> String {
    let w = |words: [&'static str; 3]| lang.pick(words);
    let mut out = format!("<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", lang.code());
    out.push_str(&format!(
        "<title>{}: {} {}</title>",
        w(WORDS.minutes),
        escape(&m.title),
        m.date
    ));
    out.push_str("<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:1.5rem auto;padding:0 1rem;line-height:1.5;color:#111}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}@media print{body{margin:0;max-width:none}}</style></head><body><main>");
    out.push_str(&format!(
        "<h1>{}: {}</h1>",
        w(WORDS.minutes),
        escape(&m.title)
    ));
    out.push_str(&format!(
        "<p>{} · {} · {}: {}</p>",
        escape(project),
        m.held_on.unwrap_or(m.date),
        w(WORDS.status).to_lowercase(),
        w(status_words(m.status))
    ));
    if let Some(reason) = &m.cancel_reason {
        out.push_str(&format!("<p>{}: {}</p>", w(WORDS.cancelled), para(reason)));
    }
    if !attendees.is_empty() {
        out.push_str(&format!("<h2>{}</h2><ul>", w(WORDS.present)));
        for a in attendees {
            out.push_str(&format!("<li>{}</li>", escape(a)));
        }
        out.push_str("</ul>");
    }
    out.push_str(&format!("<h2>{}</h2><ol>", w(WORDS.items)));
    for item in &m.agenda {
        out.push_str(&format!(
            "<li><h3>{}</h3><p>{}</p></li>",
            escape(&item.title),
            para(&item.minutes)
        ));
    }
    out.push_str("</ol>");
    if !m.decisions.is_empty() {
        out.push_str(&format!("<h2>{}</h2><ol>", w(WORDS.decisions)));
        for d in &m.decisions {
            out.push_str(&format!("<li>{}</li>", para(d)));
        }
        out.push_str("</ol>");
    }
    actions(lang, w(WORDS.new_actions), &m.actions, &mut out);
    actions(lang, w(WORDS.carried_over), &m.carried_over, &mut out);
    match m.minutes_published_at {
        Some(t) => out.push_str(&format!(
            "<p>{} {}.</p>",
            w(WORDS.published),
            t.format("%Y-%m-%d %H:%M UTC")
        )),
        None => out.push_str(&format!("<p>{}</p>", w(WORDS.draft))),
    }
    out.push_str("</main></body></html>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<b>\"Ja\" & 'nei'</b>"),
            "&lt;b&gt;&quot;Ja&quot; &amp; &#39;nei&#39;&lt;/b&gt;"
        );
        assert_eq!(para("a\n<b>"), "a<br>&lt;b&gt;");
    }
}
