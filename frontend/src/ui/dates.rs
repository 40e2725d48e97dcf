//! Dates in the UI language: "06.12.2026" in Norwegian, "06/12/2026" in English, on the
//! device's calendar day.

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

pub fn format_day(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Nb | Lang::Nn => date.format("%d.%m.%Y").to_string(),
        Lang::En => date.format("%d/%m/%Y").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_written_the_norwegian_and_the_british_way() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).expect("a date");
        assert_eq!(format_day(day, Lang::Nb), "06.12.2026");
        assert_eq!(format_day(day, Lang::Nn), "06.12.2026");
        assert_eq!(format_day(day, Lang::En), "06/12/2026");
    }
}
