//! iCalendar (RFC 5545) output: events in UTC, text escaped, lines folded at 75 octets,
//! CRLF line ends.

use chrono::{DateTime, Utc};

pub struct Event {
    pub uid: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub description: String,
    pub cancelled: bool,
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line into lines of at most 75 octets (continuations start with a space),
/// never splitting a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

pub fn calendar(name: &str, events: &[Event], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Varig//Meetings//NB",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold(l, &mut out);
    }
    fold(&format!("X-WR-CALNAME:{}", escape(name)), &mut out);
    for e in events {
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}", e.uid), &mut out);
        fold(&format!("DTSTAMP:{}", stamp(now)), &mut out);
        fold(&format!("DTSTART:{}", stamp(e.start)), &mut out);
        fold(&format!("DTEND:{}", stamp(e.end)), &mut out);
        fold(&format!("SUMMARY:{}", escape(&e.summary)), &mut out);
        if !e.description.is_empty() {
            fold(&format!("DESCRIPTION:{}", escape(&e.description)), &mut out);
        }
        fold(
            if e.cancelled {
                "STATUS:CANCELLED"
            } else {
                "STATUS:CONFIRMED"
            },
            &mut out,
        );
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_escaped_folded_and_in_utc() {
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let e = Event {
            uid: "s1-2027-03-02@varig".into(),
            start: t("2027-03-02T09:00:00Z"),
            end: t("2027-03-02T10:00:00Z"),
            summary: "Statusmøte; prosjekteier, BTI".into(),
            description: "Linje 1\nLinje 2 ".repeat(10),
            cancelled: false,
        };
        let cal = calendar("BTI, Nord", &[e], t("2026-11-25T00:00:00Z"));
        assert!(cal.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(cal.ends_with("END:VCALENDAR\r\n"));
        assert!(cal.contains("DTSTART:20270302T090000Z\r\n"));
        assert!(cal.contains("SUMMARY:Statusmøte\\; prosjekteier\\, BTI\r\n"));
        assert!(cal.contains("X-WR-CALNAME:BTI\\, Nord\r\n"));
        for line in cal.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert!(cal.contains("\r\n "), "the long description is folded");
        assert!(
            !cal.replace("\r\n", "").contains('\n'),
            "no bare line feeds"
        );
    }
}
