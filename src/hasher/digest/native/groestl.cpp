// Grøstl, the SHA-3 finalist by Gauravaram, Knudsen, Matusiewicz, Mendel,
// Rechberger, Schläffer and Thomsen, in its final round-3 form ("Grøstl-0.2",
// with the tweaked round constants and ShiftBytes offsets of Q). Specification:
// P. Gauravaram et al., "Grøstl – a SHA-3 candidate", version 2.0.1, 2011,
// Section 3 (the compression function f(h, m) = P(h ^ m) ^ Q(m) ^ h, the
// output transformation Omega(x) = trunc_n(P(x) ^ x), the permutations P and Q
// built from AddRoundConstant, SubBytes, ShiftBytes and MixBytes, the number
// of rounds, the initial values and the padding). Grøstl-224/256 use the
// 512-bit permutations (8 columns, 10 rounds) and 64-byte blocks;
// Grøstl-384/512 the 1024-bit ones (16 columns, 14 rounds) and 128-byte
// blocks. The test vectors (tests/data/vectors/groestl{224,256,384,512}.txt)
// are RustCrypto's known-answer data, decoded to hex.
//
// Design: the state is kept as one 64-bit word per column (row r of the spec's
// byte matrix is byte r of the word, so a little-endian load of 8 message bytes
// gives a column). SubBytes, ShiftBytes and MixBytes of a column are fused
// into eight lookups in 8 x 256-entry tables of 64-bit words (16 KiB, the
// usual "T-table" form); the tables are computed at compile time from the AES
// S-box (itself computed from its GF(2^8) definition in FIPS-197, Section
// 5.1.1) and the MixBytes matrix, rather than typed in. P and Q of one block
// run interleaved for instruction-level parallelism. Table lookups are not
// constant-time; that is acceptable for hashing files (no secret inputs).

#include <hasher/digest/native/groestl.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace hasher::digest::native {

namespace {

// ---------------------------------------------------------------------------
// Tables.

// Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1, the field of both
// the AES S-box and Grøstl's MixBytes.
constexpr std::uint8_t gf_mul(std::uint8_t a, std::uint8_t b) {
  std::uint8_t product = 0;
  for (int bit = 0; bit < 8; ++bit) {
    if ((b & 1) != 0) {
      product ^= a;
    }
    const bool carry = (a & 0x80) != 0;
    a = static_cast<std::uint8_t>(a << 1);
    if (carry) {
      a ^= 0x1b;
    }
    b = static_cast<std::uint8_t>(b >> 1);
  }
  return product;
}

// Multiplicative inverse as a^254 (maps 0 to 0, as the AES S-box requires).
constexpr std::uint8_t gf_inverse(std::uint8_t a) {
  std::uint8_t result = 1;
  std::uint8_t base = a;
  for (unsigned exponent = 254; exponent != 0; exponent >>= 1) {
    if ((exponent & 1) != 0) {
      result = gf_mul(result, base);
    }
    base = gf_mul(base, base);
  }
  return result;
}

constexpr std::uint8_t rotl8(std::uint8_t x, int n) {
  return static_cast<std::uint8_t>((x << n) | (x >> (8 - n)));
}

// The AES S-box (FIPS-197, Section 5.1.1): inversion followed by the affine
// transformation with constant 0x63.
constexpr std::uint8_t aes_sbox(std::uint8_t x) {
  const std::uint8_t b = gf_inverse(x);
  return static_cast<std::uint8_t>(b ^ rotl8(b, 1) ^ rotl8(b, 2) ^ rotl8(b, 3) ^
                                   rotl8(b, 4) ^ 0x63);
}

static_assert(aes_sbox(0x00) == 0x63 && aes_sbox(0x01) == 0x7c &&
                  aes_sbox(0x53) == 0xed && aes_sbox(0xff) == 0x16,
              "AES S-box check (FIPS-197, Figure 7)");

// First row of the circulant MixBytes matrix B = circ(02, 02, 03, 04, 05, 03,
// 05, 07) (Grøstl specification, MixBytes); row i is this row rotated right by
// i positions, so B[i][k] = k_mix_row[(k - i) mod 8].
constexpr std::array<std::uint8_t, 8> k_mix_row{2, 2, 3, 4, 5, 3, 5, 7};

// t[k][x] is the column that MixBytes produces from S(x) in row k and zeros
// elsewhere: byte i of the word is B[i][k] * S(x).
struct Tables {
  std::uint64_t t[8][256];
};

constexpr Tables make_tables() {
  Tables tables{};
  for (unsigned x = 0; x < 256; ++x) {
    const std::uint8_t s = aes_sbox(static_cast<std::uint8_t>(x));
    for (unsigned k = 0; k < 8; ++k) {
      std::uint64_t word = 0;
      for (unsigned i = 0; i < 8; ++i) {
        const std::uint8_t factor = k_mix_row[(k + 8 - i) % 8];
        word |= static_cast<std::uint64_t>(gf_mul(factor, s)) << (8 * i);
      }
      tables.t[k][x] = word;
    }
  }
  return tables;
}

alignas(64) constexpr Tables k_tables = make_tables();

// ---------------------------------------------------------------------------
// Permutations.

// Per state size: number of rounds and the ShiftBytes offsets (row r moves
// left by shift[r] columns) of P and Q, from the specification (ShiftBytes and
// "Number of rounds").
template <std::size_t Columns> struct Variant;

template <> struct Variant<8> {
  static constexpr unsigned k_rounds = 10;
  static constexpr std::array<std::size_t, 8> k_shift_p{0, 1, 2, 3, 4, 5, 6, 7};
  static constexpr std::array<std::size_t, 8> k_shift_q{1, 3, 5, 7, 0, 2, 4, 6};
};

template <> struct Variant<16> {
  static constexpr unsigned k_rounds = 14;
  static constexpr std::array<std::size_t, 8> k_shift_p{0, 1, 2, 3,
                                                        4, 5, 6, 11};
  static constexpr std::array<std::size_t, 8> k_shift_q{1, 3, 5, 11,
                                                        0, 2, 4, 6};
};

// AddRoundConstant for column J in round r. P: row 0 gets (J << 4) ^ r.
// Q: every byte gets 0xff, and row 7 additionally (J << 4) ^ r.
template <bool IsQ, std::size_t J>
inline std::uint64_t round_constant(unsigned round) {
  const std::uint64_t c = static_cast<std::uint64_t>((J << 4) ^ round);
  if constexpr (IsQ) {
    return ~(c << 56);
  } else {
    return c;
  }
}

// SubBytes + ShiftBytes + MixBytes for output column J.
template <std::size_t Columns, bool IsQ, std::size_t J>
inline std::uint64_t sub_shift_mix(const std::uint64_t* a) {
  constexpr const auto& s =
      IsQ ? Variant<Columns>::k_shift_q : Variant<Columns>::k_shift_p;
  const auto& t = k_tables.t;
  return t[0][a[(J + s[0]) % Columns] & 0xff] ^
         t[1][(a[(J + s[1]) % Columns] >> 8) & 0xff] ^
         t[2][(a[(J + s[2]) % Columns] >> 16) & 0xff] ^
         t[3][(a[(J + s[3]) % Columns] >> 24) & 0xff] ^
         t[4][(a[(J + s[4]) % Columns] >> 32) & 0xff] ^
         t[5][(a[(J + s[5]) % Columns] >> 40) & 0xff] ^
         t[6][(a[(J + s[6]) % Columns] >> 48) & 0xff] ^
         t[7][a[(J + s[7]) % Columns] >> 56];
}

// One round: reads (and clobbers) `in`, writes `out`.
template <std::size_t Columns, bool IsQ, std::size_t... J>
inline void one_round(std::uint64_t* in, std::uint64_t* out, unsigned round,
                      std::index_sequence<J...>) {
  ((in[J] ^= round_constant<IsQ, J>(round)), ...);
  ((out[J] = sub_shift_mix<Columns, IsQ, J>(in)), ...);
}

// p = P(p), q = Q(q), interleaved. The round counts are even, so two rounds
// per iteration bring the result back into p and q.
template <std::size_t Columns>
void permute_pq(std::uint64_t* p, std::uint64_t* q) {
  constexpr auto columns = std::make_index_sequence<Columns>{};
  std::uint64_t tp[Columns];
  std::uint64_t tq[Columns];
  for (unsigned r = 0; r < Variant<Columns>::k_rounds; r += 2) {
    one_round<Columns, false>(p, tp, r, columns);
    one_round<Columns, true>(q, tq, r, columns);
    one_round<Columns, false>(tp, p, r + 1, columns);
    one_round<Columns, true>(tq, q, r + 1, columns);
  }
}

// p = P(p) alone, for the output transformation.
template <std::size_t Columns> void permute_p(std::uint64_t* p) {
  constexpr auto columns = std::make_index_sequence<Columns>{};
  std::uint64_t tp[Columns];
  for (unsigned r = 0; r < Variant<Columns>::k_rounds; r += 2) {
    one_round<Columns, false>(p, tp, r, columns);
    one_round<Columns, false>(tp, p, r + 1, columns);
  }
}

// ---------------------------------------------------------------------------
// Byte order: column j of a block is bytes 8j..8j+7, row r = byte 8j+r, which
// is bits 8r..8r+7 of a little-endian load. memcpy keeps the load aligned-safe;
// big-endian hosts swap.

inline std::uint64_t load_le64(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (std::endian::native == std::endian::big) {
    v = __builtin_bswap64(v);
  }
  return v;
}

inline void store_le64(std::uint8_t* p, std::uint64_t v) {
  if constexpr (std::endian::native == std::endian::big) {
    v = __builtin_bswap64(v);
  }
  std::memcpy(p, &v, sizeof v);
}

// ---------------------------------------------------------------------------
// The hash.

template <std::size_t Columns> class Groestl final : public Digest {
public:
  explicit Groestl(std::size_t out_bytes) : m_out_bytes(out_bytes) { reset(); }

  void update(ByteView data) override {
    if (data.empty()) {
      return;
    }
    const std::uint8_t* in = data.data();
    std::size_t left = data.size();
    if (m_buffered != 0) {
      const std::size_t take =
          left < k_block - m_buffered ? left : k_block - m_buffered;
      std::memcpy(m_buffer.data() + m_buffered, in, take);
      m_buffered += take;
      in += take;
      left -= take;
      if (m_buffered < k_block) {
        return;
      }
      compress_blocks(m_buffer.data(), 1);
      m_buffered = 0;
    }
    if (left >= k_block) {
      const std::size_t count = left / k_block;
      compress_blocks(in, count);
      in += count * k_block;
      left -= count * k_block;
    }
    if (left != 0) {
      std::memcpy(m_buffer.data(), in, left);
      m_buffered = left;
    }
  }

  void finish(MutableByteView out) override {
    if (out.size() != m_out_bytes) {
      throw std::invalid_argument("groestl: output size mismatch");
    }
    // Padding: a 1 bit, zeros, then the total number of blocks (padding
    // included) as a 64-bit big-endian integer.
    const bool two_blocks = m_buffered + 1 + 8 > k_block;
    const std::uint64_t total = m_blocks + (two_blocks ? 2 : 1);
    m_buffer[m_buffered] = 0x80;
    std::memset(m_buffer.data() + m_buffered + 1, 0, k_block - m_buffered - 1);
    if (two_blocks) {
      compress_blocks(m_buffer.data(), 1);
      m_buffer.fill(0);
    }
    for (std::size_t i = 0; i < 8; ++i) {
      m_buffer[k_block - 1 - i] = static_cast<std::uint8_t>(total >> (8 * i));
    }
    compress_blocks(m_buffer.data(), 1);

    // Omega(h) = trunc_n(P(h) ^ h): the last n bits of the state.
    std::uint64_t x[Columns];
    for (std::size_t j = 0; j < Columns; ++j) {
      x[j] = m_h[j];
    }
    permute_p<Columns>(x);
    std::uint8_t bytes[k_block];
    for (std::size_t j = 0; j < Columns; ++j) {
      store_le64(bytes + 8 * j, x[j] ^ m_h[j]);
    }
    std::memcpy(out.data(), bytes + k_block - m_out_bytes, m_out_bytes);
  }

  void reset() override {
    // Initial value: the state-sized big-endian representation of n, the
    // digest length in bits, i.e. its two low bytes end the last column.
    const std::uint64_t bits = 8 * static_cast<std::uint64_t>(m_out_bytes);
    m_h.fill(0);
    m_h[Columns - 1] = ((bits >> 8) & 0xff) << 48 | (bits & 0xff) << 56;
    m_buffered = 0;
    m_blocks = 0;
  }

  [[nodiscard]] std::size_t size() const override { return m_out_bytes; }

private:
  static constexpr std::size_t k_block = 8 * Columns;

  // h = P(h ^ m) ^ Q(m) ^ h for each of `count` consecutive blocks.
  void compress_blocks(const std::uint8_t* data, std::size_t count) {
    std::uint64_t p[Columns];
    std::uint64_t q[Columns];
    for (std::size_t b = 0; b < count; ++b, data += k_block) {
      for (std::size_t j = 0; j < Columns; ++j) {
        q[j] = load_le64(data + 8 * j);
        p[j] = m_h[j] ^ q[j];
      }
      permute_pq<Columns>(p, q);
      for (std::size_t j = 0; j < Columns; ++j) {
        m_h[j] ^= p[j] ^ q[j];
      }
    }
    m_blocks += count;
  }

  std::array<std::uint64_t, Columns> m_h{};
  std::array<std::uint8_t, k_block> m_buffer{};
  std::size_t m_buffered = 0;
  std::uint64_t m_blocks = 0;
  std::size_t m_out_bytes;
};

} // namespace

DigestPtr make_groestl(unsigned bits) {
  switch (bits) {
  case 224:
    return std::make_unique<Groestl<8>>(28);
  case 256:
    return std::make_unique<Groestl<8>>(32);
  case 384:
    return std::make_unique<Groestl<16>>(48);
  case 512:
    return std::make_unique<Groestl<16>>(64);
  default:
    throw std::invalid_argument("groestl: bits must be 224, 256, 384 or 512");
  }
}

} // namespace hasher::digest::native
