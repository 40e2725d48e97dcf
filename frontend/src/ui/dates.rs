//! Dates in the UI language, on the device's calendar: the one formatter for a day (in
//! two styles), and the clock. (A meeting's moment, with its time, is `meetings::format_when`.)

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::i18n::Lang;

/// The time now, from the device's clock.
pub fn now() -> DateTime<Utc> {
    #[cfg(target_arch = "wasm32")]
    {
        DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        DateTime::from_timestamp_millis(since.as_millis() as i64).unwrap_or_default()
    }
}

/// `at` on the device's clock (UTC outside a browser).
pub fn local_datetime(at: DateTime<Utc>) -> NaiveDateTime {
    #[cfg(target_arch = "wasm32")]
    {
        let js = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
            at.timestamp_millis() as f64
        ));
        // Minutes to add to local time to get UTC.
        let offset = js.get_timezone_offset() as i64;
        (at - chrono::Duration::minutes(offset)).naive_utc()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        at.naive_utc()
    }
}

/// The calendar day of `at` where the device is.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    local_datetime(at).date()
}

/// How a day is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// "06.12.2026" in Norwegian, "06/12/2026" in English: records in the admin lists
    /// (tokens, invitations, the audit log, webhooks).
    Numeric,
    /// "6. des. 2026" in Norwegian, "6 Dec 2026" in English: the project's pages.
    Medium,
}

/// The date formatter: `day` in the UI language, in `style`.
pub fn format_date(lang: Lang, day: NaiveDate, style: DateStyle) -> String {
    match style {
        DateStyle::Numeric => match lang {
            Lang::Nb | Lang::Nn => day.format("%d.%m.%Y").to_string(),
            Lang::En => day.format("%d/%m/%Y").to_string(),
        },
        DateStyle::Medium => intl(
            lang,
            &format!("{day}T12:00:00Z"),
            &[("dateStyle", "medium"), ("timeZone", "UTC")],
        )
        .unwrap_or_else(|| day.to_string()),
    }
}

/// `Intl.DateTimeFormat` of the browser, for `iso` with `options`; `None` outside a browser
/// or for an unreadable date.
fn intl(lang: Lang, iso: &str, options: &[(&str, &str)]) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsValue;
        let date = js_sys::Date::new(&JsValue::from_str(iso));
        if date.get_time().is_nan() {
            return None;
        }
        let opts = js_sys::Object::new();
        for (k, v) in options {
            let _ = js_sys::Reflect::set(&opts, &JsValue::from_str(k), &JsValue::from_str(v));
        }
        Some(date.to_locale_date_string(lang.locale(), &opts).into())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (lang, iso, options);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_written_the_norwegian_and_the_british_way() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).expect("a date");
        let numeric = |lang| format_date(lang, day, DateStyle::Numeric);
        assert_eq!(numeric(Lang::Nb), "06.12.2026");
        assert_eq!(numeric(Lang::Nn), "06.12.2026");
        assert_eq!(numeric(Lang::En), "06/12/2026");
    }
}
