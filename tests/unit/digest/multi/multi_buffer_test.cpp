#include <hasher/digest/multi/multi_buffer.hpp>

#include <hasher/digest/multi/kernels.hpp>

#include <hasher/digest/algorithm.hpp>
#include <hasher/util/encoding.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace hasher::digest::multi {
namespace {

using Message = std::vector<std::uint8_t>;

const char* name_of(Kind kind) {
  switch (kind) {
  case Kind::md5:
    return "md5";
  case Kind::sha1:
    return "sha1";
  case Kind::sha256:
    return "sha256";
  }
  return "";
}

// The library's digest (OpenSSL, through the registry) as hex.
std::string reference(Kind kind, const Message& message) {
  const Algorithm* algorithm = find_algorithm(name_of(kind));
  DigestPtr digest = algorithm->make(algorithm->bits);
  digest->update(message);
  util::Bytes out(digest->size());
  digest->finish(out);
  return util::to_hex(out);
}

// One kernel of a kind as compress() calls it.
using Kernel = void (*)(State&, const std::uint8_t*, const std::uint32_t*,
                        std::size_t, LaneMask);

template <Kind K>
void through_compress(State& state, const std::uint8_t* base,
                      const std::uint32_t* offsets, std::size_t blocks,
                      LaneMask busy) {
  compress(K, state, base, offsets, blocks, busy);
}

// The SIMD kernels advance every lane; the mask is for the others.
template <void (*K)(State&, const std::uint8_t*, const std::uint32_t*,
                    std::size_t)>
void every_lane(State& state, const std::uint8_t* base,
                const std::uint32_t* offsets, std::size_t blocks, LaneMask) {
  K(state, base, offsets, blocks);
}

// Hashes up to 16 messages side by side the way a caller must: every
// message padded in one arena, each compress() call as long as the shortest
// unfinished lane allows (at most `step` blocks), finished and unused lanes
// pointed at a block of zeros. Returns each message's digest as hex.
std::vector<std::string> hash_side_by_side(Kind kind, Kernel kernel,
                                           const std::vector<Message>& messages,
                                           std::size_t step) {
  std::vector<std::uint32_t> begin(messages.size());
  std::vector<std::size_t> blocks(messages.size());
  // The zeros come first, long enough for the longest call.
  std::vector<std::uint8_t> arena(step * k_block, 0);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    begin[i] = static_cast<std::uint32_t>(arena.size());
    const Message& m = messages[i];
    std::size_t whole = m.size() / k_block * k_block;
    arena.insert(arena.end(), m.begin(), m.end());
    arena.resize(begin[i] + whole + k_max_padding);
    blocks[i] =
        whole / k_block + pad(kind, arena.data() + begin[i] + whole, m.size());
    arena.resize(begin[i] + blocks[i] * k_block);
  }
  State state;
  std::uint32_t offsets[k_lanes] = {};
  std::vector<std::size_t> done(messages.size(), 0);
  std::vector<std::string> out(messages.size());
  for (std::size_t lane = 0; lane < messages.size(); ++lane) {
    init_lane(kind, state, lane);
  }
  // A lane's digest is read as soon as it is complete: the next call
  // overwrites its state.
  auto read_out_complete = [&] {
    for (std::size_t lane = 0; lane < messages.size(); ++lane) {
      if (done[lane] == blocks[lane] && out[lane].empty()) {
        util::Bytes digest(digest_size(kind));
        extract(kind, state, lane, digest);
        out[lane] = util::to_hex(digest);
      }
    }
  };
  for (;;) {
    std::size_t n = step;
    bool any = false;
    for (std::size_t lane = 0; lane < messages.size(); ++lane) {
      if (done[lane] < blocks[lane]) {
        n = std::min(n, blocks[lane] - done[lane]);
        any = true;
      }
    }
    if (!any) break;
    LaneMask mask = 0;
    for (std::size_t lane = 0; lane < k_lanes; ++lane) {
      bool busy = lane < messages.size() && done[lane] < blocks[lane];
      offsets[lane] =
          busy ? begin[lane] + static_cast<std::uint32_t>(done[lane] * k_block)
               : 0;
      if (busy) mask |= LaneMask{1} << lane;
    }
    kernel(state, arena.data(), offsets, n, mask);
    for (std::size_t lane = 0; lane < messages.size(); ++lane) {
      if (done[lane] < blocks[lane]) done[lane] += n;
    }
    read_out_complete();
  }
  return out;
}

Message text(std::string_view s) { return Message(s.begin(), s.end()); }

Message random_message(std::mt19937& rng, std::size_t size) {
  Message m(size);
  for (std::uint8_t& b : m) b = static_cast<std::uint8_t>(rng());
  return m;
}

// A kernel under test: compress() of a kind (whatever this CPU runs), or
// one instruction set's kernel called directly, so that the AVX2 kernels
// are checked on CPUs that also have AVX-512.
struct KernelCase {
  const char* name;
  Kind kind;
  Kernel kernel;
  bool (*runs_here)();
};

template <Kind K> bool kind_available() { return available(K); }

const KernelCase k_cases[] = {
    {"md5", Kind::md5, through_compress<Kind::md5>, kind_available<Kind::md5>},
    {"sha1", Kind::sha1, through_compress<Kind::sha1>,
     kind_available<Kind::sha1>},
    {"sha256", Kind::sha256, through_compress<Kind::sha256>,
     kind_available<Kind::sha256>},
    {"md5_avx2", Kind::md5, every_lane<md5_x16_avx2>, has_avx2},
    {"md5_scalar", Kind::md5, md5_lanes_scalar, [] { return true; }},
    {"sha1_sha_ni", Kind::sha1, sha1_x16_sha_ni, has_sha_extensions},
    {"sha256_sha_ni", Kind::sha256, sha256_x16_sha_ni, has_sha_extensions},
};

class MultiBuffer : public ::testing::TestWithParam<KernelCase> {
protected:
  void SetUp() override {
    if (!GetParam().runs_here()) {
      GTEST_SKIP() << "this CPU does not run " << GetParam().name;
    }
  }
  std::vector<std::string> side_by_side(const std::vector<Message>& messages,
                                        std::size_t step) const {
    return hash_side_by_side(GetParam().kind, GetParam().kernel, messages,
                             step);
  }
};

// RFC 1321 appendix A.5 and FIPS 180-4's examples (csrc.nist.gov, "abc").
TEST_P(MultiBuffer, RfcAndFipsExamples) {
  std::vector<std::string> expected;
  std::vector<Message> messages;
  switch (GetParam().kind) {
  case Kind::md5:
    messages = {text(""), text("abc"), text("message digest")};
    expected = {"d41d8cd98f00b204e9800998ecf8427e",
                "900150983cd24fb0d6963f7d28e17f72",
                "f96b697d7cb7938d525a2f31aaf161d0"};
    break;
  case Kind::sha1:
    messages = {text("abc")};
    expected = {"a9993e364706816aba3e25717850c26c9cd0d89d"};
    break;
  case Kind::sha256:
    messages = {
        text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")};
    expected = {
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"};
    break;
  }
  EXPECT_EQ(side_by_side(messages, 4), expected);
}

TEST(MultiBufferPad, OneBlockUpTo55BytesTwoAfter) {
  std::uint8_t tail[k_max_padding];
  EXPECT_EQ(pad(Kind::md5, tail, 55), 1u);
  EXPECT_EQ(tail[55], 0x80);
  EXPECT_EQ(tail[56], (55 * 8) & 0xff); // little-endian bit length
  EXPECT_EQ(tail[57], (55 * 8) >> 8);
  EXPECT_EQ(pad(Kind::sha256, tail, 64 + 56), 2u);
  EXPECT_EQ(tail[56], 0x80);
  EXPECT_EQ(tail[127], static_cast<std::uint8_t>((64 + 56) * 8)); // big-endian
  EXPECT_EQ(tail[126], ((64 + 56) * 8) >> 8);
}

// Lengths around every padding boundary, in all 16 lanes at once.
TEST_P(MultiBuffer, EveryLengthAroundTheBlockBoundaries) {
  std::mt19937 rng(1);
  for (std::size_t first = 0; first < 200; first += 16) {
    std::vector<Message> messages;
    for (std::size_t i = 0; i < k_lanes; ++i) {
      messages.push_back(random_message(rng, first + i));
    }
    std::vector<std::string> got = side_by_side(messages, 3);
    for (std::size_t i = 0; i < k_lanes; ++i) {
      EXPECT_EQ(got[i], reference(GetParam().kind, messages[i]))
          << "length " << messages[i].size();
    }
  }
}

// Mixed sizes up to 300 KiB with few lanes busy and calls of many lengths:
// lanes stay independent whatever the others do.
TEST_P(MultiBuffer, MixedSizesAndPartlyUsedLanes) {
  std::mt19937 rng(2);
  for (std::size_t round = 0; round < 12; ++round) {
    std::size_t count = 1 + round % k_lanes;
    std::vector<Message> messages;
    for (std::size_t i = 0; i < count; ++i) {
      messages.push_back(random_message(rng, rng() % (300 * 1024)));
    }
    std::size_t step = 1 + rng() % 700;
    std::vector<std::string> got = side_by_side(messages, step);
    for (std::size_t i = 0; i < count; ++i) {
      EXPECT_EQ(got[i], reference(GetParam().kind, messages[i]))
          << "length " << messages[i].size() << ", step " << step;
    }
  }
}

// compress_together leaves every state as compress() of its kind would,
// for block counts around its group of 8, any mix of kinds and lanes that
// start anywhere.
TEST(MultiBufferTogether, SameStatesAsOneKindAtATime) {
  if (!available_any()) GTEST_SKIP() << "this CPU runs no kernel";
  std::mt19937 rng(3);
  const std::vector<std::vector<Kind>> mixes = {
      {Kind::md5, Kind::sha1, Kind::sha256},
      {Kind::sha256, Kind::sha1},
      {Kind::md5, Kind::sha256},
      {Kind::sha1}};
  for (const std::vector<Kind>& kinds : mixes) {
    if (!std::all_of(kinds.begin(), kinds.end(), available)) continue;
    for (std::size_t blocks : {1u, 7u, 8u, 9u, 23u}) {
      Message arena = random_message(rng, (blocks + 40) * k_block);
      std::uint32_t offsets[k_lanes];
      for (std::uint32_t& offset : offsets) {
        offset = static_cast<std::uint32_t>(
            rng() % (arena.size() - blocks * k_block + 1));
      }
      std::vector<State> together(kinds.size());
      std::vector<State> alone(kinds.size());
      for (std::size_t k = 0; k < kinds.size(); ++k) {
        for (std::size_t lane = 0; lane < k_lanes; ++lane) {
          init_lane(kinds[k], together[k], lane);
          init_lane(kinds[k], alone[k], lane);
        }
        compress(kinds[k], alone[k], arena.data(), offsets, blocks,
                 k_all_lanes);
      }
      compress_together(kinds, together, arena.data(), offsets, blocks,
                        k_all_lanes);
      for (std::size_t k = 0; k < kinds.size(); ++k) {
        EXPECT_TRUE(std::equal(std::begin(together[k].words),
                               std::end(together[k].words),
                               std::begin(alone[k].words)))
            << name_of(kinds[k]) << " of " << kinds.size() << " kinds, "
            << blocks << " blocks";
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, MultiBuffer, ::testing::ValuesIn(k_cases),
                         [](const auto& param_info) {
                           return std::string(param_info.param.name);
                         });

} // namespace
} // namespace hasher::digest::multi
