#include <hasher/catalog/sqlite/sqlite_dupes.hpp>

#include <hasher/catalog/catalog.hpp>

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hasher::catalog {
namespace {

// What one group came back as: size, first digest byte, paths in order.
struct Seen {
  std::uint64_t size = 0;
  std::uint8_t digest = 0;
  std::vector<std::string> paths;

  bool operator==(const Seen&) const = default;
};

void PrintTo(const Seen& seen, std::ostream* out) {
  *out << "{" << seen.size << ", " << int(seen.digest) << ",";
  for (const std::string& path : seen.paths) *out << " " << path;
  *out << "}";
}

class SqliteDupesTest : public test::TempDir {
protected:
  std::string db() const { return (dir() / "cat" / "catalog.db").string(); }

  // A sha256-sized digest filled with `byte`.
  static util::Bytes digest(std::uint8_t byte) { return util::Bytes(32, byte); }

  static FileRow row(const std::string& path, std::uint64_t size,
                     std::vector<util::Bytes> digests) {
    FileRow file;
    file.path = path;
    file.size = size;
    file.mtime_ns = static_cast<std::int64_t>(size) * 10;
    file.inode = 100 + size;
    file.device = 9;
    file.digests = std::move(digests);
    return file;
  }

  // Writes `rows` as one run over `root` computing `columns`.
  void store(const std::string& root, const std::vector<std::string>& columns,
             const std::vector<FileRow>& rows) {
    auto catalog = open_catalog(db(), "hashes");
    RunInfo run = catalog->begin_run({root, "hash", columns, Restart::no});
    catalog->write_batch(run.id, rows, {},
                         {static_cast<std::uint64_t>(rows.size()), 0, 0});
    catalog->finish_run(run.id, RunState::complete);
  }

  std::vector<Seen> groups(const DuplicatesRequest& request) {
    auto catalog = open_catalog(db(), "hashes");
    std::vector<Seen> seen;
    catalog->duplicates(request, [&](DuplicateGroup& group) {
      Seen one;
      one.size = group.size;
      one.digest = group.digest.empty() ? 0 : group.digest.front();
      for (const StoredEntry& file : group.files) {
        one.paths.push_back(file.path);
      }
      seen.push_back(std::move(one));
      return true;
    });
    return seen;
  }

  static DuplicatesRequest request(std::vector<std::string> roots = {},
                                   std::uint64_t min_size = 1) {
    return DuplicatesRequest{std::move(roots), "sha256", min_size};
  }
};

TEST_F(SqliteDupesTest, GroupsFilesWithTheSameSizeAndDigest) {
  store("/d", {"sha256"},
        {row("/d/b", 10, {digest(1)}), row("/d/a", 10, {digest(1)}),
         row("/d/other_digest", 10, {digest(2)}),
         row("/d/other_size", 11, {digest(1)}), row("/d/c", 10, {digest(1)})});
  EXPECT_EQ(groups(request()),
            (std::vector<Seen>{{10, 1, {"/d/a", "/d/b", "/d/c"}}}));

  // The members carry what the catalog knows of them.
  auto catalog = open_catalog(db(), "hashes");
  int calls = 0;
  catalog->duplicates(request(), [&](DuplicateGroup& group) {
    ++calls;
    EXPECT_EQ(group.digest, digest(1));
    EXPECT_EQ(group.files.size(), 3u);
    const StoredEntry& first = group.files.front();
    EXPECT_EQ(first.size, 10u);
    EXPECT_EQ(first.mtime_ns, 100);
    EXPECT_EQ(first.inode, 110u);
    EXPECT_EQ(first.device, 9u);
    EXPECT_EQ(first.digests,
              (std::vector<std::optional<util::Bytes>>{digest(1)}));
    return true;
  });
  EXPECT_EQ(calls, 1);
}

TEST_F(SqliteDupesTest, LargestWasteComesFirst) {
  std::vector<FileRow> rows;
  // Waste 100 (2 × 100), 40 (5 × 10), 120 (3 × 60), and 120 again from
  // smaller files (4 × 40): equal waste puts the larger files first.
  for (int i = 0; i < 2; ++i) {
    rows.push_back(row("/d/h" + std::to_string(i), 100, {digest(1)}));
  }
  for (int i = 0; i < 5; ++i) {
    rows.push_back(row("/d/t" + std::to_string(i), 10, {digest(2)}));
  }
  for (int i = 0; i < 3; ++i) {
    rows.push_back(row("/d/s" + std::to_string(i), 60, {digest(3)}));
  }
  for (int i = 0; i < 4; ++i) {
    rows.push_back(row("/d/f" + std::to_string(i), 40, {digest(4)}));
  }
  store("/d", {"sha256"}, rows);
  std::vector<Seen> seen = groups(request());
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0].size, 60u);
  EXPECT_EQ(seen[1].size, 40u);
  EXPECT_EQ(seen[2].size, 100u);
  EXPECT_EQ(seen[3].size, 10u);
  EXPECT_EQ(seen[3].paths.size(), 5u);
}

TEST_F(SqliteDupesTest, MinSizeLeavesSmallerFilesOut) {
  store("/d", {"sha256"},
        {row("/d/e1", 0, {digest(0)}), row("/d/e2", 0, {digest(0)}),
         row("/d/s1", 5, {digest(5)}), row("/d/s2", 5, {digest(5)}),
         row("/d/l1", 50, {digest(6)}), row("/d/l2", 50, {digest(6)})});
  auto sizes = [&](std::uint64_t min_size) {
    std::vector<std::uint64_t> out;
    for (const Seen& seen : groups(request({}, min_size))) {
      out.push_back(seen.size);
    }
    return out;
  };
  EXPECT_EQ(sizes(0), (std::vector<std::uint64_t>{50, 5, 0}));
  EXPECT_EQ(sizes(1), (std::vector<std::uint64_t>{50, 5}));
  EXPECT_EQ(sizes(5), (std::vector<std::uint64_t>{50, 5}));
  EXPECT_EQ(sizes(6), (std::vector<std::uint64_t>{50}));
  EXPECT_EQ(sizes(51), (std::vector<std::uint64_t>{}));
}

TEST_F(SqliteDupesTest, RootsLimitTheMembersAndTheCounts) {
  store("/", {"sha256"},
        {row("/data/x/a", 10, {digest(1)}), row("/data/x/b", 10, {digest(1)}),
         row("/data/y/c", 10, {digest(1)}), row("/data/xy/d", 10, {digest(1)}),
         row("/data/x", 7, {digest(7)}), row("/data/z/x", 7, {digest(7)})});
  auto paths = [&](std::vector<std::string> roots) {
    std::vector<std::vector<std::string>> out;
    for (const Seen& seen : groups(request(std::move(roots)))) {
      out.push_back(seen.paths);
    }
    return out;
  };
  using Groups = std::vector<std::vector<std::string>>;
  // "/data/x" is the file /data/x and the tree below it, not /data/xy.
  EXPECT_EQ(paths({"/data/x"}), (Groups{{"/data/x/a", "/data/x/b"}}));
  EXPECT_EQ(paths({"/data/x/a", "/data/y"}),
            (Groups{{"/data/x/a", "/data/y/c"}}));
  EXPECT_EQ(paths({"/data/y", "/data/xy"}),
            (Groups{{"/data/xy/d", "/data/y/c"}}));
  EXPECT_EQ(paths({"/data/x", "/data/z"}),
            (Groups{{"/data/x/a", "/data/x/b"}, {"/data/x", "/data/z/x"}}));
  // One member under the roots is no group.
  EXPECT_EQ(paths({"/data/y"}), Groups{});
  // A root inside another counts once; "/" and no root mean everything.
  Groups all{{"/data/x/a", "/data/x/b", "/data/xy/d", "/data/y/c"},
             {"/data/x", "/data/z/x"}};
  EXPECT_EQ(paths({"/data", "/data/x"}), all);
  EXPECT_EQ(paths({"/"}), all);
  EXPECT_EQ(paths({}), all);
}

TEST_F(SqliteDupesTest, RowsWithoutTheColumnAreIgnored) {
  store("/d", {"md5"},
        {row("/d/m1", 10, {util::Bytes(16, 1)}),
         row("/d/m2", 10, {util::Bytes(16, 1)})});
  // No sha256 column at all yet: no groups, no error.
  EXPECT_EQ(groups(request()), std::vector<Seen>{});
  store("/e", {"sha256"},
        {row("/e/s1", 10, {digest(1)}), row("/e/s2", 10, {digest(1)})});
  EXPECT_EQ(groups(request()),
            (std::vector<Seen>{{10, 1, {"/e/s1", "/e/s2"}}}));
  DuplicatesRequest by_md5 = request();
  by_md5.column = "md5";
  EXPECT_EQ(groups(by_md5), (std::vector<Seen>{{10, 1, {"/d/m1", "/d/m2"}}}));
}

TEST_F(SqliteDupesTest, NoDuplicatesVisitsNothing) {
  store("/d", {"sha256"},
        {row("/d/a", 1, {digest(1)}), row("/d/b", 2, {digest(1)}),
         row("/d/c", 1, {digest(2)})});
  EXPECT_EQ(groups(request()), std::vector<Seen>{});
}

TEST_F(SqliteDupesTest, StopsWhenTheVisitorSaysSo) {
  std::vector<FileRow> rows;
  for (int i = 0; i < 600; ++i) {
    rows.push_back(row("/d/" + std::to_string(i), 1 + i / 2,
                       {digest(static_cast<std::uint8_t>(i / 2))}));
  }
  store("/d", {"sha256"}, rows);
  EXPECT_EQ(groups(request()).size(), 300u);
  auto catalog = open_catalog(db(), "hashes");
  int calls = 0;
  catalog->duplicates(request(), [&](DuplicateGroup&) { return ++calls < 3; });
  EXPECT_EQ(calls, 3);
}

} // namespace
} // namespace hasher::catalog
