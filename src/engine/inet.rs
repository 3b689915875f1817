//! The network address types inet and cidr: input checked and put in PostgreSQL's output form.
//! Values are held as that text, so equality (what keys need) is exact; ordering is the text's.

use std::net::IpAddr;

use crate::error::{Error, Result};

/// Parses `address[/bits]` as inet (`cidr` false) or cidr, giving PostgreSQL's output text: inet
/// leaves out a full-length mask, cidr always shows it and refuses host bits right of it.
pub fn parse_network(text: &str, cidr: bool) -> Result<String> {
    let kind = if cidr { "cidr" } else { "inet" };
    let bad = || Error::new("22P02", format!("invalid input syntax for type {kind}: \"{text}\""));
    let trimmed = text.trim();
    let (addr, bits) = match trimmed.split_once('/') {
        Some((a, b)) => (a, Some(b.parse::<u8>().map_err(|_| bad())?)),
        None => (trimmed, None),
    };
    let ip: IpAddr = addr.parse().map_err(|_| bad())?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let bits = bits.unwrap_or(max);
    if bits > max {
        return Err(bad());
    }
    if cidr {
        let host_bits = match ip {
            IpAddr::V4(v4) => u128::from(u32::from(v4)) & ((1u128 << (32 - u32::from(bits))) - 1),
            IpAddr::V6(v6) => {
                let host = 128 - u32::from(bits);
                if host == 128 { u128::from(v6) } else { u128::from(v6) & ((1u128 << host) - 1) }
            }
        };
        if host_bits != 0 {
            return Err(Error::new("22P02", format!("invalid cidr value: \"{text}\""))
                .with_detail("Value has bits set to right of mask."));
        }
        return Ok(format!("{ip}/{bits}"));
    }
    Ok(if bits == max { ip.to_string() } else { format!("{ip}/{bits}") })
}
