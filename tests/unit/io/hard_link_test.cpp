#include <hasher/io/hard_link.hpp>

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace hasher::io {
namespace {

class HardLinkTest : public test::TempDir {
protected:
  std::string make(const std::string& name, const std::string& text) {
    return write_file(name,
                      std::vector<std::uint8_t>(text.begin(), text.end()));
  }

  static FileInfo info(const std::string& path) {
    util::Result<PathStatus> status = lstat_file(path);
    EXPECT_TRUE(status.has_value()) << path;
    return status ? status->info : FileInfo{};
  }

  static std::uint64_t links(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::lstat(path.c_str(), &st), 0);
    return static_cast<std::uint64_t>(st.st_nlink);
  }

  // The names in the scratch directory, to see that no temporary is left.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(dir())) {
      out.push_back(entry.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_F(HardLinkTest, LstatTellsRegularFilesFromOthers) {
  std::string file = make("f", "abc");
  std::filesystem::create_symlink("f", dir() / "link");
  util::Result<PathStatus> regular = lstat_file(file);
  ASSERT_TRUE(regular.has_value());
  EXPECT_EQ(regular->kind, FileKind::regular);
  EXPECT_EQ(regular->info.size, 3u);
  util::Result<PathStatus> symlink = lstat_file((dir() / "link").string());
  ASSERT_TRUE(symlink.has_value());
  EXPECT_EQ(symlink->kind, FileKind::other);
  util::Result<PathStatus> missing = lstat_file((dir() / "none").string());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind, util::ErrorKind::not_found);
}

TEST_F(HardLinkTest, ComparesByteForByteAcrossChunks) {
  // Larger than one chunk, differing only in the last byte.
  std::string big(600 * 1024, 'x');
  std::string a = make("a", big);
  std::string b = make("b", big);
  std::string c = make("c", big.substr(0, big.size() - 1) + "y");
  std::string d = make("d", "short");
  auto same = [&](const std::string& x, const std::string& y) {
    util::Result<SameBytes> result = compare_files(x, info(x), y, info(y));
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().reason);
    return result ? *result : SameBytes::no;
  };
  EXPECT_EQ(same(a, b), SameBytes::yes);
  EXPECT_EQ(same(a, c), SameBytes::no);
  EXPECT_EQ(same(a, d), SameBytes::no);
  std::string e1 = make("e1", "");
  std::string e2 = make("e2", "");
  EXPECT_EQ(same(e1, e2), SameBytes::yes);
}

TEST_F(HardLinkTest, CompareRefusesAFileThatIsNotTheOneListed) {
  std::string a = make("a", "same");
  std::string b = make("b", "same");
  FileInfo stale = info(b);
  stale.inode += 1;
  util::Result<SameBytes> result = compare_files(a, info(a), b, stale);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, util::ErrorKind::changed);
  EXPECT_EQ(result.error().subject, b);
}

TEST_F(HardLinkTest, ReplacesTheDuplicateByALinkToTheKeeper) {
  std::string keeper = make("keep", "same");
  std::string duplicate = make("dup", "same");
  FileInfo keeper_info = info(keeper);
  util::Result<FileInfo> linked =
      replace_with_hard_link(keeper, keeper_info, duplicate, info(duplicate));
  ASSERT_TRUE(linked.has_value()) << linked.error().reason;
  EXPECT_EQ(linked->inode, keeper_info.inode);
  EXPECT_EQ(info(duplicate).inode, keeper_info.inode);
  EXPECT_EQ(links(keeper), 2u);
  EXPECT_EQ(names(), (std::vector<std::string>{"dup", "keep"}));
}

TEST_F(HardLinkTest, LeavesAChangedDuplicateAlone) {
  std::string keeper = make("keep", "same");
  std::string duplicate = make("dup", "same");
  FileInfo before = info(duplicate);
  FileInfo listed = before;
  listed.mtime_ns -= 1000000000;
  util::Result<FileInfo> linked =
      replace_with_hard_link(keeper, info(keeper), duplicate, listed);
  ASSERT_FALSE(linked.has_value());
  EXPECT_EQ(linked.error().kind, util::ErrorKind::changed);
  EXPECT_EQ(info(duplicate).inode, before.inode);
  EXPECT_EQ(links(keeper), 1u);
  EXPECT_EQ(names(), (std::vector<std::string>{"dup", "keep"}));
}

TEST_F(HardLinkTest, LeavesNoTemporaryNameWhenTheKeeperChanged) {
  std::string keeper = make("keep", "same");
  std::string duplicate = make("dup", "same");
  FileInfo listed = info(keeper);
  listed.size += 1;
  util::Result<FileInfo> linked =
      replace_with_hard_link(keeper, listed, duplicate, info(duplicate));
  ASSERT_FALSE(linked.has_value());
  EXPECT_EQ(linked.error().kind, util::ErrorKind::changed);
  EXPECT_EQ(linked.error().subject, keeper);
  EXPECT_EQ(links(keeper), 1u);
  EXPECT_EQ(names(), (std::vector<std::string>{"dup", "keep"}));
}

TEST_F(HardLinkTest, WorksForTheLongestFileName) {
  // The temporary name is cut to fit a directory entry.
  std::string long_name(255, 'n');
  std::string keeper = make("keep", "same");
  std::string duplicate = make(long_name, "same");
  util::Result<FileInfo> linked =
      replace_with_hard_link(keeper, info(keeper), duplicate, info(duplicate));
  ASSERT_TRUE(linked.has_value()) << linked.error().reason;
  EXPECT_EQ(info(duplicate).inode, info(keeper).inode);
  EXPECT_EQ(names(), (std::vector<std::string>{"keep", long_name}));
}

} // namespace
} // namespace hasher::io
