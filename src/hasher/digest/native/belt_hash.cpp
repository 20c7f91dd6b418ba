// belt-hash: the hash function of STB 34.101.31-2011 "Information technologies
// and security. Cryptographic algorithms of encryption and integrity control"
// (Republic of Belarus), section 6.9. The message is cut into 256-bit blocks
// (the last one zero-padded); each block X_i and the 256-bit chaining value h
// go through the compression function belt-compress (sigma1/sigma2 of 6.9),
// which calls the 128-bit belt block cipher (section 6.1, 8 rounds, 256-bit
// key) three times; a 128-bit accumulator s collects the sigma1 outputs, and
// the digest is sigma2(<|X|>_128 || s || h). Words are little-endian, as the
// standard specifies. Test vectors: tests/data/vectors/belt_hash.txt (decoded
// from RustCrypto's test data), which are the standard's own examples of
// appendix A, table A.11 (inputs: the first 13, 32 and 48 bytes of H). An
// empty message compresses no block: its digest is sigma2(0 || 0 || h0), as
// the standard's loop over zero blocks gives.
// Design: the substitution H is expanded at compile time into four 1 KiB
// tables T_k[x] = RotHi^k(H(x)), k = 5, 13, 21, 29, so G_r(u) is four lookups
// and three XORs; the two cipher calls of sigma2 are independent and are run
// interleaved to give the CPU two dependency chains. Whole blocks are read
// straight from the caller's buffer.

#include <hasher/digest/native/belt_hash.hpp>

#include <algorithm>
#include <array>
#include <cstring>

namespace hasher::digest::native {
namespace {

constexpr std::size_t k_block_size = 32;
constexpr std::size_t k_digest_size = 32;

// The substitution H : {0,1}^8 -> {0,1}^8 of STB 34.101.31-2011, section 6.1
// (row = high nibble, column = low nibble).
constexpr std::array<std::uint8_t, 256> k_h = {
    0xB1, 0x94, 0xBA, 0xC8, 0x0A, 0x08, 0xF5, 0x3B, 0x36, 0x6D, 0x00, 0x8E,
    0x58, 0x4A, 0x5D, 0xE4, 0x85, 0x04, 0xFA, 0x9D, 0x1B, 0xB6, 0xC7, 0xAC,
    0x25, 0x2E, 0x72, 0xC2, 0x02, 0xFD, 0xCE, 0x0D, 0x5B, 0xE3, 0xD6, 0x12,
    0x17, 0xB9, 0x61, 0x81, 0xFE, 0x67, 0x86, 0xAD, 0x71, 0x6B, 0x89, 0x0B,
    0x5C, 0xB0, 0xC0, 0xFF, 0x33, 0xC3, 0x56, 0xB8, 0x35, 0xC4, 0x05, 0xAE,
    0xD8, 0xE0, 0x7F, 0x99, 0xE1, 0x2B, 0xDC, 0x1A, 0xE2, 0x82, 0x57, 0xEC,
    0x70, 0x3F, 0xCC, 0xF0, 0x95, 0xEE, 0x8D, 0xF1, 0xC1, 0xAB, 0x76, 0x38,
    0x9F, 0xE6, 0x78, 0xCA, 0xF7, 0xC6, 0xF8, 0x60, 0xD5, 0xBB, 0x9C, 0x4F,
    0xF3, 0x3C, 0x65, 0x7B, 0x63, 0x7C, 0x30, 0x6A, 0xDD, 0x4E, 0xA7, 0x79,
    0x9E, 0xB2, 0x3D, 0x31, 0x3E, 0x98, 0xB5, 0x6E, 0x27, 0xD3, 0xBC, 0xCF,
    0x59, 0x1E, 0x18, 0x1F, 0x4C, 0x5A, 0xB7, 0x93, 0xE9, 0xDE, 0xE7, 0x2C,
    0x8F, 0x0C, 0x0F, 0xA6, 0x2D, 0xDB, 0x49, 0xF4, 0x6F, 0x73, 0x96, 0x47,
    0x06, 0x07, 0x53, 0x16, 0xED, 0x24, 0x7A, 0x37, 0x39, 0xCB, 0xA3, 0x83,
    0x03, 0xA9, 0x8B, 0xF6, 0x92, 0xBD, 0x9B, 0x1C, 0xE5, 0xD1, 0x41, 0x01,
    0x54, 0x45, 0xFB, 0xC9, 0x5E, 0x4D, 0x0E, 0xF2, 0x68, 0x20, 0x80, 0xAA,
    0x22, 0x7D, 0x64, 0x2F, 0x26, 0x87, 0xF9, 0x34, 0x90, 0x40, 0x55, 0x11,
    0xBE, 0x32, 0x97, 0x13, 0x43, 0xFC, 0x9A, 0x48, 0xA0, 0x2A, 0x88, 0x5F,
    0x19, 0x4B, 0x09, 0xA1, 0x7E, 0xCD, 0xA4, 0xD0, 0x15, 0x44, 0xAF, 0x8C,
    0xA5, 0x84, 0x50, 0xBF, 0x66, 0xD2, 0xE8, 0x8A, 0xA2, 0xD7, 0x46, 0x52,
    0x42, 0xA8, 0xDF, 0xB3, 0x69, 0x74, 0xC5, 0x51, 0xEB, 0x23, 0x29, 0x21,
    0xD4, 0xEF, 0xD9, 0xB4, 0x3A, 0x62, 0x28, 0x75, 0x91, 0x14, 0x10, 0xEA,
    0x77, 0x6C, 0xDA, 0x1D,
};

// Initial chaining value of belt-hash (STB 34.101.31-2011, 6.9): the first
// 32 bytes of H, read as eight little-endian words.
constexpr std::uint32_t load_le32_constexpr(std::size_t at) {
  return static_cast<std::uint32_t>(k_h[at]) |
         static_cast<std::uint32_t>(k_h[at + 1]) << 8 |
         static_cast<std::uint32_t>(k_h[at + 2]) << 16 |
         static_cast<std::uint32_t>(k_h[at + 3]) << 24;
}

constexpr std::array<std::uint32_t, 8> k_iv = {
    load_le32_constexpr(0),  load_le32_constexpr(4),  load_le32_constexpr(8),
    load_le32_constexpr(12), load_le32_constexpr(16), load_le32_constexpr(20),
    load_le32_constexpr(24), load_le32_constexpr(28),
};

constexpr std::uint32_t rotl32(std::uint32_t x, unsigned n) {
  return n == 0 ? x : (x << n) | (x >> (32 - n));
}

// k_t[j][x] = RotHi^(8j+5)(H(x)), j = 0..3, i.e. rotations by 5, 13, 21, 29:
// H of byte j of a word lands at bit 8j and is then rotated by r.
using Tables = std::array<std::array<std::uint32_t, 256>, 4>;

constexpr Tables make_tables() {
  Tables t{};
  for (unsigned j = 0; j < 4; ++j) {
    for (unsigned x = 0; x < 256; ++x) {
      t[j][x] = rotl32(k_h[x], 8 * j + 5);
    }
  }
  return t;
}

constexpr Tables k_t = make_tables();

// G_r(u) = RotHi^r(H(u_1) || H(u_2) || H(u_3) || H(u_4)) for r = 5, 13, 21
// (u_1 = least significant byte). J0 selects r = 8 * J0 + 5.
template <unsigned J0>
[[gnu::always_inline]] inline std::uint32_t g(std::uint32_t u) {
  // Balanced XOR tree: two levels instead of a chain of three.
  return (k_t[J0][u & 0xFF] ^ k_t[(J0 + 1) & 3][(u >> 8) & 0xFF]) ^
         (k_t[(J0 + 2) & 3][(u >> 16) & 0xFF] ^ k_t[(J0 + 3) & 3][u >> 24]);
}

inline std::uint32_t g5(std::uint32_t u) { return g<0>(u); }
inline std::uint32_t g13(std::uint32_t u) { return g<1>(u); }
inline std::uint32_t g21(std::uint32_t u) { return g<2>(u); }

struct Block {
  std::uint32_t w[4];
};

struct Key {
  std::uint32_t w[8];
};

// Steps 2.1-2.12 of belt encryption (STB 34.101.31-2011, 6.1) for round
// `i` (1-based): round keys K_{7i-6..7i} are theta_{(7(i-1)+j) mod 8 + 1}.
// The final swaps (a<->b, c<->d, b<->c) are done by the caller's renaming.
[[gnu::always_inline]] inline void
belt_round(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c,
           std::uint32_t& d, const Key& k, unsigned i) {
  const unsigned base = 7 * (i - 1);
  b ^= g5(a + k.w[(base + 0) & 7]);
  c ^= g21(d + k.w[(base + 1) & 7]);
  a -= g13(b + k.w[(base + 2) & 7]);
  const std::uint32_t e = g21(b + c + k.w[(base + 3) & 7]) ^ i;
  b += e;
  c -= e;
  d += g13(c + k.w[(base + 4) & 7]);
  b ^= g21(a + k.w[(base + 5) & 7]);
  c ^= g5(d + k.w[(base + 6) & 7]);
}

// Encrypts one block with belt-block: F_theta(X).
inline Block encrypt(const Block& x, const Key& k) {
  std::uint32_t a = x.w[0], b = x.w[1], c = x.w[2], d = x.w[3];
  // Fully unrolled so that the register renaming of the swaps costs nothing.
#pragma GCC unroll 8
  for (unsigned i = 1; i <= 8; ++i) {
    belt_round(a, b, c, d, k, i);
    // a<->b, c<->d, b<->c: (a, b, c, d) <- (b, d, a, c).
    const std::uint32_t t = a;
    a = b;
    b = d;
    d = c;
    c = t;
  }
  return {{b, d, a, c}};
}

// Two independent encryptions in lockstep (more instruction-level
// parallelism than two calls in sequence).
inline void encrypt2(const Block& x, const Key& kx, Block& y_out,
                     const Block& y, const Key& ky, Block& z_out) {
  std::uint32_t a = x.w[0], b = x.w[1], c = x.w[2], d = x.w[3];
  std::uint32_t p = y.w[0], q = y.w[1], r = y.w[2], s = y.w[3];
  // Fully unrolled so that the register renaming of the swaps costs nothing.
#pragma GCC unroll 8
  for (unsigned i = 1; i <= 8; ++i) {
    belt_round(a, b, c, d, kx, i);
    belt_round(p, q, r, s, ky, i);
    const std::uint32_t t = a;
    a = b;
    b = d;
    d = c;
    c = t;
    const std::uint32_t u = p;
    p = q;
    q = s;
    s = r;
    r = u;
  }
  y_out = {{b, d, a, c}};
  z_out = {{q, s, p, r}};
}

inline Block xor_blocks(const Block& x, const Block& y) {
  return {{x.w[0] ^ y.w[0], x.w[1] ^ y.w[1], x.w[2] ^ y.w[2], x.w[3] ^ y.w[3]}};
}

// Little-endian 32-bit load, assembled byte by byte (compilers turn this
// into a single unaligned load on little-endian hosts).
inline std::uint32_t load_le32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) |
         static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 |
         static_cast<std::uint32_t>(p[3]) << 24;
}

inline void store_le32(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
  p[2] = static_cast<std::uint8_t>(v >> 16);
  p[3] = static_cast<std::uint8_t>(v >> 24);
}

inline Block load_block(const std::uint8_t* p) {
  return {
      {load_le32(p), load_le32(p + 4), load_le32(p + 8), load_le32(p + 12)}};
}

// belt-compress (sigma1 and sigma2 of 6.9) on u1 || u2 || u3 || u4, where
// u1 || u2 is the message block (or r || s at the end) and u3 || u4 = h:
// returns
// sigma1 = F_{u1 || u2}(u3 ^ u4) ^ u3 ^ u4 and replaces h with sigma2 =
// (F_{sigma1 || u4}(u1) ^ u1) || (F_{~sigma1 || u3}(u2) ^ u2).
inline Block compress(const Block& u1, const Block& u2, Key& h) {
  const Block v = {
      {h.w[0] ^ h.w[4], h.w[1] ^ h.w[5], h.w[2] ^ h.w[6], h.w[3] ^ h.w[7]}};
  const Key k0 = {
      {u1.w[0], u1.w[1], u1.w[2], u1.w[3], u2.w[0], u2.w[1], u2.w[2], u2.w[3]}};
  const Block s1 = xor_blocks(encrypt(v, k0), v);
  const Key k1 = {
      {s1.w[0], s1.w[1], s1.w[2], s1.w[3], h.w[4], h.w[5], h.w[6], h.w[7]}};
  const Key k2 = {
      {~s1.w[0], ~s1.w[1], ~s1.w[2], ~s1.w[3], h.w[0], h.w[1], h.w[2], h.w[3]}};
  Block y1, y2;
  encrypt2(u1, k1, y1, u2, k2, y2);
  y1 = xor_blocks(y1, u1);
  y2 = xor_blocks(y2, u2);
  h = {
      {y1.w[0], y1.w[1], y1.w[2], y1.w[3], y2.w[0], y2.w[1], y2.w[2], y2.w[3]}};
  return s1;
}

class BeltHash final : public Digest {
public:
  BeltHash() { reset(); }

  void update(ByteView data) override {
    std::size_t n = data.size();
    if (n == 0) return; // data.data() may be null: never pass it to memcpy.
    const std::uint8_t* p = data.data();
    m_bytes += n;
    if (m_fill != 0) {
      const std::size_t take = std::min(n, k_block_size - m_fill);
      std::memcpy(m_buffer.data() + m_fill, p, take);
      m_fill += take;
      p += take;
      n -= take;
      if (m_fill < k_block_size) return;
      process_blocks(m_buffer.data(), 1);
      m_fill = 0;
    }
    const std::size_t blocks = n / k_block_size;
    if (blocks != 0) {
      process_blocks(p, blocks);
      p += blocks * k_block_size;
      n -= blocks * k_block_size;
    }
    if (n != 0) {
      std::memcpy(m_buffer.data(), p, n);
      m_fill = n;
    }
  }

  void finish(MutableByteView out) override {
    if (m_fill != 0) {
      std::memset(m_buffer.data() + m_fill, 0, k_block_size - m_fill);
      process_blocks(m_buffer.data(), 1);
      m_fill = 0;
    }
    // r = <|X|>_128, the bit length as a 128-bit little-endian number.
    const std::uint64_t bits_lo = m_bytes << 3;
    const std::uint64_t bits_hi = m_bytes >> 61;
    const Block r = {{static_cast<std::uint32_t>(bits_lo),
                      static_cast<std::uint32_t>(bits_lo >> 32),
                      static_cast<std::uint32_t>(bits_hi), 0}};
    Key h = m_h;
    compress(r, m_s, h);
    for (std::size_t i = 0; i < 8; ++i) {
      store_le32(out.data() + 4 * i, h.w[i]);
    }
  }

  void reset() override {
    for (std::size_t i = 0; i < 8; ++i) m_h.w[i] = k_iv[i];
    m_s = {{0, 0, 0, 0}};
    m_bytes = 0;
    m_fill = 0;
  }

  [[nodiscard]] std::size_t size() const override { return k_digest_size; }

private:
  void process_blocks(const std::uint8_t* p, std::size_t count) {
    Key h = m_h;
    Block s = m_s;
    for (std::size_t i = 0; i < count; ++i, p += k_block_size) {
      s = xor_blocks(s, compress(load_block(p), load_block(p + 16), h));
    }
    m_h = h;
    m_s = s;
  }

  Key m_h{};
  Block m_s{};
  std::uint64_t m_bytes = 0;
  std::size_t m_fill = 0;
  std::array<std::uint8_t, k_block_size> m_buffer{};
};

} // namespace

DigestPtr make_belt_hash() { return std::make_unique<BeltHash>(); }

} // namespace hasher::digest::native
