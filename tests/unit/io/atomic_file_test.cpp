#include <hasher/io/atomic_file.hpp>

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace hasher::io {
namespace {

class AtomicFileTest : public test::TempDir {
protected:
  static std::string read(const std::string& path) { return read_text(path); }
};

std::span<const std::uint8_t> bytes_of(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

TEST_F(AtomicFileTest, CommitRenamesWithModeAndMtime) {
  std::string path = (dir() / "out").string();
  util::Result<AtomicFile> file = AtomicFile::create(path);
  ASSERT_TRUE(file);
  EXPECT_TRUE(is_atomic_temp_name(file->temp_name())) << file->temp_name();
  ASSERT_TRUE(file->write(bytes_of("hello ")));
  util::Result<std::uint64_t> written = file->write(bytes_of("world"));
  ASSERT_TRUE(written);
  EXPECT_EQ(*written, 11u);
  // Nothing under the final name before the commit.
  EXPECT_FALSE(std::filesystem::exists(path));
  ASSERT_EQ(names().size(), 1u);

  CommitOptions options;
  options.mode = 0640;
  options.mtime_ns = 1'600'000'000'123'456'789;
  util::Result<FileInfo> info = file->commit(options);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->size, 11u);
  EXPECT_EQ(info->mtime_ns, 1'600'000'000'123'456'789);
  EXPECT_EQ(read(path), "hello world");
  EXPECT_EQ(names(), std::vector<std::string>{"out"});
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_EQ(st.st_mtim.tv_sec, 1'600'000'000);
  EXPECT_EQ(st.st_mtim.tv_nsec, 123'456'789);
}

TEST_F(AtomicFileTest, DestructorRemovesOnlyTheTemp) {
  std::string path = write_file("keep", {'o', 'l', 'd'});
  {
    util::Result<AtomicFile> file = AtomicFile::create(path);
    ASSERT_TRUE(file);
    ASSERT_TRUE(file->write(bytes_of("new and partial")));
  }
  EXPECT_EQ(read(path), "old");
  EXPECT_EQ(names(), std::vector<std::string>{"keep"});
}

TEST_F(AtomicFileTest, CommitReplacesOrRefuses) {
  std::string path = write_file("there", {'o', 'l', 'd'});
  {
    util::Result<AtomicFile> file = AtomicFile::create(path);
    ASSERT_TRUE(file);
    ASSERT_TRUE(file->write(bytes_of("new")));
    CommitOptions options;
    options.overwrite = Overwrite::refuse;
    util::Result<FileInfo> done = file->commit(options);
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().kind, util::ErrorKind::invalid);
    EXPECT_EQ(done.error().reason, "exists");
  }
  EXPECT_EQ(read(path), "old");
  EXPECT_EQ(names(), std::vector<std::string>{"there"});

  util::Result<AtomicFile> file = AtomicFile::create(path);
  ASSERT_TRUE(file);
  ASSERT_TRUE(file->write(bytes_of("new")));
  ASSERT_TRUE(file->commit(CommitOptions{}));
  EXPECT_EQ(read(path), "new");

  util::Result<AtomicFile> fresh = AtomicFile::create((dir() / "b").string());
  ASSERT_TRUE(fresh);
  ASSERT_TRUE(fresh->write(bytes_of("read back")));
  util::Result<std::uint64_t> synced = fresh->sync(DropCache::yes);
  ASSERT_TRUE(synced);
  EXPECT_EQ(*synced, 9u);
  EXPECT_EQ(read(fresh->temp_path()), "read back");
  CommitOptions refuse;
  refuse.overwrite = Overwrite::refuse;
  ASSERT_TRUE(fresh->commit(refuse));
  EXPECT_EQ(read((dir() / "b").string()), "read back");
}

TEST_F(AtomicFileTest, CreateFailsInAMissingDirectory) {
  util::Result<AtomicFile> file =
      AtomicFile::create((dir() / "no" / "such").string());
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().kind, util::ErrorKind::not_found);
}

TEST_F(AtomicFileTest, LongNamesGiveTempsWithinNameMax) {
  std::string name(255, 'n');
  std::string path = (dir() / name).string();
  util::Result<AtomicFile> file = AtomicFile::create(path);
  ASSERT_TRUE(file);
  EXPECT_LE(file->temp_name().size(), 255u);
  ASSERT_TRUE(file->commit(CommitOptions{}));
  EXPECT_TRUE(std::filesystem::exists(path));
}

TEST_F(AtomicFileTest, StaleTempsAreRecognisedAndRemoved) {
  EXPECT_TRUE(is_atomic_temp_name(".a.hasher-AbC123"));
  EXPECT_FALSE(is_atomic_temp_name("a.hasher-AbC123"));
  EXPECT_FALSE(is_atomic_temp_name(".a.hasher-link-AbC123"));
  EXPECT_FALSE(is_atomic_temp_name(".hasher-AbC123"));
  write_file(".a.hasher-AbC123", {'x'});
  write_file(".b.hasher-zzzzzz", {'x'});
  write_file("a", {'x'});
  write_file(".a.hasher-link-AbC123", {'x'});
  EXPECT_EQ(remove_stale_temps(dir().string()), 2u);
  EXPECT_EQ(names(), (std::vector<std::string>{".a.hasher-link-AbC123", "a"}));
}

} // namespace
} // namespace hasher::io
