#include <hasher/pipeline/file_hasher.hpp>

#include <hasher/io/input_file.hpp>

#include "support/digest_check.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>

namespace hasher::pipeline {
namespace {

class FileHasherTest : public test::TempDir {};

std::vector<std::string> hex_all(const std::vector<util::Bytes>& digests) {
  std::vector<std::string> out;
  for (const util::Bytes& bytes : digests) out.push_back(util::to_hex(bytes));
  return out;
}

TEST_F(FileHasherTest, SplitLanesGiveTheInlineDigests) {
  auto specs =
      digest::parse_algorithm_list("crc32,md5,sha1,sha256,blake3,xxh3");
  // More chunks than ring slots, and a partial last chunk.
  std::size_t size =
      FileHasher::k_chunk_size * (FileHasher::k_ring_slots * 3) + 12345;
  std::string path = write_file("big", test::sample_message(size));
  FileHasher hasher(specs, nullptr);

  auto open = [&] { return std::move(*io::InputFile::open(path, AT_FDCWD)); };
  io::InputFile file = open();
  auto inline_result = hasher.hash(file, nullptr);
  ASSERT_TRUE(inline_result);
  EXPECT_EQ(inline_result->bytes, size);

  for (std::size_t lanes = 2; lanes <= 4; ++lanes) {
    digest::LanePlan plan = digest::plan_lanes(specs, lanes, 0.1);
    io::InputFile again = open();
    auto split = hasher.hash(again, &plan);
    ASSERT_TRUE(split);
    EXPECT_EQ(split->bytes, size);
    EXPECT_EQ(hex_all(split->digests), hex_all(inline_result->digests))
        << lanes << " lanes";
  }
}

TEST_F(FileHasherTest, OneAlgorithmTwoLanesReadsWhileHashing) {
  auto specs = digest::parse_algorithm_list("sha256");
  digest::LanePlan plan = digest::plan_lanes(specs, 2, 0.1);
  ASSERT_EQ(plan.lanes.size(), 2u);
  EXPECT_TRUE(plan.lanes[0].empty());
  std::string path = write_file("f", test::sample_message(3 << 20));
  FileHasher hasher(specs, nullptr);
  io::InputFile file = std::move(*io::InputFile::open(path, AT_FDCWD));
  auto result = hasher.hash(file, &plan);
  ASSERT_TRUE(result);
  auto whole = test::sample_message(3 << 20);
  auto alone = specs[0].make();
  EXPECT_EQ(util::to_hex(result->digests[0]), test::digest_hex(*alone, whole));
}

TEST_F(FileHasherTest, EmptyFile) {
  auto specs = digest::parse_algorithm_list("md5");
  std::string path = write_file("empty", {});
  FileHasher hasher(specs, nullptr);
  io::InputFile file = std::move(*io::InputFile::open(path, AT_FDCWD));
  auto result = hasher.hash(file, nullptr);
  ASSERT_TRUE(result);
  EXPECT_EQ(util::to_hex(result->digests[0]),
            "d41d8cd98f00b204e9800998ecf8427e");
}

TEST_F(FileHasherTest, StopFlagInterrupts) {
  auto specs = digest::parse_algorithm_list("md5,sha1");
  std::string path = write_file("f", test::sample_message(1 << 20));
  std::atomic<bool> stop{true};
  FileHasher hasher(specs, &stop);
  for (std::size_t lanes : {1u, 2u}) {
    digest::LanePlan plan = digest::plan_lanes(specs, lanes, 0.1);
    io::InputFile file = std::move(*io::InputFile::open(path, AT_FDCWD));
    auto result = hasher.hash(file, &plan);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, util::ErrorKind::interrupted);
  }
  // The contexts were reset: a later file hashes correctly.
  stop = false;
  io::InputFile file = std::move(*io::InputFile::open(path, AT_FDCWD));
  auto result = hasher.hash(file, nullptr);
  ASSERT_TRUE(result);
  auto alone = specs[0].make();
  EXPECT_EQ(util::to_hex(result->digests[0]),
            test::digest_hex(*alone, test::sample_message(1 << 20)));
}

TEST_F(FileHasherTest, OpenRefusesFifosWithoutBlocking) {
  std::string path = (dir() / "fifo").string();
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  auto opened = io::InputFile::open(path, AT_FDCWD);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().kind, util::ErrorKind::special);
}

// Keeps every chunk it is given; fails once it holds more than `limit`.
class RecordingSink final : public ChunkSink {
public:
  explicit RecordingSink(std::size_t limit = SIZE_MAX) : m_limit(limit) {}
  util::Result<std::uint64_t>
  consume(std::span<const std::uint8_t> chunk) override {
    bytes.insert(bytes.end(), chunk.begin(), chunk.end());
    ++calls;
    if (bytes.size() > m_limit) {
      return util::Error{util::ErrorKind::io, "sink",
                         "No space left on device"};
    }
    return bytes.size();
  }
  std::vector<std::uint8_t> bytes;
  std::size_t calls = 0;

private:
  std::size_t m_limit;
};

TEST_F(FileHasherTest, ChunkSinkSeesExactlyTheBytesAndDigestsStayTheSame) {
  auto specs = digest::parse_algorithm_list("crc32,md5,sha1,sha256");
  std::size_t size =
      FileHasher::k_chunk_size * (FileHasher::k_ring_slots * 2) + 777;
  std::vector<std::uint8_t> content = test::sample_message(size);
  std::string path = write_file("copied", content);
  FileHasher hasher(specs, nullptr);
  auto open = [&] { return std::move(*io::InputFile::open(path, AT_FDCWD)); };

  io::InputFile plain = open();
  auto without = hasher.hash(plain, nullptr);
  ASSERT_TRUE(without);
  for (std::size_t lanes = 1; lanes <= 3; ++lanes) {
    digest::LanePlan plan = digest::plan_lanes(specs, lanes, 0.1);
    RecordingSink sink;
    io::InputFile file = open();
    auto with = hasher.hash(file, &plan, &sink);
    ASSERT_TRUE(with) << lanes << " lanes";
    EXPECT_EQ(with->bytes, size);
    EXPECT_EQ(hex_all(with->digests), hex_all(without->digests))
        << lanes << " lanes";
    EXPECT_TRUE(sink.bytes == content) << lanes << " lanes";
    EXPECT_EQ(sink.calls, FileHasher::k_ring_slots * 2 + 1);
  }
}

TEST_F(FileHasherTest, ChunkSinkErrorFailsTheFile) {
  auto specs = digest::parse_algorithm_list("md5,sha256");
  std::size_t size = FileHasher::k_chunk_size * FileHasher::k_ring_slots * 2;
  std::string path = write_file("full", test::sample_message(size));
  FileHasher hasher(specs, nullptr);
  for (std::size_t lanes = 1; lanes <= 2; ++lanes) {
    digest::LanePlan plan = digest::plan_lanes(specs, lanes, 0.1);
    RecordingSink sink(FileHasher::k_chunk_size * 5);
    io::InputFile file = std::move(*io::InputFile::open(path, AT_FDCWD));
    auto result = hasher.hash(file, &plan, &sink);
    ASSERT_FALSE(result) << lanes << " lanes";
    EXPECT_EQ(result.error().reason, "No space left on device");
    EXPECT_EQ(sink.calls, 6u);
  }
  // The hasher is usable again afterwards.
  std::vector<std::uint8_t> abc = {'a', 'b', 'c'};
  std::string small = write_file("abc", abc);
  io::InputFile file = std::move(*io::InputFile::open(small, AT_FDCWD));
  auto again = hasher.hash(file, nullptr);
  ASSERT_TRUE(again);
  EXPECT_EQ(util::to_hex(again->digests[0]),
            "900150983cd24fb0d6963f7d28e17f72");
}

TEST_F(FileHasherTest, OpenReportsMissingFiles) {
  auto opened = io::InputFile::open((dir() / "nope").string(), AT_FDCWD);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().kind, util::ErrorKind::not_found);
  EXPECT_EQ(opened.error().reason, "No such file or directory");
}

} // namespace
} // namespace hasher::pipeline
