//! Helpers of the string built-ins: PostgreSQL regular expressions through the `regex` crate,
//! MD5, repeat and padding (their results charged to the memory budget).

use crate::error::{Error, Result};

/// A PostgreSQL regular expression as the `regex` crate reads it.
pub fn regex(pattern: &str, case_insensitive: bool) -> Result<regex::Regex> {
    regex::RegexBuilder::new(pattern).case_insensitive(case_insensitive).build().map_err(|e| {
        // The regex crate's words for what PostgreSQL's regcomp says.
        let text = e.to_string();
        let what = text.rsplit("error: ").next().unwrap_or(&text).trim();
        let said = match what {
            "unclosed group" | "unopened group" => "parentheses () not balanced",
            "unclosed character class" => "brackets [] not balanced",
            "repetition operator missing expression" => "quantifier operand invalid",
            other => other,
        };
        Error::new("2201B", format!("invalid regular expression: {said}"))
    })
}

/// PostgreSQL's replacement text (`\1`, `\&`) in the `regex` crate's syntax (`${1}`, `${0}`).
pub fn replacement(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().copied()) {
            ('\\', Some(d)) if d.is_ascii_digit() => {
                out.push_str(&format!("${{{d}}}"));
                chars.next();
            }
            ('\\', Some('&')) => {
                out.push_str("${0}");
                chars.next();
            }
            ('\\', Some('\\')) => {
                out.push('\\');
                chars.next();
            }
            ('$', _) => out.push_str("$$"),
            (c, _) => out.push(c),
        }
    }
    out
}

/// MD5 of `data` as 32 hex digits (RFC 1321).
pub fn md5_hex(data: &[u8]) -> String {
    const S: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5,
        9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    let k: Vec<u32> =
        (0..64).map(|i| ((i as f64 + 1.0).sin().abs() * 4_294_967_296.0) as u32).collect();
    let mut msg = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_le_bytes());
    let mut h: [u32; 4] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];
    for chunk in msg.chunks(64) {
        let w: Vec<u32> =
            chunk.chunks(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        let [mut a, mut b, mut c, mut d] = h;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let f = f.wrapping_add(a).wrapping_add(k[i]).wrapping_add(w[g]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(f.rotate_left(S[i]));
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().flat_map(|x| x.to_le_bytes()).map(|b| format!("{b:02x}")).collect()
}

/// repeat(text, n): the text n times (none for n <= 0).
pub fn repeat(s: &str, n: i64) -> Result<String> {
    let n = usize::try_from(n).unwrap_or(0);
    let bytes = s.len().saturating_mul(n);
    if bytes > 0x3fff_ffff {
        return Err(Error::new("54000", "requested length too large"));
    }
    crate::engine::memory::reserve(bytes, "the result of repeat()")?;
    Ok(s.repeat(n))
}

/// lpad / rpad: `s` filled with `fill` to `len` characters (on the left for lpad), or cut to
/// `len` characters from its start.
pub fn pad(s: &str, len: i64, fill: &str, left: bool) -> Result<String> {
    let len = usize::try_from(len).unwrap_or(0);
    let have = s.chars().count();
    if have >= len || fill.is_empty() {
        return Ok(s.chars().take(len).collect());
    }
    if len > 0x3fff_ffff {
        return Err(Error::new("54000", "requested length too large"));
    }
    let more = len - have;
    crate::engine::memory::reserve(
        len.saturating_mul(fill.len().max(s.len().max(1))),
        "the result of lpad()/rpad()",
    )?;
    let filler: String = fill.chars().cycle().take(more).collect();
    Ok(if left { filler + s } else { s.to_string() + &filler })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_matches_rfc_1321() {
        assert_eq!(md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(md5_hex(b"a"), "0cc175b9c0f1b6a831c399e269772661");
        assert_eq!(
            md5_hex(
                b"12345678901234567890123456789012345678901234567890123456789012345678901234567890"
            ),
            "57edf4a22be3c955ac49da2e2107b67a"
        );
    }

    #[test]
    fn replacement_syntax() {
        assert_eq!(replacement("[\\1]$"), "[${1}]$$");
    }
}
