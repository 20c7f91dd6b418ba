// Single-core throughput of every algorithm through the engine's own path
// (registry factory → Digest adapter), over an in-memory buffer fed in the
// engine's chunk size, so the figure is the digest's cost alone and compares
// with `openssl speed`, `xxhsum -b` and `rhash -B`.
//
// usage: algorithm_speed [MIB [ALGO...]]   prints `name MB/s` lines
//        algorithm_speed multi [MIB]      the multi-buffer kernels: MB/s
//                                         summed over 16 busy lanes (over
//                                         the one busy lane: _one_lane)

#include <hasher/digest/algorithm.hpp>
#include <hasher/digest/multi/kernels.hpp>
#include <hasher/digest/multi/multi_buffer.hpp>
#include <hasher/pipeline/file_hasher.hpp>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

namespace multi = hasher::digest::multi;

// The SIMD kernels advance every lane; the mask is for the others.
template <void (*K)(multi::State&, const std::uint8_t*, const std::uint32_t*,
                    std::size_t)>
void every_lane(multi::State& state, const std::uint8_t* base,
                const std::uint32_t* offsets, std::size_t blocks,
                multi::LaneMask) {
  K(state, base, offsets, blocks);
}

// 16 lanes over one arena, each advanced 1024 blocks (64 KiB) a call, as
// MultiFileHasher calls the kernels with every lane busy.
int multi_buffer_speed(std::size_t mib) {
  if (!multi::available_any()) {
    std::printf("multi-buffer kernels: not on this CPU\n");
    return 0;
  }
  constexpr std::size_t k_blocks = 1024;
  const std::size_t slice = k_blocks * multi::k_block;
  std::vector<std::uint8_t> arena(multi::k_lanes * slice);
  for (std::size_t i = 0; i < arena.size(); ++i) {
    arena[i] = static_cast<std::uint8_t>(i * 2654435761u >> 13);
  }
  std::uint32_t offsets[multi::k_lanes];
  for (std::size_t l = 0; l < multi::k_lanes; ++l) {
    offsets[l] = static_cast<std::uint32_t>(l * slice);
  }
  const std::uint64_t calls =
      (static_cast<std::uint64_t>(mib) << 20) / (multi::k_lanes * slice);
  const double bytes = static_cast<double>(calls * multi::k_lanes * slice);
  // compress() of each kind, and the AVX2 kernels themselves wherever the
  // CPU has AVX2 (compress() takes them only where they beat the libraries).
  using Kernel = void (*)(multi::State&, const std::uint8_t*,
                          const std::uint32_t*, std::size_t, multi::LaneMask);
  struct Case {
    const char* name;
    multi::Kind kind;
    Kernel kernel; // null: compress()
    bool runs;
    multi::LaneMask busy = multi::k_all_lanes; // 1: a lone file's cost
  };
  const Case cases[] = {
      {"md5", multi::Kind::md5, nullptr, multi::available(multi::Kind::md5)},
      {"sha1", multi::Kind::sha1, nullptr, multi::available(multi::Kind::sha1)},
      {"sha256", multi::Kind::sha256, nullptr,
       multi::available(multi::Kind::sha256)},
      {"md5_avx2", multi::Kind::md5, every_lane<multi::md5_x16_avx2>,
       multi::has_avx2()},
      {"md5_avx2_one_lane", multi::Kind::md5, every_lane<multi::md5_x16_avx2>,
       multi::has_avx2(), 1},
      {"md5_scalar_one_lane", multi::Kind::md5, multi::md5_lanes_scalar, true,
       1},
      {"sha1_sha_ni", multi::Kind::sha1, multi::sha1_x16_sha_ni,
       multi::has_sha_extensions()},
      {"sha256_sha_ni", multi::Kind::sha256, multi::sha256_x16_sha_ni,
       multi::has_sha_extensions()}};
  for (const Case& c : cases) {
    if (!c.runs) {
      std::printf("%s no kernel on this CPU\n", c.name);
      continue;
    }
    multi::State state;
    for (std::size_t l = 0; l < multi::k_lanes; ++l) {
      multi::init_lane(c.kind, state, l);
    }
    auto start = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; i < calls; ++i) {
      if (c.kernel != nullptr) {
        c.kernel(state, arena.data(), offsets, k_blocks, c.busy);
      } else {
        multi::compress(c.kind, state, arena.data(), offsets, k_blocks, c.busy);
      }
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    double hashed = bytes * std::popcount(c.busy) / multi::k_lanes;
    std::printf("%s %.0f\n", c.name, hashed / seconds / 1e6);
  }
  // The default set's three kernels over the same blocks, one kind after
  // the other (each transposing every block) and with compress_together
  // (one transpose for the three); alternated, the best of five each.
  const std::vector<multi::Kind> all = {multi::Kind::md5, multi::Kind::sha1,
                                        multi::Kind::sha256};
  if (!std::all_of(all.begin(), all.end(), multi::available)) return 0;
  std::vector<multi::State> states(all.size());
  for (std::size_t k = 0; k < all.size(); ++k) {
    for (std::size_t l = 0; l < multi::k_lanes; ++l) {
      multi::init_lane(all[k], states[k], l);
    }
  }
  auto time_of = [&](bool together) {
    auto start = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; i < calls; ++i) {
      if (together) {
        multi::compress_together(all, states, arena.data(), offsets, k_blocks,
                                 multi::k_all_lanes);
        continue;
      }
      for (std::size_t k = 0; k < all.size(); ++k) {
        multi::compress(all[k], states[k], arena.data(), offsets, k_blocks,
                        multi::k_all_lanes);
      }
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         start)
        .count();
  };
  double apart = 1e9;
  double together = 1e9;
  for (int round = 0; round < 5; ++round) {
    apart = std::min(apart, time_of(false));
    together = std::min(together, time_of(true));
  }
  std::printf("md5+sha1+sha256 one kind at a time %.0f\n", bytes / apart / 1e6);
  std::printf("md5+sha1+sha256 together %.0f\n", bytes / together / 1e6);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  using namespace hasher;
  if (argc > 1 && std::string(argv[1]) == "multi") {
    return multi_buffer_speed(argc > 2 ? std::strtoul(argv[2], nullptr, 10)
                                       : 1024);
  }
  std::size_t mib = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 256;
  std::vector<std::string> names;
  for (int i = 2; i < argc; ++i) names.emplace_back(argv[i]);
  if (names.empty()) {
    for (const digest::Algorithm& algorithm : digest::all_algorithms()) {
      names.emplace_back(algorithm.name);
    }
  }
  const std::size_t chunk = pipeline::FileHasher::k_chunk_size;
  std::vector<std::uint8_t> buffer(chunk);
  std::uint64_t x = 0x9e3779b97f4a7c15ULL;
  for (auto& b : buffer) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    b = static_cast<std::uint8_t>(x);
  }
  for (const std::string& name : names) {
    auto specs = digest::parse_algorithm_list(name);
    digest::DigestPtr digest = specs[0].make();
    // Slow algorithms get less data so the whole table stays quick.
    std::uint64_t total = static_cast<std::uint64_t>(mib) << 20;
    if (specs[0].algorithm->cost > 5) total /= 8;
    std::uint64_t chunks = total / chunk;
    auto start = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; i < chunks; ++i) digest->update(buffer);
    std::vector<std::uint8_t> out(digest->size());
    digest->finish(out);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    std::printf("%s %.0f\n", name.c_str(),
                static_cast<double>(chunks * chunk) / seconds / 1e6);
  }
  return 0;
}
