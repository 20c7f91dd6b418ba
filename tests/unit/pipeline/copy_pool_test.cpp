#include <hasher/pipeline/copy_pool.hpp>

#include "support/digest_check.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>

#include <filesystem>

namespace hasher::pipeline {
namespace {

class CopyPoolTest : public test::TempDir {};

// Copies handed back by the pool, in the order they came.
struct Handed {
  std::vector<std::string> destinations;
  std::vector<std::string> errors; // "" for a copy written
  std::vector<PendingCopy> written;
};

TEST_F(CopyPoolTest, HandsCopiesBackInSubmissionOrderWithTheirFailures) {
  auto specs = digest::parse_algorithm_list("md5,sha256");
  std::filesystem::create_directory(dir() / "out");
  Handed handed;
  constexpr int k_files = 200;
  {
    CopyPool pool(
        specs, {}, nullptr, 3, 1u << 20,
        [&](const CopyRequest& request, util::Result<PendingCopy>& written) {
          handed.destinations.push_back(request.destination);
          handed.errors.push_back(written ? "" : written.error().reason);
          if (written) handed.written.push_back(std::move(*written));
        });
    for (int i = 0; i < k_files; ++i) {
      std::string name = "f" + std::to_string(i);
      // Every seventh source is missing; sizes vary so threads finish out
      // of order.
      if (i % 7 != 3) {
        write_file(name, test::sample_message(
                             static_cast<std::size_t>((i * 7919) % 300000)));
      }
      std::string destination = (dir() / "out" / name).string();
      pool.submit(
          {(dir() / name).string(), destination, name, io::Overwrite::replace},
          0);
    }
    pool.finish();
  }
  ASSERT_EQ(handed.destinations.size(), std::size_t{k_files});
  std::size_t copies = 0;
  FileHasher reference(specs, nullptr);
  for (int i = 0; i < k_files; ++i) {
    EXPECT_EQ(handed.destinations[i],
              (dir() / "out" / ("f" + std::to_string(i))).string());
    if (i % 7 == 3) {
      EXPECT_EQ(handed.errors[i], "No such file or directory") << i;
      continue;
    }
    EXPECT_EQ(handed.errors[i], "") << i;
    const PendingCopy& copy = handed.written[copies++];
    EXPECT_EQ(copy.request.destination, handed.destinations[i]);
    EXPECT_EQ(copy.bytes, static_cast<std::uint64_t>((i * 7919) % 300000));
    auto source = io::InputFile::open(copy.request.source, AT_FDCWD);
    ASSERT_TRUE(source);
    auto expected = reference.hash(*source, nullptr);
    ASSERT_TRUE(expected);
    EXPECT_EQ(copy.digests, expected->digests) << i;
  }
  // Nothing is named before a commit: the pool leaves only temps, and they
  // went with the uncommitted copies.
  handed.written.clear();
  EXPECT_TRUE(std::filesystem::is_empty(dir() / "out"));
}

} // namespace
} // namespace hasher::pipeline
