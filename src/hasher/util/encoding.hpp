#pragma once

// Text encodings of digests: lower-case hex and RFC 4648 base32 (lower case,
// no padding, as rhash prints TTH).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hasher::util {

using Bytes = std::vector<std::uint8_t>;

// Lower-case hex of `data`.
std::string to_hex(std::span<const std::uint8_t> data);

// Decodes hex (either case); nullopt on an odd length or a non-hex digit.
std::optional<Bytes> from_hex(std::string_view text);

// RFC 4648 base32 of `data`, lower case, without padding.
std::string to_base32(std::span<const std::uint8_t> data);

// Decodes base32 (either case, padding optional); nullopt on a bad character.
std::optional<Bytes> from_base32(std::string_view text);

} // namespace hasher::util
