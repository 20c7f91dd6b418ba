// Single-core throughput of every algorithm through the engine's own path
// (registry factory → Digest adapter), over an in-memory buffer fed in the
// engine's chunk size, so the figure is the digest's cost alone and compares
// with `openssl speed`, `xxhsum -b` and `rhash -B`.
//
// usage: algorithm_speed [MIB [ALGO...]]   prints `name MB/s` lines

#include <hasher/digest/algorithm.hpp>
#include <hasher/pipeline/file_hasher.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  using namespace hasher;
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
