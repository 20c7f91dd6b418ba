// GOST R 34.11-94, the Russian 256-bit hash standard of 1994, described in
// English in RFC 5831 ("Step Hash Function": key generation, encryption and
// shuffle transformations; "Procedure for Calculating the Hash Function").
// Every 32-byte block M updates the chaining value H through the step function
// chi(M, H): four GOST 28147-89 keys are derived from H and M, the four 64-bit
// quarters of H are encrypted with them, and the result is mixed with M and H
// by the 16-bit linear shift register psi. A 256-bit sum of the blocks and
// the bit length are hashed in last. The standard leaves the GOST 28147-89
// S-box open; this file provides four: the test parameters of GOST R 34.11-94
// (id-GostR3411-94-TestParamSet) and id-GostR3411-94-CryptoProParamSet, both
// from RFC 4357 section 11.2; the Ukrainian GOST 34.311-95 S-box of DSTU GOST
// 28147:2009 (as RustCrypto's gost94 crate's Gost94UA uses it); and the S-box
// of GOST R 34.12-2015 (id-tc26-gost-28147-param-Z, RFC 7836 appendix,
// the Magma S-box of RFC 8891). Test vectors: tests/data/vectors/gost94_*.txt,
// decoded from RustCrypto's gost94 test data (and, for s2015, the outputs of
// RustCrypto's Gost94s2015 published in lzghzr/wasm-rust-hash tests/web.rs);
// test and CryptoPro also agree with rhash on a 256 MiB message. Design: the
// 256-bit values are little-endian numbers (byte 0 least significant), kept as
// four 64-bit words; each S-box is expanded at compile time into the usual four
// 256-entry tables that fold the S-box lookup and the 11-bit rotation of the
// GOST 28147-89 round together (16 KiB of tables in all); the four encryptions
// of a step are independent and run interleaved, since one encryption alone is
// a chain of dependent lookups; psi runs on the 64-bit words, four steps at a
// time.

#include <hasher/digest/native/gost94.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace hasher::digest::native {
namespace {

constexpr std::size_t k_block_size = 32;

// A GOST 28147-89 S-box: row i is the substitution K(i+1) applied to the
// 4-bit nibble i (bits 4i..4i+3) of the 32-bit round value.
using SboxRows = std::array<std::array<std::uint8_t, 16>, 8>;

// GOST R 34.11-94 test parameters (id-GostR3411-94-TestParamSet, OID
// 1.2.643.2.2.30.0): the S-box of the standard's worked examples (RFC 5831
// examples section) and of RFC 4357 section 11.2.
constexpr SboxRows k_test_sbox{{
    {4, 10, 9, 2, 13, 8, 0, 14, 6, 11, 1, 12, 7, 15, 5, 3},
    {14, 11, 4, 12, 6, 13, 15, 10, 2, 3, 8, 1, 0, 7, 5, 9},
    {5, 8, 1, 13, 10, 3, 4, 2, 14, 15, 12, 7, 6, 0, 9, 11},
    {7, 13, 10, 1, 0, 8, 9, 15, 14, 4, 6, 12, 11, 2, 5, 3},
    {6, 12, 7, 1, 5, 15, 13, 8, 4, 10, 9, 14, 0, 3, 11, 2},
    {4, 11, 10, 0, 7, 2, 1, 13, 3, 6, 8, 5, 9, 12, 15, 14},
    {13, 11, 4, 1, 3, 15, 5, 9, 0, 10, 14, 7, 6, 8, 2, 12},
    {1, 15, 13, 0, 5, 7, 10, 4, 9, 2, 3, 14, 6, 11, 8, 12},
}};

// id-GostR3411-94-CryptoProParamSet (OID 1.2.643.2.2.30.1), RFC 4357
// section 11.2.
constexpr SboxRows k_cryptopro_sbox{{
    {10, 4, 5, 6, 8, 1, 3, 7, 13, 12, 14, 0, 9, 2, 11, 15},
    {5, 15, 4, 0, 2, 13, 11, 9, 1, 7, 6, 3, 12, 14, 10, 8},
    {7, 15, 12, 14, 9, 4, 1, 0, 3, 11, 5, 2, 6, 10, 8, 13},
    {4, 10, 7, 12, 0, 15, 2, 8, 14, 1, 6, 5, 13, 11, 9, 3},
    {7, 6, 4, 11, 9, 12, 2, 10, 1, 8, 0, 14, 15, 13, 3, 5},
    {7, 6, 2, 4, 13, 9, 15, 0, 10, 1, 5, 11, 8, 14, 12, 3},
    {13, 14, 4, 1, 7, 0, 5, 10, 3, 12, 8, 15, 6, 2, 9, 11},
    {1, 3, 10, 9, 5, 11, 4, 15, 8, 6, 7, 14, 13, 0, 2, 12},
}};

// GOST 34.311-95 with the S-box of DSTU GOST 28147:2009 (the Ukrainian
// parameters, OID 1.2.804.2.1.1.1.1.2.1), as used by RustCrypto's Gost94UA.
constexpr SboxRows k_ua_sbox{{
    {10, 9, 13, 6, 14, 11, 4, 5, 15, 1, 3, 12, 7, 0, 8, 2},
    {8, 0, 12, 4, 9, 6, 7, 11, 2, 3, 1, 15, 5, 14, 10, 13},
    {15, 6, 5, 8, 14, 11, 10, 4, 12, 0, 3, 7, 2, 9, 1, 13},
    {3, 8, 13, 9, 6, 11, 15, 0, 2, 5, 12, 10, 4, 14, 1, 7},
    {15, 8, 14, 9, 7, 2, 0, 13, 12, 6, 1, 5, 11, 4, 3, 10},
    {2, 8, 9, 7, 5, 15, 0, 11, 12, 1, 13, 14, 10, 3, 6, 4},
    {3, 8, 11, 5, 6, 4, 14, 10, 2, 12, 1, 7, 9, 15, 13, 0},
    {1, 2, 3, 14, 6, 13, 11, 8, 15, 10, 12, 5, 7, 9, 0, 4},
}};

// GOST R 34.12-2015 S-box (id-tc26-gost-28147-param-Z, RFC 7836 appendix;
// Pi'_0..Pi'_7 of RFC 8891 section 4.1).
constexpr SboxRows k_s2015_sbox{{
    {12, 4, 6, 2, 10, 5, 11, 9, 14, 8, 13, 7, 0, 3, 15, 1},
    {6, 8, 2, 3, 9, 10, 5, 12, 1, 14, 4, 7, 11, 13, 0, 15},
    {11, 3, 5, 8, 2, 15, 10, 13, 14, 1, 7, 4, 12, 9, 6, 0},
    {12, 8, 2, 1, 13, 4, 15, 6, 7, 0, 10, 5, 3, 14, 9, 11},
    {7, 15, 5, 10, 8, 1, 6, 13, 0, 9, 3, 14, 11, 4, 2, 12},
    {5, 13, 15, 6, 9, 2, 12, 10, 11, 7, 8, 1, 4, 3, 14, 0},
    {8, 14, 2, 5, 6, 9, 1, 12, 15, 4, 11, 0, 13, 10, 3, 7},
    {1, 7, 14, 13, 0, 5, 8, 3, 4, 15, 10, 6, 9, 12, 11, 2},
}};

// Table j maps byte j of the round value x to S(x) restricted to that byte,
// already rotated left by 11, so the round function is four lookups XORed.
using RoundTables = std::array<std::array<std::uint32_t, 256>, 4>;

constexpr RoundTables make_round_tables(const SboxRows& sbox) {
  RoundTables tables{};
  for (std::size_t j = 0; j < 4; ++j) {
    for (std::size_t b = 0; b < 256; ++b) {
      const std::uint32_t low = sbox[2 * j][b & 15];
      const std::uint32_t high = sbox[2 * j + 1][b >> 4];
      const std::uint32_t value = (low | (high << 4)) << (8 * j);
      tables[j][b] = std::rotl(value, 11);
    }
  }
  return tables;
}

constexpr RoundTables k_test_tables = make_round_tables(k_test_sbox);
constexpr RoundTables k_cryptopro_tables = make_round_tables(k_cryptopro_sbox);
constexpr RoundTables k_ua_tables = make_round_tables(k_ua_sbox);
constexpr RoundTables k_s2015_tables = make_round_tables(k_s2015_sbox);

// A 256-bit value as a little-endian number: word 0 is bytes 0..7.
using Words = std::array<std::uint64_t, 4>;

// Little-endian 64-bit load; memcpy is the byte-exact load on the
// little-endian hosts we build for, bytes are assembled by hand otherwise.
inline std::uint64_t load_le64(const std::uint8_t* p) {
  if constexpr (std::endian::native == std::endian::little) {
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  } else {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) {
      v = (v << 8) | p[i];
    }
    return v;
  }
}

inline void store_le64(std::uint8_t* p, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    p[i] = static_cast<std::uint8_t>(v >> (8 * i));
  }
}

// The constant C3 of the key generation (RFC 5831), written there most
// significant byte first as ff00ffff000000ff ff0000ff00ffff00
// 00ff00ff00ff00ff ff00ff00ff00ff00; here as little-endian words.
constexpr Words k_c3{0xff00ff00ff00ff00ULL, 0x00ff00ff00ff00ffULL,
                     0xff0000ff00ffff00ULL, 0xff00ffff000000ffULL};

// A(Y) = (y1 ^ y2) || y4 || y3 || y2 over 64-bit words, y1 least significant.
inline Words transform_a(const Words& y) {
  return {y[1], y[2], y[3], y[0] ^ y[1]};
}

// P(Y): byte i + 4k of the key is byte 8i + k of W (RFC 5831, phi), so key
// word k collects byte k of each 64-bit word of W.
inline void transform_p(const Words& w, std::uint32_t* key) {
  for (int k = 0; k < 8; ++k) {
    const int shift = 8 * k;
    key[k] = static_cast<std::uint32_t>((w[0] >> shift) & 0xff) |
             static_cast<std::uint32_t>((w[1] >> shift) & 0xff) << 8 |
             static_cast<std::uint32_t>((w[2] >> shift) & 0xff) << 16 |
             static_cast<std::uint32_t>((w[3] >> shift) & 0xff) << 24;
  }
}

inline std::uint32_t round_function(const RoundTables& t, std::uint32_t x) {
  return t[0][x & 0xff] ^ t[1][(x >> 8) & 0xff] ^ t[2][(x >> 16) & 0xff] ^
         t[3][x >> 24];
}

// The order in which the 32 rounds of GOST 28147-89 use the key words: k0..k7
// three times, then k7..k0.
constexpr std::array<std::uint8_t, 32> k_key_order{
    0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7,
    0, 1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1, 0};

// GOST 28147-89 encryption in simple substitution mode of the four 64-bit
// words of `in`, word i under key i (N1 = low half, N2 = high half; the
// halves are not swapped after the last round). The four encryptions are
// independent, so they run interleaved: one round is a chain of dependent
// table lookups, and four chains keep the load units busy.
inline Words encrypt4(const RoundTables& t, const std::uint32_t (&keys)[4][8],
                      const Words& in) {
  std::uint32_t n1[4];
  std::uint32_t n2[4];
  for (int l = 0; l < 4; ++l) {
    n1[l] = static_cast<std::uint32_t>(in[l]);
    n2[l] = static_cast<std::uint32_t>(in[l] >> 32);
  }
#pragma GCC unroll 16
  for (std::size_t r = 0; r < 32; r += 2) {
    const std::size_t ka = k_key_order[r];
    const std::size_t kb = k_key_order[r + 1];
#pragma GCC unroll 4
    for (int l = 0; l < 4; ++l) {
      n2[l] ^= round_function(t, n1[l] + keys[l][ka]);
    }
#pragma GCC unroll 4
    for (int l = 0; l < 4; ++l) {
      n1[l] ^= round_function(t, n2[l] + keys[l][kb]);
    }
  }
  // After an even number of unswapped rounds N1 is in n2 and N2 in n1.
  Words out;
  for (int l = 0; l < 4; ++l) {
    out[l] = (static_cast<std::uint64_t>(n1[l]) << 32) | n2[l];
  }
  return out;
}

// psi (RFC 5831) shifts the sixteen 16-bit words y16..y1 of a 256-bit value
// down by one and feeds back y1 ^ y2 ^ y3 ^ y4 ^ y13 ^ y16 as the new y16.
// Here y1..y4 are the 16-bit lanes of x[0], ..., y13..y16 those of x[3].
inline void psi(Words& x) {
  std::uint64_t t = x[0] ^ (x[0] >> 32);
  t ^= t >> 16;
  const std::uint64_t feedback = (t ^ x[3] ^ (x[3] >> 48)) & 0xffff;
  x[0] = (x[0] >> 16) | (x[1] << 48);
  x[1] = (x[1] >> 16) | (x[2] << 48);
  x[2] = (x[2] >> 16) | (x[3] << 48);
  x[3] = (x[3] >> 16) | (feedback << 48);
}

// psi^4: the four new words y17..y20 form one 64-bit word. New word k is
// a_k ^ y(16+k) with a_k = y(1+k) ^ y(2+k) ^ y(3+k) ^ y(4+k) ^ y(13+k), all
// taken lane-wise from the old words; y16 is old, y17..y19 are the new words
// themselves, which a prefix XOR across the 16-bit lanes supplies.
inline void psi4(Words& x) {
  std::uint64_t a = x[0] ^ ((x[0] >> 16) | (x[1] << 48)) ^
                    ((x[0] >> 32) | (x[1] << 32)) ^
                    ((x[0] >> 48) | (x[1] << 16)) ^ x[3];
  a ^= x[3] >> 48;
  a ^= a << 16;
  a ^= a << 32;
  x[0] = x[1];
  x[1] = x[2];
  x[2] = x[3];
  x[3] = a;
}

// The step function chi(M, H) of RFC 5831: H = psi^61(H ^ psi(M ^ psi^12(S))).
inline void step(const RoundTables& t, Words& h, const Words& m) {
  std::uint32_t keys[4][8];
  Words u = h;
  Words v = m;
  for (int j = 0; j < 4; ++j) {
    if (j > 0) {
      u = transform_a(u);
      if (j == 2) {
        for (int i = 0; i < 4; ++i) {
          u[i] ^= k_c3[i];
        }
      }
      v = transform_a(transform_a(v));
    }
    const Words w{u[0] ^ v[0], u[1] ^ v[1], u[2] ^ v[2], u[3] ^ v[3]};
    transform_p(w, keys[j]);
  }

  Words x = encrypt4(t, keys, h);
  for (int i = 0; i < 3; ++i) {
    psi4(x);
  }
  for (int i = 0; i < 4; ++i) {
    x[i] ^= m[i];
  }
  psi(x);
  for (int i = 0; i < 4; ++i) {
    x[i] ^= h[i];
  }
  for (int i = 0; i < 15; ++i) {
    psi4(x);
  }
  psi(x);
  h = x;
}

class Gost94 final : public Digest {
public:
  explicit Gost94(const RoundTables& tables) : m_tables(&tables) { reset(); }

  void update(ByteView data) override {
    const std::uint8_t* p = data.data();
    std::size_t left = data.size();
    m_length += left;
    if (m_buffered > 0) {
      const std::size_t take = std::min(left, k_block_size - m_buffered);
      std::memcpy(m_buffer.data() + m_buffered, p, take);
      m_buffered += take;
      p += take;
      left -= take;
      if (m_buffered < k_block_size) {
        return;
      }
      process_block(m_buffer.data());
      m_buffered = 0;
    }
    while (left >= k_block_size) {
      process_block(p);
      p += k_block_size;
      left -= k_block_size;
    }
    if (left > 0) {
      std::memcpy(m_buffer.data(), p, left);
      m_buffered = left;
    }
  }

  void finish(MutableByteView out) override {
    if (m_buffered > 0) {
      // The last partial block is padded with zero bytes (RFC 5831).
      std::memset(m_buffer.data() + m_buffered, 0, k_block_size - m_buffered);
      process_block(m_buffer.data());
      m_buffered = 0;
    }
    // The length in bits as a 256-bit number (the byte count times 8).
    const Words length{m_length << 3, m_length >> 61, 0, 0};
    step(*m_tables, m_hash, length);
    step(*m_tables, m_hash, m_sum);
    for (std::size_t i = 0; i < 4; ++i) {
      store_le64(out.data() + 8 * i, m_hash[i]);
    }
  }

  void reset() override {
    m_hash = {};
    m_sum = {};
    m_length = 0;
    m_buffered = 0;
  }

  [[nodiscard]] std::size_t size() const override { return k_block_size; }

private:
  // One 32-byte block: the checksum gains it mod 2^256, then H = chi(M, H).
  void process_block(const std::uint8_t* p) {
    Words m;
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      m[i] = load_le64(p + 8 * i);
      const std::uint64_t sum = m_sum[i] + m[i];
      const std::uint64_t next_carry = sum < m[i] ? 1 : 0;
      m_sum[i] = sum + carry;
      carry = next_carry | (m_sum[i] < sum ? 1 : 0);
    }
    step(*m_tables, m_hash, m);
  }

  const RoundTables* m_tables;
  Words m_hash{};
  Words m_sum{};
  std::uint64_t m_length = 0; // bytes fed since reset
  std::array<std::uint8_t, k_block_size> m_buffer{};
  std::size_t m_buffered = 0;
};

} // namespace

DigestPtr make_gost94(Gost94Params params) {
  switch (params) {
  case Gost94Params::test:
    return std::make_unique<Gost94>(k_test_tables);
  case Gost94Params::cryptopro:
    return std::make_unique<Gost94>(k_cryptopro_tables);
  case Gost94Params::ua:
    return std::make_unique<Gost94>(k_ua_tables);
  case Gost94Params::s2015:
    return std::make_unique<Gost94>(k_s2015_tables);
  }
  throw std::invalid_argument("make_gost94: unknown parameter set");
}

} // namespace hasher::digest::native
