// `hasher download URL|@LIST... DEST`.

#include <hasher/cli/commands.hpp>
#include <hasher/util/errors.hpp>

namespace hasher::cli {

int cmd_download(const Invocation&) {
  throw util::UsageError("download: not written yet");
}

} // namespace hasher::cli
