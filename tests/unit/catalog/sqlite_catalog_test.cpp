#include <hasher/catalog/catalog.hpp>

#include <hasher/util/errors.hpp>

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <sqlite3.h>
#include <unistd.h>

namespace hasher::catalog {
namespace {

class SqliteCatalogTest : public test::TempDir {
protected:
  std::string db() const { return (dir() / "cat" / "catalog.db").string(); }

  // Runs SQL on the catalog file directly, as another tool would.
  void sql(const std::string& text) {
    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open(db().c_str(), &handle), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(handle, text.c_str(), nullptr, nullptr, &error),
              SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(handle);
  }

  std::string query(const std::string& text) {
    sqlite3* handle = nullptr;
    sqlite3_open(db().c_str(), &handle);
    std::string out;
    sqlite3_exec(
        handle, text.c_str(),
        [](void* data, int columns, char** values, char**) {
          auto* text_out = static_cast<std::string*>(data);
          for (int i = 0; i < columns; ++i) {
            if (i > 0) *text_out += '|';
            *text_out += values[i] ? values[i] : "NULL";
          }
          *text_out += '\n';
          return 0;
        },
        &out, nullptr);
    sqlite3_close(handle);
    return out;
  }

  static FileRow row(const std::string& path, std::uint64_t size,
                     std::vector<util::Bytes> digests) {
    FileRow file;
    file.path = path;
    file.size = size;
    file.mtime_ns = 1000;
    file.inode = 7;
    file.device = 9;
    file.digests = std::move(digests);
    return file;
  }
};

TEST_F(SqliteCatalogTest, RecordsARunAndItsFiles) {
  auto catalog = open_catalog(db(), "hashes");
  RunInfo run =
      catalog->begin_run({"/data", "hash", {"crc32", "md5"}, Restart::no});
  EXPECT_FALSE(run.resumed);
  catalog->write_batch(run.id,
                       {row("/data/a", 3, {{1, 2, 3, 4}, util::Bytes(16, 5)})},
                       {{"/data/bad", "Permission denied"}}, {1, 3, 1});
  catalog->finish_run(run.id, RunState::complete);

  EXPECT_EQ(
      query("SELECT file_path, file_size, hex(crc32), run_id FROM hashes"),
      "/data/a|3|01020304|" + std::to_string(run.id) + "\n");
  EXPECT_EQ(query("SELECT root, command, algorithms, state, files, bytes, "
                  "errors, resumes FROM runs"),
            "/data|hash|crc32,md5|complete|1|3|1|0\n");
  EXPECT_EQ(query("SELECT file_path, reason FROM failures"),
            "/data/bad|Permission denied\n");

  auto reader = catalog->open_reader({"md5", "sha1"});
  auto stored = reader->lookup_one("/data/a");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->size, 3u);
  EXPECT_EQ(stored->mtime_ns, 1000);
  EXPECT_EQ(stored->inode, 7u);
  EXPECT_EQ(stored->run_id, run.id);
  EXPECT_FALSE(stored->has_all_columns); // no sha1
  EXPECT_TRUE(
      catalog->open_reader({"md5"})->lookup_one("/data/a")->has_all_columns);
  EXPECT_FALSE(reader->lookup_one("/data/b").has_value());
}

TEST_F(SqliteCatalogTest, BatchLookupsAnswerInOrder) {
  auto catalog = open_catalog(db(), "hashes");
  RunInfo run = catalog->begin_run({"/data", "hash", {"md5"}, Restart::no});
  catalog->write_batch(run.id,
                       {row("/data/a", 1, {util::Bytes(16, 1)}),
                        row("/data/c", 3, {util::Bytes(16, 3)})},
                       {}, {2, 4, 0});
  auto reader = catalog->open_reader({"md5"});
  std::vector<std::string_view> paths{"/data/c", "/data/b", "/data/a",
                                      "/data/c"};
  auto stored = reader->lookup(paths);
  ASSERT_EQ(stored.size(), 4u);
  ASSERT_TRUE(stored[0] && stored[2] && stored[3]);
  EXPECT_FALSE(stored[1].has_value());
  EXPECT_EQ(stored[0]->size, 3u);
  EXPECT_EQ(stored[2]->size, 1u);
  EXPECT_EQ(stored[3]->size, 3u);
  // The reader's transaction ends with the batch: the writer goes on.
  catalog->write_batch(run.id, {row("/data/b", 2, {util::Bytes(16, 2)})}, {},
                       {1, 2, 0});
  EXPECT_EQ(reader->lookup_one("/data/b")->size, 2u);
  catalog->finish_run(run.id, RunState::complete);
}

TEST_F(SqliteCatalogTest, OneRowPerPathAndChangedFilesLoseOtherDigests) {
  auto catalog = open_catalog(db(), "hashes");
  RunInfo first =
      catalog->begin_run({"/d", "hash", {"crc32", "md5"}, Restart::no});
  catalog->write_batch(first.id,
                       {row("/d/a", 3, {{1, 1, 1, 1}, util::Bytes(16, 1)})}, {},
                       {1, 3, 0});
  catalog->finish_run(first.id, RunState::complete);
  // Same metadata, another algorithm: md5 stays.
  RunInfo second = catalog->begin_run({"/d", "hash", {"crc32"}, Restart::no});
  catalog->write_batch(second.id, {row("/d/a", 3, {{2, 2, 2, 2}})}, {},
                       {1, 3, 0});
  EXPECT_EQ(query("SELECT count(*), hex(crc32), md5 IS NOT NULL FROM hashes"),
            "1|02020202|1\n");
  // New size: the md5 of the old content must not survive.
  catalog->write_batch(second.id, {row("/d/a", 4, {{3, 3, 3, 3}})}, {},
                       {1, 4, 0});
  EXPECT_EQ(query("SELECT count(*), hex(crc32), md5 IS NULL FROM hashes"),
            "1|03030303|1\n");
}

TEST_F(SqliteCatalogTest, ARowHasAllColumnsWhateverRunWroteItLast) {
  auto catalog = open_catalog(db(), "hashes");
  RunInfo both =
      catalog->begin_run({"/d", "hash", {"crc32", "md5"}, Restart::no});
  catalog->write_batch(both.id,
                       {row("/d/a", 3, {{1, 1, 1, 1}, util::Bytes(16, 1)}),
                        row("/d/b", 3, {{1, 1, 1, 1}, util::Bytes(16, 1)}),
                        row("/d/c", 3, {{1, 1, 1, 1}, util::Bytes(16, 1)})},
                       {}, {3, 9, 0});
  catalog->finish_run(both.id, RunState::complete);
  // A run of crc32 alone rewrites /d/a as it was (md5 stays) and /d/b with
  // a new size (md5 goes); a copy run writes /d/d with md5 alone.
  RunInfo one = catalog->begin_run({"/d", "hash", {"crc32"}, Restart::no});
  catalog->write_batch(
      one.id, {row("/d/a", 3, {{2, 2, 2, 2}}), row("/d/b", 4, {{2, 2, 2, 2}})},
      {}, {2, 7, 0});
  catalog->finish_run(one.id, RunState::complete);
  RunInfo copy = catalog->begin_run({"/d", "copy", {"md5"}, Restart::no});
  catalog->write_batch(copy.id, {row("/d/d", 1, {util::Bytes(16, 4)})}, {},
                       {1, 1, 0});
  catalog->finish_run(copy.id, RunState::complete);

  auto reader = catalog->open_reader({"crc32", "md5"});
  std::vector<std::string_view> paths{"/d/a", "/d/b", "/d/c", "/d/d"};
  auto stored = reader->lookup(paths);
  ASSERT_TRUE(stored[0] && stored[1] && stored[2] && stored[3]);
  EXPECT_TRUE(stored[0]->has_all_columns);
  EXPECT_FALSE(stored[1]->has_all_columns);
  EXPECT_TRUE(stored[2]->has_all_columns);
  EXPECT_FALSE(stored[3]->has_all_columns); // no crc32
  EXPECT_EQ(stored[0]->run_id, one.id);
  EXPECT_EQ(stored[2]->run_id, both.id);
  EXPECT_TRUE(
      catalog->open_reader({"md5"})->lookup_one("/d/d")->has_all_columns);
  // A column no row has yet.
  catalog->begin_run({"/e", "hash", {"sha1"}, Restart::no});
  EXPECT_FALSE(catalog->open_reader({"md5", "sha1"})
                   ->lookup_one("/d/c")
                   ->has_all_columns);
}

TEST_F(SqliteCatalogTest, MigratesARowidTableToOneKeyedByPath) {
  std::filesystem::create_directories(dir() / "cat");
  // Schema 3: a rowid table with a unique index on file_path.
  sql("CREATE TABLE hashes (file_path TEXT NOT NULL, file_size NUMERIC NOT "
      "NULL, mtime_ns INTEGER, inode INTEGER, device INTEGER, run_id INTEGER, "
      "hashed_at TEXT, verified_at TEXT, verify_result TEXT, verify_run_id "
      "INTEGER, source TEXT, md5 BLOB);"
      "CREATE UNIQUE INDEX hashes_file_path ON hashes (file_path);"
      "CREATE TABLE runs (id INTEGER PRIMARY KEY, root TEXT NOT NULL, command "
      "TEXT NOT NULL, algorithms TEXT NOT NULL, host TEXT, pid INTEGER, "
      "started_at TEXT, finished_at TEXT, state TEXT NOT NULL, files INTEGER "
      "NOT NULL DEFAULT 0, bytes INTEGER NOT NULL DEFAULT 0, errors INTEGER "
      "NOT NULL DEFAULT 0, resumes INTEGER NOT NULL DEFAULT 0);"
      "INSERT INTO runs (id, root, command, algorithms, state) VALUES "
      "(4, '/m', 'hash', 'md5', 'complete');"
      "INSERT INTO hashes (file_path, file_size, mtime_ns, inode, run_id, "
      "source, md5) VALUES ('/m/b', 2, 20, 3, 4, 'src', x'02');"
      "INSERT INTO hashes (file_path, file_size, mtime_ns, inode, run_id, md5) "
      "VALUES ('/m/a', 1, 10, 2, 4, x'01');"
      "PRAGMA user_version=3;");
  {
    auto catalog = open_catalog(db(), "hashes");
    auto stored = catalog->open_reader({"md5"})->lookup_one("/m/b");
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->size, 2u);
    EXPECT_EQ(stored->mtime_ns, 20);
    EXPECT_TRUE(stored->has_all_columns);
    // Writes go on in the new table.
    RunInfo run = catalog->begin_run({"/m", "hash", {"md5"}, Restart::no});
    catalog->write_batch(run.id, {row("/m/a", 5, {util::Bytes(16, 5)})}, {},
                         {1, 5, 0});
    catalog->finish_run(run.id, RunState::complete);
  }
  EXPECT_EQ(query("SELECT file_path, file_size, source, hex(md5) FROM hashes"),
            "/m/a|5|NULL|05050505050505050505050505050505\n/m/b|2|src|02\n");
  EXPECT_EQ(query("SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                  "AND tbl_name = 'hashes'"),
            "0\n"); // the table is its own index
  EXPECT_NE(query("SELECT sql FROM sqlite_master WHERE name = 'hashes'")
                .find("WITHOUT ROWID"),
            std::string::npos);
  EXPECT_EQ(query("PRAGMA user_version"), "5\n");
  EXPECT_EQ(query("SELECT count(*) FROM hashes WHERE content_codec IS NULL"),
            "2\n");
  // Opening again leaves it as it is.
  { auto catalog = open_catalog(db(), "hashes"); }
  EXPECT_EQ(query("SELECT count(*) FROM hashes"), "2\n");
}

// A compressed copy's content row keeps its codec for verify; a later
// write of the same path by a run that read the bytes as they are clears it.
TEST_F(SqliteCatalogTest, ContentCodecIsWrittenScannedAndReplaced) {
  auto catalog = open_catalog(db(), "hashes");
  RunInfo run = catalog->begin_run({"/z", "copy", {"md5"}, Restart::no});
  FileRow content = row("/z/a.txt", 10, {util::Bytes(16, 1)});
  content.content_codec = "zstd";
  catalog->write_batch(run.id, {content, row("/z/b", 3, {util::Bytes(16, 2)})},
                       {}, {2, 13, 0});
  catalog->finish_run(run.id, RunState::complete);
  std::vector<std::string> seen;
  catalog->scan({{"/z"}, {"md5"}}, [&](StoredEntry& entry) {
    seen.push_back(entry.path + "=" + entry.content_codec);
    return true;
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"/z/a.txt=zstd", "/z/b="}));
  RunInfo again = catalog->begin_run({"/z", "hash", {"md5"}, Restart::no});
  catalog->write_batch(again.id, {row("/z/a.txt", 10, {util::Bytes(16, 1)})},
                       {}, {1, 10, 0});
  catalog->finish_run(again.id, RunState::complete);
  EXPECT_EQ(query("SELECT ifnull(content_codec, 'none') FROM hashes ORDER BY "
                  "file_path"),
            "none\nnone\n");
}

TEST_F(SqliteCatalogTest, ResumesAnInterruptedRunWithTheSameId) {
  {
    auto catalog = open_catalog(db(), "hashes");
    RunInfo run = catalog->begin_run({"/r", "hash", {"md5"}, Restart::no});
    catalog->write_batch(run.id, {row("/r/a", 1, {util::Bytes(16, 1)})}, {},
                         {1, 1, 0});
    catalog->finish_run(run.id, RunState::interrupted);
  }
  auto catalog = open_catalog(db(), "hashes");
  RunInfo again = catalog->begin_run({"/r", "hash", {"md5"}, Restart::no});
  EXPECT_TRUE(again.resumed);
  EXPECT_EQ(again.before.files, 1u);
  EXPECT_EQ(again.resumes, 1u);
  EXPECT_EQ(query("SELECT count(*), state, resumes FROM runs"),
            "1|running|1\n");
  catalog->finish_run(again.id, RunState::complete);
  // Other algorithms, or --restart, start a new run.
  RunInfo other = catalog->begin_run({"/r", "hash", {"sha1"}, Restart::no});
  EXPECT_FALSE(other.resumed);
  catalog->finish_run(other.id, RunState::interrupted);
  RunInfo restarted =
      catalog->begin_run({"/r", "hash", {"sha1"}, Restart::yes});
  EXPECT_FALSE(restarted.resumed);
  EXPECT_NE(restarted.id, other.id);
}

TEST_F(SqliteCatalogTest, ARunOfADeadProcessIsTakenOver) {
  { auto catalog = open_catalog(db(), "hashes"); }
  char host[256] = "";
  gethostname(host, sizeof host - 1);
  // pid 0x3ffffff does not exist; its lock file was never taken.
  sql(std::string("INSERT INTO runs (root, command, algorithms, host, pid, "
                  "started_at, state) VALUES ('/s', 'hash', 'md5', '") +
      host + "', 67108863, 'x', 'running')");
  auto catalog = open_catalog(db(), "hashes");
  RunInfo run = catalog->begin_run({"/s", "hash", {"md5"}, Restart::no});
  EXPECT_TRUE(run.resumed);
  EXPECT_EQ(run.id, 1);
}

TEST_F(SqliteCatalogTest, LiveRunsLockTheirRootAndOverlappingRoots) {
  auto holder = open_catalog(db(), "hashes");
  RunInfo run = holder->begin_run({"/x/y", "hash", {"md5"}, Restart::no});
  auto other = open_catalog(db(), "hashes");
  for (const char* root : {"/x/y", "/x/y/z", "/x", "/"}) {
    try {
      other->begin_run({root, "hash", {"md5"}, Restart::no});
      FAIL() << root << " was not refused";
    } catch (const LockHeld& error) {
      std::string expected = std::string(root) + ": locked by run " +
                             std::to_string(run.id) + " (host ";
      EXPECT_EQ(std::string(error.what()).rfind(expected, 0), 0u)
          << error.what();
      EXPECT_NE(std::string(error.what())
                    .find(", pid " + std::to_string(getpid()) + ", since "),
                std::string::npos);
    }
  }
  // A sibling root is fine.
  RunInfo sibling = other->begin_run({"/x/yy", "hash", {"md5"}, Restart::no});
  other->finish_run(sibling.id, RunState::complete);
  holder->finish_run(run.id, RunState::complete);
  RunInfo after = other->begin_run({"/x", "hash", {"md5"}, Restart::no});
  other->finish_run(after.id, RunState::complete);
}

TEST_F(SqliteCatalogTest, MigratesTheOriginalToolsCatalog) {
  std::filesystem::create_directories(dir() / "cat");
  // The original layout: no metadata columns, a row appended per hashing,
  // crc32 stored byte-reversed.
  sql("CREATE TABLE hashes (file_path text not null, file_size numeric not "
      "null, crc32 blob, md5 blob, sha1 blob);"
      "INSERT INTO hashes VALUES ('/old/a', 9, x'b2ae08d3', x'00', NULL);"
      "INSERT INTO hashes VALUES ('/old/b', 1, NULL, x'01', NULL);"
      "INSERT INTO hashes VALUES ('/old/a', 9, x'b2ae08d3', x'02', NULL);");
  { auto catalog = open_catalog(db(), "hashes"); }
  // "test data" has CRC-32 d308aeb2: the newest row per path, fixed order.
  EXPECT_EQ(query("SELECT file_path, hex(crc32), hex(md5) FROM hashes ORDER "
                  "BY file_path"),
            "/old/a|D308AEB2|02\n/old/b||01\n");
  // Opening again does not reverse twice.
  { auto catalog = open_catalog(db(), "hashes"); }
  EXPECT_EQ(query("SELECT hex(crc32) FROM hashes WHERE file_path = '/old/a'"),
            "D308AEB2\n");
}

// The -wal outlives the catalog's close (its blocks are reused, not freed),
// checkpointed: the database file alone holds every row.
TEST_F(SqliteCatalogTest, ClosedCatalogKeepsItsWalAndTheFileAloneIsWhole) {
  {
    auto catalog = open_catalog(db(), "hashes");
    RunInfo run = catalog->begin_run({"/data", "hash", {"crc32"}, Restart::no});
    catalog->write_batch(run.id, {row("/data/a", 3, {{1, 2, 3, 4}})}, {},
                         {1, 3, 0});
    catalog->finish_run(run.id, RunState::complete);
  }
  EXPECT_TRUE(std::filesystem::exists(db() + "-wal"));
  std::filesystem::create_directories(dir() / "copy");
  const std::filesystem::path alone = dir() / "copy" / "catalog.db";
  std::filesystem::copy_file(db(), alone);
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(alone.c_str(), &handle), SQLITE_OK);
  std::string path;
  sqlite3_exec(
      handle, "SELECT file_path FROM hashes",
      [](void* out, int, char** values, char**) {
        *static_cast<std::string*>(out) = values[0] ? values[0] : "NULL";
        return 0;
      },
      &path, nullptr);
  sqlite3_close(handle);
  EXPECT_EQ(path, "/data/a");
}

TEST_F(SqliteCatalogTest, RejectsTableNamesThatAreNotPlainIdentifiers) {
  EXPECT_THROW(open_catalog(db(), "x; DROP TABLE runs"), util::UsageError);
  EXPECT_THROW(open_catalog(db(), "1abc"), util::UsageError);
  EXPECT_NO_THROW(open_catalog(db(), "my_table2"));
  EXPECT_THROW(open_catalog("postgresql://h/db", "hashes"), util::UsageError);
}

TEST_F(SqliteCatalogTest, ACorruptFileIsReportedAndLeftAsItWas) {
  std::filesystem::create_directories(dir() / "cat");
  std::string garbage(8192, 'x');
  write_file("cat/catalog.db",
             std::vector<std::uint8_t>(garbage.begin(), garbage.end()));
  try {
    open_catalog(db(), "hashes");
    FAIL() << "no error";
  } catch (const util::FatalError& error) {
    EXPECT_NE(std::string(error.what()).find("catalog.db"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("not a database"),
              std::string::npos)
        << error.what();
  }
  EXPECT_EQ(std::filesystem::file_size(db()), 8192u);
  EXPECT_FALSE(std::filesystem::exists(db() + "-wal"));
}

TEST_F(SqliteCatalogTest, ScansRowsUnderRootsInPathOrderAcrossChunks) {
  auto catalog = open_catalog(db(), "hashes");
  RunInfo run = catalog->begin_run({"/s", "hash", {"md5"}, Restart::no});
  std::vector<FileRow> rows;
  // More rows than one scan chunk, written out of order.
  for (int i = 1199; i >= 0; --i) {
    rows.push_back(row("/s/d/f" + std::to_string(10000 + i), 1,
                       {util::Bytes(16, static_cast<std::uint8_t>(i))}));
  }
  rows.push_back(row("/s/d-x", 2, {util::Bytes(16, 1)}));
  rows.push_back(row("/s/dx/g", 3, {util::Bytes(16, 2)}));
  rows.push_back(row("/t/h", 4, {util::Bytes(16, 3)}));
  catalog->write_batch(run.id, rows, {}, {});
  catalog->finish_run(run.id, RunState::complete);

  std::vector<std::string> seen;
  catalog->scan({{"/s/d"}, {"md5", "sha1"}}, [&](StoredEntry& entry) {
    EXPECT_TRUE(entry.digests[0].has_value());
    EXPECT_FALSE(entry.digests[1].has_value()); // no sha1 column yet
    seen.push_back(entry.path);
    return true;
  });
  ASSERT_EQ(seen.size(), 1200u); // not /s/d-x, not /s/dx/g
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(seen.front(), "/s/d/f10000");

  seen.clear();
  catalog->scan({{"/t/h", "/s/dx", "/s/dx/g"}, {"md5"}}, [&](StoredEntry& e) {
    seen.push_back(e.path);
    return true;
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"/s/dx/g", "/t/h"}));

  std::size_t all = 0;
  catalog->scan({{}, {"md5"}}, [&](StoredEntry&) { return ++all < 700; });
  EXPECT_EQ(all, 700u); // the visitor stopped it
  EXPECT_EQ(catalog->algorithm_columns(), (std::vector<std::string>{"md5"}));
}

TEST_F(SqliteCatalogTest, VerificationsAreRecordedAndClearedByAChangedFile) {
  auto catalog = open_catalog(db(), "hashes");
  RunInfo hash = catalog->begin_run({"/v", "hash", {"md5"}, Restart::no});
  catalog->write_batch(hash.id,
                       {row("/v/a", 1, {util::Bytes(16, 1)}),
                        row("/v/b", 1, {util::Bytes(16, 2)})},
                       {}, {2, 2, 0});
  catalog->finish_run(hash.id, RunState::complete);
  RunInfo verify = catalog->begin_run({"/v", "verify", {"md5"}, Restart::no});
  io::FileInfo now{1, 5000, 7, 9};
  catalog->write_verifications(verify.id,
                               {{"/v/a", VerifyResult::ok, std::nullopt},
                                {"/v/b", VerifyResult::changed, now}},
                               {2, 2, 0});
  catalog->finish_run(verify.id, RunState::complete);
  EXPECT_EQ(query("SELECT file_path, mtime_ns, verify_result, verify_run_id, "
                  "length(verified_at) FROM hashes ORDER BY file_path"),
            "/v/a|1000|ok|" + std::to_string(verify.id) +
                "|20\n/v/b|5000|changed|" + std::to_string(verify.id) +
                "|20\n");
  // A re-hash that sees new metadata drops the verification with the
  // digests it no longer vouches for.
  RunInfo again = catalog->begin_run({"/v", "hash", {"md5"}, Restart::no});
  FileRow changed = row("/v/a", 2, {util::Bytes(16, 9)});
  catalog->write_batch(again.id, {changed}, {}, {1, 2, 0});
  catalog->finish_run(again.id, RunState::complete);
  EXPECT_EQ(query("SELECT verify_result IS NULL, verified_at IS NULL FROM "
                  "hashes WHERE file_path = '/v/a'"),
            "1|1\n");
}

TEST_F(SqliteCatalogTest, ASourceIsKeptUntilAnotherIsKnown) {
  auto catalog = open_catalog(db(), "hashes");
  RunInfo copy = catalog->begin_run({"/c", "copy", {"md5"}, Restart::no});
  FileRow copied = row("/c/a", 1, {util::Bytes(16, 1)});
  copied.source = "https://example.org/a";
  catalog->write_batch(copy.id, {copied}, {}, {1, 1, 0});
  catalog->finish_run(copy.id, RunState::complete);
  RunInfo hash = catalog->begin_run({"/c", "hash", {"md5"}, Restart::no});
  catalog->write_batch(hash.id, {row("/c/a", 1, {util::Bytes(16, 1)})}, {},
                       {1, 1, 0});
  catalog->finish_run(hash.id, RunState::complete);
  EXPECT_EQ(query("SELECT source FROM hashes"), "https://example.org/a\n");
  EXPECT_EQ(catalog->algorithm_columns(), (std::vector<std::string>{"md5"}));
}

} // namespace
} // namespace hasher::catalog
