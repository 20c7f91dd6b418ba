// FSB (Fast Syndrome-Based hash) is a SHA-3 round-1 candidate by Augot,
// Finiasz, Gaborit, Manuel and Sendrier: a Merkle-Damgard hash whose
// compression function is the syndrome of a regular word under a large binary
// matrix, followed by Whirlpool as final transformation. This file follows
// "SHA-3 proposal: FSB" (NIST submission, October 2008):
//  - Section 1.2.1 (domain extender): zero initial value, message padded with
//    a 1 bit, zeros, and the message length in bits as a 64-bit big-endian
//    number ending a block of s - r bits.
//  - Section 1.2.2 (compression function) and its parameter table:
//    (n, w, r, p) = (5*2^18, 80, 640, 653), (7*2^18, 112, 896, 907),
//    (2^21, 128, 1024, 1061), (23*2^16, 184, 1472, 1483), (31*2^16, 248,
//    1984, 1987) for 160 ... 512 bits. The s = w log2(n/w) input bits are the
//    r-bit chaining value followed by s - r message bits; for word i the index
//    W_i = i n/w + IV_i + M_i 2^8 combines byte i of the chaining value and
//    the i-th (log2(n/w) - 8)-bit group of the message (most significant bit
//    first). The new chaining value is the XOR of the w selected columns of
//    H; column W lies in block W / r, which is the first r rows of the
//    circulant matrix of a p-bit vector: the vector rotated right by W mod r
//    bits, truncated to r bits (Section 2.2.1, truncated quasi-cyclic codes).
//  - Section 1.2.3 (final compression function): Whirlpool of the last
//    chaining value, truncated to the output size (Crypto++'s Whirlpool).
// The n/r vectors come from "the digits of pi" as the submission's reference
// implementation lays them out: vector k holds p bits starting at byte
// k (floor(p/8) + 1) of its pi table, and that table turns out to be the
// parity of each decimal digit of pi after the point (1415 9265 ... gives
// b9 ...), which the known-answer vectors confirm. The digits are computed by
// our own pi_bits.cpp at build time (tools/gen_fsb_pi_table.cpp writes them
// into a generated source); exactly as many as the largest parameter set
// needs (2,179,069 for FSB-256).
// Test vectors: the project's shared known-answer files, decoded from
// RustCrypto's fsb/tests/data/fsb*_kat.blb.
// Design: the matrices are built once per process and variant on first use
// (function-local statics, about 15 ms each) from the generated table, so
// creating contexts and starting the program stay cheap. Each vector is
// stored as the bit string
// e[t] = v[(t - r) mod p] once (2r/8 bytes, 2.2 MB for all five sets), and a
// column is read 64 bits at a time with a big-endian load and a shift. The
// reference layout keeps 8 pre-shifted copies instead (17.5 MB for all five):
// 1.5-3x faster, but it alone would take `-a all` past its 32 MiB memory
// bound. Whole blocks are read from the caller's span.

#include <hasher/digest/native/fsb.hpp>
#include <hasher/digest/native/fsb_pi_table.hpp>

#include <cryptopp/whrlpool.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace hasher::digest::native {
namespace {

struct FsbParams {
  unsigned bits; // output size
  std::uint32_t n;
  std::uint32_t w;
  std::uint32_t r;
  std::uint32_t p;
};

// Parameter sets of the submission (Section 1.2.2).
constexpr std::array<FsbParams, 5> k_params{{
    {160, 5u << 18, 80, 640, 653},
    {224, 7u << 18, 112, 896, 907},
    {256, 1u << 21, 128, 1024, 1061},
    {384, 23u << 16, 184, 1472, 1483},
    {512, 31u << 16, 248, 1984, 1987},
}};

constexpr std::uint32_t log2_exact(std::uint32_t x) {
  return static_cast<std::uint32_t>(std::countr_zero(x));
}

// Bytes of the pi table per vector, as in the reference implementation.
constexpr std::size_t vector_bytes(const FsbParams& q) { return q.p / 8 + 1; }

// Pi bits needed by a parameter set: the last vector's p bits.
constexpr std::size_t pi_bits_needed(const FsbParams& q) {
  return (q.n / q.r - 1) * vector_bytes(q) * 8 + q.p;
}

constexpr std::size_t k_pi_bits = [] {
  std::size_t most = 0;
  for (const FsbParams& q : k_params) {
    most = std::max(most, pi_bits_needed(q));
  }
  return most;
}();

static_assert(k_pi_bits == 2179069);
// fsb_pi_table_bits() is checked against k_pi_bits in the unit test.

std::span<const std::uint8_t> shared_pi_bits() {
  // Generated at build time (tools/gen_fsb_pi_table.cpp).
  return fsb_pi_table();
}

// The matrix of one parameter set: for vector k, a row of 2r/8 + 8 bytes
// holding bits e[0], e[1], ... where e[t] = v_k[(t - r) mod p] (the 8 bytes
// beyond 2r/8 are padding for the last shifted load). The column with
// rotation s (0 <= s < r) is v_k[(j - s) mod p] = e[r - s + j] for j < r:
// with o = r - s, the r bits starting at bit o of row k, which compress()
// takes 64 at a time with a load and a shift. One copy per vector (2.2 MB for
// all five sets) instead of eight pre-shifted ones keeps -a all small.
std::vector<std::uint8_t> build_matrix(const FsbParams& q) {
  const std::span<const std::uint8_t> pi = shared_pi_bits();
  const std::size_t vectors = q.n / q.r;
  const std::size_t row_bytes = 2 * q.r / 8 + 8;
  std::vector<std::uint8_t> rows(vectors * row_bytes);
  for (std::size_t k = 0; k < vectors; ++k) {
    const std::size_t base = k * vector_bytes(q) * 8;
    std::uint8_t* e = rows.data() + k * row_bytes;
    std::size_t j = q.p - q.r; // (t - r) mod p for t = 0
    for (std::size_t t = 0; t < 2 * q.r + 8; ++t) {
      const std::size_t bit = base + j;
      if (((pi[bit / 8] >> (7 - bit % 8)) & 1) != 0) {
        e[t / 8] |= static_cast<std::uint8_t>(0x80u >> (t % 8));
      }
      j = j + 1 == q.p ? 0 : j + 1;
    }
  }
  return rows;
}

template <std::size_t I> const std::uint8_t* matrix() {
  static const std::vector<std::uint8_t> rows = build_matrix(k_params[I]);
  return rows.data();
}

// The big-endian 64-bit word at p (the bit order of the matrix rows and of
// the state: most significant bit first).
inline std::uint64_t load_be(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (std::endian::native == std::endian::little) {
    v = __builtin_bswap64(v);
  }
  return v;
}

inline void store_bits(std::uint8_t* p, std::uint64_t v) {
  if constexpr (std::endian::native == std::endian::little) {
    v = __builtin_bswap64(v);
  }
  std::memcpy(p, &v, sizeof v);
}

template <std::size_t I> class Fsb final : public Digest {
  static constexpr FsbParams k_p = k_params[I];
  static constexpr std::uint32_t k_index_bits = log2_exact(k_p.n / k_p.w);
  static constexpr std::uint32_t k_message_bits = k_index_bits - 8; // per word
  static constexpr std::size_t k_block = k_p.w * k_message_bits / 8;
  static constexpr std::size_t k_state = k_p.r / 8;
  static constexpr std::size_t k_words = k_p.r / 64;
  static constexpr std::size_t k_row = 2 * k_p.r / 8 + 8;
  static constexpr std::size_t k_out = k_p.bits / 8;

  // The chaining value gives one byte per word (r / w = 8 for every set),
  // and the block is whole bytes.
  static_assert(k_p.r == 8 * k_p.w);
  static_assert(k_p.w * k_message_bits % 8 == 0 && k_p.r % 64 == 0);
  static_assert((1u << k_index_bits) * k_p.w == k_p.n);

public:
  Fsb() { reset(); }

  void update(ByteView data) override {
    m_total += data.size();
    std::size_t at = 0;
    if (m_buffered != 0) {
      const std::size_t take = std::min(k_block - m_buffered, data.size());
      std::memcpy(m_buffer.data() + m_buffered, data.data(), take);
      m_buffered += take;
      at = take;
      if (m_buffered < k_block) {
        return;
      }
      compress(m_buffer.data());
      m_buffered = 0;
    }
    for (; data.size() - at >= k_block; at += k_block) {
      compress(data.data() + at);
    }
    const std::size_t rest = data.size() - at;
    if (rest != 0) {
      std::memcpy(m_buffer.data(), data.data() + at, rest);
    }
    m_buffered = rest;
  }

  void finish(MutableByteView out) override {
    // Section 1.2.1: a 1 bit, zeros, the 64-bit big-endian bit length.
    const std::uint64_t bit_length = m_total * 8;
    m_buffer[m_buffered++] = 0x80;
    if (m_buffered > k_block - 8) {
      std::fill(m_buffer.begin() + static_cast<std::ptrdiff_t>(m_buffered),
                m_buffer.end(), std::uint8_t{0});
      compress(m_buffer.data());
      m_buffered = 0;
    }
    std::fill(m_buffer.begin() + static_cast<std::ptrdiff_t>(m_buffered),
              m_buffer.end() - 8, std::uint8_t{0});
    for (std::size_t i = 0; i < 8; ++i) {
      m_buffer[k_block - 1 - i] =
          static_cast<std::uint8_t>(bit_length >> (8 * i));
    }
    compress(m_buffer.data());
    // Section 1.2.3: Whirlpool of the final r-bit value, truncated.
    std::array<std::uint8_t, CryptoPP::Whirlpool::DIGESTSIZE> full{};
    CryptoPP::Whirlpool whirlpool;
    whirlpool.CalculateDigest(full.data(), m_state.data(), m_state.size());
    std::memcpy(out.data(), full.data(), k_out);
  }

  void reset() override {
    m_state.fill(0);
    m_buffered = 0;
    m_total = 0;
  }

  [[nodiscard]] std::size_t size() const override { return k_out; }

private:
  // Section 1.2.2: XOR of the w columns W_i = i n/w + IV_i + M_i 2^8. All
  // column addresses are found first (their loads can then overlap), and the
  // XOR runs over groups of 4 words so that the accumulators stay in
  // registers even for the 23- and 31-word states.
  void compress(const std::uint8_t* block) {
    if (m_matrix == nullptr) {
      m_matrix = matrix<I>();
    }
    std::array<const std::uint8_t*, k_p.w> columns;
    std::array<unsigned, k_p.w> shifts;
    std::uint32_t bits = 0; // message bit reservoir, most significant first
    std::uint32_t count = 0;
    const std::uint8_t* next = block;
    for (std::uint32_t i = 0; i < k_p.w; ++i) {
      if (count < k_message_bits) {
        bits = (bits << 8) | *next++;
        count += 8;
      }
      count -= k_message_bits;
      const std::uint32_t m = (bits >> count) & ((1u << k_message_bits) - 1);
      const std::uint32_t index = (i << k_index_bits) + m_state[i] + (m << 8);
      const std::uint32_t vector = index / k_p.r;
      const std::uint32_t offset = k_p.r - index % k_p.r; // 1 .. r
      columns[i] = m_matrix + vector * k_row + (offset >> 3);
      shifts[i] = offset & 7;
    }
    // Column by column: each 64-bit word of a column is the big-endian word
    // at its byte offset shifted left by the column's bit shift, filled from
    // the next word; consecutive words share a load.
    std::array<std::uint64_t, k_words> acc{};
    for (std::size_t i = 0; i < k_p.w; ++i) {
      const std::uint8_t* c = columns[i];
      const unsigned shift = shifts[i];
      // For shift 0 the spill-in from the next word must be 0, and a shift
      // by 64 is undefined: shift by (63 - shift) after a fixed 1, then mask.
      const std::uint64_t keep = shift == 0 ? 0 : ~std::uint64_t{0};
      std::uint64_t word = load_be(c);
      for (std::size_t q = 0; q < k_words; ++q) {
        const std::uint64_t following = load_be(c + 8 * (q + 1));
        acc[q] ^= (word << shift) | (((following >> 1) >> (63 - shift)) & keep);
        word = following;
      }
    }
    for (std::size_t q = 0; q < k_words; ++q) {
      store_bits(m_state.data() + 8 * q, acc[q]);
    }
  }

  std::array<std::uint8_t, k_state> m_state{};
  std::array<std::uint8_t, k_block> m_buffer{};
  std::size_t m_buffered = 0;
  std::uint64_t m_total = 0;
  const std::uint8_t* m_matrix = nullptr;
};

} // namespace

DigestPtr make_fsb(unsigned bits) {
  switch (bits) {
  case 160:
    return std::make_unique<Fsb<0>>();
  case 224:
    return std::make_unique<Fsb<1>>();
  case 256:
    return std::make_unique<Fsb<2>>();
  case 384:
    return std::make_unique<Fsb<3>>();
  case 512:
    return std::make_unique<Fsb<4>>();
  default:
    throw std::invalid_argument("FSB: output size must be 160, 224, 256, 384 "
                                "or 512 bits");
  }
}

} // namespace hasher::digest::native
