#include <hasher/cli/command_line.hpp>

#include <hasher/util/errors.hpp>

#include <gtest/gtest.h>

namespace hasher::cli {
namespace {

CommandLine parse(std::vector<const char*> args) {
  args.insert(args.begin(), "hasher");
  return parse_command_line(static_cast<int>(args.size()), args.data());
}

std::string value_of(const CommandLine& line, std::string_view name) {
  std::string value;
  for (const auto& [setting, text] : line.options) {
    if (setting->name == name) value = text;
  }
  return value;
}

TEST(CommandLine, CommandOptionsAndPositionals) {
  CommandLine line =
      parse({"hash", "-a", "md5", "--format=gnu", "x", "-j4", "--", "-y"});
  EXPECT_EQ(line.command, "hash");
  EXPECT_EQ(value_of(line, "options.algorithms"), "md5");
  EXPECT_EQ(value_of(line, "options.format"), "gnu");
  EXPECT_EQ(value_of(line, "performance.worker_threads"), "4");
  EXPECT_EQ(line.positionals, (std::vector<std::string>{"x", "-y"}));
}

TEST(CommandLine, BundledFlagsAndStdin) {
  CommandLine line = parse({"hash", "-qL", "-"});
  EXPECT_EQ(value_of(line, "options.quiet"), "true");
  EXPECT_EQ(value_of(line, "options.follow_symlinks"), "true");
  EXPECT_EQ(line.positionals, (std::vector<std::string>{"-"}));
}

TEST(CommandLine, OriginalToolAliases) {
  CommandLine line = parse({"hash", "--db-path", "x.db", "--silent-failures"});
  EXPECT_EQ(value_of(line, "database.db_string"), "x.db");
  EXPECT_EQ(value_of(line, "options.quiet"), "true");
}

TEST(CommandLine, DashCIsCheckInVerifyAndConfigElsewhere) {
  EXPECT_EQ(value_of(parse({"verify", "-c", "SUMS"}), "cli.check"), "true");
  EXPECT_EQ(value_of(parse({"hash", "-c", "my.toml"}), "cli.config"),
            "my.toml");
}

TEST(CommandLine, Errors) {
  EXPECT_THROW(parse({"hash", "--nope"}), util::UsageError);
  EXPECT_THROW(parse({"hash", "-a"}), util::UsageError);
  EXPECT_THROW(parse({"hash", "-Z"}), util::UsageError);
}

} // namespace
} // namespace hasher::cli
