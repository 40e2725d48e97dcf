//! The client's address, as the login throttle and the rate limit see it. `Forwarded` and
//! `X-Forwarded-For` are believed only when the direct peer is a configured trusted proxy
//! (`VARIG_TRUSTED_PROXIES`); then the nearest address in the chain that is not itself a
//! trusted proxy is the client. Anyone else could write any address there.

use std::net::IpAddr;

use ipnet::IpNet;
use poem::Request;

pub fn client_address(req: &Request, trusted: &[IpNet]) -> String {
    let peer = req.remote_addr().as_socket_addr().map(|a| a.ip());
    let Some(peer) = peer else {
        return req.remote_addr().to_string();
    };
    let forwarded = req
        .headers()
        .get_all("forwarded")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_owned)
        .collect::<Vec<_>>();
    let x_forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_owned)
        .collect::<Vec<_>>();
    resolve(peer, &forwarded, &x_forwarded, trusted).to_string()
}

fn is_trusted(ip: &IpAddr, trusted: &[IpNet]) -> bool {
    trusted.iter().any(|n| n.contains(ip))
}

/// The addresses a `Forwarded` header lists in its `for=` pairs, in order.
fn forwarded_for(values: &[String]) -> Vec<IpAddr> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (k, v) = pair.trim().split_once('=')?;
                if !k.trim().eq_ignore_ascii_case("for") {
                    return None;
                }
                let v = v.trim().trim_matches('"');
                // `[2001:db8::1]:4711`, `192.0.2.60:47011` or a bare address.
                let host = if let Some(rest) = v.strip_prefix('[') {
                    rest.split(']').next().unwrap_or_default()
                } else if v.matches(':').count() == 1 {
                    v.split(':').next().unwrap_or_default()
                } else {
                    v
                };
                host.parse().ok()
            })
        })
        .collect()
}

fn resolve(
    peer: IpAddr,
    forwarded: &[String],
    x_forwarded: &[String],
    trusted: &[IpNet],
) -> IpAddr {
    if !is_trusted(&peer, trusted) {
        return peer;
    }
    let mut chain = forwarded_for(forwarded);
    if chain.is_empty() {
        chain = x_forwarded
            .iter()
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse().ok())
            .collect();
    }
    // From the nearest hop outwards: the first address that is not a trusted proxy.
    chain
        .iter()
        .rev()
        .find(|ip| !is_trusted(ip, trusted))
        .copied()
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn nets(v: &[&str]) -> Vec<IpNet> {
        v.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn headers_from_an_untrusted_peer_are_ignored() {
        let got = resolve(
            ip("203.0.113.9"),
            &["for=198.51.100.1".into()],
            &["198.51.100.2".into()],
            &nets(&["10.0.0.0/8"]),
        );
        assert_eq!(got, ip("203.0.113.9"));
        assert_eq!(
            resolve(ip("10.0.0.5"), &[], &["198.51.100.2".into()], &[]),
            ip("10.0.0.5"),
            "no trusted proxy configured: never believed"
        );
    }

    #[test]
    fn behind_trusted_proxies_the_nearest_untrusted_hop_is_the_client() {
        let trusted = nets(&["10.0.0.0/8"]);
        // A client that sends its own X-Forwarded-For cannot choose its address.
        let got = resolve(
            ip("10.0.0.5"),
            &[],
            &["1.2.3.4, 198.51.100.7, 10.0.0.9".into()],
            &trusted,
        );
        assert_eq!(got, ip("198.51.100.7"));
        let got = resolve(
            ip("10.0.0.5"),
            &["for=\"[2001:db8::1]:4711\", for=10.0.0.9".into()],
            &[],
            &trusted,
        );
        assert_eq!(got, ip("2001:db8::1"));
        let got = resolve(
            ip("10.0.0.5"),
            &["for=192.0.2.60:47011;proto=https".into()],
            &[],
            &trusted,
        );
        assert_eq!(got, ip("192.0.2.60"));
    }
}
