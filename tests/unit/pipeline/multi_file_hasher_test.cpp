#include <hasher/pipeline/multi_file_hasher.hpp>

#include <gtest/gtest.h>

#include <random>

namespace hasher::pipeline {
namespace {

// Bytes from memory in pieces of the given sizes (cycled), as a pipe or a
// decoder hands them out; optionally failing once `fail_at` bytes are read.
class MemoryReader final : public io::ByteReader {
public:
  MemoryReader(std::vector<std::uint8_t> bytes, std::vector<std::size_t> pieces,
               std::uint64_t fail_at = UINT64_MAX)
      : m_bytes(std::move(bytes)), m_pieces(std::move(pieces)),
        m_fail_at(fail_at) {}

  util::Result<std::size_t> read(std::span<std::uint8_t> buffer) override {
    if (m_at >= m_fail_at) {
      return util::Error{util::ErrorKind::io, m_path, "Input/output error"};
    }
    std::size_t piece = m_pieces[m_next++ % m_pieces.size()];
    std::size_t n = std::min({piece, buffer.size(), m_bytes.size() - m_at});
    std::copy_n(m_bytes.begin() + static_cast<std::ptrdiff_t>(m_at), n,
                buffer.begin());
    m_at += n;
    return n;
  }
  const std::string& path() const override { return m_path; }
  std::uint64_t size_hint() const override { return m_bytes.size(); }

private:
  std::vector<std::uint8_t> m_bytes;
  std::vector<std::size_t> m_pieces;
  std::uint64_t m_fail_at;
  std::size_t m_next = 0;
  std::uint64_t m_at = 0;
  std::string m_path = "memory";
};

// Counts what a sink is given.
class CountingSink final : public ChunkSink {
public:
  util::Result<std::uint64_t>
  consume(std::span<const std::uint8_t> chunk) override {
    seen.insert(seen.end(), chunk.begin(), chunk.end());
    return seen.size();
  }
  std::vector<std::uint8_t> seen;
};

std::vector<std::uint8_t> random_bytes(std::mt19937& rng, std::size_t size) {
  std::vector<std::uint8_t> out(size);
  for (std::uint8_t& b : out) b = static_cast<std::uint8_t>(rng());
  return out;
}

std::vector<std::string> hex_all(const std::vector<util::Bytes>& digests) {
  std::vector<std::string> out;
  for (const util::Bytes& bytes : digests) out.push_back(util::to_hex(bytes));
  return out;
}

std::vector<std::string> expected(std::span<const digest::AlgorithmSpec> specs,
                                  const std::vector<std::uint8_t>& bytes) {
  digest::DigestSet set(specs);
  set.update(bytes);
  return hex_all(set.finish());
}

// 60 files of mixed sizes (empty, under a block, around the chunk size, a
// few chunks) through 16 streams, each refilled the moment a file ends, with
// kernel and library algorithms mixed: every file gets the digests the
// libraries give, whatever pieces its reader hands out.
TEST(MultiFileHasher, StreamsGiveTheLibraryDigests) {
  auto specs =
      digest::parse_algorithm_list("crc32,md5,sha1,blake3,sha256,xxh3");
  std::mt19937 rng(7);
  const std::size_t sizes[] = {0,     1,     55,    56,    63,
                               64,    65,    119,   120,   4096,
                               65535, 65536, 65537, 70000, 65536 * 3 + 17,
                               300000};
  std::vector<std::vector<std::uint8_t>> files;
  for (std::size_t i = 0; i < 60; ++i) {
    std::size_t size = i < std::size(sizes) ? sizes[i] : rng() % 200000;
    files.push_back(random_bytes(rng, size));
  }
  std::vector<std::unique_ptr<MemoryReader>> readers;
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::vector<std::size_t> pieces = {SIZE_MAX};
    if (i % 3 == 1) pieces = {1, 63, 64, 1000, 7};
    if (i % 3 == 2) pieces = {40000, 3};
    readers.push_back(std::make_unique<MemoryReader>(files[i], pieces));
  }

  MultiFileHasher hasher(specs, nullptr);
  std::size_t stream_file[MultiFileHasher::k_streams] = {};
  std::size_t next = 0;
  std::size_t checked = 0;
  std::vector<MultiFileHasher::Ended> ended;
  while (checked < files.size()) {
    while (hasher.has_room() && next < files.size()) {
      stream_file[hasher.start(*readers[next])] = next;
      ++next;
    }
    ended.clear();
    hasher.run(ended);
    ASSERT_FALSE(ended.empty());
    for (MultiFileHasher::Ended& e : ended) {
      std::size_t file = stream_file[e.stream];
      ASSERT_TRUE(e.outcome) << file;
      EXPECT_EQ(e.outcome->bytes, files[file].size());
      EXPECT_EQ(hex_all(e.outcome->digests), expected(specs, files[file]))
          << "file " << file << " of " << files[file].size() << " bytes";
      ++checked;
    }
  }
  EXPECT_EQ(hasher.active(), 0u);
}

TEST(MultiFileHasher, ReadErrorEndsOnlyItsStream) {
  auto specs = digest::parse_algorithm_list("md5,sha256");
  std::mt19937 rng(8);
  auto good_bytes = random_bytes(rng, 500000);
  MemoryReader good(good_bytes, {SIZE_MAX});
  MemoryReader bad(random_bytes(rng, 500000), {SIZE_MAX}, 200000);
  MultiFileHasher hasher(specs, nullptr);
  std::size_t good_stream = hasher.start(good);
  std::size_t bad_stream = hasher.start(bad);
  std::vector<MultiFileHasher::Ended> ended;
  while (hasher.active() > 0) hasher.run(ended);
  ASSERT_EQ(ended.size(), 2u);
  for (MultiFileHasher::Ended& e : ended) {
    if (e.stream == bad_stream) {
      ASSERT_FALSE(e.outcome);
      EXPECT_EQ(e.outcome.error().kind, util::ErrorKind::io);
    } else {
      ASSERT_EQ(e.stream, good_stream);
      ASSERT_TRUE(e.outcome);
      EXPECT_EQ(hex_all(e.outcome->digests), expected(specs, good_bytes));
    }
  }
}

TEST(MultiFileHasher, SinkSeesEveryChunkInOrder) {
  auto specs = digest::parse_algorithm_list("sha1");
  std::mt19937 rng(9);
  auto bytes = random_bytes(rng, 250001);
  MemoryReader reader(bytes, {9999, 1});
  CountingSink sink;
  MultiFileHasher hasher(specs, nullptr);
  hasher.start(reader, &sink);
  std::vector<MultiFileHasher::Ended> ended;
  while (hasher.active() > 0) hasher.run(ended);
  ASSERT_EQ(ended.size(), 1u);
  ASSERT_TRUE(ended[0].outcome);
  EXPECT_EQ(sink.seen, bytes);
  EXPECT_EQ(hex_all(ended[0].outcome->digests), expected(specs, bytes));
}

TEST(MultiFileHasher, StopEndsEveryStreamAsInterrupted) {
  auto specs = digest::parse_algorithm_list("md5");
  std::mt19937 rng(10);
  std::atomic<bool> stop{false};
  MultiFileHasher hasher(specs, &stop);
  std::vector<std::unique_ptr<MemoryReader>> readers;
  for (int i = 0; i < 3; ++i) {
    readers.push_back(std::make_unique<MemoryReader>(
        random_bytes(rng, 1 << 20), std::vector<std::size_t>{SIZE_MAX}));
    hasher.start(*readers.back());
  }
  stop = true;
  std::vector<MultiFileHasher::Ended> ended;
  hasher.run(ended);
  ASSERT_EQ(ended.size(), 3u);
  for (MultiFileHasher::Ended& e : ended) {
    ASSERT_FALSE(e.outcome);
    EXPECT_EQ(e.outcome.error().kind, util::ErrorKind::interrupted);
  }
  EXPECT_EQ(hasher.active(), 0u);
}

} // namespace
} // namespace hasher::pipeline
