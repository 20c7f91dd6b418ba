#pragma once

// Decimal digits of pi computed at run time (no stored table), for the FSB
// hash family, whose matrices are built from the parities of those digits.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hasher::digest::native {

// Returns the first `count` decimal digits of pi after the decimal point, one
// digit value (0-9) per element: 1, 4, 1, 5, 9, 2, 6, ... Deterministic; costs
// O(count log^2 count) time and about 45 bytes of transient memory per digit
// (2.2 million digits: 1.3 s on two cores, 2.3 s on one); large counts use up
// to 8 threads. Throws std::bad_alloc when memory runs out and
// std::logic_error if an internal self-check fails.
std::vector<std::uint8_t> pi_decimal_digits(std::size_t count);

// Returns the parities of the first `bit_count` decimal digits of pi after the
// point, packed most significant bit first: bit i (byte i / 8, mask
// 0x80 >> i % 8) is digit i + 1 mod 2, so the bytes start b9 de 81 ae. This
// is the bit string the FSB submission calls "the digits of pi". The last
// byte is zero-padded. Same costs and errors as pi_decimal_digits().
std::vector<std::uint8_t> pi_digit_parity_bits(std::size_t bit_count);

} // namespace hasher::digest::native
