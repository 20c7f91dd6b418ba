#pragma once

// Turns the walk-related settings (-L, --max-depth, --breadth-first, the
// filters and [optimizations]) into walk::WalkOptions.

#include <hasher/config/config.hpp>
#include <hasher/walk/tree_walker.hpp>

namespace hasher::cli {

// Throws util::UsageError naming the setting for a bad value (a negative
// depth, a malformed --newer/--older time).
walk::WalkOptions walk_options(const config::Config& config);

} // namespace hasher::cli
