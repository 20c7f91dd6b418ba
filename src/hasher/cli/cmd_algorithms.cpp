// `hasher algorithms`: the registry as a table: name, bits, XOF, library.

#include <hasher/cli/commands.hpp>
#include <hasher/cli/exit_codes.hpp>
#include <hasher/digest/algorithm.hpp>

#include <cstdio>

namespace hasher::cli {

int cmd_algorithms(const Invocation&) {
  std::printf("%-18s %5s  %-4s %s\n", "name", "bits", "xof", "implementation");
  for (const digest::Algorithm& algorithm : digest::all_algorithms()) {
    std::printf(
        "%-18.*s %5u  %-4s %.*s\n", static_cast<int>(algorithm.name.size()),
        algorithm.name.data(), algorithm.bits,
        algorithm.xof == digest::Xof::yes ? "yes" : "no",
        static_cast<int>(algorithm.library.size()), algorithm.library.data());
  }
  return k_exit_ok;
}

} // namespace hasher::cli
