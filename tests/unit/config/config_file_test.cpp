#include <hasher/config/config_file.hpp>

#include <hasher/config/config.hpp>
#include <hasher/util/errors.hpp>

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hasher::config {
namespace {

// The original tool's config.toml: its [hashes] names all 48 of its
// algorithms, three of them enabled.
constexpr const char* k_original_config = R"toml(
[database]
db_string = "sqlite://test.db"
table_name = "hashes"

[hashes]
crc32 = true
md2 = false
md4 = false
md5 = true
sha1 = true
sha224 = false
sha256 = false
sha384 = false
sha512 = false
sha3_224 = false
sha3_256 = false
sha3_384 = false
sha3_512 = false
keccak224 = false
keccak256 = false
keccak384 = false
keccak512 = false
blake2s256 = false
blake2b512 = false
belt_hash = false
whirlpool = false
tiger = false
tiger2 = false
streebog256 = false
streebog512 = false
ripemd128 = false
ripemd160 = false
ripemd256 = false
ripemd320 = false
fsb160 = false
fsb224 = false
fsb256 = false
fsb384 = false
fsb512 = false
sm3 = false
gost94_cryptopro = false
gost94_test = false
gost94_ua = false
gost94_s2015 = false
groestl224 = false
groestl256 = false
groestl384 = false
groestl512 = false
shabal192 = false
shabal224 = false
shabal256 = false
shabal384 = false
shabal512 = false
)toml";

// The block proposed in the user's notes, comments included.
constexpr const char* k_notes_config = R"toml([performance]
worker_threads = 0  # 0 = auto-detect
batch_size = 1000
max_memory_cache = 2048  # MB
use_mmap = true
mmap_threshold = 104857600  # 100MB
db_pool_size = 10
checkpoint_interval = 300  # seconds

[optimizations]
skip_hidden = true
skip_files_larger_than = 5368709120  # 5GB
skip_files_smaller_than = 0
skip_extensions = [".tmp", ".temp", ".lock"]
)toml";

// Printed by cli/cmd_config.cpp (`hasher config`) for a configuration with
// values from a file, the command line and defaults.
constexpr const char* k_config_output = R"toml(
[database]
db_string = "sqlite://test.db"  # hasher.toml:2
table_name = "hashes"  # default

[options]
algorithms = ["crc32", "md5", "sha1"]  # hasher.toml:5
format = ""  # default
no_db = false  # default
quiet = false  # default
verbose = false  # default
progress = false  # default
no_progress = false  # default
fail_fast = false  # default
dry_run = false  # default
# max_depth = (unset)
follow_symlinks = false  # default
no_follow_symlinks = false  # default
breadth_first = false  # default
exclude = ["*.bak"]  # --exclude
include = []  # default
newer = ""  # default
older = ""  # default
update = false  # default
restart = false  # default
retry_count = 3  # default
retry_delay = 100  # default
sql_only = false  # default
json_only = false  # default
pretty_json = false  # default
use_wal = true  # default
stdin = false  # default
failed_list = ""  # default
from_list = ""  # default
compress = ""  # default
# compression_level = (unset)
hash_compressed = false  # default
decompress = false  # default
hash_both = false  # default
hash_uncompressed = false  # default
mismatches_only = false  # default
store_source_path = false  # default
skip_existing = false  # default
no_hash_existing = false  # default
no_clobber = false  # default

[performance]
worker_threads = 3  # -j
batch_size = 1000  # default
max_memory_cache = 2048  # default
use_mmap = false  # default
mmap_threshold = 104857600  # default
db_pool_size = 10  # default
checkpoint_interval = 5  # default

[optimizations]
skip_hidden = false  # default
skip_files_larger_than = 5368709120  # hasher.toml:18
# skip_files_smaller_than = (unset)
skip_extensions = [".tmp", ".temp"]  # hasher.toml:20

[download]
user_agent = "say \"hi\" \\o/"  # --user-agent
timeout = 60  # default
retries = 5  # default
concurrency = 4  # default
)toml";

// Sets or unsets an environment variable for one test, restoring it after.
class ScopedEnv {
public:
  ScopedEnv(const char* name, const std::optional<std::string>& value)
      : m_name(name) {
    if (const char* old = std::getenv(name)) m_old = old;
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (m_old) {
      ::setenv(m_name.c_str(), m_old->c_str(), 1);
    } else {
      ::unsetenv(m_name.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  std::string m_name;
  std::optional<std::string> m_old;
};

// Changes the working directory for one test, restoring it after.
class ScopedCwd {
public:
  explicit ScopedCwd(const std::filesystem::path& dir)
      : m_old(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~ScopedCwd() {
    std::error_code ignored;
    std::filesystem::current_path(m_old, ignored);
  }
  ScopedCwd(const ScopedCwd&) = delete;
  ScopedCwd& operator=(const ScopedCwd&) = delete;

private:
  std::filesystem::path m_old;
};

// The message of the UsageError `action` throws, or "(no error)".
std::string usage_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const util::UsageError& error) {
    return error.what();
  }
  return "(no error)";
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

class ConfigFileTest : public test::TempDir {
protected:
  // Writes `text` to dir/name and returns the path.
  std::string write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories((dir() / name).parent_path());
    return write_file(name,
                      std::vector<std::uint8_t>(text.begin(), text.end()));
  }

  // The message read_config_file throws for a file holding `text`.
  std::string error_for(const std::string& text) {
    std::string path = write("bad.toml", text);
    return usage_error_of([&] { read_config_file(path); });
  }

  // "name=text@origin" for each value, in order.
  static std::vector<std::string> describe(const ConfigFile& file) {
    std::vector<std::string> out;
    for (const FileSetting& value : file.values) {
      out.push_back(std::string(value.setting->name) + "=" + value.text + "@" +
                    value.origin);
    }
    return out;
  }
};

TEST_F(ConfigFileTest, OriginalConfigLoadsUnchanged) {
  std::string path = write("config.toml", k_original_config);
  ConfigFile file = read_config_file(path);
  EXPECT_EQ(file.path, path);
  EXPECT_EQ(describe(file),
            (std::vector<std::string>{
                "database.db_string=sqlite://test.db@" + path + ":3",
                "database.table_name=hashes@" + path + ":4",
                "options.algorithms=crc32,md5,sha1@" + path + ":6",
            }));
  EXPECT_TRUE(file.warnings.empty());

  Config config;
  apply_config_file(file, config);
  EXPECT_EQ(config.text("database.db_string"), "sqlite://test.db");
  EXPECT_EQ(config.list("options.algorithms"),
            (std::vector<std::string>{"crc32", "md5", "sha1"}));
  EXPECT_EQ(config.origin("options.algorithms"), path + ":6");
}

TEST_F(ConfigFileTest, NotesBlockLoads) {
  std::string path = write("hasher.toml", k_notes_config);
  ConfigFile file = read_config_file(path);
  std::string at = "@" + path + ":";
  EXPECT_EQ(describe(file),
            (std::vector<std::string>{
                "performance.worker_threads=0" + at + "2",
                "performance.batch_size=1000" + at + "3",
                "performance.max_memory_cache=2048" + at + "4",
                "performance.use_mmap=true" + at + "5",
                "performance.mmap_threshold=104857600" + at + "6",
                "performance.db_pool_size=10" + at + "7",
                "performance.checkpoint_interval=300" + at + "8",
                "optimizations.skip_hidden=true" + at + "11",
                "optimizations.skip_files_larger_than=5368709120" + at + "12",
                "optimizations.skip_files_smaller_than=0" + at + "13",
                "optimizations.skip_extensions=.tmp,.temp,.lock" + at + "14",
            }));
  EXPECT_TRUE(file.warnings.empty());

  Config config;
  apply_config_file(file, config);
  EXPECT_EQ(config.integer("performance.checkpoint_interval"), 300);
  EXPECT_TRUE(config.flag("performance.use_mmap"));
  EXPECT_EQ(config.size("performance.mmap_threshold"), 104857600u);
  EXPECT_EQ(config.size("optimizations.skip_files_larger_than"), 5368709120u);
  EXPECT_EQ(config.list("optimizations.skip_extensions"),
            (std::vector<std::string>{".tmp", ".temp", ".lock"}));
  EXPECT_EQ(config.origin("optimizations.skip_extensions"), path + ":14");
}

TEST_F(ConfigFileTest, SizesAcceptSuffixedStrings) {
  std::string path = write("size.toml", "[optimizations]\n"
                                        "skip_files_larger_than = \"5G\"\n");
  Config config;
  apply_config_file(read_config_file(path), config);
  EXPECT_EQ(config.size("optimizations.skip_files_larger_than"), 5368709120u);
}

TEST_F(ConfigFileTest, HashesKeepFileOrder) {
  std::string path = write("order.toml", "[hashes]\n"
                                         "sha256 = true\n"
                                         "md5 = true\n"
                                         "crc32 = false\n"
                                         "blake3 = true\n");
  EXPECT_EQ(describe(read_config_file(path)),
            (std::vector<std::string>{"options.algorithms=sha256,md5,blake3@" +
                                      path + ":1"}));
}

TEST_F(ConfigFileTest, HashesErrorsNameLineAndKey) {
  std::string path = (dir() / "bad.toml").string();
  EXPECT_EQ(error_for("[hashes]\nmd5 = true\nnosuch = false\n"),
            path + ":3: hashes.nosuch: unknown algorithm");
  EXPECT_EQ(error_for("[hashes]\nmd5 = 1\n"),
            path + ":2: hashes.md5: expected a boolean, got an integer");
  EXPECT_EQ(error_for("\n[hashes]\nmd5 = false\nsha1 = false\n"),
            path + ":2: hashes: no algorithm is enabled");
  EXPECT_EQ(error_for("[hashes]\n"),
            path + ":1: hashes: no algorithm is enabled");
  EXPECT_EQ(error_for("hashes = 5\n"),
            path + ":1: hashes: expected a table, got an integer");
}

TEST_F(ConfigFileTest, TypeErrorsNameLineAndKey) {
  std::string path = (dir() / "bad.toml").string();
  EXPECT_EQ(
      error_for("[performance]\n\nbatch_size = \"lots\"\n"),
      path + ":3: performance.batch_size: expected an integer, got a string");
  EXPECT_TRUE(
      starts_with(error_for("[performance]\nuse_mmap = \"yes\"\n"),
                  path + ":2: performance.use_mmap: expected a boolean"))
      << error_for("[performance]\nuse_mmap = \"yes\"\n");
  EXPECT_TRUE(
      starts_with(error_for("[performance]\nmmap_threshold = 1.5\n"),
                  path + ":2: performance.mmap_threshold: expected an integer "
                         "or a string"));
  EXPECT_TRUE(starts_with(error_for("[database]\ndb_string = 5\n"),
                          path + ":2: database.db_string: expected a string"));
  EXPECT_EQ(error_for("[optimizations]\nskip_extensions = [\n  \".tmp\",\n"
                      "  3,\n]\n"),
            path + ":4: optimizations.skip_extensions: expected an array of "
                   "strings, got an item that is an integer");
  EXPECT_TRUE(starts_with(error_for("[options]\nexclude = [\"*.{a,b}\"]\n"),
                          path + ":2: options.exclude: a list item cannot "
                                 "contain ','"));
  EXPECT_EQ(error_for("performance = 3\n"),
            path + ":1: performance: expected a table, got an integer");
}

TEST_F(ConfigFileTest, OriginFlowsIntoConfigErrors) {
  std::string path = write("values.toml", "[performance]\n"
                                          "batch_size = 10\n"
                                          "mmap_threshold = \"lots\"\n");
  ConfigFile file = read_config_file(path);
  Config config;
  EXPECT_TRUE(
      starts_with(usage_error_of([&] { apply_config_file(file, config); }),
                  path + ":3: performance.mmap_threshold: expected a size"));
}

TEST_F(ConfigFileTest, SyntaxErrorNamesLine) {
  std::string path = (dir() / "bad.toml").string();
  EXPECT_TRUE(
      starts_with(error_for("[performance]\nbatch_size = \n"), path + ":2: "))
      << error_for("[performance]\nbatch_size = \n");
  EXPECT_TRUE(starts_with(error_for("[performance]\nbatch_size = 1\n"
                                    "batch_size = 2\n"),
                          path + ":3: "));
}

TEST_F(ConfigFileTest, UnreadableFileIsAnError) {
  std::string missing = (dir() / "missing.toml").string();
  EXPECT_EQ(usage_error_of([&] { read_config_file(missing); }),
            missing + ": cannot read: No such file or directory");
  std::string directory = dir().string();
  EXPECT_EQ(usage_error_of([&] { read_config_file(directory); }),
            directory + ": cannot read: Is a directory");
}

TEST_F(ConfigFileTest, UnknownNamesAreWarnings) {
  std::string path = write("warn.toml", "stray = 1\n"
                                        "[performance]\n"
                                        "worker_thread = 4\n"
                                        "batch_size = 7\n"
                                        "[performance.deeper]\n"
                                        "x = 1\n"
                                        "[cli]\n"
                                        "config = \"other.toml\"\n"
                                        "[nosuch]\n"
                                        "key = 1\n");
  ConfigFile file = read_config_file(path);
  EXPECT_EQ(file.warnings,
            (std::vector<std::string>{
                path + ":1: stray: unknown key",
                path + ":3: performance.worker_thread: unknown key",
                path + ":5: performance.deeper: unknown key",
                path + ":8: cli.config: unknown key",
                path + ":9: nosuch: unknown section",
            }));
  EXPECT_EQ(describe(file), (std::vector<std::string>{
                                "performance.batch_size=7@" + path + ":4"}));
}

TEST_F(ConfigFileTest, ConfigCommandOutputReadsBack) {
  std::string path = write("printed.toml", k_config_output);
  ConfigFile file = read_config_file(path);
  EXPECT_TRUE(file.warnings.empty());
  Config config;
  apply_config_file(file, config);
  EXPECT_EQ(config.list("options.algorithms"),
            (std::vector<std::string>{"crc32", "md5", "sha1"}));
  EXPECT_EQ(config.text("download.user_agent"), "say \"hi\" \\o/");
  EXPECT_EQ(config.list("options.include"), std::vector<std::string>{});
  EXPECT_EQ(config.size("optimizations.skip_files_larger_than"), 5368709120u);
  EXPECT_FALSE(config.size("optimizations.skip_files_smaller_than"));
}

// Every setting of the table but cli.* can be written in a file under its
// name, so a new row needs no change here.
TEST_F(ConfigFileTest, EverySettingHasAFileKey) {
  std::map<std::string, std::string> sections;
  std::size_t expected = 0;
  for (const Setting& setting : all_settings()) {
    std::string name(setting.name);
    std::string section = name.substr(0, name.find('.'));
    if (section == "cli") continue;
    std::string value;
    switch (setting.type) {
    case ValueType::flag:
    case ValueType::boolean:
      value = "true";
      break;
    case ValueType::integer:
      value = "7";
      break;
    case ValueType::size:
      value = "\"5G\"";
      break;
    case ValueType::text:
      value = "\"x\"";
      break;
    case ValueType::list:
      value = "[\"a\", \"b\"]";
      break;
    }
    sections[section] += name.substr(section.size() + 1) + " = " + value + "\n";
    ++expected;
  }
  std::string text;
  for (const auto& [section, keys] : sections) {
    text += "[" + section + "]\n" + keys;
  }
  ConfigFile file = read_config_file(write("all.toml", text));
  EXPECT_TRUE(file.warnings.empty());
  EXPECT_EQ(file.values.size(), expected);
  Config config;
  apply_config_file(file, config);
  for (const FileSetting& value : file.values) {
    EXPECT_TRUE(config.is_set(value.setting->name)) << value.setting->name;
  }
}

TEST_F(ConfigFileTest, FindsExplicitThenLocalThenUserFile) {
  std::filesystem::create_directories(dir() / "work");
  ScopedCwd cwd(dir() / "work");
  ScopedEnv xdg("XDG_CONFIG_HOME", std::nullopt);
  ScopedEnv home("HOME", (dir() / "home").string());

  EXPECT_EQ(find_config_file(std::nullopt), std::nullopt);

  std::string user = write("home/.config/hasher/config.toml", "");
  EXPECT_EQ(find_config_file(std::nullopt), user);

  {
    ScopedEnv relative("XDG_CONFIG_HOME", "relative/dir");
    EXPECT_EQ(find_config_file(std::nullopt), user);
  }
  {
    ScopedEnv absolute("XDG_CONFIG_HOME", (dir() / "xdg").string());
    EXPECT_EQ(find_config_file(std::nullopt), std::nullopt);
    std::string xdg_file = write("xdg/hasher/config.toml", "");
    EXPECT_EQ(find_config_file(std::nullopt), xdg_file);
  }

  write("work/hasher.toml", "");
  EXPECT_EQ(find_config_file(std::nullopt), "hasher.toml");

  std::string chosen = write("chosen.toml", "");
  EXPECT_EQ(find_config_file(chosen), chosen);
}

TEST_F(ConfigFileTest, ExplicitFileMustExist) {
  std::string missing = (dir() / "missing.toml").string();
  EXPECT_EQ(usage_error_of([&] { find_config_file(missing); }),
            missing + ": no such configuration file");
}

} // namespace
} // namespace hasher::config
