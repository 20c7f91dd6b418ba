// Known-answer and streaming tests for the hand-written FSB digests (vectors
// decoded from RustCrypto's fsb test data) and for the pi digit generator
// their matrices come from.

#include <hasher/digest/native/fsb.hpp>
#include <hasher/digest/native/fsb_pi_table.hpp>
#include <hasher/digest/native/pi_bits.hpp>

#include "support/digest_check.hpp"
#include "support/vectors.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using hasher::digest::native::make_fsb;
using hasher::digest::native::pi_decimal_digits;
using hasher::digest::native::pi_digit_parity_bits;
using hasher::test::check_piecewise;
using hasher::test::digest_hex;
using hasher::test::read_vectors;
using hasher::test::sample_message;

std::string as_text(const std::vector<std::uint8_t>& digits, std::size_t from,
                    std::size_t count) {
  std::string s;
  for (std::size_t i = from; i < from + count; ++i) {
    s.push_back(static_cast<char>('0' + digits[i]));
  }
  return s;
}

// Decimal digits of pi after the point (1-based positions): the first 50, the
// six nines at 762 ("Feynman point") and digits 99,991-100,000.
TEST(PiDigits, KnownDigits) {
  const std::vector<std::uint8_t> digits = pi_decimal_digits(100000);
  ASSERT_EQ(digits.size(), 100000u);
  EXPECT_EQ(as_text(digits, 0, 50),
            "14159265358979323846264338327950288419716939937510");
  EXPECT_EQ(as_text(digits, 761, 6), "999999");
  EXPECT_EQ(as_text(digits, 99990, 10), "5493624646");
  EXPECT_TRUE(pi_decimal_digits(0).empty());
  EXPECT_EQ(as_text(pi_decimal_digits(1), 0, 1), "1");
}

// The FSB "digits of pi" table: 1415 9265 3589 7932 -> parities 1011 1001
// 1101 1110 (b9 de), the first bytes of the submission's table.
TEST(PiDigits, ParityBits) {
  EXPECT_EQ(pi_digit_parity_bits(32),
            (std::vector<std::uint8_t>{0xb9, 0xde, 0x81, 0xae}));
  EXPECT_EQ(pi_digit_parity_bits(12), (std::vector<std::uint8_t>{0xb9, 0xd0}));
}

// The build-time table is what the generator computes: the full length FSB-256
// needs, and the same bits as a fresh computation of the first 100,000.
TEST(PiDigits, GeneratedTableMatchesTheComputation) {
  using hasher::digest::native::fsb_pi_table;
  using hasher::digest::native::fsb_pi_table_bits;
  EXPECT_EQ(fsb_pi_table_bits(), 2179069u);
  ASSERT_EQ(fsb_pi_table().size(), (2179069u + 7) / 8);
  std::vector<std::uint8_t> fresh = pi_digit_parity_bits(100000);
  EXPECT_TRUE(std::equal(fresh.begin(), fresh.end(), fsb_pi_table().begin()));
}

class FsbTest : public ::testing::TestWithParam<unsigned> {};

std::string vector_name(unsigned bits) { return "fsb" + std::to_string(bits); }

TEST_P(FsbTest, KnownAnswers) {
  auto d = make_fsb(GetParam());
  ASSERT_EQ(d->size(), GetParam() / 8);
  auto vectors = read_vectors(vector_name(GetParam()));
  ASSERT_FALSE(vectors.empty());
  for (const auto& v : vectors) {
    EXPECT_EQ(digest_hex(*d, v.input), v.digest_hex)
        << vector_name(GetParam()) << ".txt line " << v.line;
  }
}

// The empty message, both padding cases at a block end (room for the length
// or not) and 20,000 bytes, which select every vector of every matrix. Values
// from an independent big-integer model of the specification using pi digits
// computed with GMP (not from this implementation).
struct Sample {
  unsigned bits;
  std::size_t length;
  const char* digest;
};

const Sample k_samples[] = {
    {160, 0, "bd874daa024be58a7bb2725914132819f9c64c2e"},
    {160, 51, "0064403a11a94f9764b74f94abbb9d198a4a84c6"},
    {160, 52, "0762260fdc2a1e8704925a9198a06db6e5a9b576"},
    {160, 20000, "77ec8f1558a626b696ab13c2a3641d70fa66b933"},
    {224, 0, "c66ded00ab44a5d29b16133a7078cdb431e8d089ec6fdef7d265b554"},
    {224, 75, "2784bd9c6f1bd4b096b4693044b151ec24e7eeefe76182798ea4e5b1"},
    {224, 76, "e3f6ebf4d3498a8d87d07ada8c47aedb3eb5ac0b04d3bad79d8caf12"},
    {224, 20000, "7d8e0fb4dcf4c17953a0040dfc158be8086a1f1049424b4372cd3456"},
    {256, 0,
     "344eaf42ab2a9716a07cfd61d6e717a341b701162cbabc71673f9599167bb0b0"},
    {256, 87,
     "b6a8390fea73fb9bd6d72562613fb089b305b13e5e2547f9097d291b2f36d55f"},
    {256, 88,
     "a13edc79ce1c0494749e506c7a5d9f5e12ced6363bed62d4beaa931269178127"},
    {256, 20000,
     "1455c79d393b13397bc209c5c5470c3b71770605c4e4bedf49654b01d6824f0d"},
    {384, 0,
     "ed1f3e8d9c5f9af16d82a80043b227e3cd942453d5bd55222d62270c3aca8cc608ed16ab"
     "a4202b59c194d5e783d80cca"},
    {384, 106,
     "1e55a90f315d3f86239fa78b21ed6dc6a2ce8e1fef68bdc895e55e3d9f38634e4ecebdcc"
     "c9ae7473441052f994a2273c"},
    {384, 107,
     "53fee73b6b1c627757a467978e1cae3339d4026db70a3bb7f71df546204681015598cd74"
     "76dde73db61ca13f9668834e"},
    {384, 20000,
     "ab2075f8e4bc428075d0c70e7a173b90600c5e2cf33a945e3501bd4ca0118e31c525fcae"
     "1e9fd432f1213fd66d033016"},
    {512, 0,
     "a60c6ba0e439d4a2137252e34623e1b1a0a35bff1d3893c11b0a31db8d9063990bee6c30"
     "84b24aea384c3ea08866d643fadeb679959778636a950b95da5c93f9"},
    {512, 146,
     "ea42c108070e5cde1fddc1846ac514ed21b1bbe5b54e488f4ce8d0da75a91ffc05b31998"
     "016f9a2cecb9bdbce9430698d38efeab9ba00d8426831ef50a4d40e4"},
    {512, 147,
     "8995f20d7800060cafa2ef68ca1e494e92beb408374c5ce615a7c4da876228c0f95296a5"
     "23fb16f62856cd0f9c6135318d6325c057667defcc9962d63bbaef6b"},
    {512, 20000,
     "9811ca67ae9a956449ff75374a6dd457b18384e40abd6cae60f0a19a1c034ce5416feb33"
     "53024645479d9b9925d9856838cee12c053b4678c6ca9ac67de8ef89"},
};

TEST_P(FsbTest, Samples) {
  auto d = make_fsb(GetParam());
  int checked = 0;
  for (const Sample& s : k_samples) {
    if (s.bits == GetParam()) {
      EXPECT_EQ(digest_hex(*d, sample_message(s.length)), s.digest)
          << "FSB-" << s.bits << ", " << s.length << " bytes";
      ++checked;
    }
  }
  EXPECT_EQ(checked, 4);
}

TEST_P(FsbTest, Piecewise) {
  auto d = make_fsb(GetParam());
  EXPECT_EQ(check_piecewise(*d), "");
}

TEST_P(FsbTest, ResetReuse) {
  auto d = make_fsb(GetParam());
  auto msg = sample_message(1000);
  std::string first = digest_hex(*d, msg);
  std::string second = digest_hex(*d, msg);
  EXPECT_EQ(first, second);
  // A dirty context (partial block buffered, unfinished) must reset fully.
  d->update(hasher::digest::ByteView(msg).first(77));
  EXPECT_EQ(digest_hex(*d, msg), first);
}

INSTANTIATE_TEST_SUITE_P(AllSizes, FsbTest,
                         ::testing::Values(160u, 224u, 256u, 384u, 512u));

TEST(Fsb, RejectsOtherSizes) {
  for (unsigned bits : {0u, 128u, 192u, 255u, 257u, 1024u}) {
    EXPECT_THROW(make_fsb(bits), std::invalid_argument) << bits;
  }
}

} // namespace
