// `hasher dupes`: duplicate files from the catalog.

#include <hasher/cli/commands.hpp>
#include <hasher/util/errors.hpp>

namespace hasher::cli {

int cmd_dupes(const Invocation&) {
  throw util::UsageError("dupes: not written yet");
}

} // namespace hasher::cli
