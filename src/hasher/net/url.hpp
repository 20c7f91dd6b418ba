#pragma once

// The parts of an http or https URL (RFC 3986 section 3) that naming and
// transfers need. Only what libcurl will fetch is accepted: no other scheme,
// no user information, no empty host. The path and query stay
// percent-encoded as given; safe_name.hpp decodes them for file names.

#include <hasher/util/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hasher::net {

struct Url {
  std::string scheme;                // "http" or "https", lower case
  std::string host;                  // lower case; IPv6 without brackets
  std::optional<std::uint16_t> port; // when given explicitly
  std::string path;                  // "/" when empty; still encoded
  std::string query;                 // after '?', without it; still encoded
};

// Splits `text` (leading and trailing blanks ignored; a fragment is
// dropped). Fails with ErrorKind::invalid, subject `text`, for another
// scheme, user information, a bad port or an empty host. Thread-safe.
util::Result<Url> parse_url(std::string_view text);

// `%XX` sequences decoded; a malformed one is kept as written.
std::string percent_decode(std::string_view text);

} // namespace hasher::net
