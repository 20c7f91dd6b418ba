// Decimal digits of pi, computed from scratch. The FSB hash (see fsb.cpp)
// builds its matrices from "the digits of pi": its reference implementation's
// table is the parity of each decimal digit of pi after the point (the table
// starts b9 de 81 ae: 1415 9265 -> 1011 1001), and its largest parameter set
// needs 2,179,069 of them, so a digit-by-digit method (Machin spigot, BBP,
// which only yields binary digits anyway) is far too slow and no table is
// stored. Method:
//  - Chudnovsky series, pi = 426880 sqrt(10005) Q / T, summed by binary
//    splitting (P, Q, T recurrences; each term adds 14.18 digits). The split
//    point of every range keeps the left part of even length, so the sign of
//    every partial sum T(a, b) is (-1)^a and only magnitudes are stored; the
//    merge T = T1 Q2 + P1 T2 then never subtracts except for two-term ranges.
//  - Integers in base 10^8 (uint32_t limbs), so no binary-to-decimal
//    conversion is needed at the end.
//  - Large products by number-theoretic transforms over two primes just
//    below 2^63 with 2^27 | p - 1, recombined by the Chinese remainder theorem
//    (exact, no rounding). Two limbs (16 digits) go into one coefficient when
//    the convolution bound allows it, else one. Forward transforms are
//    decimation-in-frequency (natural order in, bit-reversed out), inverse
//    ones decimation-in-time (bit-reversed in), so no bit reversal pass is
//    needed; twiddles use Shoup's precomputed quotients, pointwise products
//    Montgomery reduction, and the top passes recurse so the rest run in
//    cache. A merge transforms each operand once and adds T1 Q2 + P1 T2 in
//    the transform domain.
//  - The final square root and division by Newton iterations (reciprocal and
//    reciprocal square root, precision doubling, integer fixed point).
//  - With several cores the top levels of the splitting tree run on up to 8
//    threads, and the root merge and final products run their two primes on
//    two threads; if no thread can be started the work runs serially.
// Accuracy: 16 guard digits; the result is self-checked (integer part 3). The
// digits are verified by the unit tests (known digits and the FSB vectors).
// Cost: the 2,179,069 digits take about 1.3 s on two cores and 2.3 s on one
// (2-core AMD EPYC VM; a plain GMP 6.2 Chudnovsky program takes 1.1 s there)
// and 100 MB of transient memory. It is paid once, at first use, and only by
// processes that use FSB.

#include <hasher/digest/native/pi_bits.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <future>
#include <span>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace hasher::digest::native {
namespace {

using u32 = std::uint32_t;
using u64 = std::uint64_t;
__extension__ typedef unsigned __int128 u128;

// ---------------------------------------------------------------------------
// Natural numbers in base 10^8, little-endian limbs, no leading zero limbs
// (zero is the empty vector).

constexpr u32 k_base = 100000000u;
constexpr std::size_t k_base_digits = 8;

using Limbs = std::vector<u32>;

void trim(Limbs& a) {
  while (!a.empty() && a.back() == 0) {
    a.pop_back();
  }
}

Limbs from_u128(u128 v) {
  Limbs r;
  while (v != 0) {
    r.push_back(static_cast<u32>(v % k_base));
    v /= k_base;
  }
  return r;
}

// a *= m.
void mul_small(Limbs& a, u32 m) {
  if (m == 0) {
    a.clear();
    return;
  }
  u64 carry = 0;
  for (u32& x : a) {
    const u64 t = static_cast<u64>(x) * m + carry; // < 2^59
    x = static_cast<u32>(t % k_base);
    carry = t / k_base;
  }
  while (carry != 0) {
    a.push_back(static_cast<u32>(carry % k_base));
    carry /= k_base;
  }
}

// a = floor(a / d), d > 0.
void div_small(Limbs& a, u32 d) {
  u64 rem = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    const u64 cur = rem * k_base + a[i]; // < 2^32 * 10^8
    a[i] = static_cast<u32>(cur / d);
    rem = cur % d;
  }
  trim(a);
}

int compare(const Limbs& a, const Limbs& b) {
  if (a.size() != b.size()) {
    return a.size() < b.size() ? -1 : 1;
  }
  for (std::size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) {
      return a[i] < b[i] ? -1 : 1;
    }
  }
  return 0;
}

Limbs add(const Limbs& a, const Limbs& b) {
  const Limbs& lo = a.size() < b.size() ? a : b;
  const Limbs& hi = a.size() < b.size() ? b : a;
  Limbs r(hi.size() + 1);
  u32 carry = 0;
  for (std::size_t i = 0; i < hi.size(); ++i) {
    u32 s = hi[i] + carry + (i < lo.size() ? lo[i] : 0);
    carry = s >= k_base ? 1 : 0;
    r[i] = s - carry * k_base;
  }
  r[hi.size()] = carry;
  trim(r);
  return r;
}

// a - b, requires a >= b.
Limbs sub(const Limbs& a, const Limbs& b) {
  Limbs r(a.size());
  u32 borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const u32 d = (i < b.size() ? b[i] : 0) + borrow;
    borrow = a[i] < d ? 1 : 0;
    r[i] = a[i] + borrow * k_base - d;
  }
  trim(r);
  return r;
}

// Signed difference: |a - b|, and whether a < b.
Limbs abs_diff(const Limbs& a, const Limbs& b, bool& negative) {
  negative = compare(a, b) < 0;
  return negative ? sub(b, a) : sub(a, b);
}

// a * 10^(8k).
Limbs shift_up(const Limbs& a, std::size_t k) {
  if (a.empty()) {
    return a;
  }
  Limbs r(k, 0);
  r.insert(r.end(), a.begin(), a.end());
  return r;
}

// floor(a / 10^(8k)).
Limbs shift_down(const Limbs& a, std::size_t k) {
  if (k >= a.size()) {
    return {};
  }
  return Limbs(a.begin() + static_cast<std::ptrdiff_t>(k), a.end());
}

// 10^(8k).
Limbs power_of_base(std::size_t k) {
  Limbs r(k, 0);
  r.push_back(1);
  return r;
}

// Schoolbook product, column by column: a column sums at most
// min(na, nb) products below 10^16, so min(na, nb) <= 1000 keeps it in 64 bits.
Limbs mul_schoolbook(const Limbs& x, const Limbs& y) {
  if (x.empty() || y.empty()) {
    return {};
  }
  const Limbs& a = x.size() >= y.size() ? x : y;
  const Limbs& b = x.size() >= y.size() ? y : x;
  const std::size_t na = a.size();
  const std::size_t nb = b.size();
  Limbs r(na + nb);
  u64 carry = 0;
  for (std::size_t k = 0; k + 1 < na + nb; ++k) {
    const std::size_t jlo = k >= na ? k - na + 1 : 0;
    const std::size_t jhi = std::min(k, nb - 1);
    u64 sum = carry;
    for (std::size_t j = jlo; j <= jhi; ++j) {
      sum += static_cast<u64>(a[k - j]) * b[j];
    }
    r[k] = static_cast<u32>(sum % k_base);
    carry = sum / k_base;
  }
  r[na + nb - 1] = static_cast<u32>(carry);
  trim(r);
  return r;
}

// ---------------------------------------------------------------------------
// Number-theoretic transform modulo two primes p = c * 2^27 + 1 just below
// 2^63 (p < 2^63 lets sums of two residues and Shoup products stay below
// 2^64). Each prime is listed with a generator of its multiplicative group.

struct NttPrime {
  u64 p;
  u64 generator;
  u64 mont_neg_inv = 0; // -p^-1 mod 2^64
  // Level tables: entry len + j is omega_{2 len}^j for 0 <= j < len, with
  // its Shoup quotient floor(w * 2^64 / p).
  std::vector<u64> w;
  std::vector<u64> w_shoup;
};

// p1 < p2 (Garner's step in recombine relies on it).
constexpr u64 k_prime_a = 0x7fffffff60000001ull; // 68719476716 * 2^27 + 1
constexpr u64 k_prime_b = 0x7fffffffc8000001ull; // 68719476729 * 2^27 + 1
static_assert(k_prime_a < k_prime_b);
constexpr std::size_t k_max_log = 27;

u64 mul_mod_slow(u64 a, u64 b, u64 p) {
  return static_cast<u64>(static_cast<u128>(a) * b % p);
}

u64 pow_mod(u64 b, u64 e, u64 p) {
  u64 r = 1;
  while (e != 0) {
    if ((e & 1) != 0) {
      r = mul_mod_slow(r, b, p);
    }
    b = mul_mod_slow(b, b, p);
    e >>= 1;
  }
  return r;
}

u64 shoup_quotient(u64 w, u64 p) {
  return static_cast<u64>((static_cast<u128>(w) << 64) / p);
}

// x in [0, 2p) -> [0, p). If x < p, x - p wraps above x and min keeps x.
inline u64 reduce_once(u64 x, u64 p) { return std::min(x, x - p); }

// a * w mod p in [0, 2p), for any a < 2^64 (Shoup's method).
inline u64 mul_shoup(u64 a, u64 w, u64 w_shoup, u64 p) {
  const u64 q = static_cast<u64>((static_cast<u128>(a) * w_shoup) >> 64);
  return a * w - q * p;
}

// a * b / 2^64 mod p in [0, p), for a, b < p (Montgomery reduction).
inline u64 mul_mont(u64 a, u64 b, u64 p, u64 neg_inv) {
  const u128 t = static_cast<u128>(a) * b;
  const u64 m = static_cast<u64>(t) * neg_inv;
  const u128 s = t + static_cast<u128>(m) * p; // < 2^127 + 2^126
  return reduce_once(static_cast<u64>(s >> 64), p);
}

class Ntt {
public:
  // Generators: 3 for k_prime_a, 10 for k_prime_b.
  Ntt()
      : m_primes{NttPrime{k_prime_a, 3, 0, {}, {}},
                 NttPrime{k_prime_b, 10, 0, {}, {}}} {
    for (NttPrime& pr : m_primes) {
      u64 inv = 1; // Newton iteration for p^-1 mod 2^64
      for (int i = 0; i < 6; ++i) {
        inv *= 2 - pr.p * inv;
      }
      pr.mont_neg_inv = 0 - inv;
    }
  }

  // Makes the twiddle tables cover transforms of length 2^log. While frozen
  // (other threads read the tables) the tables must already be large enough.
  void reserve(std::size_t log) {
    if (log <= m_log) {
      return;
    }
    if (log > k_max_log || m_frozen) {
      throw std::logic_error("pi: transform tables too small");
    }
    const std::size_t n = std::size_t{1} << log;
    for (NttPrime& pr : m_primes) {
      pr.w.assign(n, 0);
      pr.w_shoup.assign(n, 0);
      const std::size_t top = n / 2;
      const u64 omega = pow_mod(pr.generator, (pr.p - 1) >> log, pr.p);
      const u64 omega_shoup = shoup_quotient(omega, pr.p);
      u64 x = 1;
      for (std::size_t j = 0; j < top; ++j) {
        pr.w[top + j] = x;
        pr.w_shoup[top + j] = shoup_quotient(x, pr.p);
        x = reduce_once(mul_shoup(x, omega, omega_shoup, pr.p), pr.p);
      }
      // omega_{2 len}^j = omega_{4 len}^(2 j): lower levels decimate.
      for (std::size_t len = top / 2; len >= 1; len /= 2) {
        for (std::size_t j = 0; j < len; ++j) {
          pr.w[len + j] = pr.w[2 * len + 2 * j];
          pr.w_shoup[len + j] = pr.w_shoup[2 * len + 2 * j];
        }
      }
    }
    const u64 pa = m_primes[0].p;
    const u64 pb = m_primes[1].p;
    for (std::size_t k = m_log + 1; k <= log; ++k) {
      const u64 len = u64{1} << k;
      Fix& f = m_fix[k];
      f.a = mul_mod_slow(pow_mod(2, 64, pa), pow_mod(len, pa - 2, pa), pa);
      f.b = mul_mod_slow(pow_mod(2, 64, pb), pow_mod(len, pb - 2, pb), pb);
      f.inv = pow_mod(pa % pb, pb - 2, pb);
      f.a_q = shoup_quotient(f.a, pa);
      f.b_q = shoup_quotient(f.b, pb);
      f.inv_q = shoup_quotient(f.inv, pb);
    }
    m_log = log;
  }

  void set_frozen(bool frozen) { m_frozen = frozen; }

  const NttPrime& prime(std::size_t i) const { return m_primes[i]; }

  // Constants that turn the two inverse-transform residues of length 2^log
  // back into the convolution: 2^64 / n mod each prime (undoing the
  // Montgomery factor and the transform's scaling) and p1^-1 mod p2, with
  // Shoup quotients.
  struct Fix {
    u64 a, a_q, b, b_q, inv, inv_q;
  };

  const Fix& fix(std::size_t log) const { return m_fix[log]; }

  // In place, natural order in, bit-reversed order out, values in [0, p).
  static void forward(u64* a, std::size_t n, const NttPrime& pr) {
    if (n > k_in_cache) {
      const std::size_t h = n / 2;
      forward_pass(a, h, pr.w.data() + h, pr.w_shoup.data() + h, pr.p);
      forward(a, h, pr);
      forward(a + h, h, pr);
      return;
    }
    for (std::size_t len = n / 2; len >= 4; len /= 2) {
      const u64* w = pr.w.data() + len;
      const u64* ws = pr.w_shoup.data() + len;
      for (std::size_t s = 0; s < n; s += 2 * len) {
        forward_pass(a + s, len, w, ws, pr.p);
      }
    }
    if (n >= 4) {
      last_two_levels<false>(a, n, pr);
    } else {
      last_level(a, n, pr.p);
    }
  }

  // In place, bit-reversed order in, natural order out, scaled by n.
  static void inverse(u64* a, std::size_t n, const NttPrime& pr) {
    if (n > k_in_cache) {
      const std::size_t h = n / 2;
      inverse(a, h, pr);
      inverse(a + h, h, pr);
      inverse_pass(a, h, pr.w.data() + h, pr.w_shoup.data() + h, pr.p);
      return;
    }
    if (n >= 4) {
      last_two_levels<true>(a, n, pr);
    } else {
      last_level(a, n, pr.p);
    }
    for (std::size_t len = 4; len < n; len *= 2) {
      const u64* w = pr.w.data() + len;
      const u64* ws = pr.w_shoup.data() + len;
      for (std::size_t s = 0; s < n; s += 2 * len) {
        inverse_pass(a + s, len, w, ws, pr.p);
      }
    }
  }

private:
  static constexpr std::size_t k_in_cache = std::size_t{1} << 12;

  static void forward_pass(u64* a, std::size_t len, const u64* w, const u64* ws,
                           u64 p) {
    u64* b = a + len;
    for (std::size_t j = 0; j < len; ++j) {
      const u64 u = a[j];
      const u64 v = b[j];
      a[j] = reduce_once(u + v, p);
      b[j] = reduce_once(mul_shoup(u + p - v, w[j], ws[j], p), p);
    }
  }

  // Uses omega^-j = -omega^(len - j), the table entry at 2 len - j.
  static void inverse_pass(u64* a, std::size_t len, const u64* w, const u64* ws,
                           u64 p) {
    u64* b = a + len;
    {
      const u64 u = a[0];
      const u64 v = b[0];
      a[0] = reduce_once(u + v, p);
      b[0] = reduce_once(u + p - v, p);
    }
    for (std::size_t j = 1; j < len; ++j) {
      const u64 u = a[j];
      const u64 v =
          reduce_once(mul_shoup(b[j], p - w[len - j], ~ws[len - j], p), p);
      a[j] = reduce_once(u + v, p);
      b[j] = reduce_once(u + p - v, p);
    }
  }

  // Levels 2 and 1 together (twiddles 1 and omega_4 = i, or its inverse).
  template <bool Inverse>
  static void last_two_levels(u64* a, std::size_t n, const NttPrime& pr) {
    const u64 p = pr.p;
    const u64 i4 = Inverse ? p - pr.w[3] : pr.w[3]; // omega_4^(-1 or 1)
    const u64 i4s = Inverse ? ~pr.w_shoup[3] : pr.w_shoup[3];
    for (std::size_t s = 0; s < n; s += 4) {
      const u64 x0 = a[s];
      const u64 x1 = a[s + 1];
      const u64 x2 = a[s + 2];
      const u64 x3 = a[s + 3];
      if constexpr (!Inverse) {
        const u64 b0 = reduce_once(x0 + x2, p);
        const u64 b1 = reduce_once(x1 + x3, p);
        const u64 b2 = reduce_once(x0 + p - x2, p);
        const u64 b3 = reduce_once(mul_shoup(x1 + p - x3, i4, i4s, p), p);
        a[s] = reduce_once(b0 + b1, p);
        a[s + 1] = reduce_once(b0 + p - b1, p);
        a[s + 2] = reduce_once(b2 + b3, p);
        a[s + 3] = reduce_once(b2 + p - b3, p);
      } else {
        const u64 b0 = reduce_once(x0 + x1, p);
        const u64 b1 = reduce_once(x0 + p - x1, p);
        const u64 b2 = reduce_once(x2 + x3, p);
        const u64 b3 = reduce_once(mul_shoup(x2 + p - x3, i4, i4s, p), p);
        a[s] = reduce_once(b0 + b2, p);
        a[s + 2] = reduce_once(b0 + p - b2, p);
        a[s + 1] = reduce_once(b1 + b3, p);
        a[s + 3] = reduce_once(b1 + p - b3, p);
      }
    }
  }

  // Level 1 alone (twiddle 1); the same butterfly both ways.
  static void last_level(u64* a, std::size_t n, u64 p) {
    for (std::size_t s = 0; s < n; s += 2) {
      const u64 u = a[s];
      const u64 v = a[s + 1];
      a[s] = reduce_once(u + v, p);
      a[s + 1] = reduce_once(u + p - v, p);
    }
  }

  NttPrime m_primes[2];
  std::size_t m_log = 0;
  bool m_frozen = false;
  Fix m_fix[k_max_log + 1] = {};
};

// One product term x * y of a sum.
struct Term {
  const Limbs* x;
  const Limbs* y;
};

// Below this many limbs in the shorter operand the schoolbook product wins.
constexpr std::size_t k_schoolbook_limbs = 40;

// Largest product of two two-limb coefficients, (10^16 - 1)^2.
constexpr u128 k_pair_square =
    static_cast<u128>(u64{k_base} * k_base - 1) * (u64{k_base} * k_base - 1);

// p1 in base 10^8, for recombining residues.
constexpr u64 k_p1_limbs[3] = {k_prime_a % k_base, k_prime_a / k_base % k_base,
                               k_prime_a / k_base / k_base};

// Transforms at least this long run their two primes on two threads when
// the multiplier allows it.
constexpr std::size_t k_parallel_log = 15;

// Runs f on another thread if one can be started, else leaves the future
// empty (the caller then runs f itself).
template <typename F> auto try_async(F f) {
  try {
    return std::async(std::launch::async, std::move(f));
  } catch (const std::system_error&) {
    return decltype(std::async(std::launch::async, std::move(f))){};
  }
}

class Multiplier {
public:
  explicit Multiplier(Ntt& ntt) : m_ntt(ntt) {}

  // Lets large products use a second thread for the second prime.
  void set_parallel(bool parallel) { m_parallel = parallel; }

  // out[i] = sum over groups[i] of x * y.
  std::vector<Limbs> sums(std::span<const std::vector<Term>> groups) {
    std::size_t largest_min = 0;
    for (const auto& group : groups) {
      for (const Term& t : group) {
        largest_min = std::max(largest_min, std::min(t.x->size(), t.y->size()));
      }
    }
    std::vector<Limbs> out(groups.size());
    if (largest_min <= k_schoolbook_limbs) {
      for (std::size_t g = 0; g < groups.size(); ++g) {
        for (const Term& t : groups[g]) {
          out[g] = add(out[g], mul_schoolbook(*t.x, *t.y));
        }
      }
      return out;
    }
    transform_sums(groups, out);
    return out;
  }

  Limbs mul(const Limbs& x, const Limbs& y) {
    const std::vector<Term> group{{&x, &y}};
    return std::move(sums(std::span(&group, 1))[0]);
  }

private:
  static std::size_t coefs(const Limbs& a, std::size_t per) {
    return (a.size() + per - 1) / per;
  }

  void transform_sums(std::span<const std::vector<Term>> groups,
                      std::vector<Limbs>& out) {
    // Two limbs per coefficient when every convolution sum stays below
    // p1 * p2, else one.
    const u128 modulus = static_cast<u128>(m_ntt.prime(0).p) * m_ntt.prime(1).p;
    std::size_t per = 2;
    for (const auto& group : groups) {
      u128 bound = 0;
      for (const Term& t : group) {
        bound += k_pair_square * std::min(coefs(*t.x, 2), coefs(*t.y, 2));
      }
      if (bound >= modulus) {
        per = 1;
      }
    }
    std::size_t longest = 0;
    std::vector<const Limbs*> operands;
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> plan(
        groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g) {
      for (const Term& t : groups[g]) {
        if (t.x->empty() || t.y->empty()) {
          continue;
        }
        longest = std::max(longest, coefs(*t.x, per) + coefs(*t.y, per) - 1);
        plan[g].emplace_back(operand_index(operands, t.x),
                             operand_index(operands, t.y));
      }
    }
    std::size_t log = 1;
    while ((std::size_t{1} << log) < longest) {
      ++log;
    }
    const std::size_t n = std::size_t{1} << log;
    m_ntt.reserve(log);

    // results[k][g]: inverse transform of group g modulo prime k. Operands
    // are transformed when first needed and released after their last use;
    // a group accumulates into the buffer of an operand it uses last.
    std::vector<std::vector<u64>> results[2];
    auto run_prime = [&](std::size_t k) {
      const NttPrime& pr = m_ntt.prime(k);
      std::vector<std::vector<u64>> spectra(operands.size());
      std::vector<std::size_t> uses(operands.size(), 0);
      for (const auto& group : plan) {
        for (const auto& [ix, iy] : group) {
          ++uses[ix];
          ++uses[iy];
        }
      }
      auto spectrum = [&](std::size_t i) -> const u64* {
        if (spectra[i].empty()) {
          pack(*operands[i], per, n, spectra[i]);
          Ntt::forward(spectra[i].data(), n, pr);
        }
        return spectra[i].data();
      };
      results[k].resize(groups.size());
      for (std::size_t g = 0; g < groups.size(); ++g) {
        std::vector<u64> acc;
        bool first = true;
        for (const auto& [ix, iy] : plan[g]) {
          const u64* fx = spectrum(ix);
          const u64* fy = spectrum(iy);
          if (first) {
            // Reuse x's buffer if this is its last use (and y is another
            // operand); the product overwrites it element by element.
            if (uses[ix] == 1 && ix != iy) {
              acc = std::move(spectra[ix]);
              fx = acc.data();
            } else {
              acc.assign(n, 0);
            }
            u64* dst = acc.data();
            for (std::size_t i = 0; i < n; ++i) {
              dst[i] = mul_mont(fx[i], fy[i], pr.p, pr.mont_neg_inv);
            }
            first = false;
          } else {
            u64* dst = acc.data();
            for (std::size_t i = 0; i < n; ++i) {
              dst[i] = reduce_once(
                  dst[i] + mul_mont(fx[i], fy[i], pr.p, pr.mont_neg_inv), pr.p);
            }
          }
          for (const std::size_t i : {ix, iy}) {
            if (--uses[i] == 0) {
              spectra[i] = {};
            }
          }
        }
        if (acc.empty()) {
          acc.assign(n, 0);
        }
        Ntt::inverse(acc.data(), n, pr);
        results[k][g] = std::move(acc);
      }
    };
    if (m_parallel && log >= k_parallel_log) {
      auto other = try_async([&run_prime] { run_prime(0); });
      run_prime(1);
      if (other.valid()) {
        other.get();
      } else {
        run_prime(0);
      }
    } else {
      run_prime(0);
      run_prime(1);
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
      out[g] = recombine(results[0][g], results[1][g], log, per);
      results[0][g] = {};
      results[1][g] = {};
    }
  }

  static std::size_t operand_index(std::vector<const Limbs*>& v,
                                   const Limbs* x) {
    const auto it = std::find(v.begin(), v.end(), x);
    if (it != v.end()) {
      return static_cast<std::size_t>(it - v.begin());
    }
    v.push_back(x);
    return v.size() - 1;
  }

  static void pack(const Limbs& a, std::size_t per, std::size_t n,
                   std::vector<u64>& out) {
    out.assign(n, 0);
    if (per == 1) {
      std::copy(a.begin(), a.end(), out.begin());
      return;
    }
    const std::size_t pairs = a.size() / 2;
    for (std::size_t i = 0; i < pairs; ++i) {
      out[i] = a[2 * i] + static_cast<u64>(a[2 * i + 1]) * k_base;
    }
    if ((a.size() & 1) != 0) {
      out[pairs] = a.back();
    }
  }

  // Residues r1, r2 of n * conv * 2^-64 -> exact convolution (Garner:
  // x = x1 + p1 t) -> base 10^8. Each coefficient is split into limbs on its
  // own (x1 and t in three limbs each, p1 t as a 3 x 3 limb product), added
  // into 64-bit column sums, and one carry pass normalises the columns.
  Limbs recombine(const std::vector<u64>& r1, const std::vector<u64>& r2,
                  std::size_t log, std::size_t per) const {
    const NttPrime& a = m_ntt.prime(0);
    const NttPrime& b = m_ntt.prime(1);
    const Ntt::Fix& fix = m_ntt.fix(log);
    const std::size_t n = std::size_t{1} << log;
    // A column gets at most 3 (per = 2) or 5 (per = 1) coefficients' parts,
    // each below 3 * 10^16 + 10^8: far below 2^64.
    std::vector<u64> col(n * per + 6, 0);
    const u64 c0 = k_p1_limbs[0];
    const u64 c1 = k_p1_limbs[1];
    const u64 c2 = k_p1_limbs[2];
    for (std::size_t i = 0; i < n; ++i) {
      const u64 x1 = reduce_once(mul_shoup(r1[i], fix.a, fix.a_q, a.p), a.p);
      const u64 x2 = reduce_once(mul_shoup(r2[i], fix.b, fix.b_q, b.p), b.p);
      // x1 < p1 < p2: (x2 - x1) mod p2 = x2 + p2 - x1 reduced.
      const u64 t = reduce_once(
          mul_shoup(reduce_once(x2 + b.p - x1, b.p), fix.inv, fix.inv_q, b.p),
          b.p);
      const u64 t0 = t % k_base;
      const u64 t1 = t / k_base % k_base;
      const u64 t2 = t / k_base / k_base;
      u64* c = col.data() + i * per;
      c[0] += t0 * c0 + x1 % k_base;
      c[1] += t0 * c1 + t1 * c0 + x1 / k_base % k_base;
      c[2] += t0 * c2 + t1 * c1 + t2 * c0 + x1 / k_base / k_base;
      c[3] += t1 * c2 + t2 * c1;
      c[4] += t2 * c2;
    }
    Limbs r(col.size());
    u64 carry = 0;
    for (std::size_t j = 0; j < col.size(); ++j) {
      const u64 v = col[j] + carry;
      r[j] = static_cast<u32>(v % k_base);
      carry = v / k_base;
    }
    trim(r);
    return r;
  }

  Ntt& m_ntt;
  bool m_parallel = false;
};

// ---------------------------------------------------------------------------
// Chudnovsky series by binary splitting. For term k >= 1:
//   p(k) = (6k-5)(2k-1)(6k-1), q(k) = k^3 C^3 / 24 with C = 640320,
//   t(k) = (-1)^k p(k) (13591409 + 545140134 k); p(0) = q(0) = 1.
// For a range [a, b): P = P1 P2, Q = Q1 Q2, T = T1 Q2 + P1 T2, and
// pi = 426880 sqrt(10005) Q(0, n) / T(0, n). Only |T| is stored: its sign is
// (-1)^a because the first term dominates.

constexpr u64 k_c3_over_24 = 10939058860032000ull;
constexpr u64 k_term_a = 13591409;
constexpr u64 k_term_b = 545140134;
constexpr double k_digits_per_term = 14.181647462725477; // log10(C^3 / 1728)

struct Series {
  Limbs p;
  Limbs q;
  Limbs t; // |T|
};

Series leaf(u64 k) {
  Series s;
  if (k == 0) {
    s.p = from_u128(1);
    s.q = from_u128(1);
    s.t = from_u128(k_term_a);
    return s;
  }
  s.p = from_u128(6 * k - 5);
  mul_small(s.p, static_cast<u32>(2 * k - 1));
  mul_small(s.p, static_cast<u32>(6 * k - 1));
  s.q = from_u128(k_c3_over_24);
  for (int i = 0; i < 3; ++i) {
    mul_small(s.q, static_cast<u32>(k));
  }
  s.t = mul_schoolbook(s.p, from_u128(k_term_a + k_term_b * k));
  return s;
}

// Split point of [a, b): the left part has even length (so that the merge
// adds) except for two-term ranges.
u64 split_point(u64 a, u64 b) {
  u64 left = (b - a) / 2;
  if ((left & 1) != 0 && b - a >= 3) {
    ++left;
  }
  return a + left;
}

// Merges [a, m) and [m, b); P only if need_p.
Series merge(Multiplier& mul, Series& l, Series& r, bool subtract,
             bool need_p) {
  std::vector<std::vector<Term>> groups;
  groups.push_back({{&l.q, &r.q}});
  if (subtract) {
    groups.push_back({{&l.t, &r.q}});
    groups.push_back({{&l.p, &r.t}});
  } else {
    groups.push_back({{&l.t, &r.q}, {&l.p, &r.t}});
  }
  if (need_p) {
    groups.push_back({{&l.p, &r.p}});
  }
  std::vector<Limbs> out = mul.sums(groups);
  l = Series{};
  r = Series{};
  Series s;
  s.q = std::move(out[0]);
  std::size_t next = 2;
  if (subtract) {
    s.t = sub(out[1], out[2]); // T1 Q2 > P1 T2: the first term dominates
    next = 3;
  } else {
    s.t = std::move(out[1]);
  }
  if (need_p) {
    s.p = std::move(out[next]);
  }
  return s;
}

Series split(Multiplier& mul, u64 a, u64 b, bool need_p) {
  if (b - a == 1) {
    return leaf(a);
  }
  const u64 m = split_point(a, b);
  Series l = split(mul, a, m, true);
  Series r = split(mul, m, b, need_p);
  return merge(mul, l, r, ((m - a) & 1) != 0, need_p);
}

// Upper bound of the decimal digits of Q(a, b) (T(a, b) has at most a few
// more): q(k) < k^3 * 1.1 * 10^16.
double q_digits_bound(u64 a, u64 b) {
  return static_cast<double>(b - a) *
             (3.0 * std::log10(static_cast<double>(b)) + 16.05) +
         64.0;
}

// Below this many terms the two halves are not worth a second thread.
constexpr u64 k_parallel_terms = 4096;

// Levels of the splitting tree whose two halves run on two threads: 1 with
// 2 cores, 2 with 4, 3 with 8 or more.
unsigned parallel_levels() {
  const unsigned cores = std::thread::hardware_concurrency();
  unsigned levels = 0;
  while (levels < 3 && (2u << levels) <= cores) {
    ++levels;
  }
  return levels;
}

Series split_parallel(Ntt& ntt, u64 a, u64 b, bool need_p, unsigned levels) {
  Multiplier mul(ntt);
  if (levels == 0 || b - a < k_parallel_terms) {
    return split(mul, a, b, need_p);
  }
  const u64 m = split_point(a, b);
  auto left = try_async([&ntt, a, m, levels] {
    return split_parallel(ntt, a, m, true, levels - 1);
  });
  Series r = split_parallel(ntt, m, b, need_p, levels - 1);
  Series l = left.valid() ? left.get() : split(mul, a, m, true);
  return merge(mul, l, r, ((m - a) & 1) != 0, need_p);
}

// Q(0, n) and T(0, n). With several cores the top levels of the tree run on
// several threads; the twiddle tables are sized up front for every transform
// below the root (each is at most as long as the one merging a half's own
// halves: |T1| + |Q2| digits, 16 digits a coefficient) and frozen while the
// threads read them. The root merge and the rest then use two threads per
// large product (one per prime).
Series split_root(Ntt& ntt, u64 n) {
  Multiplier mul(ntt);
  const unsigned levels = parallel_levels();
  if (levels == 0 || n < k_parallel_terms) {
    return split(mul, 0, n, false);
  }
  const u64 m = split_point(0, n);
  const double digits = std::max(q_digits_bound(0, m), q_digits_bound(m, n));
  std::size_t log = 1;
  while (static_cast<double>(std::size_t{1} << log) < digits / 16.0 + 8.0) {
    ++log;
  }
  ntt.reserve(log);
  ntt.set_frozen(true);
  auto left = try_async([&ntt, m, levels] {
    return split_parallel(ntt, 0, m, true, levels - 1);
  });
  Series r = split_parallel(ntt, m, n, false, levels - 1);
  Series l = left.valid() ? left.get() : split(mul, 0, m, true);
  ntt.set_frozen(false);
  mul.set_parallel(true);
  return merge(mul, l, r, false, false);
}

// ---------------------------------------------------------------------------
// Newton iterations on integers (fixed point in base 10^8).

// Approximately 10^(16 n) / x for x with n limbs (error a few units).
Limbs reciprocal(Multiplier& mul, const Limbs& x) {
  const std::size_t n = x.size();
  if (n <= 2) {
    const u128 value = n == 1 ? x[0] : x[0] + static_cast<u128>(x[1]) * k_base;
    u128 num = 1;
    for (std::size_t i = 0; i < 2 * n; ++i) {
      num *= k_base;
    }
    return from_u128(num / value);
  }
  // y_h ~ B^(2h) / x_h from the top h limbs, then one Newton step:
  // y = y_h B^(n-h) + y_h (B^(n+h) - x y_h) / B^(2h).
  const std::size_t h = n / 2 + 1;
  const Limbs top(x.end() - static_cast<std::ptrdiff_t>(h), x.end());
  const Limbs yh = reciprocal(mul, top);
  bool negative = false;
  const Limbs e = abs_diff(power_of_base(n + h), mul.mul(x, yh), negative);
  const Limbs correction = shift_down(mul.mul(yh, e), 2 * h);
  const Limbs base = shift_up(yh, n - h);
  return negative ? sub(base, correction) : add(base, correction);
}

// Approximately 10^(8 n) / sqrt(c) (error a few units).
Limbs reciprocal_sqrt(Multiplier& mul, u32 c, std::size_t n) {
  if (n <= 2) {
    u128 target = 1;
    for (std::size_t i = 0; i < 2 * n; ++i) {
      target *= k_base;
    }
    target /= c;
    u128 r = static_cast<u128>(std::sqrt(static_cast<double>(target)));
    while (r * r > target) {
      --r;
    }
    while ((r + 1) * (r + 1) <= target) {
      ++r;
    }
    return from_u128(r);
  }
  // R = R_h B^(n-h) + R_h (B^(2h) - c R_h^2) / (2 B^(3h-n)).
  const std::size_t h = n / 2 + 1;
  const Limbs rh = reciprocal_sqrt(mul, c, h);
  Limbs square = mul.mul(rh, rh);
  mul_small(square, c);
  bool negative = false;
  const Limbs e = abs_diff(power_of_base(2 * h), square, negative);
  Limbs correction = mul.mul(rh, e);
  div_small(correction, 2);
  correction = shift_down(correction, 3 * h - n);
  const Limbs base = shift_up(rh, n - h);
  return negative ? sub(base, correction) : add(base, correction);
}

// The top `keep` limbs of x; `dropped` receives how many were cut.
Limbs leading(const Limbs& x, std::size_t keep, std::size_t& dropped) {
  dropped = x.size() > keep ? x.size() - keep : 0;
  return shift_down(x, dropped);
}

} // namespace

std::vector<std::uint8_t> pi_decimal_digits(std::size_t count) {
  if (count == 0) {
    return {};
  }
  // frac limbs after the point, 16 guard digits; two more limbs inside.
  const std::size_t frac = (count + 16 + k_base_digits - 1) / k_base_digits;
  const std::size_t prec = frac + 2;
  const auto terms = static_cast<u64>(
      static_cast<double>(prec * k_base_digits) / k_digits_per_term + 2);

  Ntt ntt;
  Series s = split_root(ntt, terms);
  Multiplier mul(ntt);
  mul.set_parallel(true);

  // pi = 426880 * 10005 * (1 / sqrt(10005)) * Q / T, all to prec limbs.
  std::size_t q_drop = 0;
  std::size_t t_drop = 0;
  const Limbs q = leading(s.q, prec, q_drop);
  const Limbs t = leading(s.t, prec, t_drop);
  s = Series{};
  const Limbs y = reciprocal(mul, t); // 10^(16 |t|) / t
  std::size_t u_drop = 0;
  const Limbs u = leading(mul.mul(q, y), prec + 1, u_drop);
  Limbs x = mul.mul(reciprocal_sqrt(mul, 10005, prec), u);
  mul_small(x, 426880);
  mul_small(x, 10005);
  // x * B^(q_drop + u_drop - t_drop - 2 |t| - prec) = pi; keep frac limbs.
  const std::ptrdiff_t scale =
      static_cast<std::ptrdiff_t>(q_drop + u_drop) -
      static_cast<std::ptrdiff_t>(t_drop + 2 * t.size() + prec) +
      static_cast<std::ptrdiff_t>(frac);
  if (scale > 0) {
    throw std::logic_error("pi: unexpected scale");
  }
  x = shift_down(x, static_cast<std::size_t>(-scale));
  if (x.size() != frac + 1 || x.back() != 3) {
    throw std::logic_error("pi: self-check failed");
  }
  std::vector<std::uint8_t> digits;
  digits.reserve(frac * k_base_digits);
  for (std::size_t i = frac; i-- > 0 && digits.size() < count;) {
    u32 limb = x[i];
    std::uint8_t group[k_base_digits];
    for (std::size_t d = k_base_digits; d-- > 0;) {
      group[d] = static_cast<std::uint8_t>(limb % 10);
      limb /= 10;
    }
    digits.insert(digits.end(), group, group + k_base_digits);
  }
  digits.resize(count);
  return digits;
}

std::vector<std::uint8_t> pi_digit_parity_bits(std::size_t bit_count) {
  const std::vector<std::uint8_t> digits = pi_decimal_digits(bit_count);
  std::vector<std::uint8_t> bits((bit_count + 7) / 8, 0);
  for (std::size_t i = 0; i < bit_count; ++i) {
    bits[i / 8] |= static_cast<std::uint8_t>((digits[i] & 1) << (7 - i % 8));
  }
  return bits;
}

} // namespace hasher::digest::native
