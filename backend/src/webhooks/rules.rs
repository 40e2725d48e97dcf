//! The pure rules of webhooks: which addresses may be called (the SSRF guard), which events
//! a subscription wants, when to try again, and the Standard Webhooks signature.

use std::net::IpAddr;
use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use varig_types::WebhookEventType;

/// Waits before each retry after a failed attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
/// 10 h — eight attempts over 27 h 35 min (the Standard Webhooks / Svix schedule).
pub const DEFAULT_RETRY_SECS: [f64; 7] = [5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0, 36000.0];

pub const SECRET_PREFIX: &str = "whsec_";

/// How long to wait after `attempts` failed attempts, or `None` to give up.
pub fn retry_after(attempts: u32, schedule: &[f64]) -> Option<Duration> {
    let i = usize::try_from(attempts).ok()?.checked_sub(1)?;
    schedule
        .get(i)
        .map(|secs| Duration::from_secs_f64(secs.max(0.0)))
}

/// Whether a subscription for `types` (empty: all) and `project` (none: all) wants an event.
pub fn wants(
    types: &[WebhookEventType],
    project: Option<&str>,
    event_type: WebhookEventType,
    event_project: Option<&str>,
) -> bool {
    (types.is_empty() || types.contains(&event_type))
        && project.is_none_or(|p| event_project == Some(p))
}

/// Event types as stored (comma-separated); an unknown stored name is logged and skipped.
pub fn parse_types(stored: &str) -> Vec<WebhookEventType> {
    stored
        .split(',')
        .filter(|s| !s.is_empty())
        .filter_map(|s| {
            let t = WebhookEventType::parse(s);
            if t.is_none() {
                tracing::error!(event_type = %s, "unknown stored webhook event type");
            }
            t
        })
        .collect()
}

pub fn store_types(types: &[WebhookEventType]) -> String {
    let mut names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.join(",")
}

/// Why a target address is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetError {
    Malformed,
    /// Only `https` (and `http` to an allowed network).
    Scheme,
    /// `user:password@` in the address.
    Credentials,
    /// The host has no address.
    Unresolvable,
    /// The host resolves to an address that is not on the public internet.
    NotPublic(IpAddr),
}

impl TargetError {
    pub fn code(&self) -> &'static str {
        match self {
            TargetError::Malformed => "malformed",
            TargetError::Scheme => "not_https",
            TargetError::Credentials => "credentials_in_url",
            TargetError::Unresolvable => "unresolvable",
            TargetError::NotPublic(_) => "not_public",
        }
    }

    pub fn message(&self) -> String {
        match self {
            TargetError::Malformed => "must be an absolute http(s) address".into(),
            TargetError::Scheme => "must be an https:// address".into(),
            TargetError::Credentials => "must not carry a user name or password".into(),
            TargetError::Unresolvable => "the host name does not resolve".into(),
            TargetError::NotPublic(ip) => format!(
                "resolves to {ip}, which is not a public internet address (loopback, private, \
                 link-local and metadata addresses are refused)"
            ),
        }
    }
}

/// The parts of a target address that the guard and the sender need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub url: url::Url,
    pub host: String,
    pub port: u16,
    pub https: bool,
}

pub fn parse_target(raw: &str) -> Result<Target, TargetError> {
    let url = url::Url::parse(raw.trim()).map_err(|_| TargetError::Malformed)?;
    let https = match url.scheme() {
        "https" => true,
        "http" => false,
        _ => return Err(TargetError::Malformed),
    };
    if !url.username().is_empty() || url.password().is_some() {
        return Err(TargetError::Credentials);
    }
    let host = match url.host() {
        Some(url::Host::Domain(d)) => d.to_owned(),
        Some(url::Host::Ipv4(ip)) => ip.to_string(),
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        None => return Err(TargetError::Malformed),
    };
    let port = url.port_or_known_default().ok_or(TargetError::Malformed)?;
    Ok(Target {
        url,
        host,
        port,
        https,
    })
}

/// Whether `ip` is outside the public internet: loopback, private, shared (CGNAT),
/// link-local (which holds the cloud metadata address 169.254.169.254), unique-local,
/// unspecified, multicast, broadcast, documentation and reserved ranges.
pub fn not_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0 && v4.octets()[2] == 0)
                || (a == 198 && (18..20).contains(&b))
                || a >= 240
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return not_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || v6.is_unique_local()
                || v6.is_unicast_link_local()
                || first == 0x2001 && v6.segments()[1] == 0x0db8
                || first == 0x0064 && v6.segments()[1] == 0xff9b
        }
    }
}

/// Whether a call to `addresses` (what the host resolved to) over `https` (or not) is
/// allowed: every address public and https, or every address in an operator-allowed network
/// (which may then be plain http: the tests' local receiver).
pub fn check_addresses(
    addresses: &[IpAddr],
    https: bool,
    allowed: &[ipnet::IpNet],
) -> Result<(), TargetError> {
    if addresses.is_empty() {
        return Err(TargetError::Unresolvable);
    }
    let all_allowed = addresses
        .iter()
        .all(|ip| allowed.iter().any(|n| n.contains(ip)));
    if all_allowed {
        return Ok(());
    }
    if let Some(ip) = addresses.iter().find(|ip| not_public(**ip)) {
        return Err(TargetError::NotPublic(*ip));
    }
    if !https {
        return Err(TargetError::Scheme);
    }
    Ok(())
}

/// A new signing secret: `whsec_` and the base64 of 32 random bytes.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{SECRET_PREFIX}{}", STANDARD.encode(bytes))
}

/// The `webhook-signature` header for a message: `v1,` and the base64 HMAC-SHA256 of
/// `{id}.{timestamp}.{body}` keyed with the secret's bytes.
pub fn signature(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Option<String> {
    let key = STANDARD
        .decode(secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret))
        .ok()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    Some(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ips(list: &[&str]) -> Vec<IpAddr> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn private_loopback_link_local_and_metadata_addresses_are_refused_public_ones_pass() {
        for bad in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00:ec2::254",
            "fe80::1",
            "::ffff:127.0.0.1",
            "224.0.0.1",
        ] {
            assert_eq!(
                check_addresses(&ips(&[bad]), true, &[]),
                Err(TargetError::NotPublic(bad.parse().unwrap())),
                "{bad}"
            );
        }
        assert_eq!(
            check_addresses(&ips(&["93.184.216.34", "2606:2800:220:1::"]), true, &[]),
            Ok(())
        );
        // One private address among public ones is enough to refuse (DNS rebinding).
        assert!(check_addresses(&ips(&["93.184.216.34", "10.0.0.1"]), true, &[]).is_err());
        assert_eq!(
            check_addresses(&[], true, &[]),
            Err(TargetError::Unresolvable)
        );
    }

    #[test]
    fn plain_http_is_refused_unless_the_operator_allowed_the_network() {
        assert_eq!(
            check_addresses(&ips(&["93.184.216.34"]), false, &[]),
            Err(TargetError::Scheme)
        );
        let allowed: Vec<ipnet::IpNet> = vec!["127.0.0.0/8".parse().unwrap()];
        assert_eq!(
            check_addresses(&ips(&["127.0.0.1"]), false, &allowed),
            Ok(())
        );
        assert!(check_addresses(&ips(&["10.0.0.1"]), false, &allowed).is_err());
    }

    #[test]
    fn addresses_with_credentials_or_other_schemes_do_not_parse() {
        assert_eq!(
            parse_target("https://u:p@example.org/"),
            Err(TargetError::Credentials)
        );
        assert_eq!(
            parse_target("ftp://example.org/"),
            Err(TargetError::Malformed)
        );
        assert_eq!(
            parse_target("example.org/hook"),
            Err(TargetError::Malformed)
        );
        let t = parse_target("https://example.org/hook?x=1").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.https),
            ("example.org", 443, true)
        );
    }

    #[test]
    fn retries_follow_the_schedule_for_more_than_a_day_then_stop() {
        let total: f64 = DEFAULT_RETRY_SECS.iter().sum();
        assert!(total > 24.0 * 3600.0, "{total}");
        assert_eq!(
            retry_after(1, &DEFAULT_RETRY_SECS),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            retry_after(7, &DEFAULT_RETRY_SECS),
            Some(Duration::from_secs(36000))
        );
        assert_eq!(retry_after(8, &DEFAULT_RETRY_SECS), None);
        assert_eq!(retry_after(0, &DEFAULT_RETRY_SECS), None);
    }

    #[test]
    fn a_subscription_wants_its_types_and_its_project_only() {
        use WebhookEventType as T;
        assert!(wants(&[], None, T::ReportFiled, Some("p")));
        assert!(wants(&[T::GateDecided], None, T::GateDecided, None));
        assert!(!wants(&[T::GateDecided], None, T::ReportFiled, Some("p")));
        assert!(wants(&[], Some("p"), T::ReportFiled, Some("p")));
        assert!(!wants(&[], Some("p"), T::ReportFiled, Some("q")));
        assert!(!wants(&[], Some("p"), T::MemberAdded, None));
    }

    #[test]
    fn the_signature_is_the_standard_webhooks_one() {
        // The example of the Standard Webhooks specification's test vectors.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let sig = signature(
            secret,
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            br#"{"test": 2432232314}"#,
        );
        assert_eq!(
            sig.as_deref(),
            Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        );
        assert!(new_secret().starts_with(SECRET_PREFIX));
    }
}
