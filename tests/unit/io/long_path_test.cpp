#include <hasher/io/long_path.hpp>

#include <support/temp_dir.hpp>

#include <gtest/gtest.h>

#include <cerrno>
#include <climits>
#include <dirent.h>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace hasher::io {
namespace {

using LongPath = test::TempDir;

// Removes `name` in `parent_fd` and all below it, relative to open
// directories (std::filesystem cannot reach below PATH_MAX).
void remove_at(int parent_fd, const std::string& name) {
  if (::unlinkat(parent_fd, name.c_str(), 0) == 0) return;
  int fd = ::openat(parent_fd, name.c_str(),
                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  std::vector<std::string> names;
  if (DIR* dir = ::fdopendir(::dup(fd))) {
    while (const dirent* entry = ::readdir(dir)) {
      std::string entry_name = entry->d_name;
      if (entry_name != "." && entry_name != "..") names.push_back(entry_name);
    }
    ::closedir(dir);
  }
  for (const std::string& child : names) remove_at(fd, child);
  ::close(fd);
  ::unlinkat(parent_fd, name.c_str(), AT_REMOVEDIR);
}

// Reads all of `fd` and closes it.
std::string read_all(int fd) {
  std::string out;
  char buffer[256];
  ssize_t got = 0;
  while ((got = ::read(fd, buffer, sizeof buffer)) > 0) {
    out.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return out;
}

// Changes the current directory for the life of the object.
class CurrentDirectory {
public:
  explicit CurrentDirectory(const std::string& path)
      : m_saved(::open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    EXPECT_EQ(::chdir(path.c_str()), 0);
  }
  CurrentDirectory(const CurrentDirectory&) = delete;
  CurrentDirectory& operator=(const CurrentDirectory&) = delete;
  ~CurrentDirectory() {
    EXPECT_EQ(::fchdir(m_saved), 0);
    ::close(m_saved);
  }

private:
  int m_saved;
};

class DeepTree : public LongPath {
protected:
  // 20 nested directories of 250 bytes each: more than 5000 bytes of path.
  void SetUp() override {
    LongPath::SetUp();
    m_top = dir().string();
    int fd = ::open(m_top.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    m_deep = m_top;
    for (int level = 0; level < 20; ++level) {
      std::string name = std::string(249, 'a' + level % 26) + "d";
      ASSERT_EQ(::mkdirat(fd, name.c_str(), 0755), 0);
      int next = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY);
      ASSERT_GE(next, 0);
      ::close(fd);
      fd = next;
      m_deep += "/" + name;
    }
    int file = ::openat(fd, "leaf.txt", O_WRONLY | O_CREAT | O_EXCL, 0644);
    ASSERT_GE(file, 0);
    ASSERT_EQ(::write(file, "deep", 4), 4);
    ::close(file);
    ::close(fd);
    ASSERT_GT(m_deep.size(), 5000u);
  }

  void TearDown() override {
    if (!HasFailure()) {
      int fd = ::open(m_top.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      remove_at(fd, std::string(249, 'a') + "d");
      ::close(fd);
    }
    LongPath::TearDown();
  }

  std::string m_top;
  std::string m_deep; // the deepest directory
};

TEST_F(LongPath, ShortPathsBehaveLikeOpenAndStat) {
  std::string file = write_file("f.txt", {'h', 'i'});
  ASSERT_EQ(::symlink("f.txt", (dir() / "link").c_str()), 0);
  int fd = open_path(file, O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(read_all(fd), "hi");

  struct stat st {};
  std::string link = (dir() / "link").string();
  ASSERT_EQ(stat_path(link, &st, FollowLinks::yes), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_EQ(st.st_size, 2);
  ASSERT_EQ(stat_path(link, &st, FollowLinks::no), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));

  errno = 0;
  EXPECT_EQ(open_path((dir() / "missing").string(), O_RDONLY), -1);
  EXPECT_EQ(errno, ENOENT);
  EXPECT_EQ(stat_path((dir() / "missing").string(), &st, FollowLinks::no), -1);
  EXPECT_EQ(errno, ENOENT);
}

TEST_F(DeepTree, PlainOpenFailsButOpenPathReads) {
  std::string leaf = m_deep + "/leaf.txt";
  errno = 0;
  EXPECT_EQ(::open(leaf.c_str(), O_RDONLY), -1);
  EXPECT_EQ(errno, ENAMETOOLONG);

  int fd = open_path(leaf, O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(read_all(fd), "deep");

  struct stat st {};
  ASSERT_EQ(stat_path(leaf, &st, FollowLinks::no), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_EQ(st.st_size, 4);
}

TEST_F(DeepTree, CreatesWithModeAndOpensDirectories) {
  std::string created = m_deep + "/new.txt";
  int fd = open_path(created, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0);
  ::close(fd);
  struct stat st {};
  ASSERT_EQ(stat_path(created, &st, FollowLinks::no), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  // A trailing slash names the directory itself, as with plain open.
  for (const std::string& path : {m_deep, m_deep + "/", m_deep + "//"}) {
    fd = open_path(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ASSERT_GE(fd, 0) << path.size();
    ::close(fd);
  }
  errno = 0;
  EXPECT_EQ(open_path(m_deep + "/leaf.txt/", O_RDONLY), -1);
  EXPECT_EQ(errno, ENOTDIR);
}

TEST_F(DeepTree, RelativeAndOddlySpelledPathsResolveAlike) {
  // Relative to the current directory, with doubled slashes and "..".
  CurrentDirectory cwd(m_top);
  std::string relative = m_deep.substr(m_top.size() + 1);
  std::string doubled;
  for (char c : relative) {
    doubled += c == '/' ? std::string("//") : std::string(1, c);
  }
  std::string parent = relative.substr(0, relative.rfind('/'));
  std::string name = relative.substr(relative.rfind('/') + 1);
  std::vector<std::string> spellings = {
      relative + "/leaf.txt",
      doubled + "//leaf.txt",
      relative + "/../" + name + "/leaf.txt",
      "./" + parent + "/" + name + "/./leaf.txt",
  };
  for (const std::string& path : spellings) {
    int fd = open_path(path, O_RDONLY | O_CLOEXEC);
    EXPECT_GE(fd, 0) << path.size();
    if (fd >= 0) {
      EXPECT_EQ(read_all(fd), "deep");
    }
  }
}

TEST_F(DeepTree, SymlinksOnTheWayAreFollowedAndTheLastOneOnRequest) {
  // A link in the middle of the path: followed, as plain open follows it.
  std::string first = std::string(249, 'a') + "d";
  ASSERT_EQ(::symlink(first.c_str(), (dir() / "via").c_str()), 0);
  std::string via =
      m_top + "/via" + m_deep.substr(m_top.size() + 1 + first.size());
  int fd = open_path(via + "/leaf.txt", O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(read_all(fd), "deep");

  // A link at the end: stat follows it, lstat and O_NOFOLLOW do not.
  int deep_fd = open_path(m_deep, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(deep_fd, 0);
  ASSERT_EQ(::symlinkat("leaf.txt", deep_fd, "link"), 0);
  ::close(deep_fd);
  struct stat st {};
  ASSERT_EQ(stat_path(m_deep + "/link", &st, FollowLinks::yes), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  ASSERT_EQ(stat_path(m_deep + "/link", &st, FollowLinks::no), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));
  errno = 0;
  EXPECT_EQ(open_path(m_deep + "/link", O_RDONLY | O_NOFOLLOW), -1);
  EXPECT_EQ(errno, ELOOP);
}

TEST_F(DeepTree, ErrorsAreThoseOfOpen) {
  struct stat st {};
  // A missing directory early in a long path.
  std::string missing = m_top + "/nope" + m_deep.substr(m_top.size());
  errno = 0;
  EXPECT_EQ(open_path(missing + "/leaf.txt", O_RDONLY), -1);
  EXPECT_EQ(errno, ENOENT);
  EXPECT_EQ(stat_path(missing + "/leaf.txt", &st, FollowLinks::yes), -1);
  EXPECT_EQ(errno, ENOENT);
  // A missing file at the end.
  EXPECT_EQ(open_path(m_deep + "/nope", O_RDONLY), -1);
  EXPECT_EQ(errno, ENOENT);
  // A single component longer than any file system allows.
  EXPECT_EQ(open_path(m_deep + "/" + std::string(300, 'x'), O_RDONLY), -1);
  EXPECT_EQ(errno, ENAMETOOLONG);
  EXPECT_EQ(open_path(std::string(PATH_MAX + 10, 'x'), O_RDONLY), -1);
  EXPECT_EQ(errno, ENAMETOOLONG);
}

} // namespace
} // namespace hasher::io
