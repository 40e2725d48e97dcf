//! The printable minutes page: plain, self-contained HTML with print styles.

use varig_types::{Meeting, MeetingAction};

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

fn actions(title: &str, list: &[MeetingAction], out: &mut String) {
    if list.is_empty() {
        return;
    }
    out.push_str(&format!("<h2>{}</h2><table><thead><tr><th scope=\"col\">Aksjon</th><th scope=\"col\">Ansvarlig</th><th scope=\"col\">Frist</th><th scope=\"col\">Status</th></tr></thead><tbody>", escape(title)));
    for a in list {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&a.title),
            escape(a.responsible_name.as_deref().unwrap_or("")),
            a.due_date.map(|d| d.to_string()).unwrap_or_default(),
            if a.status == varig_types::ActionStatus::Done {
                "Utført"
            } else {
                "Åpen"
            },
        ));
    }
    out.push_str("</tbody></table>");
}

/// The minutes of `m` (attendees already resolved to names) as an HTML page in bokmål.
pub fn page(project: &str, m: &Meeting, attendees: &[String]) -> String {
    let mut out = String::from("<!doctype html><html lang=\"nb\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    out.push_str(&format!(
        "<title>Referat: {} {}</title>",
        escape(&m.title),
        m.date
    ));
    out.push_str("<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:1.5rem auto;padding:0 1rem;line-height:1.5;color:#111}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}@media print{body{margin:0;max-width:none}}</style></head><body><main>");
    out.push_str(&format!("<h1>Referat: {}</h1>", escape(&m.title)));
    out.push_str(&format!(
        "<p>{} · {} · status: {}</p>",
        escape(project),
        m.held_on.unwrap_or(m.date),
        m.status.as_str()
    ));
    if let Some(reason) = &m.cancel_reason {
        out.push_str(&format!("<p>Avlyst: {}</p>", para(reason)));
    }
    if !attendees.is_empty() {
        out.push_str("<h2>Til stede</h2><ul>");
        for a in attendees {
            out.push_str(&format!("<li>{}</li>", escape(a)));
        }
        out.push_str("</ul>");
    }
    out.push_str("<h2>Saker</h2><ol>");
    for item in &m.agenda {
        out.push_str(&format!(
            "<li><h3>{}</h3><p>{}</p></li>",
            escape(&item.title),
            para(&item.minutes)
        ));
    }
    out.push_str("</ol>");
    if !m.decisions.is_empty() {
        out.push_str("<h2>Beslutninger</h2><ol>");
        for d in &m.decisions {
            out.push_str(&format!("<li>{}</li>", para(d)));
        }
        out.push_str("</ol>");
    }
    actions("Nye aksjoner", &m.actions, &mut out);
    actions("Aksjoner fra tidligere møter", &m.carried_over, &mut out);
    match m.minutes_published_at {
        Some(t) => out.push_str(&format!(
            "<p>Referatet ble publisert {}.</p>",
            t.format("%Y-%m-%d %H:%M UTC")
        )),
        None => out.push_str("<p>Utkast: referatet er ikke publisert.</p>"),
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
