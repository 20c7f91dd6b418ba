#include <hasher/cli/walk_settings.hpp>

#include <hasher/util/errors.hpp>

#include <chrono>

namespace hasher::cli {
namespace {

std::optional<std::int64_t> time_setting(const config::Config& config,
                                         const char* name) {
  std::string text = config.text(name);
  if (text.empty()) return std::nullopt;
  std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  std::optional<std::int64_t> value = walk::parse_time_filter(text, now);
  if (!value) {
    throw util::UsageError(config.origin(name) + ": " + name + ": '" + text +
                           "' is not a date (2024-05-01, "
                           "2024-05-01T12:00:00Z) or an age (30d, 12h)");
  }
  return value;
}

} // namespace

walk::WalkOptions walk_options(const config::Config& config) {
  walk::WalkOptions options;
  if (config.flag("options.follow_symlinks") &&
      !config.flag("options.no_follow_symlinks")) {
    options.follow = walk::FollowSymlinks::yes;
  }
  if (config.is_set("options.max_depth")) {
    std::int64_t depth = config.integer("options.max_depth");
    if (depth < 0) {
      throw util::UsageError(config.origin("options.max_depth") +
                             ": options.max_depth: must be 0 or more");
    }
    options.max_depth = static_cast<std::uint64_t>(depth);
  }
  if (config.flag("options.breadth_first")) {
    options.order = walk::WalkOrder::breadth_first;
  }
  walk::Filters& filters = options.filters;
  filters.include = config.list("options.include");
  filters.exclude = config.list("options.exclude");
  if (config.flag("optimizations.skip_hidden")) {
    filters.skip_hidden = walk::SkipHidden::yes;
  }
  filters.min_size = config.size("optimizations.skip_files_smaller_than");
  filters.max_size = config.size("optimizations.skip_files_larger_than");
  filters.newer_ns = time_setting(config, "options.newer");
  filters.older_ns = time_setting(config, "options.older");
  filters.skip_extensions = config.list("optimizations.skip_extensions");
  return options;
}

} // namespace hasher::cli
