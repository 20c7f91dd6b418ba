#include <hasher/config/config.hpp>

#include <hasher/util/errors.hpp>

#include <gtest/gtest.h>

namespace hasher::config {
namespace {

TEST(Config, DefaultsComeFromTheTable) {
  Config config;
  EXPECT_EQ(config.list("options.algorithms"),
            (std::vector<std::string>{"crc32", "md5", "sha1", "sha256"}));
  EXPECT_EQ(config.integer("performance.batch_size"), 1000);
  EXPECT_EQ(config.integer("performance.checkpoint_interval"), 5);
  EXPECT_FALSE(config.is_set("performance.batch_size"));
  EXPECT_EQ(config.origin("performance.batch_size"), "default");
}

TEST(Config, HigherLayersReplaceAndKeepTheirOrigin) {
  Config config;
  config.set(*find_setting("performance.worker_threads"), "3", "hasher.toml:4");
  config.set(*find_setting("performance.worker_threads"), "5", "-j");
  EXPECT_EQ(config.integer("performance.worker_threads"), 5);
  EXPECT_EQ(config.origin("performance.worker_threads"), "-j");
}

TEST(Config, ListsAppendWithinTheCommandLine) {
  Config config;
  config.set(*find_setting("options.exclude"), "*.tmp", "--exclude");
  config.set(*find_setting("options.exclude"), "*.bak", "--exclude");
  EXPECT_EQ(config.list("options.exclude"),
            (std::vector<std::string>{"*.tmp", "*.bak"}));
  config.set(*find_setting("options.algorithms"), "md5", "-a");
  EXPECT_EQ(config.list("options.algorithms"),
            (std::vector<std::string>{"md5"}));
}

TEST(Config, BadValuesNameOriginAndKey) {
  Config config;
  try {
    config.set(*find_setting("performance.batch_size"), "lots", "x.toml:7");
    FAIL() << "no error";
  } catch (const util::UsageError& error) {
    EXPECT_EQ(
        std::string(error.what())
            .rfind("x.toml:7: performance.batch_size: expected a whole number",
                   0),
        0u);
  }
}

TEST(Config, Sizes) {
  EXPECT_EQ(Config::parse_size("4096"), 4096u);
  EXPECT_EQ(Config::parse_size("64K"), 65536u);
  EXPECT_EQ(Config::parse_size("5G"), 5ull << 30);
  EXPECT_EQ(Config::parse_size("1MiB"), std::nullopt);
  EXPECT_EQ(Config::parse_size("2MB"), 2u << 20);
  EXPECT_EQ(Config::parse_size("x"), std::nullopt);
  EXPECT_EQ(Config::parse_size(""), std::nullopt);
}

} // namespace
} // namespace hasher::config
