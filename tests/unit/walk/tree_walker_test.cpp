#include <hasher/walk/tree_walker.hpp>

#include <hasher/io/input_file.hpp>
#include <support/temp_dir.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace hasher::walk {
namespace {

using Strings = std::vector<std::string>;

// Records what the walk reports, paths relative to the root.
class Recorder final : public WalkVisitor {
public:
  explicit Recorder(std::string root) : m_root(std::move(root)) {}

  bool on_file(WalkEntry entry) override {
    files.push_back(relative(entry.path));
    entries.push_back(std::move(entry));
    return !stop_after || files.size() < *stop_after;
  }
  void on_skip(const std::string& path, const std::string& reason) override {
    skips.push_back(relative(path) + ": " + reason);
  }
  void on_warning(const std::string& path, const std::string& reason) override {
    warnings.push_back(relative(path) + ": " + reason);
  }
  void on_error(const util::Error& error) override { errors.push_back(error); }

  Strings files;
  Strings skips;
  Strings warnings;
  std::vector<WalkEntry> entries;
  std::vector<util::Error> errors;
  std::optional<std::size_t> stop_after;

private:
  std::string relative(const std::string& path) const {
    if (path.rfind(m_root + "/", 0) == 0) return path.substr(m_root.size() + 1);
    return path;
  }

  std::string m_root;
};

class TreeWalker : public test::TempDir {
protected:
  void SetUp() override {
    TempDir::SetUp();
    m_root = (dir() / "root").string();
    std::filesystem::create_directory(m_root);
  }

  void make_dir(const std::string& name) {
    std::filesystem::create_directories(m_root + "/" + name);
  }
  void make_file(const std::string& name, const std::string& content = "x") {
    write_file("root/" + name,
               std::vector<std::uint8_t>(content.begin(), content.end()));
  }
  void make_link(const std::string& target, const std::string& name) {
    ASSERT_EQ(::symlink(target.c_str(), (m_root + "/" + name).c_str()), 0);
  }
  void set_mtime(const std::string& name, std::int64_t seconds) {
    struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
    ASSERT_EQ(::utimensat(AT_FDCWD, (m_root + "/" + name).c_str(), times, 0),
              0);
  }

  Recorder walk(const WalkOptions& options = {}) {
    Recorder recorder(m_root);
    EXPECT_TRUE(walk_root(m_root, options, recorder));
    return recorder;
  }

  // B, a, b/x, c/d/e, c/f: upper case sorts before lower case.
  void make_small_tree() {
    make_file("a");
    make_file("B");
    make_dir("b");
    make_file("b/x");
    make_dir("c/d");
    make_file("c/d/e");
    make_file("c/f");
  }

  std::string m_root;
};

TEST_F(TreeWalker, DepthFirstSortsBytewiseAndNestsDirectories) {
  make_small_tree();
  Recorder seen = walk();
  EXPECT_EQ(seen.files, (Strings{"B", "a", "b/x", "c/d/e", "c/f"}));
  EXPECT_TRUE(seen.skips.empty());
  EXPECT_TRUE(seen.errors.empty());
  for (const WalkEntry& entry : seen.entries) {
    EXPECT_EQ(entry.kind, EntryKind::file);
  }
}

TEST_F(TreeWalker, NamesSharingTheirFirstEightBytesSortBytewise) {
  // Names are ordered by their first eight bytes first: these tie there or
  // end inside them.
  Strings names{"abcdefgh",  "abcdefghZ", "abcdefghA", "abc",
                "abcdefg",   "abcdefgi",  "b",         "abcdefgh\xff",
                "abcdefgh~", "\xe9t\xe9", "abcdefghAA"};
  for (const std::string& name : names) make_file(name);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(walk().files, names);
}

TEST_F(TreeWalker, BreadthFirstGoesALevelAtATime) {
  make_small_tree();
  WalkOptions options;
  options.order = WalkOrder::breadth_first;
  EXPECT_EQ(walk(options).files, (Strings{"B", "a", "b/x", "c/f", "c/d/e"}));
}

TEST_F(TreeWalker, RootSpellingIsKeptInPaths) {
  make_file("a");
  Recorder seen(m_root + "/");
  ASSERT_TRUE(walk_root(m_root + "/", {}, seen));
  ASSERT_EQ(seen.entries.size(), 1u);
  EXPECT_EQ(seen.entries[0].path, m_root + "/a");
}

TEST_F(TreeWalker, MaxDepthCountsFilesInTheRootAsOne) {
  make_small_tree();
  // Never read: as a non-root user, opening it would be an error.
  make_dir("c/d/locked");
  ::chmod((m_root + "/c/d/locked").c_str(), 0);
  std::vector<std::pair<std::uint64_t, Strings>> cases = {
      {0, {}},
      {1, {"B", "a"}},
      {2, {"B", "a", "b/x", "c/f"}},
      {3, {"B", "a", "b/x", "c/d/e", "c/f"}},
  };
  for (WalkOrder order : {WalkOrder::depth_first, WalkOrder::breadth_first}) {
    for (const auto& [depth, expected] : cases) {
      WalkOptions options;
      options.max_depth = depth;
      options.order = order;
      Recorder seen = walk(options);
      Strings files = seen.files;
      std::sort(files.begin(), files.end());
      EXPECT_EQ(files, expected) << depth;
      EXPECT_TRUE(seen.skips.empty()) << depth;
      EXPECT_TRUE(seen.errors.empty()) << depth;
    }
  }
  ::chmod((m_root + "/c/d/locked").c_str(), 0755);
}

TEST_F(TreeWalker, RootsFileStdinAndMissing) {
  make_file("one.txt", "12345");
  std::string file = m_root + "/one.txt";
  Recorder seen(m_root);
  ASSERT_TRUE(walk_root(file, {}, seen));
  ASSERT_EQ(seen.entries.size(), 1u);
  EXPECT_EQ(seen.entries[0].path, file);
  ASSERT_TRUE(seen.entries[0].info.has_value());
  EXPECT_EQ(seen.entries[0].info->size, 5u);

  Recorder input(m_root);
  ASSERT_TRUE(walk_root("-", {}, input));
  ASSERT_EQ(input.entries.size(), 1u);
  EXPECT_EQ(input.entries[0].path, "-");
  EXPECT_EQ(input.entries[0].kind, EntryKind::standard_input);

  Recorder missing(m_root);
  ASSERT_TRUE(walk_root(m_root + "/nope", {}, missing));
  EXPECT_TRUE(missing.files.empty());
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].kind, util::ErrorKind::not_found);
  EXPECT_EQ(missing.errors[0].subject, m_root + "/nope");
}

TEST_F(TreeWalker, StopsWhenTheVisitorSaysSo) {
  make_small_tree();
  for (WalkOrder order : {WalkOrder::depth_first, WalkOrder::breadth_first}) {
    Recorder seen(m_root);
    seen.stop_after = 3;
    WalkOptions options;
    options.order = order;
    EXPECT_FALSE(walk_root(m_root, options, seen));
    EXPECT_EQ(seen.files.size(), 3u);
  }
}

TEST_F(TreeWalker, ExcludePrunesDirectoriesAndDropsFiles) {
  make_file("a.o");
  make_file("a.c");
  make_dir("build/deep");
  make_file("build/deep/x.c");
  make_dir("sub/deep");
  make_file("sub/a.log");
  make_file("sub/deep/b.log");
  make_file("a.log");
  WalkOptions options;
  options.filters.exclude = {"*.o", "build", "sub/*.log"};
  Recorder seen = walk(options);
  EXPECT_EQ(seen.files, (Strings{"a.c", "a.log"}));
  EXPECT_EQ(seen.skips,
            (Strings{"a.o: filtered", "build: filtered", "sub/a.log: filtered",
                     "sub/deep/b.log: filtered"}));
}

TEST_F(TreeWalker, IncludeAppliesToFilesOnly) {
  make_file("a.txt");
  make_file("b.bin");
  make_dir("docs");
  make_file("docs/c.txt");
  make_file("docs/d.bin");
  WalkOptions options;
  options.filters.include = {"*.txt"};
  Recorder seen = walk(options);
  // "docs" does not match, yet is walked.
  EXPECT_EQ(seen.files, (Strings{"a.txt", "docs/c.txt"}));
  EXPECT_EQ(seen.skips, (Strings{"b.bin: filtered", "docs/d.bin: filtered"}));
}

TEST_F(TreeWalker, GlobsDoNotApplyToARootFile) {
  make_file("x.o");
  WalkOptions options;
  options.filters.exclude = {"*.o"};
  options.filters.include = {"*.txt"};
  Recorder seen(m_root);
  ASSERT_TRUE(walk_root(m_root + "/x.o", options, seen));
  EXPECT_EQ(seen.entries.size(), 1u);
}

TEST_F(TreeWalker, SkipHiddenDropsDotNamesButNotTheRoot) {
  make_file(".hidden");
  make_dir(".git");
  make_file(".git/config");
  make_file("shown");
  make_dir("d");
  make_file("d/.x");
  WalkOptions options;
  options.filters.skip_hidden = SkipHidden::yes;
  Recorder seen = walk(options);
  EXPECT_EQ(seen.files, (Strings{"shown"}));
  EXPECT_EQ(seen.skips,
            (Strings{".git: hidden", ".hidden: hidden", "d/.x: hidden"}));

  // A hidden root is walked.
  Recorder root(m_root + "/.git");
  ASSERT_TRUE(walk_root(m_root + "/.git", options, root));
  EXPECT_EQ(root.files, (Strings{"config"}));
  // Without the option hidden names are ordinary.
  EXPECT_EQ(walk().files.size(), 4u);
}

TEST_F(TreeWalker, SizeFiltersAreInclusiveAndPassTheStat) {
  make_file("empty", "");
  make_file("ten", "0123456789");
  make_file("eleven", "0123456789a");
  make_file("twenty", std::string(20, 'z'));
  WalkOptions options;
  options.filters.min_size = 10;
  options.filters.max_size = 11;
  Recorder seen = walk(options);
  EXPECT_EQ(seen.files, (Strings{"eleven", "ten"}));
  EXPECT_EQ(seen.skips, (Strings{"empty: filtered", "twenty: filtered"}));
  ASSERT_TRUE(seen.entries[0].info.has_value());
  EXPECT_EQ(seen.entries[0].info->size, 11u);
  EXPECT_EQ(seen.entries[1].info->size, 10u);

  // A root file is filtered too.
  Recorder root(m_root);
  ASSERT_TRUE(walk_root(m_root + "/twenty", options, root));
  EXPECT_TRUE(root.files.empty());
  EXPECT_EQ(root.skips, (Strings{"twenty: filtered"}));
}

TEST_F(TreeWalker, TimeFiltersCompareStrictly) {
  make_file("old");
  make_file("mid");
  make_file("new");
  set_mtime("old", 1000);
  set_mtime("mid", 2000);
  set_mtime("new", 3000);
  const std::int64_t second = 1000000000;
  WalkOptions options;
  options.filters.newer_ns = 2000 * second;
  EXPECT_EQ(walk(options).files, (Strings{"new"}));
  options.filters.newer_ns.reset();
  options.filters.older_ns = 2000 * second;
  EXPECT_EQ(walk(options).files, (Strings{"old"}));
  options.filters.newer_ns = 1000 * second;
  options.filters.older_ns = 3000 * second;
  Recorder seen = walk(options);
  EXPECT_EQ(seen.files, (Strings{"mid"}));
  EXPECT_EQ(seen.entries[0].info->mtime_ns, 2000 * second);
}

TEST_F(TreeWalker, SkippedExtensionsIgnoreCase) {
  make_file("a.tmp");
  make_file("b.TMP");
  make_file("c.bak");
  make_file("d.tmpl");
  make_file("tmp");
  WalkOptions options;
  options.filters.skip_extensions = {".tmp", "BAK"};
  Recorder seen = walk(options);
  EXPECT_EQ(seen.files, (Strings{"d.tmpl", "tmp"}));
  EXPECT_EQ(seen.skips.size(), 3u);

  Recorder root(m_root);
  ASSERT_TRUE(walk_root(m_root + "/a.tmp", options, root));
  EXPECT_EQ(root.skips, (Strings{"a.tmp: filtered"}));
}

TEST_F(TreeWalker, SymlinksAreSkippedUnlessFollowed) {
  make_dir("real");
  make_file("real/f.txt", "abc");
  make_file("target.txt", "12345");
  make_link("real", "dirlink");
  make_link("target.txt", "filelink");
  make_link("nowhere", "dangling");

  Recorder kept = walk();
  EXPECT_EQ(kept.files, (Strings{"real/f.txt", "target.txt"}));
  EXPECT_EQ(kept.skips,
            (Strings{"dangling: symbolic link", "dirlink: symbolic link",
                     "filelink: symbolic link"}));
  EXPECT_TRUE(kept.warnings.empty());

  WalkOptions options;
  options.follow = FollowSymlinks::yes;
  Recorder followed = walk(options);
  EXPECT_EQ(followed.files,
            (Strings{"dirlink/f.txt", "filelink", "real/f.txt", "target.txt"}));
  EXPECT_EQ(followed.skips, (Strings{"dangling: dangling symbolic link"}));
  EXPECT_EQ(followed.warnings, (Strings{"dangling: dangling symbolic link"}));
  // The stat is the target's.
  ASSERT_TRUE(followed.entries[1].info.has_value());
  EXPECT_EQ(followed.entries[1].info->size, 5u);
  EXPECT_TRUE(followed.errors.empty());
}

TEST_F(TreeWalker, ARootLinkIsFollowed) {
  make_dir("real");
  make_file("real/f.txt");
  std::string link = (dir() / "rootlink").string();
  ASSERT_EQ(::symlink("root/real", link.c_str()), 0);
  Recorder seen(link);
  ASSERT_TRUE(walk_root(link, {}, seen));
  EXPECT_EQ(seen.files, (Strings{"f.txt"}));
}

TEST_F(TreeWalker, SymlinkLoopsTerminateWithAWarning) {
  make_dir("d");
  make_file("d/f");
  make_link("..", "d/up");
  make_link("self", "self");
  for (WalkOrder order : {WalkOrder::depth_first, WalkOrder::breadth_first}) {
    WalkOptions options;
    options.follow = FollowSymlinks::yes;
    options.order = order;
    Recorder seen = walk(options);
    EXPECT_EQ(seen.files, (Strings{"d/f"}));
    // Depth first meets d/up first, breadth first self.
    std::sort(seen.warnings.begin(), seen.warnings.end());
    std::sort(seen.skips.begin(), seen.skips.end());
    EXPECT_EQ(seen.warnings, (Strings{"d/up: symbolic link loop",
                                      "self: symbolic link loop"}));
    EXPECT_EQ(seen.skips, seen.warnings);
    EXPECT_TRUE(seen.errors.empty());
  }
}

TEST_F(TreeWalker, ALoopThroughTheParentOfTheRootEnds) {
  // d/out -> ../.. leaves the root: the root's parent is walked once, then
  // the root met again inside it is the loop.
  make_dir("d");
  make_file("d/f");
  make_link("../..", "d/out");
  WalkOptions options;
  options.follow = FollowSymlinks::yes;
  Recorder seen = walk(options);
  EXPECT_EQ(seen.files, (Strings{"d/f"}));
  EXPECT_EQ(seen.warnings, (Strings{"d/out/root: symbolic link loop"}));
}

TEST_F(TreeWalker, FifosAreSkippedWithoutOpening) {
  make_file("a");
  // Opening a FIFO for reading would wait for a writer forever.
  ASSERT_EQ(::mkfifo((m_root + "/fifo").c_str(), 0600), 0);
  for (FollowSymlinks follow : {FollowSymlinks::no, FollowSymlinks::yes}) {
    WalkOptions options;
    options.follow = follow;
    Recorder seen = walk(options);
    EXPECT_EQ(seen.files, (Strings{"a"}));
    EXPECT_EQ(seen.skips, (Strings{"fifo: special file"}));
  }
  make_link("fifo", "link");
  WalkOptions options;
  options.follow = FollowSymlinks::yes;
  EXPECT_EQ(walk(options).skips,
            (Strings{"fifo: special file", "link: special file"}));
  Recorder root(m_root);
  ASSERT_TRUE(walk_root(m_root + "/fifo", {}, root));
  EXPECT_EQ(root.skips, (Strings{"fifo: special file"}));
}

TEST_F(TreeWalker, UnreadableDirectoryIsAnErrorAndTheWalkGoesOn) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every directory";
  make_file("a");
  make_dir("locked");
  make_file("locked/secret");
  make_dir("pruned");
  make_file("z");
  ASSERT_EQ(::chmod((m_root + "/locked").c_str(), 0), 0);
  ASSERT_EQ(::chmod((m_root + "/pruned").c_str(), 0), 0);
  for (WalkOrder order : {WalkOrder::depth_first, WalkOrder::breadth_first}) {
    WalkOptions options;
    options.order = order;
    options.filters.exclude = {"pruned"};
    Recorder seen = walk(options);
    EXPECT_EQ(seen.files, (Strings{"a", "z"}));
    ASSERT_EQ(seen.errors.size(), 1u);
    EXPECT_EQ(seen.errors[0].kind, util::ErrorKind::permission);
    EXPECT_EQ(seen.errors[0].subject, m_root + "/locked");
    EXPECT_FALSE(seen.errors[0].reason.empty());
  }
  ::chmod((m_root + "/locked").c_str(), 0755);
  ::chmod((m_root + "/pruned").c_str(), 0755);
}

TEST_F(TreeWalker, NamesAreBytes) {
  const std::string latin1 = "caf\xe9";
  const std::string invalid = "\xff\xfe.bin";
  make_file("plain");
  make_file(latin1);
  make_file(invalid);
  Recorder seen = walk();
  EXPECT_EQ(seen.files, (Strings{latin1, "plain", invalid}));
  EXPECT_EQ(seen.entries[2].path, m_root + "/" + invalid);
}

// Removes `name` in `parent_fd` and all below it, relative to open
// directories (std::filesystem cannot reach below PATH_MAX).
void remove_at(int parent_fd, const std::string& name) {
  if (::unlinkat(parent_fd, name.c_str(), 0) == 0) return;
  int fd = ::openat(parent_fd, name.c_str(),
                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  Strings names;
  if (DIR* listing = ::fdopendir(::dup(fd))) {
    while (const dirent* entry = ::readdir(listing)) {
      std::string entry_name = entry->d_name;
      if (entry_name != "." && entry_name != "..") names.push_back(entry_name);
    }
    ::closedir(listing);
  }
  for (const std::string& child : names) remove_at(fd, child);
  ::close(fd);
  ::unlinkat(parent_fd, name.c_str(), AT_REMOVEDIR);
}

// Nests `levels` directories named by `name_of(level)` under the root, puts
// leaf.txt ("deep") at the bottom, and returns the nested part of its path.
template <typename NameOf>
std::string make_chain(const std::string& root, int levels, NameOf name_of) {
  int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  std::string relative;
  for (int level = 0; level < levels && fd >= 0; ++level) {
    std::string name = name_of(level);
    ::mkdirat(fd, name.c_str(), 0755);
    int next = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ::close(fd);
    fd = next;
    relative += name + "/";
  }
  int file = ::openat(fd, "leaf.txt", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  EXPECT_GE(file, 0);
  EXPECT_EQ(::write(file, "deep", 4), 4);
  ::close(file);
  ::close(fd);
  return relative + "leaf.txt";
}

TEST_F(TreeWalker, TreeDeeperThanPathMaxIsWalkedAndReadable) {
  // 20 directories of 250 bytes: over 5000 bytes of path.
  std::string relative = make_chain(m_root, 20, [](int level) {
    return std::string(249, static_cast<char>('a' + level)) + "d";
  });
  for (WalkOrder order : {WalkOrder::depth_first, WalkOrder::breadth_first}) {
    WalkOptions options;
    options.order = order;
    options.filters.min_size = 1; // also stat at the bottom
    Recorder seen = walk(options);
    ASSERT_EQ(seen.files, (Strings{relative})) << seen.errors.size();
    const std::string& path = seen.entries[0].path;
    EXPECT_GT(path.size(), static_cast<std::size_t>(PATH_MAX));
    util::Result<io::InputFile> file = io::InputFile::open(path, AT_FDCWD);
    ASSERT_TRUE(file.has_value()) << file.error().reason;
    std::vector<std::uint8_t> buffer(16);
    util::Result<std::size_t> got = file->read(buffer);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(std::string(buffer.begin(), buffer.begin() + *got), "deep");
    EXPECT_EQ(file->info().size, 4u);
  }
  int fd = ::open(m_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  remove_at(fd, std::string(249, 'a') + "d");
  ::close(fd);
}

TEST_F(TreeWalker, ManyLevelsOutgrowTheOpenDirectories) {
  // Deeper than the walker keeps directories open, with a loop at the bottom.
  std::string relative = make_chain(
      m_root, 150, [](int level) { return "d" + std::to_string(level); });
  std::string bottom = relative.substr(0, relative.rfind('/'));
  make_link("../../..", bottom + "/up");
  make_file(bottom + "/z");
  for (WalkOrder order : {WalkOrder::depth_first, WalkOrder::breadth_first}) {
    WalkOptions options;
    options.order = order;
    options.follow = FollowSymlinks::yes;
    options.filters.max_size = 10;
    Recorder seen = walk(options);
    EXPECT_EQ(seen.files, (Strings{relative, bottom + "/z"}));
    EXPECT_EQ(seen.warnings, (Strings{bottom + "/up: symbolic link loop"}));
    EXPECT_TRUE(seen.errors.empty());
  }
}

} // namespace
} // namespace hasher::walk
